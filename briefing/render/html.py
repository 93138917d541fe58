"""Markdown -> a sanitised, self-contained HTML page with the set's print stylesheet.

python-markdown gets no raw HTML through: its HTML block and inline-HTML processors and
its autolinks are removed, so a ``<script>`` or ``<http://...>`` in an article stays
text. The result then passes nh3's allow-list, which keeps only the handful of tags a
briefing uses and no attribute at all.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..markup import MARKDOWN_EXTRA_ESCAPES, without_controls
from ..model import PAGE_SIZES, Presentation
from ..templating import BUILTIN_DIR, render, stylesheet, template_for

ALLOWED_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "ul",
        "ol",
        "li",
        "em",
        "strong",
        "hr",
        "br",
        "blockquote",
        "code",
    }
)


def markdown_to_html(text: str) -> str:
    """Convert the briefing's Markdown to an HTML fragment that holds no active content."""
    import markdown
    import nh3

    converter = markdown.Markdown(extensions=[], output_format="html")
    converter.ESCAPED_CHARS.extend(MARKDOWN_EXTRA_ESCAPES)
    converter.preprocessors.deregister("html_block")
    for pattern in ("html", "autolink", "automail"):
        converter.inlinePatterns.deregister(pattern)
    fragment = converter.convert(text)
    clean = nh3.clean(
        fragment, tags=set(ALLOWED_TAGS), attributes={}, url_schemes=set(), link_rel=None
    )
    return defang(clean)


_SCRIPT_SCHEME = re.compile(r"(java|vb)script:", re.IGNORECASE)


def defang(html: str) -> str:
    """Script URL schemes in text shown as "javascript&#58;": the same to a reader, and
    not there at all for a filter that looks for them."""
    return _SCRIPT_SCHEME.sub(lambda m: m.group(0)[:-1] + "&#58;", html)


def render_html(
    markdown_text: str,
    *,
    title: str,
    presentation: Presentation = Presentation(),
    path: tuple[Path, ...] = (BUILTIN_DIR,),
) -> str:
    """A complete HTML document: the converted Markdown inside the audience's
    ``page.html.j2``, the stylesheet inlined, the page size and handling label set."""
    from markupsafe import Markup

    body = Markup(markdown_to_html(markdown_text))
    css = Markup(stylesheet(presentation.audience, path).replace("</", "<\\/"))
    name = template_for(presentation.audience, "page.html.j2", path)
    return render(
        "html",
        name,
        path,
        title=without_controls(title),  # <title>, and the PDF's title
        body=body,
        css=css,
        page=presentation,
        page_size=page_size(presentation),
    )


def page_size(presentation: Presentation) -> str:
    """The presentation's page size if it is one of the known ones, else A4 (it goes into CSS)."""
    return presentation.page_size if presentation.page_size in PAGE_SIZES else "A4"
