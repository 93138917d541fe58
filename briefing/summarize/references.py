"""Sentences that open with a reference they do not carry.

"It certainly is one of the most popular." or "The stock added more than 2% …" read as a
key point on its own leave the reader asking what "it" or "the stock" is: the referent is
named in an earlier sentence. Such a sentence is a good key point only next to the
sentence before it. This is a cheap, language-specific test of the opening words (English
only; other languages never dangle here), used by the default ranker to keep such a
sentence out of the key points unless the sentence before it is chosen too, and by
bench/quality.py to count what slips through.
"""

from __future__ import annotations

import re

_PRONOUNS = frozenset(
    [
        "it",
        "he",
        "she",
        "they",
        "him",
        "them",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "such",
        "both",
    ]
)
_CONNECTIVES = frozenset(
    [
        "but",
        "however",
        "and",
        "so",
        "because",
        "which",
        "yet",
        "also",
        "still",
        "meanwhile",
        "instead",
        "nevertheless",
        "nonetheless",
        "moreover",
        "furthermore",
        "besides",
        "otherwise",
        "then",
        "thus",
        "hence",
        "therefore",
    ]
)
# "This year", "That night": a demonstrative before a time word points at the calendar,
# not at an earlier sentence.
_TIME_WORDS = frozenset(
    [
        "year",
        "years",
        "week",
        "weeks",
        "month",
        "months",
        "day",
        "days",
        "morning",
        "afternoon",
        "evening",
        "night",
        "time",
        "season",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "weekend",
        "decade",
        "century",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# "The company", "The stock": a definite description of a kind of thing, named before.
_GENERIC_NOUNS = frozenset(
    [
        "company",
        "firm",
        "group",
        "stock",
        "shares",
        "business",
        "carrier",
        "airline",
        "bank",
        "retailer",
        "brand",
        "agency",
        "organisation",
        "organization",
        "move",
        "deal",
        "decision",
        "report",
        "study",
        "plan",
        "bill",
        "measure",
        "man",
        "woman",
        "boy",
        "girl",
        "couple",
        "pair",
        "victim",
        "suspect",
        "player",
        "club",
        "team",
        "star",
        "singer",
        "actor",
        "actress",
        "former",
        "latter",
        "two",
        "three",
        "same",
        "device",
        "phone",
        "product",
        "service",
        "site",
        "app",
    ]
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def dangles(sentence: str, language: str | None = None) -> bool:
    """Does ``sentence`` open with a pronoun, a connective or a generic definite
    description whose referent it does not name ("It …", "But …", "The company …")?"""
    if language not in (None, "en"):
        return False
    words = _WORD.findall(sentence[:80])
    if not words:
        return False
    first = words[0].lower()
    second = words[1].lower() if len(words) > 1 else ""
    if first in ("this", "that", "these", "those") and second in _TIME_WORDS:
        return False
    if first in _PRONOUNS or first in _CONNECTIVES:
        return True
    return first == "the" and second in _GENERIC_NOUNS


def lede_and_loose(
    texts: list[str], shown: list[str], language: str | None = None
) -> tuple[bool, list[str]]:
    """What a reader sees of the key points ``shown`` among an article's sentences
    ``texts`` (in order): is the lede (the first of them) shown, and which shown sentences
    dangle without the sentence before them shown too. For the benchmarks' rates."""
    place = {text: i for i, text in reversed(list(enumerate(texts)))}
    at = sorted(place[t] for t in shown if t in place)
    loose = [texts[i] for i in at if dangles(texts[i], language) and (i - 1) not in at]
    return bool(texts) and texts[0] in shown, loose
