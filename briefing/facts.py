"""Key figures and who-said-what: analyst blocks made only of the article's own sentences.

A Figure or Statement holds a Sentence of the article; its figures or speaker are verbatim
slices of it, save a pronoun speaker ("he stated"), replaced by the speaker of the sentence
just before in the same paragraph when it agrees in number (he/she/it: one, they: several),
else None. Regular expressions only; no sentence text is returned twice.

Figures: digits with a currency, scale (million, bn), unit (%, per cent, km, times) or range
("10 to 15", "three out of 14"); spelled numbers (two .. ninety, hundred, thousand) only
before a unit, range or counted noun; "thousands (of fighters)". A counted noun is a known
one (people, troops) or a plural-looking word after at most two modifiers ("eight
significant countries"). Weights: quantity (unit, currency, scale, ratio) 3 > count 2 > bare
number or "thousands" 1.5 > date ("November 27") 1 > year ("in 2015") 0.5; sentences rank
by their best figure, then summed weights, then document order.

Statements: "according to X" (to the next comma), else the first speech verb outside
quotation marks and its subject: "X, the ROLE, said", "X, who said", "X said" (back to a
determiner, comma or function word), '"...," said X'. A proper name ("Geir Pedersen", "The
Syrian army") outranks a description ("a resident"), which outranks None (a quotation of 4+
words, or an unresolved pronoun); then a speaker not yet chosen, then document order. Both
blocks return their top ``limit`` in document order.

Limits: no parser or entity recognition. A prepositional phrase cuts a subject ("officials
in Damascus said" gives "Damascus"), a list subject stops at its first comma; "one" never
counts (too often "one of"); a plural-looking verb may pass for a noun; pronouns match by
number only, not gender nor person/organisation; quotations spanning sentences or in single
quotation marks are not followed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain, combinations, islice

from .model import Article, Sentence


@dataclass(frozen=True)
class Figure:
    """A sentence with the number expressions found in it, each a slice of its text."""

    sentence: Sentence
    figures: tuple[str, ...]


@dataclass(frozen=True)
class Statement:
    """A quoted or attributed sentence and who said it (None when unknown)."""

    sentence: Sentence
    speaker: str | None


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
_STOP = frozenset(
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
            low in _STOP
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


def _unique(article: Article) -> list[Sentence]:
    """The article's sentences, in order, without a second copy of the same text."""
    seen: set[str] = set()
    return [
        s for s in article.sentences() if not (s.text.strip() in seen or seen.add(s.text.strip()))
    ]


def _top(scored: list, limit: int) -> tuple:
    """The ``limit`` items of [(key, item)] with the lowest keys, in document order."""
    best = sorted(scored, key=lambda pair: pair[0])[: max(limit, 0)]
    return tuple(item for _, item in sorted(best, key=lambda pair: pair[1].sentence.position))


def key_figures(article: Article, limit: int = 5) -> tuple[Figure, ...]:
    """The ``limit`` sentences with the most informative numbers, in document order."""
    scored = []
    for sentence in _unique(article):
        if found := _figures(sentence.text):
            weights = [w for _, w in found]
            key = (-max(weights), -sum(weights), sentence.position)
            scored.append((key, Figure(sentence, tuple(text for text, _ in found))))
    return _top(scored, limit)


_VERB = re.compile(
    r"\b(?:said|says|stated|told|announced|added|urged|warned|emphasi[sz]ed|critici[sz]ed|expressed"
    r"|noted|reported|claimed|declared|insisted|argued|explained|confirmed|denied|stressed|affirmed"
    r"|asserted|acknowledged|wrote|tweeted|posted|cautioned|pledged|vowed)\b"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_QUOTE = re.compile(r'"[^"]*"|“[^”]*”')
_TOKEN = re.compile(r"\S+")
_SEGMENT = re.compile(r"[^,\s][^,]*")
_NP_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
_ABBREVIATION = re.compile(
    r"(?:[A-Za-z]\.)+|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|St|Jr|Sr|Col|Lt|Sgt|Gov|Pres)\."
)
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_DETERMINERS = frozenset({"the", "a", "an"})
_SKIP = frozenset(
    {"has", "have", "had", "also", "later", "earlier", "then", "reportedly", "previously", "again"}
)
_ADVERBIAL = frozenset(
    [
        "meanwhile",
        "however",
        "additionally",
        "also",
        "separately",
        "earlier",
        "later",
        "still",
        "yet",
        "instead",
        "overall",
        "indeed",
        "moreover",
        "furthermore",
        "nevertheless",
        "on",
        "in",
        "at",
        "since",
        "after",
        "before",
        "during",
        "despite",
        "for",
        "from",
        "last",
        "this",
        "when",
        "while",
        "as",
        "with",
        "by",
        "following",
    ]
)
_GENERIC = frozenset(
    [
        "activists",
        "analysts",
        "officials",
        "residents",
        "witnesses",
        "sources",
        "authorities",
        "experts",
        "critics",
        "observers",
        "police",
        "protesters",
        "rebels",
        "insurgents",
        "doctors",
        "diplomats",
        "officers",
        "troops",
        "medics",
        "participants",
        "monitors",
        "reports",
    ]
)


def _backward(tokens: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """The noun phrase ending with the last token, back to a determiner or a function word."""
    start, end, word = tokens[-1]
    if not _NP_WORD.fullmatch(word) or (
        word.endswith((".", "'")) and not _ABBREVIATION.fullmatch(word)
    ):
        return None
    if word.lower() in _PRONOUNS or word.lower() in _STOP or _VERB.fullmatch(word):
        return (start, end) if word.lower() in _PRONOUNS else None
    for s, _, w in reversed(tokens[-8:-1]):
        if w.lower() in _DETERMINERS:
            return s, end
        if (
            not _NP_WORD.fullmatch(w)
            or w.lower() in _STOP
            or (w[0].islower() and w.endswith(("ing", "ly")))
        ):
            break
        start = s
    return start, end


def _forward(
    text: str, pos: int, endpos: int | None = None, strict: bool = False
) -> tuple[int, int] | None:
    """The phrase starting at ``pos``, up to a comma or the end of the clause (8 words at most)."""
    first = last = None
    for n, m in enumerate(_TOKEN.finditer(text, pos, len(text) if endpos is None else endpos)):
        word = m.group()
        if (
            n >= 8
            or word.lower() in ("that", "who", "which", "when", "while", "because")
            or not _NP_WORD.match(word)
        ):
            break
        if n == 0 and strict and not (word[0].isupper() or word.lower() in _DETERMINERS):
            return None
        core = word.rstrip(",;:!?)\"'”’")
        if core.endswith(".") and not _ABBREVIATION.fullmatch(core):
            core = core.rstrip(".")
        first, last = m.start() if first is None else first, m.start() + len(core)
        if core != word:
            break
    return (first, last) if first is not None and last > first else None


def _subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Who does the verb at ``end``: "X said", "X, who said", "X, the ROLE, said"."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    while tokens and (tokens[-1][2].lower() in _SKIP or tokens[-1][2].endswith("ly")):
        tokens.pop()
    if not tokens or (not tokens[-1][2].endswith(",") and tokens[-1][2] not in ("who", "which")):
        return _backward(tokens) if tokens else None
    if tokens[-1][2] in ("who", "which"):
        if len(tokens) < 2 or not tokens[-2][2].endswith(","):
            return None
        s, e, w = tokens[-2]
        return _backward(tokens[:-2] + [(s, e - 1, w[:-1])])
    segments = [
        m.span() for m in _SEGMENT.finditer(text, tokens[0][0], tokens[-1][1])
    ]  # NAME, the ROLE,
    heads = [text[a:b].split()[0].lower() for a, b in segments]
    if len(segments) > 2 and heads[0] in _ADVERBIAL:
        segments, heads = segments[1:], heads[1:]
    if len(segments) < 2 or heads[0] in _ADVERBIAL or len(text[slice(*segments[0])].split()) > 8:
        return None
    return _forward(text, *segments[0], strict=True)


def _attribution(text: str) -> tuple[int, int] | None:
    """Where the speaker (or a pronoun standing for one) is in the sentence, if anywhere."""
    quotes = [m.span() for m in _QUOTE.finditer(text)]
    starts = [a for a, _ in quotes]
    outside = (
        m
        for m in chain(_ACCORDING.finditer(text), _VERB.finditer(text))
        if not (k := bisect_right(starts, m.start())) or quotes[k - 1][1] <= m.start()
    )
    for m in islice(outside, 6):  # a few tries: a runaway "sentence" stays linear
        if m.re is _ACCORDING:
            span = _forward(text, m.end())
        else:
            start = max((b for _, b in quotes if b <= m.start()), default=0)
            span = _subject(text, start, m.start())
            if not span and not text[start : m.start()].strip(" ,"):
                span = _forward(text, m.end(), strict=True)
        if span:
            return span
    return None


def _resolve(pronoun: str, previous: tuple[Sentence, str] | None, sentence: Sentence) -> str | None:
    """The speaker named in the sentence just before, in the same paragraph, if it agrees in number."""
    if previous is None or (previous[0].section, previous[0].paragraph, previous[0].index + 1) != (
        sentence.section,
        sentence.paragraph,
        sentence.index,
    ):
        return None
    last = previous[1].split()[-1]
    plural = " and " in previous[1] or (
        (last[0].islower() or last.lower() in _GENERIC) and last.endswith("s")
    )
    return previous[1] if plural == (pronoun.lower() == "they") else None


def _tier(speaker: str | None) -> int:
    """3: a proper name ("Geir Pedersen", "The Syrian army"); 2: a description ("a resident"); 1: None."""
    if speaker is None:
        return 1
    return (
        3
        if any(w[0].isupper() and w.lower() not in _DETERMINERS | _GENERIC for w in speaker.split())
        else 2
    )


def statements(article: Article, limit: int = 5) -> tuple[Statement, ...]:
    """Up to ``limit`` quoted or attributed sentences with their speaker, in document order."""
    found, previous = [], None
    for sentence in _unique(article):
        span = _attribution(sentence.text)
        literal = sentence.text[span[0] : span[1]] if span else None
        pronoun = literal is not None and literal.lower() in _PRONOUNS
        speaker = _resolve(literal, previous, sentence) if pronoun else literal
        if literal or any(len(q.split()) >= 4 for q in _QUOTE.findall(sentence.text)):
            found.append((_tier(speaker), sentence, speaker))
        previous = (sentence, literal) if literal and not pronoun else None
    seen = _Speakers()
    scored = []
    for tier, sentence, speaker in sorted(found, key=lambda f: (-f[0], f[1].position)):
        words = frozenset(w.lower() for w in (speaker or "").split()) - _DETERMINERS
        repeat = bool(words) and seen.repeats(words)
        scored.append(((-tier, repeat, sentence.position), Statement(sentence, speaker)))
    return _top(scored, limit)


class _Speakers:
    """The speakers met so far, as sets of words: a speaker repeats one whose words are a
    subset or a superset of its own ("Pedersen", "Geir Pedersen"). Every subset of every
    speaker is kept, so a question costs the subsets of the speaker's own words (at most
    eight: see _forward, _backward), not a scan of every speaker before it."""

    def __init__(self) -> None:
        self.seen: set[frozenset[str]] = set()
        self.parts: set[frozenset[str]] = set()  # every non-empty subset of a seen speaker
        self.large: list[frozenset[str]] = []  # speakers of more than eight words

    def repeats(self, words: frozenset[str]) -> bool:
        """Whether ``words`` (not empty) repeats a speaker met so far; then remember it."""
        if len(words) > 8:  # not made by _forward or _backward: a plain scan, still exact
            repeat = any(words <= other or other <= words for other in self.seen)
            self.seen.add(words)
            self.large.append(words)
            return repeat
        subsets = [frozenset(c) for n in range(1, len(words) + 1) for c in combinations(words, n)]
        repeat = (
            words in self.parts
            or any(s in self.seen for s in subsets)
            or any(words <= big for big in self.large)
        )
        self.seen.add(words)
        self.parts.update(subsets)
        return repeat
