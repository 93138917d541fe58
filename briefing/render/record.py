"""Briefing or DailyBriefing -> the JSON record written beside the Markdown.

The structured result, for other tools and for ``briefing email``: every sentence with its
provenance, and how the briefing was issued (audience, handling label, issue time, report
number), so a later step can carry the label without being told it again.
"""

from __future__ import annotations

import json

from ..daily import DailyBriefing, Item
from ..model import Briefing, Presentation, Sentence


def issue(presentation: Presentation, issued) -> dict:
    return {
        "audience": presentation.audience,
        "label": presentation.label,
        "organisation": presentation.organisation,
        "issued": issued.isoformat(),
        "report_number": presentation.report_number,
    }


def _sentence(s: Sentence) -> dict:
    return {
        "text": s.text,
        "section": s.section,
        "paragraph": s.paragraph,
        "sentence": s.index,
        "position": s.position,
    }


def briefing_record(briefing: Briefing, presentation: Presentation) -> dict:
    return {
        "title": briefing.title,
        "source": briefing.source,
        **issue(presentation, briefing.issued),
        "metadata": dict(briefing.metadata.items()),
        "method": briefing.method,
        "total_sentences": briefing.total_sentences,
        "key_points": [_sentence(s) for s in briefing.key_points],
        "sections": [
            {"heading": s.heading, "section": s.section, "items": [_sentence(b) for b in s.bullets]}
            for s in briefing.sections
        ],
    }


def daily_record(daily: DailyBriefing, presentation: Presentation) -> dict:
    """The structured day: every sentence with its source and position."""

    def item(i: Item) -> dict:
        return {**_sentence(i.sentence), "part": i.part, "also_in": list(i.also_in)}

    return {
        "title": daily.title,
        "date": daily.day.isoformat(),
        **issue(presentation, daily.issued),
        "top_developments": [daily.stories[n].id for n in daily.top],
        "topics": [
            {"topic": name, "stories": [daily.stories[n].id for n in ids]}
            for name, ids in daily.topics
        ],
        "stories": [
            {
                "id": story.id,
                "headline": story.headline,
                "parts": list(story.parts),
                "sources": list(story.sources),
                "topic": story.topic,
                "key_points": [item(i) for i in story.key_points],
                "status": story.status,
                "first_seen": (story.first_seen or daily.day).isoformat(),
                "updated": story.updated,
            }
            for story in daily.stories
        ],
        "no_new_developments": [daily.stories[n].id for n in daily.quiet],
        "left_out": list(daily.left_out),
        "parts": [
            {
                "part": p.index,
                "story": daily.stories[p.story].id if p.story >= 0 else None,
                "outlet": p.outlet,
                "title": p.briefing.title,
                "source": p.briefing.source,
                "metadata": dict(p.briefing.metadata.items()),
                "method": p.briefing.method,
                "key_points": [item(i) for i in p.key_points],
                "sections": [
                    {"heading": h, "items": [item(i) for i in items]} for h, items in p.sections
                ],
            }
            for p in daily.parts
        ],
    }


def to_json(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
