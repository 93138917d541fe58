"""HTML pages to Articles, through trafilatura.

trafilatura finds the main content (the best open-source extractor on the public
article-extraction benchmark) and returns it as XML with its structure: ``head`` elements
for subheads, ``p``, list ``item`` and table ``cell`` elements for text, and the page's
metadata (title, author, date, site name, URL). That structure is written out as lines
(subheads as ``##`` headings) and read by the plain-text reader, so the same furniture
rules and sentence splitting apply to every kind of input.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import BriefingError
from ..model import Article
from .text import parse_text

_TEXT_TAGS = {"p", "item", "cell", "quote", "code"}  # "list", "table", "row" are walked into


def parse_html(data: bytes | str, source: str) -> Article:
    """The article in an HTML page; BriefingError if the page has no article body."""
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(
            data,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            include_links=False,
            include_images=False,
        )
    except Exception as exc:  # trafilatura raises lxml and value errors on broken markup
        raise BriefingError(f"cannot parse HTML: {type(exc).__name__}: {exc}", source) from None
    if not xml:
        raise BriefingError("no article body found in the HTML page", source)
    doc = etree.fromstring(xml.encode("utf-8"))
    title, lines = _lines(doc)
    title = title or doc.get("title")
    if title:
        article = parse_text("\n\n".join([title, *lines]), source)
    else:  # no <title>, no <h1>: every line is body, and the page is named by its file
        article = parse_text("\n\n".join(lines), source, has_title=False)
        article = replace(article, title=Path(source).name)
    metadata = replace(
        article.metadata,
        author=doc.get("author") or article.metadata.author,
        date=doc.get("date"),
        site=doc.get("sitename") or doc.get("hostname"),
        url=doc.get("url"),
    )
    return replace(article, metadata=metadata)


def _lines(doc) -> tuple[str | None, list[str]]:
    """The first h1 (the page's headline) and the main content as reader lines.

    Text elements become lines (a ``<lb/>`` inside one starts a new line); text that
    trafilatura left loose between elements is kept as lines too.
    """
    title = None
    lines: list[str] = []
    main = doc.find("main")
    if main is None:
        return None, []
    for kind, text in _blocks(main):
        if kind == "head":
            if text and title is None and not lines and _is_h1(text, main):
                title = text
            elif text:
                lines.append(f"## {text}")
        else:
            lines.extend(line for line in text.split("\n") if line.strip())
    return title, lines


def _is_h1(text: str, main) -> bool:
    first = main.find("head")
    return first is not None and first.get("rend") == "h1" and _text(first) == text


def _blocks(element):
    """(kind, text) for every block below ``element``, in document order."""
    if element.text and element.text.strip():
        yield "text", element.text.strip()
    for child in element:
        if child.tag == "head":
            yield "head", " ".join(_text(child).split())
        elif child.tag in _TEXT_TAGS:
            yield "text", _text(child)
        else:
            yield from _blocks(child)
        if child.tail and child.tail.strip():
            yield "text", child.tail.strip()


def _text(element) -> str:
    """All text inside ``element``, line breaks kept as newlines."""
    parts = [_flat(element.text)]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(_flat(child.tail))
    return "".join(parts)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split(" ")).replace("\n", " ")
