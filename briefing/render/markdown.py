"""Briefing -> Markdown through the template ``briefing.md.j2`` of a template set."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..markup import MarkdownSafe, escape_markdown, without_controls
from ..model import Briefing, Metadata, Presentation
from ..templating import BUILTIN_DIR, render, template_for

LEAD_LABEL = "Lead"
SOURCE_DETAILS = ("site", "author", "date", "dateline", "url")
ONLY_SECTION_LABEL = "Further key sentences"


def render_markdown(
    briefing: Briefing,
    *,
    presentation: Presentation = Presentation(),
    path: tuple[Path, ...] = (BUILTIN_DIR,),
) -> str:
    """The briefing as Markdown; article text escaped, provenance marks added."""
    briefing = shown(briefing)
    return render(
        "markdown",
        template_for(presentation.audience, "briefing.md.j2", path),
        path,
        briefing=briefing,
        page=presentation,
        issued=format_issued(briefing),
        source_name=Path(briefing.source).name or briefing.source,
        source_details=tuple((k, v) for k, v in briefing.metadata.items() if k in SOURCE_DETAILS),
        # after "## " or "*(": "2. Ditch the diet" is no list there, and keeps its "."
        section_label=lambda index: escape_markdown(
            section_label(briefing, index), line_start=False
        ),
        where=lambda s: _mark(where_text(briefing, s)),
        where_in_section=lambda s: _mark(f"¶{s.paragraph + 1}"),
    )


def shown(briefing: Briefing) -> Briefing:
    """The briefing with its title, source, subheads and metadata (the lines around the
    quoted sentences) rid of bidi controls and control characters: an override such as
    U+202E would show them reordered, an ESC sequence would act in a terminal. Removed, not
    shown as codes, so each reads as the article shows it; the bullets stay verbatim."""

    def clean(text: str | None) -> str | None:
        return without_controls(text) if text else text

    details = {name: clean(getattr(briefing.metadata, name)) for name in Metadata.__annotations__}
    return replace(
        briefing,
        title=clean(briefing.title),
        source=clean(briefing.source),
        headings=tuple(map(clean, briefing.headings)),
        sections=tuple(replace(s, heading=clean(s.heading)) for s in briefing.sections),
        metadata=Metadata(**details),
    )


def section_label(briefing: Briefing, index: int) -> str:
    """The article's subhead, or a plain label for the text before the first one: "Lead"
    when subheads follow, "Further key sentences" when the article has none."""
    heading = briefing.headings[index]
    if heading:
        return heading
    return LEAD_LABEL if len(briefing.headings) > 1 else ONLY_SECTION_LABEL


def where_text(briefing: Briefing, sentence) -> str:
    """A key point's origin: "Assad's status, ¶1"; just "¶3" in an article without subheads."""
    if len(briefing.headings) == 1:
        return f"¶{sentence.paragraph + 1}"
    return f"{section_label(briefing, sentence.section)}, ¶{sentence.paragraph + 1}"


def format_issued(briefing: Briefing) -> str:
    """ "25 November 2026, 09:30 UTC": day, month name, 24-hour time, zone."""
    when = briefing.issued
    zone = when.tzname() or ""
    return f"{when.day} {when:%B %Y, %H:%M} {zone}".strip()


def _mark(text: str) -> MarkdownSafe:
    return MarkdownSafe(f"*({escape_markdown(text, line_start=False)})*")
