"""Every input kind: HTML pages, Markdown, standard input, globs; metadata; `briefing read`."""

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import BriefingError
from briefing.read import read_bytes, read_path, read_text

from .conftest import rendered

PAGES = Path(__file__).parent / "pages"  # saved pages from the article-extraction benchmark (MIT)


def page(name: str) -> bytes:
    return gzip.decompress((PAGES / f"{name}.html.gz").read_bytes())


def paragraphs(article):
    return [p.text for s in article.sections for p in s.paragraphs]


@pytest.mark.parametrize(
    "name, title, subheads, keep, drop",
    [
        (
            "thesun",
            "Hunter diagnosed with bubonic plague after eating a rabbit making him third Beijing local "
            "to contract medieval disease",
            ["SCORES QUARANTINED", "How is the plague spread?"],
            [
                "Nowadays, plague is easily treated with antibiotics.",
                "American, Dutch, German, Swedish, Swiss, and South Korean tourists were marooned in Uglii as a result.",
            ],
            ["Most read in world news"],
        ),
        (
            "slashgear",
            "2020 Audi e-tron Sportback revealed as electric 4-door coupe",
            ["Power and Performance", "Range and Charging", "Interior and Technology"],
            ["It’s a handsome EV, certainly."[:20]],
            ["Story Timeline"],
        ),
        (
            "bbc",
            "Taylor Swift is allowed to play her music at the AMAs after all",
            [],
            [],
            [
                "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
                "Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here.",
            ],
        ),
    ],
)
def test_html_pages_keep_the_article_and_lose_the_furniture(name, title, subheads, keep, drop):
    article = read_bytes(page(name), f"{name}.html")
    assert article.title == title
    assert [s.heading for s in article.sections if s.heading] == subheads
    text = paragraphs(article)
    for line in keep:
        assert any(p.startswith(line) for p in text), line
    for line in drop:
        assert all(line not in p for p in text) and line not in [
            s.heading for s in article.sections
        ]
    assert article.metadata.url.startswith("https://") and article.metadata.site


def test_html_metadata_reaches_the_briefing_header_as_text():
    article = read_bytes(page("thesun"), "thesun.html")
    assert (article.metadata.author, article.metadata.date, article.metadata.site) == (
        "Debbie White",
        "2019-11-18",
        "The Sun",
    )
    markdown = rendered(article)["md"].decode()
    source_line = next(line for line in markdown.splitlines() if line.startswith("**Source:**"))
    assert "The Sun · Debbie White · 2019-11-18 · `https://www.thesun.co.uk/news/" in source_line


@pytest.mark.parametrize(
    "html",
    [
        b"<html><body></body></html>",
        b"<html><body><nav>Home</nav></body></html>",
        b"<html><body><p>unclosed <b>tags <div>",
    ],
)
def test_html_without_an_article_body_is_one_error(html):
    with pytest.raises(BriefingError, match=r"no article body|no sentences"):
        read_bytes(html, "empty.html")


def test_markdown_headings_become_sections_and_inline_markup_goes():
    text = (
        "Flood hits town\n===============\n\nBy Jane Doe\n\n"
        "The **river** flooded the [old town](http://x.example) on Monday. ![map](m.png) Hundreds left.\n\n"
        "Aftermath\n---------\n\n> The mayor asked for `help` from the _army_.\n\n"
        "```\nprint('code is not article text')\n```\n\n## Next steps\n\n- Rain is expected to stop on Friday.\n"
    )
    article = read_bytes(text.encode(), "flood.md")
    assert article.title == "Flood hits town" and article.metadata.author == "Jane Doe"
    assert [(s.heading, paragraphs_of(s)) for s in article.sections] == [
        (None, ["The river flooded the old town on Monday. Hundreds left."]),
        ("Aftermath", ["The mayor asked for help from the army."]),
        ("Next steps", ["Rain is expected to stop on Friday."]),
    ]


def paragraphs_of(section):
    return [p.text for p in section.paragraphs]


def test_markdown_of_only_headings_is_one_error():
    with pytest.raises(BriefingError, match="no sentences"):
        read_bytes(b"# Title\n\n## One\n\n## Two\n", "headings.md")


def test_dateline_and_byline_are_metadata_not_sentences():
    article = read_text(
        "Storm\nBy Jane Doe\nBEIRUT (AP) — The storm hit the city on Monday. Roads closed.\n"
    )
    assert article.metadata.author == "Jane Doe" and article.metadata.dateline == "BEIRUT (AP)"
    assert [s.text for s in article.sentences()] == [
        "The storm hit the city on Monday.",
        "Roads closed.",
    ]


def test_standard_input(monkeypatch):
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Title\nOne sentence here. Two.\n"))
    )
    article = read_path("-")
    assert article.source == "stdin" and paragraphs(article) == ["One sentence here. Two."]


def test_html_is_sniffed_without_a_suffix(tmp_path):
    saved = tmp_path / "saved-page"
    saved.write_bytes(page("slashgear"))
    assert read_path(saved).title == "2020 Audi e-tron Sportback revealed as electric 4-door coupe"


def test_cli_read_json_one_object_per_input_and_globs(workdir, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_bytes(page("thesun"))
    (tmp_path / "in" / "b.txt").write_text(
        "Title\nBEIRUT (AP) — One sentence here.\n", encoding="utf-8"
    )
    (tmp_path / "in" / "c.txt").write_text("", encoding="utf-8")
    code = main(["read", str(tmp_path / "in" / "*"), "--json"])
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert (
        code == 1
        and len(rows) == 2
        and captured.err.count("\n") == 1
        and "c.txt: empty file" in captured.err
    )
    assert set(rows[0]) >= {"source", "title", "metadata", "sections"}
    assert (
        rows[0]["sections"][0]["heading"] is None
        and rows[0]["sections"][1]["heading"] == "SCORES QUARANTINED"
    )
    assert rows[1]["metadata"] == {"dateline": "BEIRUT (AP)", "encoding": "utf-8"}
    paragraph = {"kind": "body", "text": "One sentence here.", "ranked": True, "fragments": []}
    assert rows[1]["sections"] == [{"heading": None, "paragraphs": [paragraph]}]


def test_cli_make_from_stdin_writes_stdin_md(workdir, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Title\nOne sentence here. Two more words.\n"))
    )
    assert main(["make", "-", "--out", str(tmp_path / "out"), "--format", "md"]) == 0
    assert capsys.readouterr().out.split() == [
        str(tmp_path / "out" / f"stdin.{f}") for f in ("md", "json")
    ]


def test_a_glob_that_matches_nothing_is_one_line(workdir, tmp_path, capsys):
    assert main(["read", str(tmp_path / "*.nothing")]) == 1
    assert "no file matches this pattern" in capsys.readouterr().err


def test_make_verbose_reports_the_encoding_guess(workdir, tmp_path, capsys):
    latin = tmp_path / "fr.txt"
    latin.write_bytes(
        "Le titre\nLe père a déclaré que la réforme était nécessaire à Paris.\n".encode("cp1252")
    )
    assert (
        main(["make", str(latin), "--out", str(tmp_path / "out"), "--format", "md", "--verbose"])
        == 0
    )
    err = capsys.readouterr().err
    assert f"{latin}: read as windows-1252; 1 sentences in 1 sections" in err
    assert "Le père a déclaré" in (tmp_path / "out" / "fr.md").read_text(encoding="utf-8")
