"""Article text never becomes a link in the Markdown, whichever renderer reads it.

The produced Markdown is rendered by real renderers: GitHub's cmark-gfm (through
``cmarkgfm``, with its autolink extension), markdown-it with linkify (``linkify-it-py``)
and python-markdown as briefing uses it (``render.html.markdown_to_html``) and with its
defaults. None may link, embed or reference anything the article wrote, and what a reader
sees is the article's text, character for character.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.markup import code_span, escape_markdown
from briefing.model import Metadata
from briefing.read import read_text
from briefing.render.html import markdown_to_html

from .conftest import ISSUED, rendered

cmarkgfm = pytest.importorskip("cmarkgfm")
markdown_it = pytest.importorskip("markdown_it")
pytest.importorskip("linkify_it")


def gfm(text: str) -> str:
    """GitHub's renderer: GFM with the autolink, strikethrough, tagfilter extensions."""
    return cmarkgfm.github_flavored_markdown_to_html(text)


_MARKDOWN_IT = markdown_it.MarkdownIt("commonmark", {"linkify": True}).enable(
    ["linkify", "strikethrough", "table"]
)
# Beyond linkify-it's defaults, as sites configure it: bare IPv4 addresses, and some of the
# IANA TLDs its short list lacks (file suffixes and English words among them).
_MARKDOWN_IT.linkify.set({"fuzzy_ip": True})
_MARKDOWN_IT.linkify.tlds(["zip", "mov", "app", "news", "today", "py"], True)


def linkify(text: str) -> str:
    return _MARKDOWN_IT.render(text)


def python_markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text)


RENDERERS = {
    "cmark-gfm": gfm,
    "markdown-it+linkify": linkify,
    "briefing's python-markdown": markdown_to_html,
    "python-markdown": python_markdown,
}

HOSTILE = [
    "admin@example.org",
    "Write to admin\\@example.org today",
    "xmpp:foo@bar.baz",
    "xmpp:foo\\@bar.baz",
    "WWW.EXAMPLE.COM",
    "Www.Example.com/path?a=1&b=2",
    "www\u200b.example.com",
    "See notes.md and setup.py",
    "http://x.y",
    "HTTPS://X.Y",
    "ftp://ftp.example.org/pub/file",
    "mailto:someone@example.org",
    "mailto:a@b",
    "<http://x>",
    "<mailto:a@b.c>",
    "//example.com/x",
    "münchen.de and пример.рф and xn--80ak6aa92e.com and 例子.中国",
    "192.168.0.1 and http://[::1]:8080/ and http://127.0.0.1:9/x",
    "[t](u) and [t](http://u.example)",
    "![i](u) and ![i](http://u.example/i.png)",
    "[text][ref] and [ref]: http://ref.example",
    "[ref]: http://ref.example",
    "Claim[^1] and [^1]: http://note.example",
    "(see https://en.wikipedia.org/wiki/Foo_(bar)).",
    '"quoted@example.com", user+tag@example.co.uk.',
    "javascript:alert(1) and data:text/html,x",
    "a `www.x.com` b ``notes.md`` c ```x```",
    "https://x.y/a_b_c*d*~e~",
    "https\\://www\\.escaped.example",
    "It ended.Next came example.com.",
    "It ended.Today the report.zip came, 10.0.0.1 too",
    "~~gone~~ and *em* at 3.5% with tel:+15551234",
]


def visible_text(html: str) -> str:
    """What a reader sees of ``html``: its text, entities decoded, whitespace as one space."""
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data):
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return " ".join(html_lib.unescape("".join(parts)).split())


def assert_plain(html: str, text: str, renderer: str) -> None:
    lowered = html.lower()
    assert "<a " not in lowered and "href" not in lowered, (renderer, text, html)
    assert "<img" not in lowered and "src=" not in lowered, (renderer, text, html)
    if renderer == "python-markdown":  # its defaults do not know the escapes \~ \: \@
        return
    shown = " ".join(text.split())
    assert shown in visible_text(html), (renderer, text, html)


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("text", HOSTILE)
def test_no_renderer_links_escaped_article_text(text, renderer):
    escaped = escape_markdown(text)
    for markdown in (f"- {escaped} *(¶1)*\n", f"# {escaped}\n", f"{escaped}\n"):
        assert_plain(RENDERERS[renderer](markdown), text, renderer)


@pytest.mark.parametrize("renderer", ["cmark-gfm", "markdown-it+linkify"])
@pytest.mark.parametrize(
    "text", ["admin\\@example.org", "xmpp:foo\\@bar.baz", "WWW.EXAMPLE.COM", "notes.md"]
)
def test_the_renderers_do_link_what_backslashes_alone_leave(text, renderer):
    """The hostile cases are real: these renderers link some of them as plain text
    (backslash-escaped or not), so the table above can fail."""
    if renderer == "cmark-gfm" and text in ("WWW.EXAMPLE.COM", "notes.md"):
        text = "www.example.com"
    if renderer == "markdown-it+linkify" and "\\@" in text:
        text = text.replace("\\@", "@").replace("xmpp:", "mailto:")
    assert "<a " in RENDERERS[renderer](text + "\n")


def test_link_like_words_go_into_code_spans_and_the_rest_is_escaped():
    assert escape_markdown("Mail admin@example.org (or www.x.com).") == (
        "Mail `admin@example.org` (or `www.x.com`)."
    )
    assert escape_markdown("notes.md, file.txt and U.S. e.g. 3.5") == (
        "`notes.md`, file.txt and U.S. e.g. 3.5"
    )
    assert escape_markdown("TLP:AMBER at 09:30 UTC+01:00") == "TLP:AMBER at 09:30 UTC+01:00"
    assert escape_markdown("# https://x.y #") == "\\# `https://x.y` \\#"


@pytest.mark.parametrize(
    "text, span",
    [
        ("x.com", "`x.com`"),
        ("a`b.com", "``a`b.com``"),
        ("`b.com`", "`` `b.com` ``"),
        ("a``b```c.com", "````a``b```c.com````"),
    ],
)
def test_code_span_fences_outrun_every_backtick_run_inside(text, span):
    assert code_span(text) == span
    for renderer, render in RENDERERS.items():
        assert visible_text(render(f"{span}\n")) == text, renderer


LINKISH_PIECES = st.sampled_from(
    [
        "www",
        "WWW",
        ".",
        "example",
        "com",
        "md",
        "рф",
        "ü",
        "xn--p1ai",
        "@",
        ":",
        "//",
        "/",
        "http",
        "HTTPS",
        "mailto",
        "xmpp",
        "ftp",
        "\u200b",
        " ",
        "_",
        "*",
        "~",
        "`",
        "``",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "!",
        "\\",
        "&",
        "#",
        "-",
        "1",
        "192",
        "?",
        "=",
        '"',
        "'",
        "^",
        "localhost",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINKISH_PIECES, min_size=1, max_size=30).map("".join))
def test_no_text_built_of_link_pieces_becomes_a_link(text):
    escaped = escape_markdown(text)
    if not " ".join(text.split()):
        return
    for name, render in RENDERERS.items():
        assert_plain(render(f"- {escaped}\n"), text, name)


def hostile_article():
    body = "\n".join(
        [
            "Contact admin@example.org or visit WWW.EXAMPLE.COM for the full notes.md file.",
            "The site http://x.y and HTTPS://X.Y were named, with mailto:a@b and xmpp:foo@bar.baz.",
            "Others saw [t](http://u.example), ![i](http://u.example/i.png) and <http://x> there.",
        ]
    )
    text = f"Leak at www.example.com hits пример.рф\n{body}\nFallout at example.org\n{body}\n"
    article = read_text(text, "notes.md")
    url = "https://www.example.org/news/2024/leak_(update).html?id=1&x=2"
    return replace(article, metadata=Metadata(site="example.org", url=url))


@pytest.mark.parametrize("audience", ["base", "analyst", "email", "executive"])
def test_a_briefing_of_a_hostile_article_links_nothing_in_any_renderer(audience):
    article = hostile_article()
    markdown = rendered(article, audience=audience, key_points=3, sentences=9)["md"].decode()
    for name, render in RENDERERS.items():
        html = render(markdown)
        assert "<a " not in html and "href" not in html and "<img" not in html, name
        if name == "python-markdown":
            continue
        shown = visible_text(html)
        for sentence in article.sentences():
            assert sentence.text in shown or audience == "executive", (name, sentence.text)
        if audience != "executive":  # its header leaves the source's details out
            assert "https://www.example.org/news/2024/leak_(update).html?id=1&x=2" in shown, name


def test_the_source_line_shows_the_url_in_a_code_span_not_backslashes():
    markdown = rendered(hostile_article())["md"].decode()
    source = next(line for line in markdown.splitlines() if line.startswith("**Source:**"))
    assert source == (
        "**Source:** `notes.md` · `example.org` · "
        "`https://www.example.org/news/2024/leak_(update).html?id=1&x=2`  "
    )


def test_a_daily_briefing_of_hostile_articles_links_nothing():
    from briefing.compose import compose
    from briefing.daily import assemble
    from briefing.pipeline import render
    from briefing.settings import load_settings
    from briefing.summarize import rank

    article = hostile_article()
    briefing = compose(article, rank(article, "lead"), key_points=3, sentences=2, issued=ISSUED)
    day = assemble([briefing], title="Day at www.example.com", day=date(2024, 12, 8), issued=ISSUED)
    markdown = render(day, load_settings({}, issued=ISSUED), ("md",))["md"].decode()
    assert "`https://www.example.org/news/2024/leak_(update).html?id=1&x=2`" in markdown
    for name, render_html in RENDERERS.items():
        html = render_html(markdown)
        assert "<a " not in html and "href" not in html, name
        assert "Day at www.example.com" in visible_text(html), name


# --- bidi and control characters around the quoted sentences ---------------------------

CONTROLS = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c\x1b\x07\x00\x7f\x9b\x80"
HIDDEN = set(CONTROLS)


def controlled_article():
    """An article whose title, subhead, source name and metadata carry an RLO (U+202E),
    isolates, marks, ESC and C0/C1 controls; its sentences carry one RLO."""
    text = (
        "Title\n\nThe port closed on Monday, officials said. Ships waited outside.\n\n"
        "Subhead\n\nThe \u202edock reopened on Tuesday. Crews went back to work.\n"
    )
    article = read_text(text, "story.txt")
    sections = (
        article.sections[0],
        replace(article.sections[1], heading="Port \u2067news\u2069\x1b"),
    )
    return replace(
        article,
        source="st\u202eory.txt",
        title="Bank \u202esyas\u202c \x1bno\x07 \u2066to\u2069 cuts\x9b\x00",
        sections=sections,
        metadata=Metadata(site="Ex\u200fample \u061cNews", url="https://x.example/\u202ea\x1b"),
    )


def assert_no_controls(text: str, where: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in HIDDEN})
    assert not found, (where, found)


def test_titles_headings_and_sources_lose_bidi_and_control_characters():
    article = controlled_article()
    markdown = rendered(article, sentences=9, key_points=2)["md"].decode()
    lines = markdown.splitlines()
    assert lines[0] == "# Bank syas no to cuts"
    assert "## Port news" in lines
    source = next(line for line in lines if line.startswith("**Source:**"))
    # a file name's controls are made visible (names.py: the name stays findable), the
    # site's and the URL's are removed
    assert source == "**Source:** st\\\\u202eory.txt · Example News · `https://x.example/a`  "
    bullets = [line for line in lines if line.startswith("- ")]
    assert_no_controls("\n".join(line for line in lines if line not in bullets), "md")
    assert any("The \u202edock reopened on Tuesday." in b for b in bullets)  # verbatim


def test_the_html_and_pdf_titles_lose_them_too():
    import io

    from pypdf import PdfReader

    outputs = rendered(controlled_article(), formats=("md", "html", "pdf"), key_points=2)
    html = outputs["html"].decode()
    head, body = html.split("<body>", 1)
    assert "<title>Bank syas no to cuts</title>" in head
    assert_no_controls(head, "html head")
    assert_no_controls(body.split("<h2", 1)[0], "html title block")  # h1 and source line
    pdf = PdfReader(io.BytesIO(outputs["pdf"]))
    assert pdf.metadata.title == "Bank syas no to cuts"
    first_page = pdf.pages[0].extract_text()
    assert "Bank syas no to cuts" in first_page
    assert_no_controls(first_page.split("The ", 1)[0], "pdf title block")


def test_a_daily_briefing_loses_them_in_markdown_and_html():
    from briefing.compose import compose
    from briefing.daily import assemble
    from briefing.pipeline import render
    from briefing.settings import load_settings
    from briefing.summarize import rank

    article = controlled_article()
    briefing = compose(article, rank(article, "lead"), key_points=2, sentences=2, issued=ISSUED)
    day = assemble([briefing], title="Day \u202eyad", day=date(2024, 12, 8), issued=ISSUED)
    outputs = render(day, load_settings({}, issued=ISSUED), ("md", "html"))
    markdown, html = outputs["md"].decode(), outputs["html"].decode()
    assert markdown.startswith("# Day yad\n")
    assert "## 1. Bank syas no to cuts" in markdown
    assert "\n#### Port news\n" in markdown  # a subhead of the article, in the annex
    kept = [line for line in markdown.splitlines() if not line.startswith("- ")]
    assert_no_controls("\n".join(kept), "daily md")
    assert "<title>Day yad</title>" in html and "Bank syas no to cuts</h3>" in html
    assert_no_controls(html.replace("The \u202edock", ""), "daily html")


@given(st.text(alphabet="aZ9 .:/@w-_+xn\u00e9\u0439\t", max_size=24))
def test_the_quick_check_never_hides_a_link(text):
    """Speed (issue 14): text the hint passes over holds nothing _LINKISH would find."""
    from briefing.markup import _LINK_HINT, _LINKISH

    assert _LINK_HINT.search(text) or not _LINKISH.search(text)
