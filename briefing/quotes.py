"""Who said what: an analyst block made only of the article's own sentences.

A Statement holds a Sentence of the article and its speaker, a verbatim slice of it, save
a pronoun speaker ("he stated"), replaced by the speaker of the sentence just before in
the same paragraph when it agrees in number (he/she/it: one, they: several), else None.

Statements: "according to X" (to the next comma), else the first speech verb outside
quotation marks and its subject: "X, the ROLE, said", "X, who said", "X said" (back to a
determiner, comma or function word), '"...," said X'. A proper name ("Geir Pedersen", "The
Syrian army") outranks a description ("a resident"), which outranks None (a quotation of 4+
words, or an unresolved pronoun); then a speaker not yet chosen, then document order. The
top ``limit`` are returned in document order.

Limits: no parser or entity recognition. A prepositional phrase cuts a subject ("officials
in Damascus said" gives "Damascus"), a list subject stops at its first comma; pronouns
match by number only, not gender nor person/organisation; quotations spanning sentences or
in single quotation marks are not followed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import chain, combinations, islice

from .facts import STOP_WORDS, sentences_once, top
from .model import Article, Sentence


@dataclass(frozen=True)
class Statement:
    """A quoted or attributed sentence and who said it (None when unknown)."""

    sentence: Sentence
    speaker: str | None


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
    if word.lower() in _PRONOUNS or word.lower() in STOP_WORDS or _VERB.fullmatch(word):
        return (start, end) if word.lower() in _PRONOUNS else None
    for s, _, w in reversed(tokens[-8:-1]):
        if w.lower() in _DETERMINERS:
            return s, end
        if (
            not _NP_WORD.fullmatch(w)
            or w.lower() in STOP_WORDS
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
    for sentence in sentences_once(article):
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
    return top(scored, limit)


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
