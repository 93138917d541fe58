"""Shared fixtures: the seed, a fixed issue time, and an isolated working folder."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# The suite is deterministic, as the tool is: the same examples on every run and in CI, no
# example database. HYPOTHESIS_PROFILE=explore draws new ones (and keeps what fails).
hypothesis_settings.register_profile("deterministic", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

# Before any test module copies os.environ for its child processes: none of them may use
# the user's article store (each test gets its own below; children share this one).
os.environ["BRIEFING_HOME"] = tempfile.mkdtemp(prefix="briefing-home-")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_382a75be208f75a2.txt"
SHARED = ROOT.parent / "shared"
ISSUED = datetime(2024, 12, 8, 9, 30, tzinfo=UTC)

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>=|:@~])")
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)( ?)(.+?)\2(?<!`)\1(?!`)")
_BULLET = re.compile(r"^- (?:\*\*(?P<label>.+?):\*\* )?(?P<text>.*) \*\((?P<where>[^()]*)\)\*$")


@pytest.fixture(autouse=True)
def no_user_templates(monkeypatch):
    """Every test starts without the user's template folder variable (simonw/llm's way)."""
    monkeypatch.delenv("BRIEFING_TEMPLATES", raising=False)


@pytest.fixture(autouse=True)
def briefing_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test has its own empty BRIEFING_HOME: no test reads or writes the user's
    article store, and no test sees another's history."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    return home


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def issued() -> datetime:
    return ISSUED


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """An empty working folder, so no ./seeds or ./templates of the checkout is picked up."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def unescape_markdown(text: str) -> str:
    """Undo briefing's Markdown escaping: the text a reader sees. Code spans (words a
    renderer could link) show their content as it is; the text between them is unescaped."""
    pieces = _CODE_SPAN.split(text)  # plain, fence, pad, code, plain, ...
    plain = [
        _MD_ESCAPE.sub(r"\1", p.replace("&lt;", "<").replace("&amp;", "&")) for p in pieces[::4]
    ]
    return "".join(p + c for p, c in zip(plain, [*pieces[3::4], ""]))


def markdown_bullets(markdown: str) -> list[tuple[str, str]]:
    """Every bullet of a briefing's Markdown as (sentence text, provenance mark); a bold
    "**label:**" before the sentence (a figure, a speaker) is not part of it."""
    bullets = []
    for line in markdown.splitlines():
        match = _BULLET.match(line)
        if match:
            bullets.append((unescape_markdown(match["text"]), unescape_markdown(match["where"])))
    return bullets


def markdown_headings(markdown: str) -> list[str]:
    return [unescape_markdown(line[3:]) for line in markdown.splitlines() if line.startswith("## ")]


def rendered(article, *, formats=("md",), issued=ISSUED, templates=(), **given) -> dict[str, bytes]:
    """The article briefed and rendered in ``formats`` as the library does it, with
    ``given`` settings (schema keys) on the built-ins of an isolated working folder."""
    from briefing.pipeline import brief, render
    from briefing.settings import load_settings

    settings = load_settings(given, templates=templates, issued=issued)
    return render(brief(article, settings), settings, tuple(formats))
