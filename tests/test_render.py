"""Rendering: Markdown escaping, sanitised HTML, a PDF that fetches nothing, read back."""

import io
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from briefing.errors import BriefingError
from briefing.markup import escape_markdown
from briefing.read import read_path, read_text
from briefing.render.html import markdown_to_html
from briefing.render.pdf import html_to_pdf

from .conftest import markdown_bullets, rendered, unescape_markdown

HOSTILE = [
    "<script>alert(1)</script> was found in the page source by researchers.",
    'An image <img src="file:///etc/passwd"> was embedded in the comment.',
    "A link [click here](javascript:alert(1)) was posted on the forum.",
    "The picture ![x](http://127.0.0.1:9/pixel.png) was shared widely.",
    "Templates such as {{ 7*7 }} and {% for x in y %} appeared in the text.",
    "An autolink <http://127.0.0.1:9/auto> and a <iframe src=x></iframe> were seen.",
    "Markdown *stars*, _underscores_, `code` and # hashes stayed literal.",
]


EDGES = [
    "1. Numbered start.",
    "# Heading start",
    "- dash start",
    "> quote",
    "Ends with hashes ##",
    "snake_case_name, file_name.txt, __dunder__ and _lead_ or *star* **bold**",
    "a < b > c & d",
]


@pytest.mark.parametrize("text", HOSTILE + EDGES)
def test_escaped_markdown_round_trips_to_the_same_text(text):
    escaped = escape_markdown(text)
    assert unescape_markdown(escaped) == text
    html = markdown_to_html(f"- {escaped}")
    assert html.startswith("<ul>\n<li>") and html.count("<li>") == 1
    assert tags_in(html) <= {"ul", "li", "code"}  # no emphasis, link, heading or quote
    assert "<code>" not in html or any(w in text for w in ("://", "javascript:"))  # URLs only
    assert "snake_case_name" not in text or "snake_case_name, file_name.txt" in html


def hostile_article():
    body = "\n".join(HOSTILE)
    return read_text(
        f"<b>Hostile</b> {{{{ title }}}} [t](http://x)\n{body}\nSection <i>two</i>\n{HOSTILE[0]}\n"
    )


def test_hostile_text_stays_text_in_markdown_and_html():
    article = hostile_article()
    outputs = rendered(article, key_points=3, sentences=9, formats=("md", "html"))
    markdown = outputs["md"].decode()
    html = outputs["html"].decode()
    quoted = [text for text, _ in markdown_bullets(markdown)]
    assert sorted(quoted) == sorted({s.text for s in article.sentences()})  # all, once, verbatim
    assert "49" not in markdown and "{{ 7*7 }}" in unescape_markdown(markdown)
    assert tags_in(html) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "p",
        "ul",
        "li",
        "em",
        "strong",
        "hr",
        "br",
        "code",  # the URLs, shown as they are
    }
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html


def tags_in(html: str) -> set[str]:
    """Every element name in ``html``, and 'ATTR' if any element carries an attribute other than
    the page's own (charset, viewport)."""
    from html.parser import HTMLParser

    found: set[str] = set()

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.add(tag)
            if tag not in ("html", "meta", "main") and attrs:
                found.add("ATTR")

    Collector().feed(html)
    return found


def test_markdown_to_html_drops_raw_html_and_autolinks():
    html = markdown_to_html(
        '<div onclick="x">hi</div>\n\n<http://example.com> [a](http://e.com) ![i](x.png)'
    )
    assert tags_in(html) == {"p"}
    assert "&lt;div" in html and "http://example.com" in html


class _CountingHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body{color:red}")

    def log_message(self, *args):
        pass


def test_pdf_fetches_nothing_outside_the_template_folders(tmp_path):
    server = HTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE")
    url = f"http://127.0.0.1:{server.server_port}"
    html = (
        f'<html><head><link rel="stylesheet" href="{url}/a.css"><style>@import "{url}/b.css";</style></head>'
        f'<body><h1>Title</h1><img src="{url}/c.png"><img src="{secret.as_uri()}">'
        f'<object data="{secret.as_uri()}"></object><p>Text</p></body></html>'
    )
    try:
        pdf = html_to_pdf(html)
    finally:
        server.shutdown()
    assert _CountingHandler.hits == 0
    assert "TOP-SECRET-LINE" not in pdf_text(pdf)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_seed_pdf_has_title_sections_and_page_numbers(seed_path):
    article = read_path(seed_path)
    pdf = rendered(article, formats=("pdf",))["pdf"]
    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    assert "Damascus regime faces threat from Syrian insurgents at gates." in text
    for heading in (
        "KEY POINTS",
        "LEAD",
        "ASSAD'S STATUS",
        "THE INSURGENTS' MARCH",
        "DIPLOMACY IN DOHA",
    ):
        assert heading in text.upper()
    assert "Page 1 of" in text
    assert "You might also like" not in text and "NATO chief" not in text


def test_template_errors_are_one_line_errors(tmp_path):
    folder = tmp_path / "tpl" / "base"
    folder.mkdir(parents=True)
    (folder / "briefing.md.j2").write_text("# {{ briefing.title }}\n{{ no_such_value }}\n")
    with pytest.raises(BriefingError) as info:
        rendered(read_text("T\nOne sentence here.\n"), templates=(tmp_path / "tpl",))
    assert "no_such_value" in str(info.value) and "briefing.md.j2:2" in str(info.value)


def test_issue_time_shows_its_zone():
    local = datetime(2024, 12, 8, 10, 30, tzinfo=UTC).astimezone(UTC)
    markdown = rendered(read_text("T\nOne sentence here.\n"), issued=local)["md"]
    assert "Issued 8 December 2024, 10:30 UTC" in markdown.decode()


def test_entities_in_article_text_stay_verbatim():
    article = read_text("T\nThe page showed &lt;script&gt; and &#60;i&#62; to AT&T users.\n")
    outputs = rendered(article, formats=("md", "html"))
    assert (
        markdown_bullets(outputs["md"].decode())[0][0]
        == "The page showed &lt;script&gt; and &#60;i&#62; to AT&T users."
    )
    assert "&amp;lt;script&amp;gt; and &amp;#60;i&amp;#62;" in outputs["html"].decode()


def test_urls_addresses_and_tildes_cannot_become_links_in_any_markdown_renderer():
    text = "Visit https://evil.example/x, www.evil.example or bob@evil.example ~~now~~"
    escaped = escape_markdown(text)
    assert escaped == (
        "Visit `https://evil.example/x`, `www.evil.example` or `bob@evil.example` \\~\\~now\\~\\~"
    )
    assert unescape_markdown(escaped) == text
    assert tags_in(markdown_to_html(escaped)) == {"p", "code"}  # tests/test_autolinks.py: more


def test_no_empty_key_points_heading_and_plain_marks_without_subheads():
    article = read_text("T\nThe army moved north. The rain stopped.\n")
    markdown = rendered(article, key_points=0)["md"].decode()
    assert "## Key points" not in markdown
    markdown = rendered(article, key_points=1)["md"].decode()
    assert "- The army moved north. *(¶1)*" in markdown


def test_pdf_rendering_has_a_time_limit_and_a_memory_cap():
    html = "<html><body>" + "<p>Many words in a paragraph.</p>" * 2000 + "</body></html>"
    with pytest.raises(BriefingError, match=r"took longer than 0\.01 s"):
        html_to_pdf(html, seconds=0.01)
    with pytest.raises(BriefingError, match=r"more than 64 MB|stopped unexpectedly"):
        html_to_pdf(html, memory_mb=64)
    assert html_to_pdf("<p>fine</p>").startswith(b"%PDF")


@pytest.mark.parametrize(("size", "points"), [("A5", (419.5, 595.3)), ("Letter", (612.0, 792.0))])
def test_the_audience_page_size_is_the_pdfs(size, points, workdir, tmp_path):
    from pypdf import PdfReader

    folder = workdir / "templates" / "pocket"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text(f'page_size = "{size}"\n', encoding="utf-8")
    article = read_text("T\nOne sentence here.\n")
    pdf = rendered(article, formats=("pdf",), audience="pocket", templates=[folder.parent])["pdf"]
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(points, abs=1.0)


def test_a_renderer_started_early_keeps_the_time_limit_and_memory_cap_and_ends_when_discarded():
    import multiprocessing

    from briefing.render.pdf import discard, prepare

    html = "<html><body>" + "<p>Many words in a paragraph.</p>" * 2000 + "</body></html>"
    prepare()
    with pytest.raises(BriefingError, match=r"took longer than 0\.01 s"):
        html_to_pdf(html, seconds=0.01)
    prepare()
    with pytest.raises(BriefingError, match=r"more than 64 MB|stopped unexpectedly"):
        html_to_pdf(html, memory_mb=64)
    prepare()
    assert html_to_pdf("<p>fine</p>").startswith(b"%PDF")
    prepare()
    [child] = multiprocessing.active_children()
    discard()
    assert not child.is_alive() and multiprocessing.active_children() == []
