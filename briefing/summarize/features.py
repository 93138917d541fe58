"""Sentence features for the learned default ranker.

Every feature is case-insensitive, so the model can be trained on the lower-cased
CNN/DailyMail train split and applied to ordinary text. Pure Python: scoring a news
article (tens of sentences) takes about a millisecond and needs no numpy.

The same function serves training (``bench/train_ranker.py``) and inference
(``default.py``), so the two can never drift apart.
"""

from __future__ import annotations

import math
import pkgutil
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

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
_SAID = frozenset(
    ["said", "says", "say", "told", "according", "announced", "added", "stated", "reported"]
)
_FIRST_PERSON = frozenset(["i", "me", "my", "we", "our", "us"])
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


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """sumy's English stop-word list (plain data inside the sumy package)."""
    data = pkgutil.get_data("sumy", "data/stopwords/english.txt") or b""
    return frozenset(w.strip().lower() for w in data.decode("utf-8").split())


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits)."""
    return _TOKEN.findall(text.lower())


def sentence_features(sentences: Sequence[str]) -> list[list[float]]:
    """One feature vector (in ``FEATURES`` order) per sentence of a document."""
    n = len(sentences)
    stops = stop_words()
    words = [tokens(s) for s in sentences]
    content = [[w for w in ws if w not in stops] for ws in words]
    vectors = _tfidf(content)
    centroid = _sum(vectors)
    lead = _sum(vectors[:3])
    doc_tf = Counter(w for ws in content for w in ws)
    log_n = math.log(1 + n)
    forward, backward = _directed_centrality(vectors)
    rows = []
    for i, sentence in enumerate(sentences):
        ws, cs = words[i], content[i]
        stripped = sentence.strip()
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
                _cosine(vectors[i], centroid, exclude=vectors[i]),
                _cosine(vectors[i], lead, exclude=vectors[i] if i < 3 else None),
                _cosine(vectors[i], vectors[i - 1]) if i else 0.0,
                sum(math.log(doc_tf[w]) for w in cs) / len(cs) if cs else 0.0,
                (len(ws) - len(cs)) / len(ws) if ws else 1.0,
                float(any(q in sentence for q in _QUOTES[:5])),
                float(stripped[:1] in _QUOTES),
                float(any(c.isdigit() for c in sentence)),
                float(bool(_SAID.intersection(ws))),
                float(stripped.endswith("?")),
                float(bool(_FIRST_PERSON.intersection(ws))),
                float(bool(ws) and ws[0] in _PRONOUNS),
                float(":" in sentence),
                float("(" in sentence),
                float(i == 3),
                float(i == 4),
                forward[i],
                backward[i],
            ]
        )
    return rows


def _directed_centrality(vectors: list[dict[str, float]]) -> tuple[list[float], list[float]]:
    """Mean cosine of each sentence to the sentences after it and to those before it.

    After PacSum (Zheng & Lapata 2019): in news, a sentence that many later sentences
    elaborate is central in a way that one echoing earlier text is not.
    """
    n = len(vectors)
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]
    forward, backward = [0.0] * n, [0.0] * n
    for i in range(n):
        a = vectors[i]
        for j in range(i + 1, min(n, i + 1 + _WINDOW)):
            b = vectors[j]
            small, large = (a, b) if len(a) < len(b) else (b, a)
            sim = sum(v * large.get(w, 0.0) for w, v in small.items()) / (norms[i] * norms[j])
            forward[i] += sim
            backward[j] += sim
    after = [min(n - 1 - i, _WINDOW) for i in range(n)]
    before = [min(j, _WINDOW) for j in range(n)]
    return (
        [f / a if a else 0.0 for f, a in zip(forward, after)],
        [b / c if c else 0.0 for b, c in zip(backward, before)],
    )


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


def _cosine(
    a: dict[str, float], b: dict[str, float], exclude: dict[str, float] | None = None
) -> float:
    """Cosine of ``a`` and ``b`` (with ``exclude`` taken out of ``b`` first)."""
    if exclude is not None:
        b = {w: v - exclude.get(w, 0.0) for w, v in b.items()}
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm > 1e-12 else 0.0
