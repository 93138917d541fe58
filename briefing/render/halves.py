"""A daily briefing's PDF in two halves laid out at once, one per core, then joined.

    split(html) -> (first, second) or None      join(first_pdf, second_pdf) -> PDF bytes

The articles' annex of a daily begins a page of its own, so the page cut there lays out
as it would in one document: the first half (front page and stories) and the second (the
annex and the sources) are rendered by two processes, and ``numbered`` has each tell the
other its page count before its running footers are drawn ("Page 12 of 20" counts both).
``join`` puts the halves together with pypdf: pages, outline, title and language, and the
named destinations of the second half, where the stories' links to their articles go.
The first half holds an empty anchor for each of those (``elsewhere``) so that WeasyPrint
keeps the links; ``join`` points them at the second half's pages.

Only the HTML the built-in ``daily.html.j2`` makes is cut (its annex heading and a short
annex otherwise: ``None``, rendered as one document); the cut is of the sanitised page,
where article text is escaped, so it cannot contain the markup looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import BytesIO

ANNEX = '<h2 class="annex-title">'
MAIN = '<main class="briefing daily">'
MIN_SECOND = 20_000  # characters of annex (about six pages): less is not worth a process
_PARTS = re.compile(r'<h3 class="part-title" id="(part-\d+)">')
_TITLE = re.compile(r"<h1>([^<]*)</h1>")

# the second half: its first page is not the briefing's first (which has no running
# title), the title comes from a hidden copy of the front page's h1, and the annex's page
# break is the document's start
_SECOND_CSS = """
@page :first { @top-left { content: string(report-title); } }
.daily h1.carried { height: 0; margin: 0; padding: 0; border: 0; overflow: hidden; visibility: hidden; }
.daily h2.annex-title { break-before: auto; }
"""
_FIRST_CSS = ".daily .elsewhere { position: absolute; }\n"


def split(html: str) -> tuple[str, str] | None:
    """The daily's page as two complete pages, or None when it is not cut."""
    head, found, body = html.partition("<body>")
    at = body.find(ANNEX)
    if not found or at < 0 or len(body) - at < MIN_SECOND or "</style>" not in head:
        return None
    opened, title = body.find(MAIN), _TITLE.search(body, 0, at)
    if opened < 0 or opened > at or title is None:
        return None
    anchors = "".join(f'<span id="{name}"></span>' for name in _PARTS.findall(body, at))
    first = (
        _styled(head, _FIRST_CSS)
        + "<body>"
        + body[:at]
        + f'<div class="elsewhere">{anchors}</div>\n</main>\n</body>\n</html>\n'
    )
    second = (
        _styled(head, _SECOND_CSS)
        + f'<body>\n{MAIN}\n<h1 class="carried">{title.group(1)}</h1>\n'
        + body[at:]
    )
    return first, second


def _styled(head: str, css: str) -> str:
    before, _, after = head.partition("</style>")
    return f"{before}{css}</style>{after}"


@contextmanager
def numbered(exchange: Callable[[int], tuple[int, int]]) -> Iterator[None]:
    """While rendering one half: when its pages are laid out, before the first running
    footer, ``exchange(its page count)`` gives (pages before it, pages in all), and every
    page's ``counter(page)`` and ``counter(pages)`` are set from them."""
    import weasyprint.layout as layout

    original = layout.make_margin_boxes
    told: list[tuple[int, int]] = []

    def make_margin_boxes(context, page, state):
        quote_depth, counters, *rest = state
        if not told:  # every page is laid out: "pages" holds this half's count
            told.append(exchange(counters["pages"][-1]))
        before, total = told[0]
        counters = {**counters, "page": [*counters["page"][:-1], counters["page"][-1] + before]}
        counters["pages"] = [total]
        return original(context, page, (quote_depth, counters, *rest))

    layout.make_margin_boxes = make_margin_boxes
    try:
        yield
    finally:
        layout.make_margin_boxes = original


def join(first: bytes, second: bytes) -> bytes:
    """One PDF: the first half's pages and outline, then the second's; the first's title
    and language; every named destination from the half that has its element."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    front, back = PdfReader(BytesIO(first)), PdfReader(BytesIO(second))
    writer = PdfWriter()
    writer.append(front)
    writer.append(back)
    if front.metadata:
        writer.add_metadata(front.metadata)
    language = front.trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language
    _destinations(writer, back, len(front.pages))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _destinations(writer, back, offset: int) -> None:
    """The name tree again, sorted, the second half's destinations replacing the first
    half's empty anchors of the same names (pypdf keeps the first it meets)."""
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, TextStringObject

    names = writer.get_named_dest_root()
    found = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    for name, dest in back.named_destinations.items():
        page = writer.pages[offset + back.get_destination_page_number(dest)]
        found[name] = ArrayObject(
            [
                page.indirect_reference,
                NameObject("/XYZ"),
                FloatObject(dest.left),
                FloatObject(dest.top),
                NumberObject(0),
            ]
        )
    names[:] = [item for name in sorted(found) for item in (TextStringObject(name), found[name])]
