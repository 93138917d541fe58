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

from ..errors import BriefingError
from ..model import Article
from .text import parse_text

_TEXT_TAGS = {"p", "item", "cell", "quote", "code"}


def parse_html(data: bytes | str, source: str) -> Article:
    """The article in an HTML page; BriefingError if the page has no article body."""
    import trafilatura
    from lxml import etree

    try:
        xml = trafilatura.extract(
            data, output_format="xml", with_metadata=True, include_comments=False,
            include_tables=True, include_formatting=False, include_links=False, include_images=False,
        )
    except Exception as exc:  # trafilatura raises lxml and value errors on broken markup
        raise BriefingError(f"cannot parse HTML: {type(exc).__name__}: {exc}", source) from None
    if not xml:
        raise BriefingError("no article body found in the HTML page", source)
    doc = etree.fromstring(xml.encode("utf-8"))
    title, lines = _lines(doc)
    article = parse_text("\n\n".join([title or doc.get("title") or ""] + lines), source)
    metadata = replace(
        article.metadata,
        author=doc.get("author") or article.metadata.author,
        date=doc.get("date"),
        site=doc.get("sitename") or doc.get("hostname"),
        url=doc.get("url"),
    )
    return replace(article, metadata=metadata)


def _lines(doc) -> tuple[str | None, list[str]]:
    """The first h1 (the page's headline) and the main content as reader lines."""
    title = None
    lines: list[str] = []
    main = doc.find("main")
    for element in main.iter() if main is not None else ():
        text = " ".join("".join(element.itertext()).split()) if element.tag in _TEXT_TAGS | {"head"} else ""
        if not text or (element.tag in _TEXT_TAGS and element.getparent().tag in _TEXT_TAGS):
            continue
        if element.tag == "head":
            if element.get("rend") == "h1" and title is None and not lines:
                title = text
            else:
                lines.append(f"## {text}")
        else:
            lines.append(text)
    return title, lines
