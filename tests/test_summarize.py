"""Rankers: every method ranks every sentence exactly once, by the same call."""

import pytest

from briefing.errors import BriefingError
from briefing.read import read_text
from briefing.summarize import METHODS, method_label, rank
from briefing.summarize.rankers import SumyTokenizer

ARTICLE = read_text(
    "Storm hits coast\n"
    "A powerful storm hit the northern coast on Monday, cutting power to thousands of homes. "
    "Officials said the storm was the strongest in a decade.\n"
    "Rescue teams reached the coast by evening. The storm damaged roads and bridges along the coast.\n"
    "Recovery\n"
    "Power was restored to most homes by Wednesday. Schools stayed closed for a week after the storm.\n"
)


@pytest.mark.parametrize("method", METHODS)
def test_every_method_ranks_every_sentence_once(method):
    ranking = rank(ARTICLE, method)
    assert sorted(ranking.order) == list(range(len(ARTICLE.sentences())))
    assert ranking.method == method_label(method)


@pytest.mark.parametrize("method", METHODS)
def test_rankings_are_deterministic(method):
    assert rank(ARTICLE, method) == rank(ARTICLE, method)


def test_lead_is_document_order_and_lexrank_prefers_central_sentences():
    assert rank(ARTICLE, "lead").order == (0, 1, 2, 3, 4, 5)
    top = rank(ARTICLE, "lexrank").order[0]
    assert "storm" in ARTICLE.sentences()[top].text.lower()


def test_method_names_are_case_insensitive_and_unknown_ones_list_the_known():
    assert rank(ARTICLE, "LexRank").method == "LexRank"
    with pytest.raises(BriefingError, match="known methods: default, lexrank"):
        rank(ARTICLE, "bert")


def test_sumy_tokenizer_words_and_sentences():
    tokenizer = SumyTokenizer()
    assert tokenizer.to_words('The U.N.\'s envoy, Pedersen, said: "go".') == (
        "The",
        "U.N.",
        "'s",
        "envoy",
        "Pedersen",
        "said",
        "go",
    )
    assert tokenizer.to_sentences("Gen. Smith left. He came back.") == (
        "Gen. Smith left.",
        "He came back.",
    )


@pytest.mark.parametrize("method", METHODS)
def test_each_method_contract_count_order_verbatim(method):
    """Through compose, as make uses it: at most K key points, in document order, verbatim."""
    from briefing.compose import compose

    from .conftest import ISSUED

    source = " ".join(p.text for s in ARTICLE.sections for p in s.paragraphs)
    for k in (1, 2, 4):
        briefing = compose(ARTICLE, rank(ARTICLE, method), key_points=k, sentences=1, issued=ISSUED)
        positions = [s.position for s in briefing.key_points]
        assert len(positions) == k and positions == sorted(positions)
        assert all(s.text in source for s in briefing.key_points)
        for section in briefing.sections:
            assert len(section.bullets) <= 1


def test_default_ranker_puts_redundant_sentences_last():
    from briefing.summarize.default import trigram_blocked

    texts = ["The storm hit the coast today.", "The storm hit the coast again.", "Schools closed."]
    assert trigram_blocked([0, 1, 2], texts) == (0, 2, 1)


def test_degenerate_text_still_gets_a_whole_ranking_from_every_method():
    same = read_text("T\n" + "Same words here. " * 6 + "\n")
    for method in METHODS:
        assert sorted(rank(same, method).order) == list(range(6))


def test_sumy_methods_refuse_articles_too_long_for_them(monkeypatch):
    import briefing.summarize as summarize

    monkeypatch.setattr(summarize, "MAX_SUMY_SENTENCES", 3)
    with pytest.raises(BriefingError, match="too long for LexRank"):
        rank(ARTICLE, "lexrank")
    assert len(rank(ARTICLE, "default").order) == 6


def _plain_set_row(members, scores, content, needs):
    """The set model's features of one set, written out the slow, obvious way."""
    import math
    from collections import Counter
    from itertools import combinations

    from briefing.summarize.references import loose_in

    n = len(scores)
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    ranks = [order.index(i) for i in members]
    doc_tf = Counter(w for ws in content for w in ws)
    top = {w for w, _ in doc_tf.most_common(10)}
    words = [set(content[i]) for i in members]
    overlaps = [len(a & b) / len(a | b) if a | b else 0.0 for a, b in combinations(words, 2)]
    covered = set().union(*words)
    chosen = [scores[i] for i in members]
    span = max(n - 1, 1)
    return [
        sum(chosen),
        min(chosen),
        max(scores) - min(chosen),
        sum(ranks),
        max(ranks),
        min(ranks) == 0,
        max(overlaps),
        sum(overlaps) / len(overlaps),
        sum(doc_tf[w] for w in covered) / max(sum(doc_tf.values()), 1),
        len(covered & top) / max(min(len(doc_tf), 10), 1),
        math.log1p(sum(len(content[i]) for i in members)),
        min(members) / span,
        sum(members) / len(members) / span,
        0 in members,
        len(loose_in(members, needs)),
        math.log(1 + n),
    ]


@pytest.mark.parametrize("seed", range(6))
def test_set_features_are_those_of_each_set_on_its_own(seed):
    """Random documents with tied scores, tied word counts (the keywords' cut) and
    sentences that need others, in and out of the candidates."""
    import random

    import numpy as np

    from briefing.summarize.subsets import candidate_sets, set_features

    rng = random.Random(seed)
    n = rng.randint(4, 16)
    vocabulary = [f"w{k}" for k in range(rng.randint(5, 40))]
    content = [rng.choices(vocabulary, k=rng.randint(0, 9)) for _ in range(n)]
    scores = [rng.choice([-1.0, -0.25, 0.0, 0.5, 2.0]) for _ in range(n)]
    needs = [frozenset(rng.sample(range(i), min(i, rng.randint(0, 2)))) for i in range(n)]
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    sets = candidate_sets(rng.sample(order, len(order)))
    rows = set_features(sets, scores, content, needs)
    expected = np.array([_plain_set_row(s, scores, content, needs) for s in sets], dtype=float)
    assert rows.shape == expected.shape and rows.dtype == np.float64
    assert np.allclose(rows, expected, rtol=0, atol=1e-12)
