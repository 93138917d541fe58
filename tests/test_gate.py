"""The sentence gate (briefing/read/gate.py): real pieces that must go, real sentences that
must stay. The pieces to refuse are what the audit of the shared pages found as bullets
(../shared/audits/real-pages.md, by page key); the sentences to keep are from the same
pages and from CNN and BBC stories."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.read import read_text
from briefing.read.gate import fragments, is_box_score, is_sentence

NOT_SENTENCES = [
    "-12.99",  # 51374560, a ticker's cell
    "0",  # 11ea381a, a results table
    "🙂",  # 52111884
    "Tested by: John Milbank RRP: 49.95 Euro (£40) More info: www.example.de.",  # 30b771a4
    "Arrowhead bottled water",  # 0e014df6, a list item
    "A: Trip to Disney World",  # 4648a420
    "2019-11-19T08:57:40+01:00",  # fde930b0
    "https://www.example.com/images/2019/11/photo.jpg.",  # an address, even with a stop
    "Security.",  # one word
    "Sorry!",
    "Davis 17 points.",  # c81e134e, a box score's line
    "Kelli Howard 6 steals.",  # c81e134e
    "Palm Bay (1-0): Tolivert 25 points.",  # c81e134e
    "Megan Cook 4 total.",  # c81e134e
    "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.",  # 5f03fc17, a recipe's info line
    "If you are …",  # c582d3b7, an intro trailing off into a list
    "dressing), 1 Tbsp.",  # 5f03fc17, a recipe cut at "tsp."
    "… stick around.",  # c582d3b7, the end of a sentence cut at an ellipsis
    "Updated 10:32 a.m. ET, Nov. 19, 2019.",  # a timestamp with a full stop
    "'Saturday Night Live,' Saturday, 11:29 p.m.",  # CNN: a TV listing
    "Passengers: 150 (144 passengers, six crew members) Airplane: Airbus A320.",  # CNN: an info box
    "asks Baker.",  # an attribution alone (the splitter keeps it with its quotation)
    "Home | News | Sport | Weather.",  # a menu
    "Kindle for PCの起動",  # Japanese, no stop: a heading
]
SENTENCES = [
    "Roads closed.",
    "He was 59.",  # CNN: short, with a figure, and a sentence
    "Prices rose 6%.",
    "In 2019, 1,200 people died.",
    "Obama won 52% of the vote.",
    "Summary: The council met on Monday and agreed the budget.",
    '"We will see where this goes..."',  # a quotation trailing off is still one
    "It says I work here...",  # BBC: a reader's comment trailing off
    "Now it's $7.25.",  # CNN
    "It reopened at 10:30 a.m.",  # CNN: a clock time in a sentence
    "In November 2002, the world was captivated by the discovery relating to Jesus: a 2,000-year-old box: an ossuary.",
    "Nobody was hurt.",
    "The meeting starts at 10:30 a.m. on Friday.",
    "The leak was posted on www.example.com, the company said.",
    "iPhone sales rose 5% in the quarter, Apple said.",
    '"We will not give up," he said.',
    "Is this the end of the road for the deal?",
    "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.",
    "今天上午，河水淹没了老城区。",
    "再起動して完了です。",
    "सरकार ने नई योजना की घोषणा की।",
    "Голосование было близким.",
    "(The company declined to comment.)",
]


@pytest.mark.parametrize("piece", NOT_SENTENCES)
def test_a_fragment_is_not_a_sentence(piece):
    assert not is_sentence(piece)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_sentence_is_one(sentence):
    assert is_sentence(sentence)


def test_fragments_are_kept_in_their_paragraph_but_never_ranked():
    """Catches a gate that deletes text (``briefing read`` must still show it) and one that
    lets a fragment into the rankers' sentences."""
    text = "Title\n\nShares closed up 3% on Friday, traders said. -12.99\n\nThe index fell.\n"
    article = read_text(text)
    paragraph = article.sections[0].paragraphs[0]
    assert paragraph.sentences == ("Shares closed up 3% on Friday, traders said.", "-12.99")
    assert paragraph.fragments == (1,)
    assert [s.text for s in article.sentences()] == [paragraph.sentences[0], "The index fell."]
    assert article.sentences()[0].index == 0


def test_provenance_counts_the_place_in_the_paragraph_past_a_fragment():
    """A sentence after a fragment keeps its own index: the ¶ mark stays right."""
    article = read_text(
        "Title\n\nTicker: 225.86 Low: 113.40 High: 230. The stock rose on Friday.\n"
    )
    (sentence,) = article.sentences()
    paragraph = article.sections[0].paragraphs[0]
    assert paragraph.sentences[sentence.index] == sentence.text == "The stock rose on Friday."


def test_fragments_lists_the_refused_indices():
    assert fragments(("The council met on Monday.", "Security.", "It agreed.")) == (1,)


# c81e134e: a box score's longer lines, names and "N <unit>" items with no verb.
BOX_SCORES = [
    "Heritage (1-0): Armani Sheffield 19 points and 3 steals.",
    "Space Coast (0-1): Kairi Thomas-Brooks 18 points.",
    "Melbourne (3-0): Osas Osaro 3 goals, 1 assist.",
    "Jordan Spira and Megan Cook 4 total.",
    "Astronaut (NR): Jaden Siemans 7 saves.",
]
NOT_BOX_SCORES = [
    "Smith scored 19 points as Heritage won.",
    "Heritage (1-0): Armani Sheffield had 19 points and 3 steals.",
    "Melbourne won 3-0 with Osas Osaro scoring 3 goals.",
    "The Broncos gained 420 yards and 3 touchdowns in the win.",
]


@pytest.mark.parametrize("line", BOX_SCORES)
def test_a_box_score_line_of_any_length_is_not_a_sentence(line):
    assert is_box_score(line)
    assert not is_sentence(line, "en")


@pytest.mark.parametrize("sentence", NOT_BOX_SCORES)
def test_a_sentence_with_a_verb_and_stats_is_one(sentence):
    assert not is_box_score(sentence)
    assert is_sentence(sentence, "en")


def test_a_page_of_box_scores_only_is_still_briefed_from_its_longer_lines():
    """A results page that holds nothing else keeps its longer lines as candidates (else
    it could not be briefed at all); beside one sentence of prose they go."""
    lines = ["Heritage (1-0): Armani Sheffield 19 points and 3 steals.", "Davis 17 points."]
    only = read_text("Results\n\n" + " ".join(lines) + "\n")
    assert [s.text for s in only.sentences()] == [lines[0]]
    prose = "Smith scored 19 points as Heritage won on Tuesday night."
    mixed = read_text(f"Results\n\n{prose}\n\n" + " ".join(lines) + "\n")
    assert [s.text for s in mixed.sentences()] == [prose]


# 4648a420: Q&A answers labelled "A:" that are noun phrases, and answers that are clauses.
NOUN_ANSWERS = [
    "A: Watching NBA League Pass, reading, travel, and spending time with my family.",
    "A: Broncos vs. Raiders at Mile High Stadium in the Peyton Manning record breaking season.",
    "A: St. Croix in the U.S. Virgin Islands – the most beautiful 87 square miles in the "
    "world (I am biased) and home of five time NBA champion Tim Duncan.",
    "A: Trip to Disney World.",
]
CLAUSE_ANSWERS = [
    "A: I spend most weekends at the lake.",
    "A: Inspired and humbled!",
    "A: Sonos – Music is the soundtrack to your life.",
    "A: Being President and CEO requires that you look at all facets of the business.",
    "A: We are moving subscription access to the next level.",
]


@pytest.mark.parametrize("answer", NOUN_ANSWERS)
def test_an_answer_that_is_a_noun_phrase_is_not_a_sentence(answer):
    assert not is_sentence(answer, "en")


@pytest.mark.parametrize("answer", CLAUSE_ANSWERS)
def test_an_answer_that_is_a_clause_is_a_sentence(answer):
    assert is_sentence(answer, "en")


@given(st.text(alphabet=' \t\u00a0\x1ca_Z9.:/-"—…¿é', max_size=30))
def test_words_are_the_spaced_tokens_that_hold_a_word_character(text):
    """The one-pass word finder (speed, issue 14) finds what splitting on spaces and
    keeping tokens with a word character finds."""
    from briefing.read.gate import _WORDISH

    assert _WORDISH.findall(text) == [w for w in text.split() if re.search(r"\w", w)]
