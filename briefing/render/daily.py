"""DailyBriefing -> Markdown, HTML (for the PDF) and JSON."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..daily import DailyBriefing, Item, Part
from ..markup import MarkdownSafe, escape_markdown, without_controls
from ..model import Presentation
from ..templating import BUILTIN_DIR, render, stylesheet, template_for
from .html import defang, page_size
from .markdown import SOURCE_DETAILS, section_label, shown, where_text


def _helpers(daily: DailyBriefing) -> dict:
    number = {part.index: n for n, part in enumerate(daily.ordered_parts(), 1)}

    def credit_text(item: Item) -> str:
        part = daily.parts[item.part]
        where = f"{number[item.part]}, {where_text(part.briefing, item.sentence)}"
        if item.also_in:
            where += "; also in " + ", ".join(str(number[p]) for p in item.also_in)
        return where

    def source_line(part: Part) -> str:
        details = [v for k, v in part.briefing.metadata.items() if k in SOURCE_DETAILS]
        return " · ".join([Path(part.briefing.source).name or part.briefing.source, *details])

    return {
        "credit_text": credit_text,
        "credit": lambda item: MarkdownSafe(f"*({escape_markdown(credit_text(item))})*"),
        "source_line": source_line,
        "section_label_text": _heading,
        "section_label": lambda part, heading: escape_markdown(_heading(part, heading)),
    }


def _heading(part: Part, heading: str | None) -> str:
    """A section's heading: the article's subhead, or the label for the text before any
    (the lead is always the article's first section)."""
    return heading or section_label(part.briefing, 0)


def _shown(daily: DailyBriefing) -> DailyBriefing:
    """The day with titles, subheads and sources rid of bidi and control characters, as
    ``markdown.shown`` does for one briefing (Markdown and HTML alike)."""
    parts = tuple(
        replace(
            part,
            briefing=shown(part.briefing),
            sections=tuple((h and without_controls(h), items) for h, items in part.sections),
        )
        for part in daily.parts
    )
    return replace(daily, title=without_controls(daily.title), parts=parts)


def _common(daily: DailyBriefing, presentation: Presentation) -> dict:
    daily = _shown(daily)
    when = daily.issued
    return {
        "daily": daily,
        "page": presentation,
        "issued": f"{when.day} {when:%B %Y, %H:%M} {when.tzname() or ''}".strip(),
        "day": f"{daily.day:%A} {daily.day.day} {daily.day:%B %Y}",
        **_helpers(daily),
    }


def daily_markdown(
    daily: DailyBriefing, *, presentation: Presentation, path: tuple[Path, ...] = (BUILTIN_DIR,)
) -> str:
    return render(
        "markdown",
        template_for(presentation.audience, "daily.md.j2", path),
        path,
        **_common(daily, presentation),
    )


def daily_html(
    daily: DailyBriefing, *, presentation: Presentation, path: tuple[Path, ...] = (BUILTIN_DIR,)
) -> str:
    """The whole page; the template autoescapes every value, then nh3 checks the result."""
    import nh3
    from markupsafe import Markup

    css = Markup(stylesheet(presentation.audience, path).replace("</", "<\\/"))
    page = render(
        "html",
        template_for(presentation.audience, "daily.html.j2", path),
        path,
        css=css,
        page_size=page_size(presentation),
        **_common(daily, presentation),
    )
    head, body = page.split("<body>", 1)
    clean = nh3.clean(
        body.rsplit("</body>", 1)[0],
        tags={
            "main",
            "section",
            "nav",
            "h1",
            "h2",
            "h3",
            "p",
            "ul",
            "ol",
            "li",
            "em",
            "strong",
            "br",
            "a",
        },
        attributes={"*": {"class"}, "h2": {"id", "class"}, "a": {"href", "class"}},
        url_schemes=set(),
        link_rel=None,
    )
    return f"{head}<body>\n{defang(clean)}\n</body>\n</html>\n"
