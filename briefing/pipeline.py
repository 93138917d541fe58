"""The pipeline, written once: an Article becomes a Briefing, and any briefing becomes bytes.

    brief(article, settings)          rank, compose, add the audience's extra blocks
    render(item, settings, formats)   Markdown -> HTML -> PDF, and the JSON record

``render`` takes a Briefing, a DailyBriefing, or a MarkdownText (a briefing already
written, as ``email`` sends it); the chain from Markdown to PDF is the same for all
three. Nothing here writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .compose import compose
from .daily import DailyBriefing
from .errors import BriefingError, UsageError
from .model import FORMATS, Article, Briefing
from .settings import Settings
from .summarize import rank

RENDERED = (*FORMATS, "json")


@dataclass(frozen=True)
class MarkdownText:
    """A briefing's Markdown as written earlier, to be rendered again (for e-mail)."""

    text: str
    title: str
    issued: datetime


def brief(article: Article, settings: Settings, issued: datetime | None = None) -> Briefing:
    """Rank the article's sentences and compose its briefing as ``settings`` ask."""
    ranking = rank(article, settings.method)
    briefing = compose(
        article,
        ranking,
        key_points=settings.key_points,
        sentences=settings.sentences,
        issued=issued or settings.now(),
        selection=settings.selection,
    )
    return with_extras(briefing, article, settings.extras)


def with_extras(briefing: Briefing, article: Article, extras: tuple[str, ...]) -> Briefing:
    """Add the audience's extra blocks (key figures, who said what) to a briefing."""
    if not extras:
        return briefing
    from . import facts, quotes

    return replace(
        briefing,
        figures=facts.key_figures(article) if "figures" in extras else (),
        statements=quotes.statements(article) if "statements" in extras else (),
    )


def render(
    item: Briefing | DailyBriefing | MarkdownText,
    settings: Settings,
    formats: tuple[str, ...] | None = None,
) -> dict[str, bytes]:
    """The formats asked for (default: the settings'), in that order, rendered in memory."""
    formats = tuple(dict.fromkeys(formats if formats is not None else settings.formats))
    made = _made(item, settings, formats)
    return {fmt: made[fmt] for fmt in formats}


@dataclass(frozen=True)
class Rendered:
    """What ``render_each`` made: the outputs, the PDF's error if it alone failed, and
    warnings (scripts the PDF shows as boxes, since no installed font has them)."""

    outputs: dict[str, bytes]
    error: BriefingError | None = None
    warnings: tuple[str, ...] = ()


def render_each(
    item: Briefing | DailyBriefing, settings: Settings, formats: tuple[str, ...]
) -> Rendered:
    """Every format that can be made: a PDF that fails (too slow, too big for its memory
    cap) costs only the PDF, and its error is given beside the other formats."""
    formats = tuple(dict.fromkeys(formats))
    try:
        made = _made(item, settings, formats)
    except BriefingError as exc:
        if "pdf" not in formats:
            raise
        try:
            return Rendered(render(item, settings, tuple(f for f in formats if f != "pdf")), exc)
        except BriefingError:
            raise exc from None
    warnings = ()
    if "pdf" in formats:
        from .render.fonts import missing_scripts

        warnings = tuple(
            f"no installed font has {script}: it prints as boxes in the PDF"
            for script in missing_scripts(made["html"].decode("utf-8"))
        )
    return Rendered({fmt: made[fmt] for fmt in formats}, None, warnings)


def _made(item, settings: Settings, formats: tuple[str, ...]) -> dict[str, bytes]:
    """The formats asked for, and the Markdown and HTML made on the way to them."""
    if unknown := [f for f in formats if f not in RENDERED]:
        raise UsageError(f"unknown format {', '.join(unknown)}; choose from {', '.join(RENDERED)}")
    page = settings.presentation(item.issued)
    outputs: dict[str, bytes] = {}
    markdown = _markdown(item, page, settings)
    outputs["md"] = markdown.encode("utf-8")
    if "html" in formats or "pdf" in formats:
        html = _html(item, markdown, page, settings)
        outputs["html"] = html.encode("utf-8")
        if "pdf" in formats:
            from .render.pdf import html_to_pdf

            outputs["pdf"] = html_to_pdf(html, roots=settings.path)
    if "json" in formats:
        outputs["json"] = _record(item, page)
    return outputs


def _markdown(item, page, settings: Settings) -> str:
    if isinstance(item, MarkdownText):
        return item.text
    if isinstance(item, DailyBriefing):
        from .render.daily import daily_markdown

        return daily_markdown(item, presentation=page, path=settings.path)
    from .render.markdown import render_markdown

    return render_markdown(item, presentation=page, path=settings.path)


def _html(item, markdown: str, page, settings: Settings) -> str:
    if isinstance(item, DailyBriefing):
        from .render.daily import daily_html

        return daily_html(item, presentation=page, path=settings.path)
    from .render.html import render_html

    return render_html(markdown, title=item.title, presentation=page, path=settings.path)


def _record(item, page) -> bytes:
    from .render.record import briefing_record, daily_record, to_json

    if isinstance(item, MarkdownText):
        raise UsageError("a Markdown text has no JSON record; render md, html or pdf")
    record = (
        daily_record(item, page) if isinstance(item, DailyBriefing) else briefing_record(item, page)
    )
    return to_json(record)
