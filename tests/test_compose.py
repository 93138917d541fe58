"""Composing a briefing: counts, document order, no repeats, verbatim sentences."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.compose import SectionSelection, compose
from briefing.model import Article, Paragraph, Ranking, Section
from briefing.read import read_text
from briefing.summarize import rank

from .conftest import ISSUED


def article_of(sections):
    """An Article from [(heading, [[sentence, ...], ...]), ...]."""
    return Article(
        source="t.txt",
        title="T",
        sections=tuple(
            Section(h, tuple(Paragraph(" ".join(p), tuple(p)) for p in paragraphs))
            for h, paragraphs in sections
        ),
    )


SMALL = article_of(
    [(None, [["a0.", "a1."], ["a2."]]), ("B", [["b0.", "b1.", "b2."]]), ("C", [["c0."]])]
)


def test_key_points_are_the_top_ranked_in_document_order():
    briefing = compose(
        SMALL, Ranking((5, 0, 3, 1, 2, 4, 6), "Test"), key_points=3, sentences=2, issued=ISSUED
    )
    assert [s.text for s in briefing.key_points] == ["a0.", "b0.", "b2."]


def test_sections_take_their_best_sentences_not_already_key_points():
    briefing = compose(
        SMALL, Ranking((5, 0, 3, 1, 2, 4, 6), "Test"), key_points=3, sentences=2, issued=ISSUED
    )
    assert [(s.heading, [b.text for b in s.bullets]) for s in briefing.sections] == [
        (None, ["a1.", "a2."]),
        ("B", ["b1."]),
        ("C", ["c0."]),
    ]
    assert briefing.selected == 7 and briefing.total_sentences == 7 and briefing.method == "Test"


def test_a_section_with_nothing_left_is_left_out():
    article = article_of([(None, [["a0.", "a1."]]), ("B", [["b0."]])])
    briefing = compose(
        article, Ranking((2, 0, 1), "Test"), key_points=1, sentences=2, issued=ISSUED
    )
    assert [s.heading for s in briefing.sections] == [None]
    assert briefing.headings == (None, "B")


def test_the_same_text_twice_is_quoted_once():
    article = article_of(
        [(None, [["Same words.", "Other words."]]), ("B", [["Same words.", "More."]])]
    )
    briefing = compose(
        article, Ranking((0, 2, 1, 3), "Test"), key_points=2, sentences=2, issued=ISSUED
    )
    quoted = [s.text for s in briefing.key_points] + [
        b.text for s in briefing.sections for b in s.bullets
    ]
    assert quoted.count("Same words.") == 1 and len(quoted) == len(set(quoted))


def test_zero_counts():
    briefing = compose(
        SMALL, Ranking(tuple(range(7)), "Test"), key_points=0, sentences=0, issued=ISSUED
    )
    assert briefing.key_points == () and briefing.sections == ()


# --- properties over generated articles ----------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
SENTENCE = st.lists(WORD, min_size=2, max_size=9).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4)
HEADING = st.lists(WORD, min_size=1, max_size=3).map(lambda ws: " ".join(ws).title())


@st.composite
def article_texts(draw):
    lead = draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    parts = draw(
        st.lists(st.tuples(HEADING, st.lists(PARAGRAPH, min_size=1, max_size=3)), max_size=3)
    )
    lines = ["Generated title"] + [" ".join(p) for p in lead]
    for heading, paragraphs in parts:
        lines += [heading] + [" ".join(p) for p in paragraphs]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(
    article_texts(),
    st.integers(0, 5),
    st.integers(0, 4),
    st.sampled_from(["lexrank", "lead", "textrank", "random"]),
)
def test_every_bullet_is_a_sentence_of_the_source_in_order_within_counts(text, k, n, method):
    article = read_text(text)
    briefing = compose(article, rank(article, method), key_points=k, sentences=n, issued=ISSUED)
    sentences = article.sentences()
    source_text = " ".join(text.split())
    lists = [briefing.key_points] + [s.bullets for s in briefing.sections]
    for bullets in lists:
        assert [b.position for b in bullets] == sorted(
            b.position for b in bullets
        )  # document order
        for b in bullets:
            assert sentences[b.position] == b  # provenance points at the sentence itself
            assert b.text in source_text  # verbatim
    assert len(briefing.key_points) == min(k, len({s.text.casefold() for s in sentences}))
    for section in briefing.sections:
        assert 1 <= len(section.bullets) <= n
        assert all(b.section == section.section for b in section.bullets)
    quoted = [b.position for bullets in lists for b in bullets]
    assert len(quoted) == len(set(quoted))  # nothing repeated


# --- length controls ----------------------------------------------------------------------

from briefing.model import Length  # noqa: E402

TEN = article_of([(None, [[f"Sentence number {i} has {'many ' * i}words."] for i in range(10)])])
BY_POSITION = Ranking(tuple(range(10)), "Test")


def key_texts(length):
    return [
        s.text
        for s in compose(TEN, BY_POSITION, key_points=length, sentences=0, issued=ISSUED).key_points
    ]


def test_ratio_takes_a_share_of_the_sentences_at_least_one():
    assert len(key_texts(Length(ratio=0.2))) == 2
    assert len(key_texts(Length(ratio=0.01))) == 1
    assert len(key_texts(Length(ratio=0.0))) == 0
    assert len(key_texts(Length(ratio=1.0))) == 10


def test_word_budget_takes_whole_sentences_that_fit_skipping_long_ones():
    texts = key_texts(Length(words=12))  # 5 + 6 = 11 words fit; the third (7) would not
    assert texts == ["Sentence number 0 has words.", "Sentence number 1 has many words."]
    assert sum(len(t.split()) for t in texts) <= 12
    ranking = Ranking(
        (9, 0, 1, 2, 3, 4, 5, 6, 7, 8), "Test"
    )  # the best is long: skipped, not truncated
    briefing = compose(TEN, ranking, key_points=Length(words=12), sentences=0, issued=ISSUED)
    assert [s.position for s in briefing.key_points] == [0, 1]


def test_word_budget_smaller_than_any_sentence_still_gives_the_best_one():
    assert key_texts(Length(words=2)) == ["Sentence number 0 has words."]


def test_count_and_budget_together_the_tighter_wins():
    assert len(key_texts(Length(count=1, words=100))) == 1
    assert len(key_texts(Length(count=5, words=12))) == 2


def test_length_describes_itself():
    assert str(Length(count=3)) == "3" and str(Length(ratio=0.2)) == "20%"
    assert str(Length(count=3, words=120)) == "3, 120 words"


# --- section selection ----------------------------------------------------------------------

# c0 ranks first, then b1, then a2: by importance the sections go C, B, lead
C_THEN_B_THEN_LEAD = Ranking((6, 4, 2, 0, 1, 3, 5), "Test")


@pytest.mark.parametrize(
    ("selection", "headings"),
    [
        (SectionSelection(), [None, "B", "C"]),
        (SectionSelection(order="importance"), ["C", "B", None]),
        (SectionSelection(order="importance", max_sections=2), ["C", "B"]),
        (SectionSelection(order="document", max_sections=2), ["B", "C"]),
        (SectionSelection(order="importance", skip=("c",)), ["B", None]),
    ],
    ids=["document", "importance", "importance-max-2", "document-max-2", "importance-skip-c"],
)
def test_sections_in_document_order_or_by_the_rank_of_their_best_sentence(selection, headings):
    briefing = compose(
        SMALL, C_THEN_B_THEN_LEAD, key_points=0, sentences=1, issued=ISSUED, selection=selection
    )
    assert [s.heading for s in briefing.sections] == headings
    # each section shows its own best sentence, whatever the order of the sections
    best = {None: "a2.", "B": "b1.", "C": "c0."}
    assert [[b.text for b in s.bullets] for s in briefing.sections] == [[best[h]] for h in headings]
