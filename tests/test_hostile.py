"""Hostile and broken input: every file of a corpus gets its expected outcome, arbitrary text
never crashes, outputs are never half-written."""

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import BriefingError
from briefing.read import read_path, read_text

from .conftest import SEED, markdown_bullets, rendered, unescape_markdown

BROKEN = Path(__file__).parent / "broken"
EXPECTED = json.loads((BROKEN / "expected.json").read_text(encoding="utf-8"))


def markdown_of(article, **options) -> str:
    return rendered(article, **options)["md"].decode("utf-8")


def test_the_corpus_is_large_enough():
    assert len(EXPECTED) >= 30
    # a file that reads names what its briefing must show; an error names its message
    assert all(
        (isinstance(e, list) and e and all(isinstance(t, str) and t for t in e))
        or (isinstance(e, str) and e.startswith("error:"))
        for e in EXPECTED.values()
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_has_its_expected_outcome(name):
    """A file that reads has in its expectation the text only a right reading gives (the
    title line, bullets with their marks: Cyrillic for cp1251, "é" for Latin-1, no stray
    byte-order mark or CR); every piece must be in its briefing as a reader sees it."""
    expected = EXPECTED[name]
    path = BROKEN / name
    if isinstance(expected, list):
        article = read_path(path)
        markdown = markdown_of(article, method="default")
        sentences = {s.text for s in article.sentences()}
        bullets = markdown_bullets(markdown)
        assert bullets and all(text in sentences for text, _ in bullets)
        shown = unescape_markdown(markdown)
        assert [text for text in expected if text not in shown] == [], shown[:2000]
    else:
        with pytest.raises(BriefingError) as info:
            read_path(path)
        message = str(info.value)
        assert message.startswith(str(path)) and "\n" not in message
        assert expected.removeprefix("error:") in message


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400
) | st.lists(
    st.sampled_from(
        [
            "Title",
            "\n",
            "\r\n",
            " ",
            ".",
            "!",
            "?",
            "U.S.",
            "«",
            "»",
            "مرحبا",
            "漢字",
            "🙂",
            "\u202e",
            "\x00",
            "\x1b",
            "{{ x }}",
            "<b>",
            "[a](b)",
            "#",
            "- ",
            "1. ",
            "word",
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["default", "lead", "lexrank"]))
def test_arbitrary_text_gives_a_briefing_or_a_briefing_error(text, method):
    try:
        article = read_text(text)
    except BriefingError:
        return
    try:
        decoded = markdown_of(article, method=method, key_points=2, sentences=1)  # valid UTF-8
    except BriefingError:
        return
    sentences = article.sentences()
    bullets = markdown_bullets(decoded)
    assert all(t in {s.text for s in sentences} for t, _ in bullets)
    assert sum(1 for line in decoded.splitlines() if line.startswith("- ")) <= 2 + len(
        article.sections
    )


def test_one_megabyte_line():
    article = read_text("Title\nWord " + "word " * 200_000 + "end.")
    assert len(article.sentences()) == 1


def test_a_megabyte_line_without_sentence_punctuation_is_no_sentence():
    with pytest.raises(BriefingError, match="none is a whole sentence"):
        read_text("Title\n" + "word " * 200_000)


UTC_ENV = {**os.environ, "TZ": "UTC"}  # issued in UTC, as ISSUED is: only the time differs


def test_an_interrupted_run_leaves_the_previous_outputs_and_no_partial_file(tmp_path):
    out = tmp_path / "out"
    first = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            "make",
            str(SEED),
            "--out",
            str(out),
            "--format",
            "md,pdf",
        ],
        capture_output=True,
        cwd=tmp_path,
        env=UTC_ENV,
    )
    assert first.returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    big = tmp_path / "many"
    big.mkdir()
    for i in range(40):
        (big / f"{SEED.stem}-{i}.txt").write_bytes(SEED.read_bytes())
    (big / f"{SEED.stem}.txt").write_bytes(
        SEED.read_bytes().replace(b"Damascus regime", b"CHANGED regime")
    )
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefing",
            "make",
            str(big),
            "--out",
            str(out),
            "--format",
            "md,pdf",
            "--jobs",
            "1",
        ],
        cwd=tmp_path,
        env=UTC_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.iterdir())) < 6 and run.poll() is None:
        time.sleep(0.05)  # until the run is mid-way: a few briefings written, more to come
    run.send_signal(signal.SIGINT)
    run.wait(timeout=60)
    assert run.returncode != 0
    names = sorted(p.name for p in out.iterdir())
    assert not [
        n for n in names if n.startswith(".") or n.endswith(".tmp")
    ]  # no temporary file left
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    # Whole outputs made in memory (not by the writer under test) for every input with an
    # output now: the changed article for the first run's names, a copy of the seed for others
    for name, data in written.items():
        source = big / f"{Path(name).stem}.txt"
        whole = rendered(read_path(source), formats=("md", "pdf", "json"))[name.rsplit(".", 1)[1]]
        if name.endswith(".md"):
            complete = untimed(data.decode("utf-8")) == untimed(whole.decode("utf-8"))
        elif name.endswith(".json"):
            complete = untimed_record(data) == untimed_record(whole)
        else:
            assert name.endswith(".pdf") and data.startswith(b"%PDF"), name
            complete = untimed(pdf_text(data)) == untimed(pdf_text(whole))
        unchanged = data == before.get(name)
        # the first run's files: old or wholly new, never partial; the others wholly new
        assert complete or unchanged, name
    assert set(before) <= set(written)
    assert b"CHANGED regime" in rendered(read_path(big / SEED.name))["md"]


_ISSUE_TIME = re.compile(r"SR-\d{8}-\d{4}|\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}")


def untimed(text: str) -> str:
    """A briefing's text without its issue time and report number (the minute it ran)."""
    return _ISSUE_TIME.sub("<issued>", text)


def untimed_record(data: bytes) -> dict:
    """A JSON record without its issue time and report number (and the source, which
    names the input file rather than what was made of it)."""
    record = json.loads(data)
    return {k: v for k, v in record.items() if k not in ("issued", "report_number", "source")}


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    assert pages
    return "\n".join(page.extract_text() for page in pages)


def test_a_hostile_article_rendered_to_every_format_fetches_nothing(tmp_path, workdir):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    lines = [
        f'Hostile <img src="{url}/title.png"> title',
        f'An image <img src="file:///etc/passwd"> and <img src="{url}/a.png"> sat in the text.',
        f'A stylesheet <link rel="stylesheet" href="{url}/b.css"> and <style>@import "{url}/c.css";</style> too.',
        f'A frame <iframe src="{url}/d"></iframe> and a <script src="{url}/e.js"></script> followed.',
        f"Markdown ![x]({url}/f.png) and [click](javascript:alert(1)) and <{url}/g> were there.",
        "Template {{ 7*7 }} and {% for x in y %} syntax stayed literal.",
    ]
    article = tmp_path / "hostile.txt"
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    from briefing.cli import main

    try:
        assert (
            main(
                [
                    "make",
                    str(article),
                    "--out",
                    str(out),
                    "--format",
                    "md,html,pdf",
                    "--key-points",
                    "5",
                    "--sentences",
                    "9",
                ]
            )
            == 0
        )
    finally:
        server.shutdown()
    assert hits == []
    from pypdf import PdfReader

    pdf_text = "\n".join(p.extract_text() for p in PdfReader(str(out / "hostile.pdf")).pages)
    passwd = [line for line in Path("/etc/passwd").read_text().splitlines() if line.strip()]
    assert not [line for line in passwd if line in pdf_text]
    html = (out / "hostile.html").read_text(encoding="utf-8")
    body = html.split("</style>", 1)[1]
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, [name for name, _ in attrs]))

    Collector().feed(body)
    assert {tag for tag, _ in found} <= {
        "head",
        "body",
        "main",
        "h1",
        "h2",
        "p",
        "ul",
        "li",
        "em",
        "strong",
        "br",
        "hr",
        "code",
    }
    assert all(attrs in ([], ["class"]) for _, attrs in found)  # no src, href, on*, style
    assert "javascript:" not in html.lower()
    assert "&lt;script" in body and "{{ 7*7 }}" in body  # the text itself stays, as text
