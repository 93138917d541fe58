"""Article + Ranking -> Briefing.

Key points are the article's best-ranked sentences; each section then gets its own
best-ranked sentences that are not already key points. Every list is in document
order, and no sentence (nor a second copy of the same text) appears twice. How many is a
``Length``: a count, a share of the sentences available, and/or a word budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .errors import BriefingError, shown
from .model import Article, Briefing, BriefingSection, Length, Ranking, Sentence


@dataclass(frozen=True)
class SectionSelection:
    """Which sections a briefing shows and in what order (an audience's choice)."""

    include: tuple[str, ...] = ()  # headings to keep, case-insensitive; "lead" is the lead
    skip: tuple[str, ...] = ()
    order: str = "document"  # or "importance": by the rank of each section's best sentence
    max_sections: int | None = None


def as_length(value: Length | int) -> Length:
    """A plain number means that many sentences."""
    if isinstance(value, Length):
        return value
    if value < 0:
        raise BriefingError("sentence counts cannot be negative")
    return Length(count=value)


def compose(
    article: Article,
    ranking: Ranking,
    *,
    key_points: Length | int = 3,
    sentences: Length | int = 2,
    issued: datetime,
    selection: SectionSelection = SectionSelection(),
) -> Briefing:
    """Pick the sentences of the briefing; counts are upper bounds (short articles)."""
    all_sentences = article.sentences()
    ranked = [all_sentences[i] for i in ranking.order]
    used: set[str] = set()
    chosen_keys = take(ranked, as_length(key_points), used)
    per_section = as_length(sentences)
    by_section: dict[int, list[Sentence]] = {}  # each section's sentences, best first
    for sentence in ranked:
        by_section.setdefault(sentence.section, []).append(sentence)
    sections = []
    for s_i, section in enumerate(article.sections):
        if not _wanted(section.heading, selection):
            continue
        bullets = take(by_section.get(s_i, []), per_section, used)
        if bullets:
            sections.append(BriefingSection(section.heading, bullets, s_i))
    sections = _arrange(sections, selection, ranking)
    return Briefing(
        title=article.title,
        source=shown(article.source),  # the name a document shows, valid UTF-8
        issued=issued,
        method=ranking.method,
        key_points=chosen_keys,
        sections=tuple(sections),
        total_sentences=len(all_sentences),
        headings=tuple(section.heading for section in article.sections),
        metadata=article.metadata,
    )


def _wanted(heading: str | None, selection: SectionSelection) -> bool:
    name = (heading or "lead").casefold()
    if selection.include and name not in {h.casefold() for h in selection.include}:
        return False
    return name not in {h.casefold() for h in selection.skip}


def _arrange(sections: list, selection: SectionSelection, ranking: Ranking) -> tuple:
    if selection.order == "importance" or selection.max_sections is not None:
        rank_of = {position: r for r, position in enumerate(ranking.order)}
        by_importance = sorted(sections, key=lambda s: min(rank_of[b.position] for b in s.bullets))
        kept = (
            by_importance[: selection.max_sections]
            if selection.max_sections is not None
            else by_importance
        )
        shown = {id(s) for s in kept}  # by identity: a list's ``in`` is a scan
        sections = (
            kept if selection.order == "importance" else [s for s in sections if id(s) in shown]
        )
    return tuple(sections)


def take(ranked: list[Sentence], length: Length, used: set[str]) -> tuple[Sentence, ...]:
    """The best sentences of ``ranked`` within ``length``, not in ``used``, in document order.

    With a word budget, a sentence that would overflow it is skipped for a shorter one
    further down; if none fits, the single best sentence is taken, so a budget never
    empties a list that a count would fill.
    """
    fresh, seen = [], set()  # not a copy of ``used``: that grows with every section
    for sentence in ranked:
        key = sentence.text.casefold()
        if key not in used and key not in seen:
            seen.add(key)
            fresh.append(sentence)
    limit = length.limit(len(fresh))
    taken: list[Sentence] = []
    words = 0
    for sentence in fresh:
        if len(taken) == limit:
            break
        size = len(sentence.text.split())
        if length.words is not None and words + size > length.words:
            continue
        taken.append(sentence)
        words += size
    if not taken and fresh and limit:
        taken = fresh[:1]
    used.update(s.text.casefold() for s in taken)
    return tuple(sorted(taken, key=lambda s: s.position))
