"""Gradient-boosted trees scored with NumPy, from LightGBM's own text model format.

The default ranker's models are trained by LightGBM (bench/train_ranker.py) and shipped
as the text files LightGBM writes (``Booster.save_model``): readable, diffable, never a
pickle, and loadable by LightGBM itself to check them. At run time LightGBM is not
needed: the trees are read into arrays once and scored by bit masks, the QuickScorer
method (Lucchese et al., SIGIR 2015), which needs no walk from node to node: every split
of every tree is tested at once, each split whose test fails (the row goes right) rules
out the leaves of its left subtree, and a tree's exit leaf is the leftmost leaf no failed
split ruled out. Only what our models use is supported (numerical splits, no missing
values, no categorical features, no linear trees, at most 64 leaves a tree); anything else
is refused when the file is read, never silently mis-scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

_CHUNK = 128  # rows scored at a time: keeps the (rows, splits) arrays in cache
_MAX_LEAVES = 64


@dataclass(frozen=True)
class Forest:
    """All trees of one model as arrays of ``steps`` rows of splits, one split of every
    tree in each row (a tree with fewer splits is padded with splits no value fails), and
    each split's ``cleared`` mask: the bits of the leaves a row that fails its test can no
    longer reach (bit k is the tree's k-th leaf from the left). Leaf values are kept left
    to right, tree after tree; trees of one leaf only add a constant."""

    features: tuple[str, ...]
    steps: int  # the most splits of any tree
    split_feature: np.ndarray  # (steps * trees,) int
    threshold: np.ndarray  # (steps * trees,) float: a row goes left when value <= threshold
    cleared: np.ndarray  # (steps * trees,) unsigned
    leaf_base: np.ndarray  # (trees,) where each tree's leaf values begin
    leaf_value: np.ndarray  # (leaves,) float
    constant: float  # the sum of the one-leaf trees' values

    def predict(self, rows) -> np.ndarray:
        """The raw score (sum of leaf values) of each row of ``rows`` (n, features)."""
        rows = np.asarray(rows, dtype=np.float64)
        if rows.ndim != 2 or rows.shape[1] != len(self.features):
            raise ValueError(f"expected rows of {len(self.features)} features, got {rows.shape}")
        if np.isnan(rows).any():  # LightGBM would send NaN down a default branch
            raise ValueError("a feature value is NaN")
        if not len(self.leaf_base):
            return np.full(len(rows), self.constant)
        if len(rows) <= _CHUNK:
            return self._score(rows)
        return np.concatenate(
            [self._score(rows[i : i + _CHUNK]) for i in range(0, len(rows), _CHUNK)]
        )

    def _score(self, rows: np.ndarray) -> np.ndarray:
        # Split by split, all rows at once: each split's feature column is one contiguous
        # copy (a (splits, rows) array), not a gather of scattered values from every row.
        columns = np.ascontiguousarray(rows.T).take(self.split_feature, axis=0)
        failed = columns > self.threshold[:, None]
        gone = (failed * self.cleared[:, None]).reshape(self.steps, -1, len(rows))
        left = ~np.bitwise_or.reduce(gone, axis=0)  # the leaves each row can reach, per tree
        lowest = left & (~left + left.dtype.type(1))  # the leftmost: the exit leaf
        position = np.frexp(lowest.astype(np.float64))[1] - 1
        values = self.leaf_value[self.leaf_base[:, None] + position]  # (trees, rows)
        # summed along each row in memory order, tree after tree, as LightGBM adds them
        return np.ascontiguousarray(values.T).sum(axis=1) + self.constant


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
    widest = max(int(tree["num_leaves"]) for tree in trees)
    # the narrowest masks that hold a tree's leaves: less memory to move per row
    dtype = next(
        t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if widest <= t(0).nbytes * 8
    )
    grown = [tree for tree in trees if int(tree["num_leaves"]) > 1]
    constant = sum(float(t["leaf_value"]) for t in trees if int(t["num_leaves"]) == 1)
    steps = max((int(tree["num_leaves"]) - 1 for tree in grown), default=0)
    feature = np.zeros((steps, len(grown)), dtype=np.intp)
    threshold = np.full((steps, len(grown)), np.inf)  # padding: no value fails it
    cleared = np.zeros((steps, len(grown)), dtype=dtype)
    bases, values = [], []
    for t, tree in enumerate(grown):
        _check_decisions(tree["decision_type"])
        leaf_value = tree["leaf_value"].split()
        order, ruled_out = _leaves_left_to_right(tree)
        count = len(leaf_value) - 1
        feature[:count, t] = tree["split_feature"].split()
        threshold[:count, t] = [float(v) for v in tree["threshold"].split()]
        cleared[:count, t] = ruled_out
        bases.append(len(values))
        values += [float(leaf_value[leaf]) for leaf in order]
    return Forest(
        features,
        steps,
        feature.ravel(),
        threshold.ravel(),
        cleared.ravel(),
        np.array(bases, dtype=np.intp),
        np.array(values, dtype=np.float64),
        constant,
    )


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
