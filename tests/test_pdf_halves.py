"""A daily's PDF laid out in two halves at once (render.halves): the same pages, page
numbers, outline and links as the one document, and a failing half is one error."""

import io
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import BriefingError
from briefing.render import halves, pdf
from briefing.render.pdf import html_to_pdf

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture
def daily_page(tmp_path, workdir, capsys) -> str:
    """The HTML of a daily briefing of the six test articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    for article in ARTICLES.glob("*.txt"):
        shutil.copy(article, folder / article.name)
    out = tmp_path / "out"
    args = ["daily", str(folder), "--out", str(out), "--date", "2024-12-08", "--format", "html"]
    assert main([*args, "--jobs", "1", "--issued", "2024-12-08T06:00:00Z"]) == 0
    capsys.readouterr()
    return (out / "2024-12-08" / "briefing.html").read_text(encoding="utf-8")


def read_back(data: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]

    def entries(items):
        return [
            entries(item)
            if isinstance(item, list)
            else (item.title, reader.get_destination_page_number(item))
            for item in items
        ]

    targets = {
        name: (reader.get_destination_page_number(dest), round(float(dest.top), 2))
        for name, dest in reader.named_destinations.items()
    }
    links = [
        [str(a.get_object().get("/Dest")) for a in page.get("/Annots", ())] for page in reader.pages
    ]
    return pages, entries(reader.outline), targets, links, reader.metadata


def test_the_two_halves_make_the_pdf_the_one_document_makes(daily_page, monkeypatch):
    monkeypatch.setattr(halves, "MIN_SECOND", 0)
    first, second = halves.split(daily_page)
    assert '<span id="part-0"></span>' in first and "The articles" not in first
    assert '<h1 class="carried">' in second and "Stories by topic" not in second
    cut = html_to_pdf(daily_page)
    monkeypatch.setattr(halves, "MIN_SECOND", 10**9)
    assert halves.split(daily_page) is None
    whole = html_to_pdf(daily_page)
    pages, outline, targets, links, _ = read_back(cut)
    assert read_back(cut) == read_back(whole)  # text, outline, link targets, links, title
    n = len(pages)
    assert n >= 3 and all(f"Page {i} of {n}" in page for i, page in enumerate(pages, 1))
    assert [title for title, _ in outline[::2]] == ["Stories", "The articles"]
    annex_page = outline[2][1]
    assert all(targets[f"part-{i}"][0] >= annex_page for i in range(6))  # in the second half
    assert any("part-" in dest for page in links[:annex_page] for dest in page)
    assert all("Daily briefing" in page for page in pages[1:])  # the running title
    assert html_to_pdf(daily_page) == whole  # deterministic, and so is the cut:
    monkeypatch.setattr(halves, "MIN_SECOND", 0)
    assert html_to_pdf(daily_page) == cut


def test_only_a_daily_with_a_long_annex_is_cut(daily_page, monkeypatch):
    assert halves.split("<html><head><style></style></head><body><p>One</p></body></html>") is None
    monkeypatch.setattr(halves, "MIN_SECOND", 0)
    assert halves.split(daily_page.replace('class="annex-title"', 'class="other"')) is None
    assert halves.split(daily_page) is not None


def test_a_half_that_fails_or_dies_is_one_error_and_no_process_is_left(daily_page, monkeypatch):
    monkeypatch.setattr(halves, "MIN_SECOND", 0)
    second_half = pdf._second_half

    def dies(*args):
        os._exit(1)

    monkeypatch.setattr(pdf, "_second_half", dies)
    with pytest.raises(BriefingError, match="stopped unexpectedly"):
        html_to_pdf(daily_page)

    def fails(html, roots, fonts, memory_mb, swap, send, parent):
        send.send(("error", "PDF rendering failed: the second half"))
        os._exit(0)

    monkeypatch.setattr(pdf, "_second_half", fails)
    with pytest.raises(BriefingError, match="the second half"):
        html_to_pdf(daily_page)
    with pytest.raises(BriefingError, match=r"took longer than 0\.01 s"):
        html_to_pdf(daily_page, seconds=0.01)
    monkeypatch.setattr(pdf, "_second_half", second_half)

    def bad_join(first, second):
        raise ValueError("no trailer")

    monkeypatch.setattr(halves, "join", bad_join)
    with pytest.raises(BriefingError, match="joining its halves: no trailer"):
        html_to_pdf(daily_page)
    assert multiprocessing.active_children() == []
