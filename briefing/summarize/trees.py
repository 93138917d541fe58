"""Gradient-boosted trees scored with NumPy, from LightGBM's own text model format.

The default ranker's models are trained by LightGBM (bench/train_ranker.py) and shipped
as the text files LightGBM writes (``Booster.save_model``): readable, diffable, never a
pickle, and loadable by LightGBM itself to check them. At run time LightGBM is not
needed: the trees are read into tables once and scored by bit masks, the QuickScorer
method (Lucchese et al., SIGIR 2015), which needs no walk from node to node: each split
whose test fails (the row goes right) rules out the leaves of its left subtree, and a
tree's exit leaf is the leftmost leaf no failed split ruled out.

Which splits of a feature fail depends only on where the row's value falls among that
feature's distinct thresholds (its bin), so the leaves they rule out in every tree are
read from one table row per feature and bin, and OR-ed: one binary search per feature and
a few whole-array operations per row, not a comparison per split (a fifth of the time).
Features with a threshold or two (the 0/1 ones) share a table, indexed by their bins
together. Only what our models use is supported (numerical splits, no missing values, no
categorical features, no linear trees, at most 64 leaves a tree); anything else is
refused when the file is read, never silently mis-scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

_MAX_LEAVES = 64
_FEW = 2  # a feature of at most this many thresholds shares a table with others like it
_SHARED_ROWS = 256  # the most rows of a shared table (the product of its features' bins)
_CHUNK_BYTES = 1 << 21  # the masks gathered for the rows scored at a time stay in cache
_VALUE_TABLE_LEAVES = 8  # trees this small: each mask's exit value read from one table
_EXIT_TABLE_LEAVES = 17  # masks of up to 16 bits: the exit leaf read from a table


@dataclass(frozen=True)
class Forest:
    """All trees of one model as tables of masks. A row's index into ``gone`` for each
    group of features is ``start`` plus its bin index in the group: for a feature of many
    thresholds alone (``searched``, with its thresholds ascending), the number of them
    below the value; for the shared groups, the sum of ``few_weight`` over the thresholds
    (``few_feature``, ``few_threshold``) the value is above. Each ``gone`` row holds, for
    every tree, the mask of the leaves the failed splits rule out (bit k: the tree's k-th
    leaf from the left), as 64-bit words; the OR of a row's masks gives each tree's exit
    leaf. Leaf values are kept left to right, tree after tree; trees of one leaf only add
    a constant."""

    features: tuple[str, ...]
    trees: int  # trees of more than one leaf
    searched: tuple[tuple[int, np.ndarray], ...]  # (feature, its distinct thresholds)
    few_feature: np.ndarray  # (m,) int
    few_threshold: np.ndarray  # (m,) float: a row goes left when value <= threshold
    few_weight: np.ndarray  # (shared groups, m) int
    start: np.ndarray  # (groups,) int
    gone: np.ndarray  # (rows, words) uint64: the masks, ``trees`` of type ``mask`` and padding
    mask: type
    by_mask: bool  # small trees: ``values`` holds each tree's exit value for every mask
    values: np.ndarray  # float: else each tree's leaf values, left to right
    base: np.ndarray  # (trees,) where each tree's entries in ``values`` begin
    exit_leaf: np.ndarray | None  # narrow masks: (masks,) the position of each one's exit
    constant: float  # the sum of the one-leaf trees' values

    def predict(self, rows) -> np.ndarray:
        """The raw score (sum of leaf values) of each row of ``rows`` (n, features)."""
        rows = np.asarray(rows, dtype=np.float64)
        if rows.ndim != 2 or rows.shape[1] != len(self.features):
            raise ValueError(f"expected rows of {len(self.features)} features, got {rows.shape}")
        if np.isnan(rows).any():  # LightGBM would send NaN down a default branch
            raise ValueError("a feature value is NaN")
        if not self.trees:
            return np.full(len(rows), self.constant)
        chunk = max(1, _CHUNK_BYTES // self.gone[:1].nbytes // len(self.start))
        if len(rows) <= chunk:
            return self._score(rows)
        return np.concatenate(
            [self._score(rows[i : i + chunk]) for i in range(0, len(rows), chunk)]
        )

    def _score(self, rows: np.ndarray) -> np.ndarray:
        columns = np.ascontiguousarray(rows.T)
        at = np.empty((len(self.start), len(rows)), dtype=np.intp)
        for group, (feature, thresholds) in enumerate(self.searched):
            at[group] = thresholds.searchsorted(columns[feature])  # thresholds below it
        if len(self.few_weight):
            above = columns.take(self.few_feature, axis=0) > self.few_threshold[:, None]
            at[len(self.searched) :] = self.few_weight @ above
        at += self.start[:, None]
        words = np.bitwise_or.reduce(self.gone.take(at, axis=0), axis=0)
        gone = words.view(self.mask)[:, : self.trees]  # (rows, trees)
        values = self.values.take((gone if self.by_mask else self._exit(gone)) + self.base)
        # summed along each row in memory order, tree after tree, as LightGBM adds them
        return values.sum(axis=1) + self.constant

    def _exit(self, gone: np.ndarray) -> np.ndarray:
        """Each tree's exit leaf: the lowest bit its mask leaves clear."""
        if self.exit_leaf is not None:
            return self.exit_leaf.take(gone)
        left = ~gone
        lowest = left & (~left + left.dtype.type(1))
        return np.frexp(lowest.astype(np.float64))[1] - 1


def load(path: Path | str) -> Forest:
    """The trees of a LightGBM text model file."""
    return parse(Path(path).read_text(encoding="utf-8"))


def parse(text: str) -> Forest:
    header, *blocks = text.split("\nTree=")
    features = tuple(_fields(header)["feature_names"].split())
    trees = [_fields(block.split("\nend of trees")[0]) for block in blocks]
    trees = [tree for tree in trees if "num_leaves" in tree]
    if not trees:
        raise ValueError("no trees in the model")
    for tree in trees:
        for key in ("num_cat", "is_linear"):
            if int(tree.get(key, "0")):
                raise ValueError(f"unsupported tree ({key})")
        if int(tree["num_leaves"]) > _MAX_LEAVES:
            raise ValueError(f"a tree of more than {_MAX_LEAVES} leaves")
    grown = [tree for tree in trees if int(tree["num_leaves"]) > 1]
    constant = sum(float(t["leaf_value"]) for t in trees if int(t["num_leaves"]) == 1)
    split_tree, feature, threshold, ruled_out = [], [], [], []  # one entry per split
    bases, values = [], []
    for t, tree in enumerate(grown):
        _check_decisions(tree["decision_type"])
        leaf_value = tree["leaf_value"].split()
        order, masks = _leaves_left_to_right(tree)
        split_tree += [t] * len(masks)
        feature += tree["split_feature"].split()
        threshold += map(float, tree["threshold"].split())
        ruled_out += masks
        bases.append(len(values))
        values += [float(leaf_value[leaf]) for leaf in order]
    splits = (split_tree, list(map(int, feature)), threshold, ruled_out)
    return _compiled(features, splits, bases, values, constant)


def _leaves_left_to_right(tree: dict[str, str]) -> tuple[list[int], list[int]]:
    """The tree's leaves from left to right, and for each split the mask of the leaves of
    its left subtree (bit k: the k-th leaf from the left), those a row that goes right
    can no longer reach. One walk: a subtree's leaves are a run of consecutive positions."""
    left = [int(v) for v in tree["left_child"].split()]
    right = [int(v) for v in tree["right_child"].split()]
    order: list[int] = []
    span = [0] * len(left)  # per split: its left subtree's (first, end) positions, packed
    stack = [(0, False)]  # (node, its left subtree done); a leaf is ~index
    while stack:
        node, done = stack.pop()
        if node < 0:
            order.append(~node)
        elif not done:
            span[node] = len(order)  # where its left subtree begins
            stack += [(node, True), (left[node], False)]
        else:
            span[node] = ((1 << len(order)) - 1) ^ ((1 << span[node]) - 1)
            stack.append((right[node], False))
    return order, span


def _fields(block: str) -> dict[str, str]:
    out = {}
    for line in block.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


def _check_decisions(decision_types: str) -> None:
    """Numerical splits only, and with no missing-value handling our rows could reach:
    bit 0 is "categorical", bits 2-3 the missing type (0 = none, 1 = zero, 2 = NaN).
    A "zero" missing type would send 0.0 down the default branch, so it is refused;
    NaN never occurs in our features (``predict`` refuses it)."""
    for value in map(int, decision_types.split()):
        if value & 1 or (value >> 2) & 3 == 1:
            raise ValueError(f"unsupported split (decision_type {value})")


def _compiled(
    features: tuple[str, ...],
    splits: tuple[list, list, list, list],
    bases: list[int],
    values: list[float],
    constant: float,
) -> Forest:
    """The tables of a ``Forest`` from the grown trees' splits (their trees, features,
    thresholds and the masks of their left subtrees' leaves) and their leaf values, tree
    after tree."""
    leaves = np.diff(bases + [len(values)]).astype(np.intp)
    widest = int(leaves.max(initial=2))
    # the narrowest masks that hold a tree's leaves: less memory to move per row
    mask = next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if widest <= t(0).nbytes * 8)
    own = _feature_tables(splits, len(bases), mask) if splits[0] else {}
    searched = [j for j in sorted(own) if len(own[j][0]) > _FEW]
    shared = _shared_groups([j for j in sorted(own) if j not in searched], own)
    tables = [own[j][1] for j in searched] + [_joint(group, own) for group in shared]
    return Forest(
        features,
        len(bases),
        tuple((j, own[j][0]) for j in searched),
        *_shared_index(shared, own),
        np.cumsum([0] + [len(t) for t in tables[:-1]], dtype=np.intp),
        np.concatenate(tables) if tables else np.zeros((1, 1), dtype=np.uint64),
        mask,
        *_exits(widest, leaves, np.array(bases, dtype=np.intp), np.array(values)),
        constant,
    )


def _shared_index(shared: list[list[int]], own: dict) -> tuple[np.ndarray, ...]:
    """The thresholds of the features of the shared tables (feature, threshold) and the
    weight of each in its table's row (a matrix: shared table by threshold)."""
    few = [
        (g, j, threshold, stride)
        for g, group in enumerate(shared)
        for j, stride in zip(group, _strides(group, own))
        for threshold in own[j][0]
    ]
    weight = np.zeros((len(shared), len(few)), dtype=np.intp)
    for k, (g, _, _, stride) in enumerate(few):
        weight[g, k] = stride
    feature = np.array([j for _, j, _, _ in few], dtype=np.intp)
    return feature, np.array([t for _, _, t, _ in few], dtype=np.float64), weight


def _exits(widest: int, leaves: np.ndarray, bases: np.ndarray, values: np.ndarray) -> tuple:
    """How a mask gives a tree's value: for trees of few leaves, from one table of every
    tree's value for every mask (one a tree cannot give reads its last leaf); else from
    the mask's exit leaf (read from a table for narrow masks) and the tree's leaf values.
    The indices are as narrow as the table allows."""
    masks = 1 << (widest - 1)  # the last leaf is in no left subtree: its bit is never set
    by_mask = widest <= _VALUE_TABLE_LEAVES
    if by_mask:
        exits = np.minimum(_exit_leaves(masks)[None, :], leaves[:, None] - 1)
        values, bases = values[bases[:, None] + exits].ravel(), np.arange(len(bases)) * masks
    narrow = not by_mask and widest <= _EXIT_TABLE_LEAVES
    small = _exit_leaves(masks).astype(np.uint8) if narrow else None
    index = np.uint16 if len(values) <= 1 << 16 else np.intp
    return by_mask, values.astype(np.float64), bases.astype(index), small


def _feature_tables(
    splits: tuple[list, list, list, list], trees: int, mask: type
) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """For each feature that splits: its distinct thresholds ascending, and for each bin
    of values (row b: above the first b thresholds) the leaves the failing splits rule
    out in each tree, as 64-bit words of masks (padded with zero masks: 8 masks of a
    byte are ORed at once)."""
    tree, feature = np.array(splits[0], dtype=np.intp), np.array(splits[1], dtype=np.intp)
    threshold, ruled_out = np.array(splits[2], np.float64), np.array(splits[3], dtype=mask)
    width = -(-trees * ruled_out.itemsize // 8) * 8 // ruled_out.itemsize
    out = {}
    for j in sorted(set(feature.tolist())):
        own = feature == j
        thresholds = np.sort(threshold[own])
        thresholds = thresholds[np.append(True, thresholds[1:] != thresholds[:-1])]  # distinct
        table = np.zeros((len(thresholds) + 1, width), dtype=mask)
        # a split fails in the bins above its threshold: marked in the first, carried up
        rows = thresholds.searchsorted(threshold[own]) + 1
        np.bitwise_or.at(table, (rows, tree[own]), ruled_out[own])
        out[j] = (thresholds, np.bitwise_or.accumulate(table.view(np.uint64), axis=0))
    return out


def _shared_groups(few: list[int], own: dict) -> list[list[int]]:
    """The features of few thresholds, packed in order into tables of at most
    ``_SHARED_ROWS`` rows (the product of the features' bin counts)."""
    groups: list[list[int]] = []
    rows = _SHARED_ROWS + 1
    for feature in few:
        bins = len(own[feature][0]) + 1
        if rows * bins > _SHARED_ROWS:
            groups.append([])
            rows = 1
        groups[-1].append(feature)
        rows *= bins
    return groups


def _strides(group: list[int], own: dict) -> list[int]:
    """Each feature's weight in its shared table's row: bins of the first count by one."""
    sizes = [len(own[feature][0]) + 1 for feature in group]
    return [int(np.prod(sizes[:k])) for k in range(len(group))]


def _joint(group: list[int], own: dict) -> np.ndarray:
    """The shared table of ``group``: in each row, the OR of its features' rows."""
    sizes = [len(own[feature][0]) + 1 for feature in group]
    row = np.arange(int(np.prod(sizes)))
    table = np.zeros((len(row), own[group[0]][1].shape[1]), dtype=own[group[0]][1].dtype)
    for feature, size, stride in zip(group, sizes, _strides(group, own)):
        table |= own[feature][1][row // stride % size]
    return table


def _exit_leaves(masks: int) -> np.ndarray:
    """For each mask below ``masks``: its lowest clear bit, the leftmost leaf not ruled out."""
    mask = np.arange(masks, dtype=np.int64)
    return np.frexp((~mask & (mask + 1)).astype(np.float64))[1] - 1
