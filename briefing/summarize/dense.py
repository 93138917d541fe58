"""The ranker's similarity features with NumPy, for a document that fits a small matrix.

``features._similarities`` works from one dictionary per sentence: linear in the text,
whatever its size, but about a microsecond per term and pair in Python. A news article
(tens of sentences, a few hundred content words) fits a dense sentence-by-term matrix of
a few thousand cells, where the same values are a handful of array operations, about
five times faster. A document whose terms matrix or whose matrix of sentence pairs would
pass ``MAX_CELLS`` (an 8 MB array) is left to the dictionary code, so memory stays
bounded on huge inputs (ten thousand one-word lines have few terms but 10^8 pairs).

The values are those of the dictionary code up to rounding (sums are taken in another
order); ``tests/test_features.py`` holds both to the same plain reference.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

MAX_CELLS = 1_000_000


def similarities(
    content: Sequence[Sequence[str]], window: int
) -> list[tuple[float, float, float, float, float]] | None:
    """Per sentence: (cosine to the rest of the document, to the lead, to the previous
    sentence, forward and backward centrality within ``window``), as
    ``features._similarities`` gives them; None when the matrix would be too big."""
    n = len(content)
    column: dict[str, int] = {}
    cells = [column.setdefault(w, len(column)) for words in content for w in words]
    width = len(column)
    if not n or n * max(width, n) > MAX_CELLS:  # the terms matrix and the pairs' (n by n)
        return None
    import numpy as np

    lengths = [len(words) for words in content]
    at = np.repeat(np.arange(n) * width, lengths) + np.array(cells, dtype=np.intp)
    tf = np.bincount(at, minlength=n * width).reshape(n, width).astype(np.float64)
    df = np.count_nonzero(tf, axis=0).tolist()
    idf = {d: math.log((1 + n) / (1 + d)) + 1 for d in set(df)}  # math.log, as features does
    x = tf * np.array([idf[d] for d in df], dtype=np.float64)
    squares = np.einsum("ij,ij->i", x, x)
    to_rest = _to_rest(x, squares, x.sum(axis=0))
    lead = x[:3].sum(axis=0)  # each of the first three is compared with the other two
    to_lead = np.concatenate(
        [_to_rest(x[:3], squares[:3], lead), _cosines(x[3:] @ lead, squares[3:], _square(lead))]
    )
    previous = np.zeros(n)
    if n > 1:
        dots = np.einsum("ij,ij->i", x[1:], x[:-1])
        previous[1:] = _safe(dots, np.sqrt(squares[1:]) * np.sqrt(squares[:-1]))
    forward, backward = _centrality(x, squares, window)
    return list(
        zip(
            to_rest.tolist(),
            to_lead.tolist(),
            previous.tolist(),
            forward.tolist(),
            backward.tolist(),
        )
    )


def _square(vector):
    return float(vector @ vector)


def _safe(dots, norms):
    """dot / norm, and 0 where the norm is (nearly) 0, as ``features._cosine`` has it."""
    import numpy as np

    out = np.zeros_like(dots)
    np.divide(dots, norms, out=out, where=norms > 1e-12)
    return out


def _cosines(dots, squares, other_square: float):
    import numpy as np

    return _safe(dots, np.sqrt(squares) * math.sqrt(other_square))


def _to_rest(x, squares, total):
    """Cosine of each row with ``total`` minus that row (each row is summed in ``total``):
    the differences are taken first, so a row that is all of ``total`` gives exactly 0."""
    import numpy as np

    rest = total - x
    dots = np.einsum("ij,ij->i", x, rest)
    return _safe(dots, np.sqrt(squares) * np.sqrt(np.einsum("ij,ij->i", rest, rest)))


def _centrality(x, squares, window: int):
    """Mean cosine of each sentence to the ``window`` sentences after it and before it."""
    import numpy as np

    n = len(x)
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    cos = (x @ x.T) / np.outer(norms, norms)
    band = np.triu(cos, 1)
    if n > window + 1:  # else no pair is farther apart than the window
        band = band - np.triu(cos, window + 1)
    positions = np.arange(n)
    after = np.minimum(n - 1 - positions, window)
    before = np.minimum(positions, window)
    forward = _safe(band.sum(axis=1), after.astype(np.float64))
    backward = _safe(band.sum(axis=0), before.astype(np.float64))
    return forward, backward
