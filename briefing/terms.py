"""Articles -> the weighted term counts that ``stories`` compares them by.

    counts(docs, title_weight, lead_weight, jobs=..., span=...) -> (words, entities)

Each is a ``Flat``: every article's terms in a row, their counts, and how many terms each
article has, the form ``stories``' NumPy takes. Words are the casefolded word-character
runs of the title, the lead (the text's first sentence, ``lead``) and the rest, the title
and lead counted ``title_weight`` and ``lead_weight`` times; entities are the capitalised
words that do not open a sentence or a line, and the words that begin with a digit. Stop
words and one-letter words are dropped from both.

Counting is most of a large clustering's time and each article is counted alone, so with
``jobs`` above 1 it is done in worker processes ``span`` articles at a time, each span's
counts sent back packed (one string of its terms, the bytes of an array of counts): the
result is the same as counting here.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Sequence
from functools import partial
from itertools import chain

from .workers import spread

_TOKEN = re.compile(r"\w+")
# A name: a capitalised word after a word, a number or a comma on the same line, so not
# the first word of a sentence or a line.
# (The lookbehind comes after the capital, so that the engine scans for capitals.)
_NAMED = re.compile(r"[A-ZÀ-ÖØ-Þ](?<=[\w,;:)%] .)\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n")
_FUNCTION_WORDS = """a about after again against all also an and any are as at be because
    been before being between both but by can could did do does during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me
    more most my no nor not now of off on once only or other our ours out over own same
    she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who
    whom why will with would you your yours said says say mr mrs ms one two new last
    according told"""
_STOPWORDS = frozenset(_FUNCTION_WORDS.split()) | frozenset(
    "abcdefghijklmnopqrstuvwxyz_"
)  # one-letter words; one-digit numbers stay

# Term counts as NumPy takes them: every article's terms in a row, their counts, and how
# many terms each article has.
Flat = tuple[list[str], list[int], list[int]]


def counts(
    docs: Sequence, title_weight: int, lead_weight: int, *, jobs: int = 1, span: int = 1000
) -> tuple[Flat, Flat]:
    """The weighted word counts and entity counts of every article (a ``title`` and a
    ``text``), in ``jobs`` worker processes when more than one."""
    if jobs < 2:
        return _flat([_counts(doc, title_weight, lead_weight) for doc in docs])
    packed = spread(partial(_count_span, docs, title_weight, lead_weight), len(docs), span, jobs)
    return _unpacked(packed, 0), _unpacked(packed, 1)


def _flat(counted: list[tuple[Counter[str], Counter[str]]]) -> tuple[Flat, Flat]:
    return tuple(  # type: ignore[return-value]
        (
            list(chain.from_iterable(c[k] for c in counted)),
            list(chain.from_iterable(c[k].values() for c in counted)),
            [len(c[k]) for c in counted],
        )
        for k in (0, 1)
    )


def _count_span(
    docs: Sequence, title_weight: int, lead_weight: int, span: tuple[int, int]
) -> tuple:
    """A span's counts, packed to cross a pipe fast: each term list one string (a term is
    word characters, never NUL) and each count list the bytes of an array."""
    flats = _flat([_counts(doc, title_weight, lead_weight) for doc in docs[span[0] : span[1]]])
    return tuple(("\0".join(t), array("q", n).tobytes(), k) for t, n, k in flats)


def _unpacked(packed: list[tuple], k: int) -> Flat:
    terms: list[str] = []
    counts = array("q")
    sizes: list[int] = []
    for span in packed:
        joined, numbers, lengths = span[k]
        terms += joined.split("\0") if joined else []
        counts.frombytes(numbers)
        sizes += lengths
    return terms, counts.tolist(), sizes


def _counts(doc, title_weight: int, lead_weight: int) -> tuple[Counter[str], Counter[str]]:
    """Weighted term counts of an article, and of its entity-like tokens (the weights are
    whole numbers, so a part is weighted by repeating its tokens: counting stays in C)."""
    first, body = lead(doc.text)
    title = _TOKEN.findall(doc.title.casefold())
    words = Counter(
        _TOKEN.findall(body.casefold())
        + _TOKEN.findall(first.casefold()) * lead_weight
        + title * title_weight
    )
    named = Counter(_NAMED.findall(body) + _NAMED.findall(first) * lead_weight)
    entities: Counter[str] = Counter()
    for token, n in named.items():
        entities[token.casefold()] += n
    entities.update([t for t in title if t in entities] * title_weight)
    # a number: a word whose first character is a digit ("2013", "5g", "²": not all of
    # str.isdigit's digits are a regular expression's \d, so words are tested one by one)
    entities.update({t: n for t, n in words.items() if t[0].isdigit()})
    for counted in (words, entities):
        for stopword in _STOPWORDS.intersection(counted):
            dict.__delitem__(counted, stopword)
    return words, entities


def lead(text: str) -> tuple[str, str]:
    """The first sentence of ``text`` (looked for in its first 1,000 characters) and the
    rest."""
    text = text.strip()
    end = _SENTENCE_END.search(text, 0, 1000)
    if end is None:
        return text, ""
    return text[: end.start()], text[end.end() :]
