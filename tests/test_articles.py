"""The reader on real pages (tests/articles/, see its README): what must stay, what must go.

Each fixture's ``.expect.json`` was written from the page's own markup: its subheads, its
trailing furniture (``must_drop``) and body paragraphs that must survive. Two pages have
lines that only a later reader can tell from subheads (a link box's label on CBS News,
the game-result lines of a sports roundup): for those the expected subheads must all be
found, in order, and nothing found may be furniture.
"""

import json
from pathlib import Path

import pytest

from briefing.read import read_path

HERE = Path(__file__).parent / "articles"
FIXTURES = sorted(p.stem for p in HERE.glob("*.txt"))
SUBSET_ONLY = {"cbsnews", "floridatoday"}


def load(name):
    article = read_path(HERE / f"{name}.txt")
    expect = json.loads((HERE / f"{name}.expect.json").read_text(encoding="utf-8"))
    return article, expect


def test_there_are_several_real_articles():
    assert len(FIXTURES) >= 5


@pytest.mark.parametrize("name", FIXTURES)
def test_title(name):
    article, expect = load(name)
    assert article.title == expect["title"]


@pytest.mark.parametrize("name", FIXTURES)
def test_subheads(name):
    article, expect = load(name)
    found = [s.heading for s in article.sections if s.heading]
    if name in SUBSET_ONLY:
        positions = [found.index(h) for h in expect["subheads"]]
        assert positions == sorted(positions)
    else:
        assert found == expect["subheads"]
    assert not set(found) & set(expect["must_drop"])


@pytest.mark.parametrize("name", FIXTURES)
def test_trailing_furniture_is_gone(name):
    article, expect = load(name)
    text = [p.text for s in article.sections for p in s.paragraphs] + [
        s.heading for s in article.sections
    ]
    leaked = [line for line in expect["must_drop"] if line in text or line.lstrip("- ") in text]
    assert leaked == []
    sentences = " ".join(s.text for s in article.sentences())
    assert not [
        line for line in expect["must_drop"] if len(line) > 40 and line.lstrip("- ") in sentences
    ]


@pytest.mark.parametrize("name", FIXTURES)
def test_body_is_kept(name):
    article, expect = load(name)
    body = [p.text for s in article.sections for p in s.paragraphs]
    assert [line for line in expect["must_keep"] if line not in body] == []
    assert expect["last_body_line"] in body
    assert body.index(expect["last_body_line"]) >= len(body) - 3  # nothing but captions after it


def test_seed_sections_and_trailer():
    article = read_path(Path(__file__).parent.parent / "seeds" / "000_382a75be208f75a2.txt")
    assert [s.heading for s in article.sections] == [
        None,
        "Assad's status",
        "The insurgents' march",
        "Diplomacy in Doha",
    ]
    assert article.dropped[0] == "world" and article.dropped[1] == "You might also like"
    assert len(article.dropped) == 7
    last = article.sections[-1].paragraphs[-1].sentences[-1]
    assert last.startswith("He emphasized the urgency of starting a political process")
