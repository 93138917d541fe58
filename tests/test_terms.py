"""The weighted counts stories compares articles by, on a text small enough to count by hand."""

from __future__ import annotations

from briefing.stories import Doc
from briefing.terms import counts, lead

QUAKE = Doc(
    "Quake hits Chile",
    "A quake hit Chile on March 3. Officials in Valparaiso said 2 died and 5G masts fell.",
)


def _as_dicts(flat):
    terms, numbers, sizes = flat
    assert len(terms) == len(numbers) == sum(sizes)
    return [dict(zip(terms[a : a + k], numbers[a : a + k])) for a, k in _starts(sizes)]


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
    assert _as_dicts(words) == [
        {"officials": 1, "valparaiso": 1, "2": 1, "died": 1, "5g": 1, "masts": 1, "fell": 1}
        | {"quake": 2 + 3, "hit": 2, "chile": 2 + 3, "march": 2, "3": 2, "hits": 3}
    ]


def test_entities_are_names_inside_a_sentence_and_numbers():
    """ "Officials" opens a sentence and "A" a line: not names. A title word counts as a
    name only when the text uses it as one ("Chile", not "Quake")."""
    _, entities = counts([QUAKE], title_weight=3, lead_weight=2)
    assert _as_dicts(entities) == [
        {"valparaiso": 1, "chile": 2 + 3, "march": 2, "2": 1, "5g": 1, "3": 2}
    ]


def test_every_article_keeps_its_place_and_an_empty_one_has_no_terms():
    words, entities = counts([QUAKE, Doc("", ""), QUAKE], 3, 2)
    assert words[2] == [13, 0, 13] and entities[2] == [6, 0, 6]
