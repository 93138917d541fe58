"""Article -> what ``briefing read`` shows: JSON for tools and tests, Markdown for people."""

from __future__ import annotations

from ..markup import escape_markdown
from ..model import Article, Paragraph


def article_dict(article: Article) -> dict:
    """``{"source", "title", "metadata", "sections": [{"heading", "paragraphs"}], "dropped"}``;
    the lead's heading is null; each paragraph is ``{"kind", "text", "ranked",
    "fragments"}``: what the block is, whether its sentences may be bullets, and the
    pieces of it that are not sentences."""
    return {
        "source": article.source,
        "title": article.title,
        "metadata": dict(article.metadata.items()),
        "sections": [
            {"heading": s.heading, "paragraphs": [_paragraph(p) for p in s.paragraphs]}
            for s in article.sections
        ],
        "dropped": list(article.dropped),
    }


def _paragraph(paragraph: Paragraph) -> dict:
    return {
        "kind": paragraph.kind,
        "text": paragraph.text,
        "ranked": paragraph.ranked,
        "fragments": [paragraph.sentences[i] for i in paragraph.fragments],
    }


# How ``briefing read`` marks a block that is not body text: list items and quotes as
# Markdown writes them, table cells and captions by name. Not ranked: "(not ranked)".
_MARKS = {"item": "- ", "quote": "> ", "cell": "(table cell) ", "caption": "(caption) "}


def article_markdown(article: Article, *, dropped: bool = False) -> str:
    """The article as the reader understood it, every piece of its text escaped."""
    lines = [f"# {escape_markdown(article.title)}", ""]
    details = " · ".join(
        f"{name}: {escape_markdown(value)}" for name, value in article.metadata.items()
    )
    lines += [f"*{escape_markdown(article.source)}*" + (f" · {details}" if details else ""), ""]
    for section in article.sections:
        lines += [f"## {escape_markdown(section.heading)}" if section.heading else "## (lead)", ""]
        for paragraph in section.paragraphs:
            mark = _MARKS.get(paragraph.kind, "")
            if not paragraph.ranked and paragraph.kind in ("item", "cell"):
                mark += "(not ranked) "
            lines += [mark + escape_markdown(paragraph.text), ""]
    if dropped and article.dropped:
        lines += ["## (left out as site furniture)", ""]
        lines += [f"- {escape_markdown(line)}" for line in article.dropped] + [""]
    return "\n".join(lines)
