"""Article + Ranking -> Briefing.

Key points are the article's best-ranked sentences; each section then gets its own
best-ranked sentences that are not already key points. Every list is in document
order, and no sentence (nor a second copy of the same text) appears twice.
"""

from __future__ import annotations

from datetime import datetime

from .errors import BriefingError
from .model import Article, Briefing, BriefingSection, Ranking, Sentence


def compose(
    article: Article,
    ranking: Ranking,
    *,
    key_points: int = 3,
    sentences: int = 2,
    issued: datetime,
) -> Briefing:
    """Pick the sentences of the briefing; counts are upper bounds (short articles)."""
    if key_points < 0 or sentences < 0:
        raise BriefingError("sentence counts cannot be negative")
    all_sentences = article.sentences()
    ranked = [all_sentences[i] for i in ranking.order]
    used: set[str] = set()
    chosen_keys = _take(ranked, key_points, used)
    sections = []
    for s_i, section in enumerate(article.sections):
        candidates = [s for s in ranked if s.section == s_i]
        bullets = _take(candidates, sentences, used)
        if bullets:
            sections.append(BriefingSection(section.heading, bullets, s_i))
    return Briefing(
        title=article.title,
        source=article.source,
        issued=issued,
        method=ranking.method,
        key_points=chosen_keys,
        sections=tuple(sections),
        total_sentences=len(all_sentences),
        headings=tuple(section.heading for section in article.sections),
    )


def _take(ranked: list[Sentence], count: int, used: set[str]) -> tuple[Sentence, ...]:
    """The first ``count`` sentences of ``ranked`` whose text is not used yet, in document order."""
    taken: list[Sentence] = []
    for sentence in ranked:
        if len(taken) == count:
            break
        key = sentence.text.casefold()
        if key in used:
            continue
        used.add(key)
        taken.append(sentence)
    return tuple(sorted(taken, key=lambda s: s.position))
