"""The key points as a set: the best three sentences together, not the three best alone.

The sentence model scores each sentence on its own; three good sentences can still say
the same thing, or leave the story's main actors out. So the default ranker scores whole
sets: every 3-subset of the best few candidates is described by features of the set
(its sentences' scores and ranks, how much they repeat each other, how much of the
document's vocabulary and keywords they cover, their length and positions, whether a
sentence in it dangles without the sentence before it) and a second model, trained on
the ROUGE of such sets against human highlights (bench/train_ranker.py), picks one.

The same function describes sets for training and for ranking, so the two cannot drift.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from .references import loose_in

CANDIDATES = 10  # the sets are drawn from this many of the best sentences (and the lede)
SIZE = 3  # sentences in a set: the default number of key points

SET_FEATURES: tuple[str, ...] = (
    "score_sum",
    "score_min",
    "gap_to_best",
    "rank_sum",
    "rank_max",
    "has_best",
    "overlap_max",
    "overlap_mean",
    "coverage",
    "keywords",
    "log_words",
    "pos_min",
    "pos_mean",
    "has_lede",
    "dangling",
    "log_n",
)
_KEYWORDS = 10


def candidate_sets(order: Sequence[int], size: int = SIZE) -> list[tuple[int, ...]]:
    """Every ``size``-subset (sorted positions) of the first ``CANDIDATES`` of ``order``
    and the lede (position 0), a candidate whenever ``order`` holds it."""
    pool = sorted(set(order[:CANDIDATES]) | ({0} if 0 in order else set()))
    return [tuple(c) for c in combinations(pool, min(size, len(pool)))]


def choose(
    sets: Sequence[tuple[int, ...]],
    rows,
    values: Sequence[float],
    scores: Sequence[float],
    lede_rank: int,
    avoid_dangling: bool = True,
) -> tuple[int, ...]:
    """The best-valued of ``sets`` (``rows``: their ``set_features``; ``values``: the set
    model's), the default ranker's rule and the training script's: none with a sentence
    dangling alone if another set is left (``avoid_dangling``), then one with the lede
    when the sentence model ranks the lede within the best ``lede_rank`` of ``scores``."""
    options = list(range(len(sets)))
    if avoid_dangling:
        column = SET_FEATURES.index("dangling")
        options = [k for k in options if not rows[k][column]] or options
    if sum(score > scores[0] for score in scores) < lede_rank:
        options = [k for k in options if 0 in sets[k]] or options
    return sets[max(options, key=lambda k: (values[k], -k))]


def set_features(
    sets: Sequence[tuple[int, ...]],
    scores: Sequence[float],
    content: Sequence[Sequence[str]],
    needs: Sequence[frozenset[int]],
):
    """One row (in ``SET_FEATURES`` order) per set of sentence positions, as a NumPy array.

    ``scores`` are the sentence model's, ``content`` each sentence's content words
    (lower-case, no stop words), ``needs`` the sentences of which one must be shown with
    each for it not to dangle (``references.referents``). All sets hold the same number
    of sentences."""
    import numpy as np

    n = len(scores)
    chosen = np.array(sets, dtype=np.int64).reshape(len(sets), -1)
    pool = sorted({i for s in sets for i in s})
    at = {p: k for k, p in enumerate(pool)}
    local = np.vectorize(at.__getitem__, otypes=[np.int64])(chosen) if chosen.size else chosen
    doc_tf = Counter(w for ws in content for w in ws)
    vocabulary = sorted({w for i in pool for w in content[i]})
    column = {w: k for k, w in enumerate(vocabulary)}
    has = np.zeros((len(pool), len(vocabulary)), dtype=bool)
    for k, i in enumerate(pool):
        has[k, [column[w] for w in set(content[i])]] = True
    weight = np.array([doc_tf[w] for w in vocabulary], dtype=np.float64)
    top = {w for w, _ in doc_tf.most_common(_KEYWORDS)}
    keyword = np.array([w in top for w in vocabulary], dtype=bool)
    sizes = has.sum(axis=1).astype(np.float64)
    shared = has.astype(np.float64) @ has.T.astype(np.float64)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    score = np.asarray(scores, dtype=np.float64)
    rank_of = np.empty(n, dtype=np.float64)
    rank_of[sorted(range(n), key=lambda i: (-scores[i], i))] = np.arange(n)
    pairs = [(a, b) for a in range(chosen.shape[1]) for b in range(a + 1, chosen.shape[1])]
    overlap = (
        np.stack([jaccard[local[:, a], local[:, b]] for a, b in pairs], axis=1)
        if pairs
        else np.zeros((len(sets), 1))
    )
    covered = has[local].any(axis=1)
    lengths = np.array([len(content[i]) for i in pool], dtype=np.float64)[local].sum(axis=1)
    loose = [len(loose_in(members, needs)) for members in sets]
    span = max(n - 1, 1)
    return np.column_stack(
        [
            score[chosen].sum(axis=1),
            score[chosen].min(axis=1),
            score.max() - score[chosen].min(axis=1),
            rank_of[chosen].sum(axis=1),
            rank_of[chosen].max(axis=1),
            (rank_of[chosen] == 0).any(axis=1),
            overlap.max(axis=1),
            overlap.mean(axis=1),
            covered @ weight / max(sum(doc_tf.values()), 1),
            (covered & keyword).sum(axis=1) / max(min(len(doc_tf), _KEYWORDS), 1),
            np.log1p(lengths),
            chosen.min(axis=1) / span,
            chosen.mean(axis=1) / span,
            (chosen == 0).any(axis=1),
            loose,
            np.full(len(sets), math.log(1 + n)),
        ]
    ).astype(np.float64)
