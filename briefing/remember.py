"""The daily and the store: articles from it, and what each daily showed kept in it.

    stored_items(path, audience, day, issued, since)  the day's new articles as batch Items
    Memory.open(path, ...)   the store for one daily: its inputs known, the past, the record

The store is opened only before and after the worker pool runs, never across it: a
forked worker must not inherit an open SQLite connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from . import batch
from .errors import BriefingError
from .model import Briefing
from .stories import Doc

FIRST_DAILY = timedelta(hours=24)  # a first daily from the store looks back this far
_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown"}


@dataclass(frozen=True)
class Ids:
    article: int
    version: int


def stored_items(
    path: Path, audience: str, day: date, issued: datetime, since: datetime | None
) -> tuple[tuple[batch.Item, ...], tuple[Ids, ...]]:
    """The articles first seen, or changed, since ``since`` (default: the audience's
    previous daily before ``day``, else 24 hours before ``issued``), as batch Items with
    what the store knows of each; their ids in the store, item by item."""
    from .store import open_store
    from .store.history import previous_issue

    with open_store(path) as store:
        since = since or previous_issue(store, audience, day) or issued - FIRST_DAILY
        rows = store.changed_since(since, issued)
    if not rows:
        raise BriefingError(
            f"no article in the store is new since {since:%Y-%m-%d %H:%M %Z}; "
            "run briefing fetch, or give --since",
            str(path),
        )
    items = tuple(
        batch.Item(
            row.url or f"article {row.article}",
            data=row.data,
            kind=_KINDS.get(row.media_type, "text"),
            metadata=_known(row),
        )
        for row in rows
    )
    return items, tuple(Ids(row.article, row.version) for row in rows)


def _known(row) -> tuple[tuple[str, str], ...]:
    known = {"site": row.outlet, "url": row.url, "category": row.topic}
    if row.published:
        known["date"] = row.published.isoformat()
    return tuple((k, v) for k, v in known.items() if v)


class Memory:
    """One daily's use of the store: ``know`` its articles, ``past`` for ``since.follow``,
    ``record`` what it showed."""

    def __init__(self, store, audience: str, day: date, issued: datetime) -> None:
        self.store, self.audience, self.day, self.issued = store, audience, day, issued
        self.known: list = []

    def know(
        self,
        sources: Sequence[str],
        briefings: Sequence[Briefing],
        docs: Sequence[Doc],
        ids: Sequence[Ids | None],
    ) -> None:
        from .agenda import outlet_of
        from .store import content_hash
        from .store.history import Reading, identify

        for source, briefing, doc, known in zip(sources, briefings, docs, ids, strict=True):
            meta = briefing.metadata
            reading = Reading(
                source,
                content_hash(doc.title, doc.text),
                doc.title,
                doc.text,
                meta.url,
                outlet_of(meta.site, meta.url, briefing.source),
                known and known.article,
                known and known.version,
            )
            self.known.append(identify(self.store, reading, self.issued))

    def past(self, fresh: bool, days: int):
        """What the dailies of the ``days`` days before showed (nothing when ``fresh``)."""
        from .since import Past
        from .store.history import article_texts, earlier, shown_versions

        if fresh or days <= 0:
            return Past()
        stories = earlier(self.store, self.audience, self.day, days)
        texts = article_texts(self.store, [a for s in stories for a in s.articles])
        articles = [k.article for k in self.known]
        shown = shown_versions(self.store, articles, self.day)
        changed = [a in shown and shown[a] != k.version for a, k in zip(articles, self.known)]
        docs = {a: Doc(title, text) for a, (title, text) in texts.items()}
        return Past(tuple(stories), docs, articles, changed)

    def record(self, day) -> None:
        """The day's stories and every sentence it showed, replacing that day's record."""
        from .store.history import ShownItem, StoryRecord, record_daily

        top = set(day.top)
        stories = [
            StoryRecord(s.thread, s.headline, s.status, s.first_seen or self.day, n in top)
            for n, s in enumerate(day.stories)
        ]
        items = []
        for n, story in enumerate(day.stories):
            shown = list(story.key_points)
            for p in story.parts:
                part = day.parts[p]
                shown += [*part.key_points, *(i for _, group in part.sections for i in group)]
            for item in shown:
                items.append(ShownItem(item.part, n, item.sentence.text, len(items)))
        record_daily(self.store, self.audience, self.day, self.issued, self.known, stories, items)
