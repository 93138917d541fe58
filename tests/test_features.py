"""The ranker's similarity features against a plain reference, and on texts with known answers.

``sentence_features`` computes the cosine to the centroid and to the lead from norms
computed once (linear time) and centrality through a term index. The reference below is
the obvious way: copy the centroid (or lead) without the sentence, then take the cosine;
compare every sentence with every neighbour in the window. Values must agree to rounding,
both from the dense NumPy matrix an article takes (``dense.py``) and from the dictionary
code a document too big for it takes (every test runs both ways).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.read import read_path, read_text
from briefing.summarize import dense, features
from briefing.summarize.features import FEATURES, sentence_features, stop_words, tokens

from .conftest import ROOT, SEED, SHARED

TEXTS = [SEED, *sorted((ROOT / "tests" / "articles").glob("*.txt"))]
DEV = SHARED / "eval" / "cnndm_val1000.jsonl"
SIMILARITIES = ("centroid", "lead_sim", "prev_sim", "fwd_centrality", "bwd_centrality")


@pytest.fixture(autouse=True, params=["dense", "dict"])
def way(request):
    """Each test once with the dense matrix, once with the dictionaries (no matrix fits)."""
    if request.param == "dict":
        with mock.patch.object(dense, "MAX_CELLS", 0):
            yield request.param
    else:
        yield request.param


def test_articles_take_the_dense_matrix_and_huge_texts_do_not(way):
    # The switch itself: a dense path that never ran (or ran on any size) passes the rest.
    content = [["red", "apples"], ["blue", "whales"]]
    assert (dense.similarities(content, 200) is None) == (way == "dict")
    assert dense.similarities([[f"w{i}" for i in range(1001)]] * 1000, 200) is None
    # few terms but many sentences: the pairs' matrix (n by n) must stay bounded too
    assert dense.similarities([["w"]] * 1001, 200) is None


def _plain_cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm > 1e-12 else 0.0


def _minus(total: dict[str, float], a: dict[str, float]) -> dict[str, float]:
    return {w: v - a.get(w, 0.0) for w, v in total.items()}


def _plus(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for vector in vectors:
        total.update(vector)
    return dict(total)


def reference(sentences: list[str], window: int) -> list[dict[str, float]]:
    """The similarity features the slow, obvious way."""
    stops = stop_words()
    docs = [[w for w in tokens(s) if w not in stops] for s in sentences]
    n = len(docs)
    df = Counter(w for doc in docs for w in set(doc))
    idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
    vectors = [{w: c * idf[w] for w, c in Counter(doc).items()} for doc in docs]
    centroid, lead = _plus(vectors), _plus(vectors[:3])
    rows = []
    for i, v in enumerate(vectors):
        after = [_plain_cosine(v, vectors[j]) for j in range(i + 1, min(n, i + 1 + window))]
        before = [_plain_cosine(vectors[j], v) for j in range(max(0, i - window), i)]
        rows.append(
            {
                "centroid": _plain_cosine(v, _minus(centroid, v)),
                "lead_sim": _plain_cosine(v, _minus(lead, v) if i < 3 else lead),
                "prev_sim": _plain_cosine(v, vectors[i - 1]) if i else 0.0,
                "fwd_centrality": sum(after) / len(after) if after else 0.0,
                "bwd_centrality": sum(before) / len(before) if before else 0.0,
            }
        )
    return rows


def named(sentences: list[str]) -> list[dict[str, float]]:
    return [dict(zip(FEATURES, row)) for row in sentence_features(sentences)]


def assert_matches_reference(sentences: list[str], window: int) -> None:
    expected = reference(sentences, window)
    got = named(sentences)
    assert len(got) == len(expected) == len(sentences)
    for i, (row, want) in enumerate(zip(got, expected)):
        for name in SIMILARITIES:
            assert row[name] == pytest.approx(want[name], rel=1e-9, abs=1e-12), (i, name)


def sentences_of(path: Path) -> list[str]:
    return [s.text for s in read_path(path).sentences()]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_similarities_match_the_plain_reference(path):
    # Any slip in the O(len(a)) algebra (|c - a|^2 without its cross term, the sentence kept
    # in its own centroid, the lead minus a sentence that is not in it) shows on real text.
    assert_matches_reference(sentences_of(path), features._WINDOW)


def test_centrality_window_of_200_is_cut_on_a_long_text():
    # Over 200 sentences, so the default window really bounds the pairs and the divisors
    # (the texts twice: the sentence gate leaves under 300 in them once).
    sentences = [s for path in TEXTS for s in sentences_of(path)] * 2
    assert len(sentences) > features._WINDOW + 100
    assert_matches_reference(sentences, features._WINDOW)


@pytest.mark.parametrize("window", [1, 2, 7])
def test_centrality_window_bounds(window):
    # Small windows on the seed: an off-by-one at either end of the window, or a mean over
    # the sharing pairs instead of over the whole window, changes these values.
    with mock.patch.object(features, "_WINDOW", window):
        assert_matches_reference(sentences_of(SEED), window)


WORDS = ["red", "apples", "blue", "whales", "sing", "it", "is", "the", "Red"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=6), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=4),
)
def test_tiny_documents_match_the_reference(docs, window):
    # Empty and stop-word-only sentences, repeats, one-sentence documents and a sentence
    # that holds the whole centroid: where |c|^2 - sum over a's terms cancels to ~0.
    sentences = [" ".join(words) + "." for words in docs]
    with mock.patch.object(features, "_WINDOW", window):
        assert_matches_reference(sentences, window)


@pytest.mark.skipif(
    not DEV.is_file(), reason=f"optional data {DEV} is missing (../shared not beside the project)"
)
def test_dev_stories_match_the_reference():
    with open(DEV, encoding="utf-8") as handle:
        stories = [json.loads(line)["article"] for _, line in zip(range(100), handle)]
    for story in stories:
        article = read_text(story, has_title=False)
        assert_matches_reference([s.text for s in article.sentences()], features._WINDOW)


def test_repeated_sentence_is_its_own_centroid_and_empty_sentence_scores_zero():
    rows = named(["Red apples.", "Red apples.", "Red apples.", "It is what it is."])
    # The rest of the document is two copies of the sentence: cosine 1; the last sentence
    # is all stop words: an empty vector, 0 everywhere (not a division by zero).
    assert [r["centroid"] for r in rows] == pytest.approx([1, 1, 1, 0])
    assert [r["lead_sim"] for r in rows] == pytest.approx([1, 1, 1, 0])
    assert [r["prev_sim"] for r in rows] == pytest.approx([0, 1, 1, 0])
    # Means over the whole window, zeros included: (1 + 1 + 0) / 3, not over sharing pairs.
    assert [r["fwd_centrality"] for r in rows] == pytest.approx([2 / 3, 1 / 2, 0, 0])
    assert [r["bwd_centrality"] for r in rows] == pytest.approx([0, 1, 1, 0])


def test_single_sentence_has_nothing_to_be_similar_to():
    # Centroid minus the only sentence is exactly empty: 0.0, not rounding noise / tiny norm.
    (row,) = named(["Red apples ripen in the sun, red apples ripen in the rain."])
    assert [row[name] for name in SIMILARITIES] == [0.0] * 5


def test_known_cosines_with_the_rest_and_the_lead():
    rows = named(["Red apples.", "Blue whales.", "Red apples.", "Red apples."])
    # tf-idf weights: "red", "apples" are in 3 of 4 sentences, "blue", "whales" in 1.
    x, y = math.log(5 / 4) + 1, math.log(5 / 2) + 1
    # Sentence 0 against the rest (2x, 2x, y, y); kept in its own centroid it would be
    # 3x / sqrt(9x^2 + y^2).
    assert rows[0]["centroid"] == pytest.approx(2 * x / math.sqrt(4 * x * x + y * y))
    assert rows[1]["centroid"] == 0.0  # shares no word with the rest
    # The lead is sentences 0-2 (2x, 2x, y, y): sentence 0 is taken out of it, ...
    assert rows[0]["lead_sim"] == pytest.approx(x / math.sqrt(x * x + y * y))
    assert rows[1]["lead_sim"] == 0.0
    # ... sentence 3 is not in it, so nothing is taken out.
    assert rows[3]["lead_sim"] == pytest.approx(2 * x / math.sqrt(4 * x * x + y * y))


CUES = ("quote", "quote_start", "digit", "said", "question", "first_person", "pronoun_start")
CUES += ("colon", "paren")


@pytest.mark.parametrize(
    ("sentence", "on"),
    [
        ('"Go," the coach said.', {"quote", "quote_start", "said"}),
        ("The “no” vote won.", {"quote"}),
        ("Rain at ‘five’ (sharp).", {"quote", "paren"}),
        ("It’s done.", {"quote", "pronoun_start"}),  # the typographic apostrophe counts
        ("It's done.", {"pronoun_start"}),  # the typewriter one does not
        ("Police said so.", {"said"}),
        ("Sales rose 3 percent.", {"digit"}),
        ("A record?", {"question"}),
        ("Note: sales rose.", {"colon"}),
        ("Rain (again) fell.", {"paren"}),
        ("We won.", {"first_person"}),
        ("Give us a break.", {"first_person"}),
        ("I know.", {"first_person"}),
        # the country, not the pronoun (issue 14: lower-casing first made "US" read as "us")
        ("US media giant TimeWarner jumped.", set()),
        ("WE ARE BACK.", set()),
        ("It rained.", {"pronoun_start"}),
    ],
)
def test_cue_features_land_on_their_names(sentence, on):
    # No two cues are on for the same set of these sentences, so a cue moved to another
    # place in the row (they are spliced in as one block) turns on under the wrong name.
    (row,) = named([sentence])
    assert len(row) == len(FEATURES)
    assert {name for name in CUES if row[name]} == on


@given(st.text(alphabet="iImeMEwWusUSoOr _.'’\u0130\u0131é1²", max_size=14))
def test_quick_cue_finders_agree_with_reading_every_token(text):
    """Speed (issue 14): first person and digits found without reading every token or
    character give what reading them all gives."""
    from briefing.summarize.features import (
        _FIRST_PERSON,
        _TOKEN,
        _cues,
        _first_person,
        _has_digit,
        tokens,
    )

    every_token = any(
        w.lower() in _FIRST_PERSON and (len(w) == 1 or not w.isupper())
        for w in _TOKEN.findall(text)
    )
    assert _first_person(text) == every_token
    assert _cues(text, tokens(text))[5] == every_token  # looked for only if its tokens hold it
    assert _has_digit(text) == any(map(str.isdigit, text))


def test_content_words_given_by_the_caller_are_the_ones_used():
    """rank_default filters the stop words once for both models and passes them in."""
    texts = ["The storm hit the coast.", "The storm closed the coast road.", "Rain fell."]
    words = [tokens(t) for t in texts]
    given = [[w for w in ws if w != "storm"] for ws in words]  # not the stop-word filter's
    assert sentence_features(texts, words, content=given) != sentence_features(texts, words)
    kept = [[w for w in ws if w not in stop_words()] for ws in words]
    assert sentence_features(texts, words, content=kept) == sentence_features(texts, words)
