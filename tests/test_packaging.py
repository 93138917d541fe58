"""The installed package must carry its templates and the sample article.

``briefing/templates`` and ``briefing/seeds`` are symlinks to the top-level folders; the
wheel only carries what ``[tool.setuptools.package-data]`` names. An editable install
would hide a missing pattern, so check the patterns against the files.
"""

import glob
import tomllib
from pathlib import Path

import briefing

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(briefing.__file__).resolve().parent


def test_package_data_covers_every_template_and_seed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["briefing"]
    shipped = {
        p
        for pattern in patterns
        for p in glob.glob(pattern, root_dir=ROOT / "briefing", recursive=True)
    }
    wanted = {
        str(path.relative_to(ROOT / "briefing"))
        for folder in ("templates", "seeds")
        for path in (ROOT / "briefing" / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert wanted and wanted <= shipped


def test_package_data_carries_the_default_rankers_models():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["briefing.summarize"]
    total = 0
    for name in ("sentence_model.txt", "set_model.txt"):
        assert name in patterns
        path = ROOT / "briefing" / "summarize" / name
        assert path.read_text(encoding="utf-8").startswith("tree\n")  # LightGBM's text format
        total += path.stat().st_size
    assert total < 5_000_000  # issue 14: the model ships in the wheel, under 5 MB


def test_symlinks_point_at_the_top_level_folders():
    for name in ("templates", "seeds"):
        assert (ROOT / "briefing" / name).resolve() == (ROOT / name).resolve()
    assert (PACKAGE / "templates" / "base" / "briefing.md.j2").is_file()
