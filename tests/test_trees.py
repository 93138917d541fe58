"""The NumPy scorer of LightGBM text models (briefing/summarize/trees.py) against LightGBM."""

import numpy as np
import pytest

from briefing.summarize import default, trees
from briefing.summarize.features import FEATURES
from briefing.summarize.subsets import SET_FEATURES
from briefing.summarize.trees import load, parse

lgb = pytest.importorskip(
    "lightgbm", reason="lightgbm is in the test extra: pip install -e '.[test]'"
)


def _trained(rows: np.ndarray, labels: np.ndarray, **params):
    names = [f"f{i}" for i in range(rows.shape[1])]
    base = {"objective": "binary", "verbose": -1, "seed": 1, "deterministic": True}
    return lgb.train({**base, **params}, lgb.Dataset(rows, labels, feature_name=names), 60)


def _data(seed: int, n: int = 2000):
    rng = np.random.default_rng(seed)
    rows = rng.normal(size=(n, 6))
    rows[:, 2] = rows[:, 2] > 0  # a 0/1 feature, as most of ours are
    rows[:, 4] = np.round(rows[:, 4], 1)  # many ties on thresholds
    labels = (rows[:, 0] + rows[:, 1] * rows[:, 2] - rows[:, 4] > 0).astype(float)
    return rows, labels


def _on_thresholds(booster, rows: np.ndarray) -> np.ndarray:
    """``rows`` with, in turn, one feature set exactly on one of the model's thresholds
    (such a row goes left), cycling through every split of the first trees."""
    splits = []
    for tree in booster.dump_model()["tree_info"][:10]:
        nodes = [tree["tree_structure"]]
        while nodes:
            node = nodes.pop()
            if "split_feature" in node:
                splits.append((node["split_feature"], node["threshold"]))
                nodes += [node["left_child"], node["right_child"]]
    rows = rows.copy()
    for k in range(len(rows) // 2):
        feature, threshold = splits[k % len(splits)]
        rows[k, feature] = threshold
    return rows


# each mask width's edges, and each way a mask gives a value: trees of up to 8 leaves read
# it from one table, up to 17 their exit leaf from a table, wider ones compute it
@pytest.mark.parametrize("leaves", [2, 7, 8, 9, 16, 17, 31, 33, 64])
def test_numpy_scores_equal_lightgbms_raw_scores(leaves):
    rows, labels = _data(1)
    booster = _trained(rows, labels, num_leaves=leaves)
    assert max(t["num_leaves"] for t in booster.dump_model()["tree_info"]) == leaves
    forest = parse(booster.model_to_string())
    assert forest.by_mask == (leaves <= 8)
    assert (forest.exit_leaf is not None) == (8 < leaves <= 17)
    test_rows = _on_thresholds(booster, _data(2, 500)[0])
    expected = booster.predict(test_rows, raw_score=True)
    assert np.allclose(forest.predict(test_rows), expected, rtol=0, atol=1e-9)


def test_features_of_few_thresholds_share_tables_and_score_as_lightgbm():
    """Twelve 0/1 features and one of three values (2 * ... * 3 bins) fill two shared
    tables; a feature no tree splits on takes no table."""
    rng = np.random.default_rng(9)
    rows = np.column_stack(
        [rng.integers(0, 2, size=(3000, 12)), rng.integers(0, 3, 3000), rng.normal(size=3000)]
    ).astype(float)
    rows[:, 13] = 0.0
    labels = (rows[:, :12] @ rng.normal(size=12) + rows[:, 12] > 0.5).astype(float)
    booster = _trained(rows, labels, num_leaves=15)
    forest = parse(booster.model_to_string())
    assert len(forest.few_weight) >= 2 and not forest.searched
    assert 13 not in forest.few_feature and 12 in forest.few_feature
    test_rows = _on_thresholds(booster, rows[::3])
    expected = booster.predict(test_rows, raw_score=True)
    assert np.allclose(forest.predict(test_rows), expected, rtol=0, atol=1e-9)


def test_a_model_of_stumps_and_one_leaf_trees_scores_as_lightgbm():
    rows, labels = _data(3, 300)
    booster = _trained(rows, labels, num_leaves=2, min_data_in_leaf=250)
    forest = parse(booster.model_to_string())
    assert np.allclose(forest.predict(rows), booster.predict(rows, raw_score=True), atol=1e-9)


@pytest.mark.parametrize(
    ("path", "names"), [(default.SENTENCE_MODEL, FEATURES), (default.SET_MODEL, SET_FEATURES)]
)
def test_the_shipped_models_score_as_lightgbm_reads_them(path, names):
    forest = load(path)
    assert forest.features == names
    rng = np.random.default_rng(4)
    rows = rng.normal(size=(300, len(names))) * 2
    rows[:100] = rows[:100] > 0  # indicator-like values
    booster = lgb.Booster(model_file=str(path))
    assert np.allclose(forest.predict(rows), booster.predict(rows, raw_score=True), atol=1e-9)


def test_unsupported_models_are_refused_when_read():
    rng = np.random.default_rng(5)
    rows = rng.integers(0, 10, size=(1000, 2)).astype(float)
    labels = np.isin(rows[:, 0], [2, 5, 7]).astype(float)  # only a categorical split finds it
    categorical = lgb.train(
        {"objective": "binary", "verbose": -1, "num_leaves": 4, "min_data_per_group": 5},
        lgb.Dataset(rows, labels, categorical_feature=[0]),
        5,
    )
    with pytest.raises(ValueError, match="unsupported"):
        parse(categorical.model_to_string())
    with pytest.raises(ValueError, match="no trees"):
        parse("tree\nfeature_names=a b\n")


def test_rows_of_the_wrong_width_or_with_nan_are_an_error():
    rows, labels = _data(6, 300)
    forest = parse(_trained(rows, labels).model_to_string())
    with pytest.raises(ValueError, match="6 features"):
        forest.predict(rows[:, :5])
    rows[3, 0] = np.nan  # LightGBM would take a default branch the masks do not know
    with pytest.raises(ValueError, match="NaN"):
        forest.predict(rows)


def test_trees_wider_than_the_masks_are_refused():
    rows, labels = _data(7)
    booster = _trained(rows, labels, num_leaves=65, min_data_in_leaf=2)
    assert max(t["num_leaves"] for t in booster.dump_model()["tree_info"]) > 64
    with pytest.raises(ValueError, match="64 leaves"):
        parse(booster.model_to_string())


def test_more_rows_than_one_chunk_score_the_same_as_one_at_a_time(monkeypatch):
    rows, labels = _data(8, 600)
    forest = parse(_trained(rows, labels, num_leaves=15).model_to_string())
    whole = forest.predict(rows)
    monkeypatch.setattr(trees, "_CHUNK_BYTES", forest.gone[:1].nbytes * len(forest.start) * 7)
    one_by_one = np.concatenate([forest.predict(rows[i : i + 1]) for i in range(len(rows))])
    assert np.array_equal(forest.predict(rows), one_by_one)  # chunks of 7 rows
    assert np.array_equal(whole, one_by_one)


def test_help_loads_neither_numpy_nor_the_models():
    """Start-up stays light (issue 14): NumPy and the trees load on the first ranking."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from briefing.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'numpy' not in sys.modules, 'numpy imported by --help'\n"
        "assert 'lightgbm' not in sys.modules\n"
        "from briefing.summarize import default\n"
        "assert default._forest.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, capture_output=True)
