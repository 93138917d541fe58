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
from itertools import chain, combinations
from operator import itemgetter

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
    import numpy as np

    options = list(range(len(sets)))
    if avoid_dangling:  # the column read at once: indexing an array row by row is slow
        dangling = np.asarray(rows)[:, SET_FEATURES.index("dangling")].tolist()
        options = [k for k in options if not dangling[k]] or options
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
    chosen = (
        np.fromiter(chain.from_iterable(sets), np.int64, len(sets) * len(sets[0]))
        if sets
        else np.array(sets, dtype=np.int64)
    ).reshape(len(sets), -1)
    pool = sorted(set(chain.from_iterable(sets)))
    local = chosen
    if chosen.size:  # each position's row among the pool's
        at = np.zeros(pool[-1] + 1, dtype=np.intp)
        at[pool] = np.arange(len(pool))
        local = at[chosen]
    doc_tf = Counter(chain.from_iterable(content))
    has, weight, keyword = _vocabulary(pool, content, doc_tf)
    sizes = has.sum(axis=1).astype(np.float64)
    shared = has.astype(np.float64) @ has.T.astype(np.float64)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    pairs = [(a, b) for a in range(chosen.shape[1]) for b in range(a + 1, chosen.shape[1])]
    overlap = (
        np.stack([jaccard[local[:, a], local[:, b]] for a, b in pairs], axis=1)
        if pairs
        else np.zeros((len(sets), 1))
    )
    covered = has[local].any(axis=1)
    lengths = np.array([len(content[i]) for i in pool], dtype=np.float64)[local].sum(axis=1)
    span = max(n - 1, 1)
    rows = _score_columns(chosen, scores)
    rows[:, 6] = overlap.max(axis=1)
    rows[:, 7] = overlap.mean(axis=1)
    rows[:, 8] = covered @ weight / max(sum(doc_tf.values()), 1)
    rows[:, 9] = (covered & keyword).sum(axis=1) / max(min(len(doc_tf), _KEYWORDS), 1)
    rows[:, 10] = np.log1p(lengths)
    rows[:, 11] = chosen.min(axis=1) / span
    rows[:, 12] = chosen.mean(axis=1) / span
    rows[:, 13] = (chosen == 0).any(axis=1)
    rows[:, 14] = _loose(local, pool, needs)
    rows[:, 15] = math.log(1 + n)
    return rows


def _vocabulary(pool: list[int], content: Sequence[Sequence[str]], doc_tf: Counter):
    """Which of the pool's words (sorted) each pool sentence holds, a matrix; each word's
    count in the document, and whether it is one of the document's keywords."""
    import numpy as np

    vocabulary = sorted(set().union(*(content[i] for i in pool)))
    column = {w: k for k, w in enumerate(vocabulary)}
    width = len(vocabulary)
    cells = [k * width + column[w] for k, i in enumerate(pool) for w in content[i]]
    has = np.zeros(len(pool) * width, dtype=bool)
    has[cells] = True
    weight = np.array([doc_tf[w] for w in vocabulary], dtype=np.float64)
    # most_common(_KEYWORDS), the same words (ties in first-seen order), by one sort
    top = {w for w, _ in sorted(doc_tf.items(), key=itemgetter(1), reverse=True)[:_KEYWORDS]}
    keyword = np.array([w in top for w in vocabulary], dtype=bool)
    return has.reshape(len(pool), width), weight, keyword


def _score_columns(chosen, scores: Sequence[float]):
    """The rows of the sets, with their first six columns: from the sentence scores and
    ranks (0 for the best; ties in document order)."""
    import numpy as np

    n = len(scores)
    score = np.asarray(scores, dtype=np.float64)
    rank_of = np.empty(n, dtype=np.float64)
    # best first; a stable sort keeps ties in document order, reversed or not
    rank_of[sorted(range(n), key=scores.__getitem__, reverse=True)] = np.arange(n)
    rows = np.empty((len(chosen), len(SET_FEATURES)), dtype=np.float64)
    chosen_score, chosen_rank = score[chosen], rank_of[chosen]
    rows[:, 0] = chosen_score.sum(axis=1)
    rows[:, 1] = lowest = chosen_score.min(axis=1)
    rows[:, 2] = score.max() - lowest
    rows[:, 3] = chosen_rank.sum(axis=1)
    rows[:, 4] = chosen_rank.max(axis=1)
    rows[:, 5] = (chosen_rank == 0).any(axis=1)
    return rows


def _loose(local, pool: list[int], needs):
    """How many sentences of each set (``local``: its rows among the pool's) dangle
    without one they need (``references.loose_in``), counted sentence by sentence of the
    pool that needs one."""
    import numpy as np

    member = np.zeros((len(local), len(pool)), dtype=bool)
    member[np.arange(len(local))[:, None], local] = True
    row = {p: k for k, p in enumerate(pool)}
    loose = np.zeros(len(local), dtype=np.int64)
    for k, i in enumerate(pool):
        if needs[i]:
            helpers = [row[j] for j in needs[i] if j in row]  # the others are in no set
            loose += member[:, k] & ~member[:, helpers].any(axis=1) if helpers else member[:, k]
    return loose
