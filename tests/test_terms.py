"""The weighted counts stories compares articles by, on a text small enough to count by hand."""

from __future__ import annotations

from briefing.stories import Doc
from briefing.terms import counts, lead

QUAKE = Doc(
    "Quake hits Chile",
    "A quake hit Chile on March 3. Officials in Valparaiso said 2 died and 5G masts fell.",
)


def _as_lists(flat):
    """Each article's (term, count) pairs in the order counted (the first seen first: the
    TF-IDF's ties go by it)."""
    terms, numbers, sizes = flat
    assert len(terms) == len(numbers) == sum(sizes)
    return [list(zip(terms[a : a + k], numbers[a : a + k])) for a, k in _starts(sizes)]


def _starts(sizes):
    at = 0
    for k in sizes:
        yield at, k
        at += k


def test_the_lead_is_the_first_sentence():
    assert lead(QUAKE.text) == ("A quake hit Chile on March 3.", QUAKE.text[30:])
    assert lead("No end here") == ("No end here", "")


def test_words_weigh_the_title_and_lead_and_drop_stop_and_one_letter_words():
    words, _ = counts([QUAKE], title_weight=3, lead_weight=2)
    assert _as_lists(words) == [
        [("officials", 1), ("valparaiso", 1), ("2", 1), ("died", 1), ("5g", 1), ("masts", 1)]
        + [("fell", 1), ("quake", 2 + 3), ("hit", 2), ("chile", 2 + 3), ("march", 2)]
        + [("3", 2), ("hits", 3)]
    ]


def test_entities_are_names_inside_a_sentence_and_numbers():
    """ "Officials" opens a sentence and "A" a line: not names. A title word counts as a
    name only when the text uses it as one ("Chile", not "Quake")."""
    _, entities = counts([QUAKE], title_weight=3, lead_weight=2)
    assert _as_lists(entities) == [
        [("valparaiso", 1), ("chile", 2 + 3), ("march", 2), ("2", 1), ("5g", 1), ("3", 2)]
    ]


def test_a_number_is_a_word_that_begins_with_any_digit():
    """ "²" and "٣" begin with a digit (str.isdigit; "²" is not a regular expression's \\d);
    "m²" and "x20" do not."""
    doc = Doc("", "prices rose 4 per m² and ² alone, x20 and 5G and ٣ more")
    _, entities = counts([doc], title_weight=3, lead_weight=2)
    assert _as_lists(entities) == [[("4", 2), ("²", 2), ("5g", 2), ("٣", 2)]]


def test_every_article_keeps_its_place_and_an_empty_one_has_no_terms():
    words, entities = counts([QUAKE, Doc("", ""), QUAKE], 3, 2)
    assert words[2] == [13, 0, 13] and entities[2] == [6, 0, 6]
    assert _as_lists(words)[0] == _as_lists(words)[2] and _as_lists(words)[1] == []


def test_counted_in_worker_processes_a_span_at_a_time_the_same_as_here():
    docs = [QUAKE, Doc("", ""), Doc("Another", "A 7.1 tremor hit Japan."), Doc("", "")] * 5
    here = counts(docs, 3, 2)
    assert counts(docs, 3, 2, jobs=2, span=2) == here  # lists: the same order too
    assert counts(docs, 3, 2, jobs=2, span=3) == here
