"""Sentence splitting: offline Punkt, abbreviations kept inside their sentence."""

import pytest

from briefing.sentences import normalize_space, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Geir Pedersen, the U.N.'s special envoy for Syria, urged talks. He spoke in Doha.",
            [
                "Geir Pedersen, the U.N.'s special envoy for Syria, urged talks.",
                "He spoke in Doha.",
            ],
        ),
        (
            "The U.S. Army said Gen. Mark Smith arrived on Dec. 8 at 5 p.m. local time. Nobody else came.",
            [
                "The U.S. Army said Gen. Mark Smith arrived on Dec. 8 at 5 p.m. local time.",
                "Nobody else came.",
            ],
        ),
        (
            "The U.N. Security Council met. Gen. Milley spoke after the U.S. delegation.",
            ["The U.N. Security Council met.", "Gen. Milley spoke after the U.S. delegation."],
        ),
        (
            "They met at No. 10 Downing St. on Friday. Mr. Smith agreed, e.g. on trade.",
            ["They met at No. 10 Downing St. on Friday.", "Mr. Smith agreed, e.g. on trade."],
        ),
        ('"Go home," he said. "Now!" She left.', ['"Go home," he said.', '"Now!"', "She left."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text, expected):
    assert list(split_sentences(text)) == expected


def test_sentences_are_verbatim_slices_with_whitespace_normalised():
    text = "First   sentence\nwraps here.  Second\tone ends!  Third?"
    sentences = split_sentences(text)
    assert sentences == ("First sentence wraps here.", "Second one ends!", "Third?")
    assert all(s in normalize_space(text) for s in sentences)


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == ()


def test_text_without_punctuation_is_one_sentence():
    assert split_sentences("no punctuation at all here") == ("no punctuation at all here",)
