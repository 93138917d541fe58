"""DailyBriefing -> Markdown, HTML (for the PDF) and JSON."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..daily import DailyBriefing, Item, Part, Story
from ..markup import MarkdownSafe, escape_markdown, without_controls
from ..model import Presentation
from ..templating import BUILTIN_DIR, render, stylesheet, template_for
from .front import front_rows
from .html import defang, page_size
from .markdown import SOURCE_DETAILS, section_label, shown, where_text


def _helpers(daily: DailyBriefing) -> dict:
    number = {part.index: n for n, part in enumerate(daily.ordered_parts(), 1)}

    def cited(p: int) -> str:
        return f"{daily.parts[p].outlet} [{number[p]}]" if p in number else daily.parts[p].outlet

    def credit_text(item: Item) -> str:
        part = daily.parts[item.part]
        where = f"{cited(item.part)}, {where_text(part.briefing, item.sentence)}"
        others = [cited(p) for p in item.also_in]
        return where + ("; also " + ", ".join(others) if others else "")

    def source_line(part: Part) -> str:
        details = [v for k, v in part.briefing.metadata.items() if k in SOURCE_DETAILS]
        name = Path(part.briefing.source).name or part.briefing.source
        return " · ".join(dict.fromkeys([part.outlet, name, *details]))

    return {
        "credit_text": credit_text,
        "credit": lambda item: MarkdownSafe(f"*({escape_markdown(credit_text(item))})*"),
        "source_line": source_line,
        "sources_of": sources_of,
        "status_of": lambda story: status_of(story, daily),
        "number": lambda p: number.get(p, ""),
        "counts": counts(daily),
        "section_label_text": _heading,
        "section_label": lambda part, heading: escape_markdown(_heading(part, heading)),
    }


def sources_of(story: Story) -> str:
    """ "Reuters, AP, BBC: 3 sources"."""
    n = len(story.sources)
    return f"{', '.join(story.sources)}: {n} source{'s' if n != 1 else ''}"


def _mark(story: Story, daily: DailyBriefing) -> str:
    """What the front page adds to a continuing story's line."""
    return f" · {status_of(story, daily)}" if story.status == "continuing" else ""


def status_of(story: Story, daily: DailyBriefing) -> str:
    """ "new", or "continuing, first reported 1 December (day 3)", and "updated" when one
    of its articles changed since a daily showed it."""
    if story.status != "continuing" or story.first_seen is None:
        return "new"
    first = story.first_seen
    text = f"continuing, first reported {first.day} {first:%B} (day {(daily.day - first).days + 1})"
    return text + (", updated" if story.updated else "")


def counts(daily: DailyBriefing) -> str:
    """ "12 articles in 9 stories", and how many the exclude list left out."""
    shown = len(daily.parts) - len(daily.left_out)
    line = f"{shown} article{'s' if shown != 1 else ''} in {len(daily.stories)} stor"
    line += "ies" if len(daily.stories) != 1 else "y"
    continuing = sum(s.status == "continuing" for s in daily.stories)
    if continuing:
        line += f" · {continuing} continuing"
    if daily.quiet:
        line += f", {len(daily.quiet)} with no new developments"
    if daily.left_out:
        line += f" · {len(daily.left_out)} left out by the exclude list"
    return line


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
    parts = tuple(replace(part, outlet=without_controls(part.outlet)) for part in parts)
    stories = tuple(
        replace(
            story,
            headline=without_controls(story.headline),
            sources=tuple(without_controls(o) for o in story.sources),
            topic=without_controls(story.topic),
        )
        for story in daily.stories
    )
    topics = tuple((without_controls(name), ids) for name, ids in daily.topics)
    return replace(
        daily, title=without_controls(daily.title), parts=parts, stories=stories, topics=topics
    )


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


def _front_rows(context: dict, size: str):
    """The front page's story list in rows of two halves (``render.front``)."""
    daily, credit_text = context["daily"], context["credit_text"]
    texts = {
        n: (f"{n + 1}. {s.headline}", f"{sources_of(s)} · {len(s.parts)} articles{_mark(s, daily)}")
        for n, s in enumerate(daily.stories)
    }
    top = []
    for n in daily.top:
        story = daily.stories[n]
        point = story.key_points[0]
        top += [
            f"{story.headline} {sources_of(story)}",
            f"{point.sentence.text} ({credit_text(point)})",
        ]
    return front_rows(texts, daily.topics, top, size)


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
    context = _common(daily, presentation)
    page = render(
        "html",
        template_for(presentation.audience, "daily.html.j2", path),
        path,
        css=css,
        page_size=page_size(presentation),
        front_rows=_front_rows(context, page_size(presentation)),
        **context,
    )
    head, body = page.split("<body>", 1)
    clean = nh3.clean(
        body.rsplit("</body>", 1)[0],
        tags={
            "main",
            "section",
            "nav",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "p",
            "span",
            "ul",
            "ol",
            "li",
            "em",
            "strong",
            "br",
            "a",
        },
        attributes={"*": {"class"}, "h3": {"id", "class"}, "a": {"href", "class"}},
        url_schemes=set(),
        link_rel=None,
    )
    return f"{head}<body>\n{defang(clean)}\n</body>\n</html>\n"
