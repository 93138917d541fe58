"""HTML pages to Articles, through trafilatura.

trafilatura finds the main content (the best open-source extractor on the public
article-extraction benchmark) and returns it as XML with its structure: ``head`` elements
for subheads, ``p``, list ``item`` and table ``cell`` elements for text, and the page's
metadata (title, author, date, site name, URL). That structure becomes blocks with their
kinds (``blocks``), as the text reader's lines do, so the same furniture rules, subhead
judgement and sentence gate apply to every kind of input. Text the page itself marks as
a caption (``<figcaption>``, a caption class) is a caption whatever trafilatura made of it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..errors import BriefingError
from ..model import Article
from .blocks import BLANK, CONTROL, Block, build
from .meta import best_date, clean_title, is_site_name, valid_author, valid_site
from .subheads import looks_like_heading


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
            include_formatting=True,  # bold paragraphs are subheads
            include_links=True,  # a paragraph that is only a link is a related story
            include_images=False,
        )
    except Exception as exc:  # trafilatura raises lxml and value errors on broken markup
        raise BriefingError(f"cannot parse HTML: {type(exc).__name__}: {exc}", source) from None
    if not xml:
        raise BriefingError("no article body found in the HTML page", source)
    doc = etree.fromstring(xml.encode("utf-8"))
    return _article(doc, _captions(data), source)


def _article(doc, captions: frozenset[str], source: str) -> Article:
    """The Article of trafilatura's XML: the headline is the h1 that opens the content,
    else the page's title without its site name and SEO tail, never the site's name."""
    site, url = valid_site(doc.get("sitename")) or doc.get("hostname"), doc.get("url")
    heading, blocks = _page_blocks(doc, captions)
    title = heading or clean_title(doc.get("title") or "", site, url)
    if is_site_name(title, site, url):
        title = ""
    names = tuple(n for n in (site, doc.get("hostname")) if n)
    article = build(title, blocks, source, names, shaped=False)
    if not title:  # no <title>, no <h1>, or only the site's name: named by its file
        article = replace(article, title=Path(source).name)
    metadata = replace(
        article.metadata,
        author=valid_author(doc.get("author")) or article.metadata.author,
        date=best_date(doc.get("date"), url),
        site=site,
        url=url,
        category=_category(doc.get("categories")),
    )
    return replace(article, metadata=metadata)


_NO_CATEGORY = frozenset(
    ["news", "post", "posts", "article", "articles", "story", "page", "home", "all", "latest"]
    + ["uncategorized", "blog"]
)


def _category(categories: str | None) -> str | None:
    """The page's own section ("World", "Business") from the names trafilatura found
    (joined with commas): the first, a slug made words ("government-and-politics"), none
    when it is a web address, a label every page carries ("News", "post") or long."""
    first = re.split(r"[,;|/]| - ", categories or "")[0].strip()
    if re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", first):
        first = re.sub(r"[-_]", " ", first)
    if not first or "." in first or first.casefold() in _NO_CATEGORY or len(first) > 40:
        return None
    return first[0].upper() + first[1:] if len(first.split()) <= 4 else None


def _page_blocks(doc, captions: frozenset[str]) -> tuple[str | None, list[Block]]:
    """The first h1 (the page's headline) and the main content as blocks, a blank one
    between each (a ``<lb/>`` inside an element starts a new block of its kind)."""
    title = None
    blocks: list[Block] = []
    main = doc.find("main")
    if main is None:
        return None, []
    for kind, text in _elements(main):
        if kind == "head":
            if text and title is None and not blocks and _is_h1(text, main):
                title = text
            elif text:
                blocks += [Block(f"## {text}", "head"), BLANK]
            continue
        for line in text.split("\n"):
            line = CONTROL.sub(" ", line).strip()
            if line:
                blocks += [Block(line, "caption" if _is_caption(line, captions) else kind), BLANK]
    return title, blocks


_KINDS = {"p": "body", "item": "item", "cell": "cell", "quote": "quote", "code": "body"}


def _elements(element):
    """(kind, text) for every block below ``element``, in document order: "head", a
    paragraph kind of ``_KINDS``, or "link" for a paragraph or list item that is all
    link text (a related story; a heading that is a link is a listicle's item, kept); a
    paragraph all in bold is a "head". Loose text is body."""
    if element.text and element.text.strip():
        yield "body", element.text.strip()
    for child in element:
        if child.tag == "head" or child.tag in _KINDS:
            yield (
                _kind(child),
                _text(child) if child.tag != "head" else " ".join(_text(child).split()),
            )
        else:
            yield from _elements(child)
        if child.tail and child.tail.strip():
            yield "body", child.tail.strip()


def _kind(element) -> str:
    if element.tag in ("p", "item") and _only_inside(element, {"ref"}) and _headline(element):
        return "link"
    if element.tag == "p" and _call_to_action(element):
        return "link"
    if element.tag == "head":
        return "head"
    if element.tag == "p" and _only_inside(element, {"hi"}, bold=True):
        return "head" if looks_like_heading(" ".join(_text(element).split())) else "body"
    return _KINDS[element.tag]


# An offer's link that opens a paragraph: "Get the Online Business Success Roadmap",
# "Download our free guide", "Grab your copy", "Sign up for the course".
_PROMO_LINK = re.compile(
    r"^(?:get|download|grab|claim|try|join|subscribe(?:\ to)?|sign\ up(?:\ for)?|register(?:\ for)?"
    r"|start|request|book|reserve)\ (?:the|our|my|a|an|your|this|free|instant|now)\b",
    re.I,
)
_CTA_WORDS = 30


def _call_to_action(element) -> bool:
    """A call to action: a one-sentence paragraph that opens with a link to an offer whose
    text starts with an imperative ("<ref>Get the Online Business Success Roadmap</ref>
    for an overview and a handy checklist …", c582d3b7). "Get Out won the Oscar" is no
    offer; a paragraph that cites a link later on is text."""
    if (element.text or "").strip() or not len(element) or element[0].tag != "ref":
        return False
    link = " ".join(_text(element[0]).split())
    text = " ".join(_text(element).split())
    if not _PROMO_LINK.match(link) or len(text.split()) > _CTA_WORDS:
        return False
    return len(_INNER_END.findall(text)) == 0 and bool(_SENTENCE_END.search(text))


_INNER_END = re.compile(r"[.!?]\s+[A-Z]")


def _only_inside(element, tags: set[str], *, bold: bool = False) -> bool:
    """Whether all of ``element``'s text is inside descendants tagged ``tags`` (bold ones
    only, with ``bold``), and there is some."""
    sizes = {True: 0, False: 0}  # characters inside such a descendant, and outside

    def walk(node, covered: bool) -> None:
        here = covered or (node.tag in tags and (not bold or node.get("rend") in _BOLD))
        sizes[here] += len((node.text or "").strip())
        for child in node:
            walk(child, here)
            sizes[here] += len((child.tail or "").strip())

    walk(element, False)
    return sizes[True] > 0 and sizes[False] == 0


_BOLD = {"#b", "#strong"}
_SENTENCE_END = re.compile(r"""[.!?…。！？](?:['"”’)\]])*$""")


def _headline(element) -> bool:
    """Short and unpunctuated: a linked headline ("SEAN SPICER ELIMINATED FROM …"), not a
    paragraph a deals page wraps whole in its link."""
    text = " ".join(_text(element).split())
    return len(text.split()) <= 25 and not _SENTENCE_END.search(text)


def _captions(data: bytes | str) -> frozenset[str]:
    """The texts of the page's own caption elements (``<figcaption>``, a class or id
    naming a caption), whitespace normalised: trafilatura can keep them as paragraphs."""
    from lxml import html

    try:
        root = html.fromstring(data)
    except Exception:  # lxml refuses some pages trafilatura reads: no captions, then
        return frozenset()
    found = root.xpath(
        "//figcaption | //*[contains(@class, 'caption') or contains(@id, 'caption')]"
    )
    texts = (" ".join(e.text_content().split()) for e in found[:500])
    return frozenset(t for t in texts if 20 <= len(t) <= 1000)


def _is_caption(line: str, captions: frozenset[str]) -> bool:
    text = " ".join(line.split())
    return len(text) >= 20 and any(text in caption for caption in captions)


def _is_h1(text: str, main) -> bool:
    first = main.find("head")
    return first is not None and first.get("rend") == "h1" and _text(first) == text


def _text(element) -> str:
    """All text inside ``element``, line breaks kept as newlines."""
    parts = [_flat(element.text)]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _text(child))
        parts.append(_flat(child.tail))
    return "".join(parts)


def _flat(text: str | None) -> str:
    return " ".join((text or "").split(" ")).replace("\n", " ")
