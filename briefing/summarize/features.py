"""Sentence features for the learned default ranker.

Every feature is case-insensitive, so the model can be trained on the lower-cased
CNN/DailyMail train split and applied to ordinary text. Pure Python: scoring a news
article (tens of sentences) takes about a millisecond. The cost is linear in the length
of the text: every similarity works from norms computed once and iterates over one
sentence's own terms, never over the document's vocabulary, and centrality only visits
the sentences of its window that share a term. A document small enough for a dense
sentence-by-term matrix (every news article) takes the same values from NumPy instead
(``dense.py``), several times faster.

The same function serves training (``bench/train_ranker.py``) and inference
(``default.py``), so the two can never drift apart.
"""

from __future__ import annotations

import math
import pkgutil
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import chain

from .dense import similarities as dense_similarities

FEATURES: tuple[str, ...] = (
    "first",
    "second",
    "third",
    "pos_rel",
    "pos_inv",
    "pos_inv_x_log_n",
    "log_n",
    "log_words",
    "short",
    "long",
    "centroid",
    "lead_sim",
    "prev_sim",
    "tf_mean",
    "stop_ratio",
    "quote",
    "quote_start",
    "digit",
    "said",
    "question",
    "first_person",
    "pronoun_start",
    "colon",
    "paren",
    "fourth",
    "fifth",
    "fwd_centrality",
    "bwd_centrality",
)

_WINDOW = 200  # centrality looks this many sentences each way: linear time on huge inputs
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTES = "\"“”‘’'`"
_DIGIT = re.compile(r"\d")
_SAID = frozenset(
    ["said", "says", "say", "told", "according", "announced", "added", "stated", "reported"]
)
_FIRST_PERSON = frozenset(["i", "me", "my", "we", "our", "us"])
# The tokens of _TOKEN that can be one of them, found without cutting up the whole sentence.
_FIRST_PERSON_TOKEN = re.compile(r"(?<![^\W_])(?:i|me|my|we|our|us)(?![^\W_])", re.IGNORECASE)
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "but",
        "and",
        "so",
    ]
)


@cache  # keyed by sumy's language name: a bounded set
def _stop_words(name: str) -> frozenset[str]:
    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt") or b""
    except OSError:  # sumy has no list for the language
        return _stop_words("english")
    return frozenset(w.strip().lower() for w in data.decode("utf-8").split())


def stop_words(language: str | None = None) -> frozenset[str]:
    """sumy's stop-word list for ``language`` (an ISO code; None is English, as is a
    language sumy has no list for), plain data inside the sumy package. In a German
    article the English list removes nothing, so "der", "die", "und" would weigh as
    content words in every similarity."""
    from ..language import sumy_language

    return _stop_words(sumy_language(language))


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits)."""
    return _TOKEN.findall(text.lower())


def sentence_features(
    sentences: Sequence[str],
    words: Sequence[list[str]] | None = None,
    language: str | None = None,
    content: Sequence[list[str]] | None = None,
) -> list[list[float]]:
    """One feature vector (in ``FEATURES`` order) per sentence of a document; ``words``
    are the sentences' ``tokens`` if the caller has them already, ``language`` the
    document's ISO code (its stop words; None is English, as the model was trained),
    ``content`` the tokens without those stop words, if the caller has them too."""
    n = len(sentences)
    words = [tokens(s) for s in sentences] if words is None else words
    if content is None:
        stops = stop_words(language)
        content = [[w for w in ws if w not in stops] for ws in words]
    similarities = dense_similarities(content, _WINDOW) or _similarities(_tfidf(content))
    log_tf = {w: math.log(c) for w, c in Counter(chain.from_iterable(content)).items()}
    log_n = math.log(1 + n)
    rows = []
    for i, sentence in enumerate(sentences):
        ws, cs = words[i], content[i]
        centroid, lead, previous, forward, backward = similarities[i]
        rows.append(
            [
                float(i == 0),
                float(i == 1),
                float(i == 2),
                i / max(n - 1, 1),
                1 / (i + 1),
                log_n / (i + 1),
                log_n,
                math.log(1 + len(ws)),
                float(len(ws) < 8),
                float(len(ws) > 40),
                centroid,
                lead,
                previous,
                sum([log_tf[w] for w in cs]) / len(cs) if cs else 0.0,
                (len(ws) - len(cs)) / len(ws) if ws else 1.0,
                *_cues(sentence, ws),
                float(i == 3),
                float(i == 4),
                forward,
                backward,
            ]
        )
    return rows


def _cues(sentence: str, ws: list[str]) -> list[float]:
    """quote, quote_start, digit, said, question, first_person, pronoun_start, colon, paren."""
    stripped = sentence.strip()
    return [
        float(any(map(sentence.__contains__, _QUOTES[:5]))),
        float(stripped[:1] in _QUOTES),
        float(_has_digit(sentence)),
        float(not _SAID.isdisjoint(ws)),
        float(stripped.endswith("?")),
        # only a sentence with one of the words in lower case can have it in its own case
        float(not _FIRST_PERSON.isdisjoint(ws) and _first_person(sentence)),
        float(bool(ws) and ws[0] in _PRONOUNS),
        float(":" in sentence),
        float("(" in sentence),
    ]


def _has_digit(sentence: str) -> bool:
    """Any character ``str.isdigit`` calls a digit ("2", "²", "①"); ``\\d`` finds the
    ASCII ones faster, and only text beyond ASCII can hold the others."""
    if _DIGIT.search(sentence):
        return True
    return not sentence.isascii() and any(map(str.isdigit, sentence))


def _first_person(sentence: str) -> bool:
    """A first-person word in the sentence's own case: "US" (the country) and "WE" in a
    shouted headline are not "us" and "we"; "I" is. Lower-cased training text reads as
    it always did."""
    return any(
        word.lower() in _FIRST_PERSON and (len(word) == 1 or not word.isupper())
        for word in _FIRST_PERSON_TOKEN.findall(sentence)
    )


def _similarities(
    vectors: list[dict[str, float]],
) -> list[tuple[float, float, float, float, float]]:
    """Per sentence: cosine to the rest of the document (the centroid without it), to the
    lead (the first three sentences, without it if it is one of them) and to the previous
    sentence, then forward and backward centrality. Norms are computed once, so each
    cosine costs the sentence's own terms."""
    squares = [_square(vector) for vector in vectors]
    centroid, lead = _sum(vectors), _sum(vectors[:3])
    centroid_sq, lead_sq = _square(centroid), _square(lead)
    forward, backward = _directed_centrality(vectors, squares)
    out = []
    for i, (a, a_sq) in enumerate(zip(vectors, squares)):
        # The lead is sentences 0-2: one of them is compared with the other two.
        to_lead = (_cosine_rest if i < 3 else _cosine)(a, a_sq, lead, lead_sq)
        previous = _cosine(a, a_sq, vectors[i - 1], squares[i - 1]) if i else 0.0
        to_rest = _cosine_rest(a, a_sq, centroid, centroid_sq)
        out.append((to_rest, to_lead, previous, forward[i], backward[i]))
    return out


def _directed_centrality(
    vectors: list[dict[str, float]], squares: list[float]
) -> tuple[list[float], list[float]]:
    """Mean cosine of each sentence to the sentences after it and to those before it,
    within ``_WINDOW`` sentences each way.

    After PacSum (Zheng & Lapata 2019): in news, a sentence that many later sentences
    elaborate is central in a way that one echoing earlier text is not. Pairs sharing no
    term add 0, so only those found through a term index are visited: the values of the
    plain double loop over the window, up to rounding (a pair's dot product is summed in
    the earlier sentence's term order).
    """
    n = len(vectors)
    norms = [math.sqrt(square) or 1.0 for square in squares]
    forward, backward = [0.0] * n, [0.0] * n
    for i, dots in enumerate(_window_dots(vectors)):
        for j in sorted(dots):  # the order of the sums of the plain double loop
            sim = dots[j] / (norms[i] * norms[j])
            forward[i] += sim
            backward[j] += sim
    after = [min(n - 1 - i, _WINDOW) for i in range(n)]
    before = [min(j, _WINDOW) for j in range(n)]
    return (
        [f / a if a else 0.0 for f, a in zip(forward, after)],
        [b / c if c else 0.0 for b, c in zip(backward, before)],
    )


def _window_dots(vectors: list[dict[str, float]]) -> Iterator[dict[int, float]]:
    """For each sentence i, its dot product with every later sentence j <= i + ``_WINDOW``
    that shares a term with it, as {j: dot}: one step per shared term of such a pair."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(vectors):
        for w, v in vector.items():
            postings.setdefault(w, []).append((j, v))
    seen: dict[str, int] = {}  # occurrences of each term up to sentence i
    for i, vector in enumerate(vectors):
        dots: dict[int, float] = {}
        last = i + _WINDOW
        for w, v in vector.items():
            later = postings[w]
            seen[w] = start = seen.get(w, 0) + 1
            for k in range(start, len(later)):  # the sentences after i that hold w
                j, u = later[k]
                if j > last:
                    break
                dots[j] = dots.get(j, 0.0) + v * u
        yield dots


def _tfidf(docs: list[list[str]]) -> list[dict[str, float]]:
    df = Counter(w for ws in docs for w in set(ws))
    n = len(docs)
    out = []
    for ws in docs:
        tf = Counter(ws)
        out.append({w: c * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in tf.items()})
    return out


def _sum(vectors: Sequence[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in vectors:
        for w, v in vector.items():
            total[w] = total.get(w, 0.0) + v
    return total


def _square(vector: dict[str, float]) -> float:
    return sum(v * v for v in vector.values())


def _cosine(a: dict[str, float], a_sq: float, b: dict[str, float], b_sq: float) -> float:
    """Cosine of ``a`` and ``b`` from their squared norms: O(len(a))."""
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(a_sq) * math.sqrt(b_sq)
    return dot / norm if norm > 1e-12 else 0.0


def _cosine_rest(
    a: dict[str, float], a_sq: float, total: dict[str, float], total_sq: float
) -> float:
    """Cosine of ``a`` and ``total - a``, where ``a`` is one of the vectors summed into
    ``total``: O(len(a)), not O(len(total)).

    |total - a|^2 is |total|^2 with the squares of a's terms replaced by those of the
    differences; the other terms of ``total`` are the same in both.
    """
    rest = [(v, total[w] - v, total[w]) for w, v in a.items()]
    dot = sum(v * d for v, d, _ in rest)
    others = total_sq - sum(t * t for _, _, t in rest)
    rest_sq = max(others + sum(d * d for _, d, _ in rest), 0.0)  # never below 0 by rounding
    norm = math.sqrt(a_sq) * math.sqrt(rest_sq)
    return dot / norm if norm > 1e-12 else 0.0
