"""Key figures: an analyst block made only of the article's own sentences.

A Figure holds a Sentence of the article; its figures are verbatim slices of it. Regular
expressions only; no sentence text is returned twice (``quotes`` does who-said-what the
same way).

Figures: digits with a currency, scale (million, bn), unit (%, per cent, km, times) or range
("10 to 15", "three out of 14"); spelled numbers (two .. ninety, hundred, thousand) only
before a unit, range or counted noun; "thousands (of fighters)". A counted noun is a known
one (people, troops) or a plural-looking word after at most two modifiers ("eight
significant countries"). Weights: quantity (unit, currency, scale, ratio) 3 > count 2 > bare
number or "thousands" 1.5 > date ("November 27") 1 > year ("in 2015") 0.5; sentences rank
by their best figure, then summed weights, then document order.

Limits: no parser; "one" never counts (too often "one of"); a plural-looking verb may pass
for a noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article, Sentence


@dataclass(frozen=True)
class Figure:
    """A sentence with the number expressions found in it, each a slice of its text."""

    sentence: Sentence
    figures: tuple[str, ...]


_ONES = (
    "nineteen eighteen seventeen sixteen fifteen fourteen thirteen twelve eleven ten "
    "nine eight seven six five four three two one"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SPELLED = (
    rf"(?:(?:{_TENS})(?:-(?:{'|'.join(_ONES.split()[-9:])}))?|{_ONES.replace(' ', '|')}|a dozen|dozen"
    r"|hundred|thousand)(?:\shundred|\sthousand)?"
)
_NUM = (
    r"(?:(?:(?:US|A|C|HK)?[$€£¥]\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?i:" + _SPELLED + r"))"
    r"(?:\s(?:million|billion|trillion)|(?<=\d)(?:bn|m|k)(?!\w))?"
)
_UNIT = (
    r"\s?%|\s(?:per\s?cent|percent|percentage points?|times)|-fold|\s?(?:km|kilometres|kilometers"
    r"|miles|kg|tonnes|tons|metres|meters|mph|hectares|acres|degrees)(?!\w)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_FIGURE = re.compile(
    rf"(?<![\w$€£¥.,-])(?:(?P<date>{_MONTH}\s{_DAY}(?:,?\s\d{{4}})?|{_DAY}\s{_MONTH}(?:,?\s\d{{4}})?|{_MONTH}\s\d{{4}})"
    rf"|(?P<num>{_NUM}(?:\s(?:out of|to)\s{_NUM}|\s?[-–]\s?{_NUM})?)(?P<unit>{_UNIT})?(?P<compound>(?:-[a-z]+)+)?"
    r"|(?P<coll>(?i:(?:tens|hundreds) of (?:thousands|millions)|dozens|hundreds|thousands|millions|billions)))(?!\w)"
)
_TAIL = re.compile(r"(\s+of)?((?:\s+[A-Za-z][\w'-]*){1,3})")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_PLURAL = re.compile(r"[A-Za-z][a-z-]{2,}(?<![sui])s")
_COUNTED = frozenset(
    [
        "people",
        "persons",
        "person",
        "troops",
        "soldiers",
        "civilians",
        "children",
        "fighters",
        "rebels",
        "deaths",
        "dead",
        "casualties",
        "refugees",
        "families",
        "homes",
        "houses",
        "villages",
        "towns",
        "cities",
        "countries",
        "votes",
        "voters",
        "seats",
        "members",
        "workers",
        "patients",
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
    ]
)
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "but",
        "nor",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "this",
        "these",
        "those",
        "than",
        "then",
        "so",
        "if",
        "when",
        "while",
        "where",
        "after",
        "before",
        "since",
        "until",
        "during",
        "per",
        "via",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "against",
        "between",
        "among",
        "through",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "them",
        "us",
        "him",
        "me",
        "not",
        "no",
        "also",
        "only",
        "just",
        "more",
        "most",
        "less",
        "least",
        "each",
        "every",
        "all",
        "some",
        "any",
        "such",
        "other",
        "another",
        "there",
        "here",
    ]
)
_NUMBER_WORDS = frozenset(
    _ONES.split()
    + _TENS.split("|")
    + ["hundred", "thousand", "dozen", "dozens", "hundreds", "thousands"]
)


def _noun_tail(text: str, end: int, *, of: bool = False, year: bool = False) -> int:
    """How many characters after ``end`` name what the number counts (0: nothing)."""
    m = _TAIL.match(text, end)
    if not m or (m[1] and not of):
        return 0
    for i, w in enumerate(_WORD.finditer(m[2])):
        word, low = w.group(), w.group().lower()
        if (
            low in STOP_WORDS
            or low in _NUMBER_WORDS
            or word.endswith("'s")
            or (year and (i or low not in _COUNTED))
        ):
            return 0
        if low in _COUNTED or _PLURAL.fullmatch(word):
            return m.start(2) + w.end() - end
    return 0


def _classify(text: str, m: re.Match) -> tuple[int, float] | None:
    """The end and the weight of the figure ``m`` starts, or None if it is no figure."""
    if m["date"]:
        return m.end(), 1.0
    if m["coll"]:
        tail = _noun_tail(text, m.end(), of=True)
        return m.end() + tail, 2.0 if tail else 1.5
    core = m["num"]
    spelled = not re.search(r"\d", core)
    strong = bool(m["unit"] or re.search(r"[$€£¥]|\d(?:bn|m|k)$|illion|out of", core))
    year = not spelled and all(
        re.fullmatch(r"1[89]\d\d|20\d\d", n) for n in re.findall(r"[\d,.]+", core)
    )
    if core.lower() == "one" and not strong:
        return None
    if m["unit"] or m["compound"]:
        return m.end(), 3.0 if strong else 2.0
    tail = _noun_tail(text, m.end(), year=year and not strong)
    if tail or strong:
        return m.end() + tail, 3.0 if strong else 2.0
    return (m.end(), 0.5) if year else None if spelled else (m.end(), 1.5)


def _figures(text: str) -> list[tuple[str, float]]:
    """Every figure of a sentence, in order, with its weight; no two overlap."""
    found, last = [], 0
    for m in _FIGURE.finditer(text):
        if m.start() >= last and (end_weight := _classify(text, m)):
            found.append((text[m.start() : end_weight[0]], end_weight[1]))
            last = end_weight[0]
    return found


def sentences_once(article: Article) -> list[Sentence]:
    """The article's sentences, in order, without a second copy of the same text."""
    seen: set[str] = set()
    return [
        s for s in article.sentences() if not (s.text.strip() in seen or seen.add(s.text.strip()))
    ]


def top(scored: list, limit: int) -> tuple:
    """The ``limit`` items of [(key, item)] with the lowest keys, in document order."""
    best = sorted(scored, key=lambda pair: pair[0])[: max(limit, 0)]
    return tuple(item for _, item in sorted(best, key=lambda pair: pair[1].sentence.position))


def key_figures(article: Article, limit: int = 5) -> tuple[Figure, ...]:
    """The ``limit`` sentences with the most informative numbers, in document order."""
    scored = []
    for sentence in sentences_once(article):
        if found := _figures(sentence.text):
            weights = [w for _, w in found]
            key = (-max(weights), -sum(weights), sentence.position)
            scored.append((key, Figure(sentence, tuple(text for text, _ in found))))
    return top(scored, limit)
