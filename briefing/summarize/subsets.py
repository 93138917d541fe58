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

CANDIDATES = 8  # the sets are drawn from this many of the best sentences
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


def set_features(
    sets: Sequence[tuple[int, ...]],
    scores: Sequence[float],
    content: Sequence[Sequence[str]],
    dangling: Sequence[bool],
) -> list[list[float]]:
    """One row (in ``SET_FEATURES`` order) per set of sentence positions.

    ``scores`` are the sentence model's, ``content`` each sentence's content words
    (lower-case, no stop words), ``dangling`` whether each opens with a reference it does
    not carry (``references.dangles``)."""
    n = len(scores)
    rank = {p: r for r, p in enumerate(sorted(range(n), key=lambda i: (-scores[i], i)))}
    best = max(scores)
    doc_tf = Counter(w for ws in content for w in ws)
    total = sum(doc_tf.values()) or 1
    keywords = {w for w, _ in doc_tf.most_common(_KEYWORDS)}
    bags = [set(ws) for ws in content]
    rows = []
    for chosen in sets:
        covered = set().union(*(bags[i] for i in chosen))
        pairs = [_jaccard(bags[a], bags[b]) for a, b in combinations(chosen, 2)] or [0.0]
        chosen_set = set(chosen)
        rows.append(
            [
                sum(scores[i] for i in chosen),
                min(scores[i] for i in chosen),
                best - min(scores[i] for i in chosen),
                float(sum(rank[i] for i in chosen)),
                float(max(rank[i] for i in chosen)),
                float(any(rank[i] == 0 for i in chosen)),
                max(pairs),
                sum(pairs) / len(pairs),
                sum(doc_tf[w] for w in covered) / total,
                len(keywords & covered) / max(len(keywords), 1),
                math.log(1 + sum(len(content[i]) for i in chosen)),
                min(chosen) / max(n - 1, 1),
                sum(chosen) / len(chosen) / max(n - 1, 1),
                float(0 in chosen_set),
                float(sum(dangling[i] and (i - 1) not in chosen_set for i in chosen)),
                math.log(1 + n),
            ]
        )
    return rows


def _jaccard(a: set[str], b: set[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0
