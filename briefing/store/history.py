"""What the store remembers of briefings: the file inputs seen, and each daily's stories
and sentences, so the next daily can tell new from continuing (``briefing.since``).

    identify(store, reading)        the article a file input is (URL, else content hash)
    earlier(store, audience, day)   the stories of an audience's dailies of the days before
    record_daily(store, ...)        a daily's stories and sentences (that day's replaced)
    record_make(store, ...)         a single briefing's inputs and sentences
    previous_issue(store, ...)      when the audience's last daily before ``day`` was made
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .db import Incoming, Store, add_version, insert_article, stamp, unstamp


@dataclass(frozen=True)
class Reading:
    """An article as the reader found it, to be recognised in the store."""

    source: str  # the file it was read from, or the stored article's URL
    hash: str  # ``content_hash`` of its title and sentences
    title: str
    text: str
    url: str | None = None
    outlet: str | None = None
    article: int | None = None  # when it came from the store: its ids
    version: int | None = None


@dataclass(frozen=True)
class Known:
    """A day's article found in the store."""

    article: int
    version: int
    new_version: bool  # its content differs from every version the store had before


@dataclass(frozen=True)
class EarlierStory:
    """A story of an earlier daily: its thread and what it showed."""

    thread: int
    day: date
    first_seen: date
    headline: str
    top: bool
    articles: tuple[int, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class ShownItem:
    """A sentence a briefing showed: its article (index among the readings), story."""

    part: int
    story: int | None
    text: str
    position: int


@dataclass(frozen=True)
class StoryRecord:
    thread: int | None  # None: a new thread
    headline: str
    status: str
    first_seen: date
    top: bool


def identify(store: Store, reading: Reading, seen: datetime) -> Known:
    """The stored article ``reading`` is, found by its ids, its canonical URL or its
    content hash; added (with a version) when new or changed. A file input's bytes are
    not kept: the file is the user's; its text is, for search and for the next daily."""
    from . import canonical_url

    if reading.article is not None and reading.version is not None:
        return Known(reading.article, reading.version, False)
    url = canonical_url(reading.url) if reading.url else None
    with store.transaction() as db:
        return _identify(db, reading, seen, url)


def _identify(db, reading: Reading, seen: datetime, url: str | None) -> Known:
    row = None
    if url:
        row = db.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
    if row is None:
        row = db.execute(
            "SELECT article FROM versions WHERE hash = ? ORDER BY id LIMIT 1", (reading.hash,)
        ).fetchone()
    incoming = Incoming(
        url or "", "", "", reading.outlet or "", reading.title, None, seen, None,
        "text/plain", False, None, None, reading.text, reading.hash,
    )  # fmt: skip
    if row is None:
        article = insert_article(db, incoming, url)
    else:
        article = row[0]
        same = db.execute(
            "SELECT id FROM versions WHERE article = ? AND hash = ? ORDER BY id DESC LIMIT 1",
            (article, reading.hash),
        ).fetchone()
        if same:
            _input(db, reading, article, seen)
            return Known(article, same[0], False)
    version = add_version(db, article, reading.hash, seen, incoming, reading.text)
    _input(db, reading, article, seen)
    return Known(article, version, row is not None)


def _input(db, reading: Reading, article: int, seen: datetime) -> None:
    db.execute(
        "INSERT OR REPLACE INTO inputs (path, hash, article, seen) VALUES (?, ?, ?, ?)",
        (_storable(reading.source), reading.hash, article, stamp(seen)),
    )


def _storable(name: str) -> str:
    """A file name SQLite can keep as text: bytes that were not UTF-8 as ``\\xff``."""
    import os

    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def earlier(store: Store, audience: str, day: date, days: int) -> list[EarlierStory]:
    """The stories of ``audience``'s dailies of the ``days`` days before ``day``, newest
    day first; a thread shown on several days appears once per day."""
    first = (day - timedelta(days=days)).isoformat()
    rows = store.db.execute(
        "SELECT b.id, b.day, s.story, s.thread, s.first_seen, s.headline, s.top "
        "FROM briefings b JOIN briefing_stories s ON s.briefing = b.id "
        "WHERE b.kind = 'daily' AND b.audience = ? AND b.day >= ? AND b.day < ? "
        "ORDER BY b.day DESC, s.story",
        (audience, first, day.isoformat()),
    ).fetchall()
    stories = []
    for briefing, on, story, thread, first_seen, headline, top in rows:
        items = store.db.execute(
            "SELECT article, sentence FROM briefing_items WHERE briefing = ? AND story = ? "
            "ORDER BY position",
            (briefing, story),
        ).fetchall()
        stories.append(
            EarlierStory(
                thread,
                date.fromisoformat(on),
                date.fromisoformat(first_seen),
                headline,
                bool(top),
                tuple(dict.fromkeys(a for a, _ in items)),
                tuple(s for _, s in items),
            )
        )
    return stories


def article_texts(store: Store, articles: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(title, text) of each article's latest version, for the story clustering."""
    out = {}
    for article in dict.fromkeys(articles):
        row = store.db.execute(
            "SELECT a.title, v.text FROM articles a JOIN versions v ON v.article = a.id "
            "WHERE a.id = ? ORDER BY v.id DESC LIMIT 1",
            (article,),
        ).fetchone()
        if row:
            out[article] = (row[0], row[1])
    return out


def shown_versions(store: Store, articles: Sequence[int], before: date) -> dict[int, int]:
    """The latest version of each article an earlier daily (before ``before``) showed."""
    out = {}
    for article in dict.fromkeys(articles):
        row = store.db.execute(
            "SELECT max(i.version) FROM briefing_items i JOIN briefings b ON b.id = i.briefing "
            "WHERE i.article = ? AND b.kind = 'daily' AND b.day < ?",
            (article, before.isoformat()),
        ).fetchone()
        if row and row[0] is not None:
            out[article] = row[0]
    return out


def previous_issue(store: Store, audience: str, day: date) -> datetime | None:
    row = store.db.execute(
        "SELECT max(issued) FROM briefings WHERE kind = 'daily' AND audience = ? AND day < ?",
        (audience, day.isoformat()),
    ).fetchone()
    return unstamp(row[0]) if row else None


def record_daily(
    store: Store,
    audience: str,
    day: date,
    issued: datetime,
    known: Sequence[Known],
    stories: Sequence[StoryRecord],
    items: Sequence[ShownItem],
) -> None:
    """The day's daily for ``audience``: replaces a record of the same day, in one
    transaction; a story without a thread starts one."""
    with store.transaction() as db:
        db.execute(
            "DELETE FROM briefings WHERE kind = 'daily' AND audience = ? AND day = ?",
            (audience, day.isoformat()),
        )
        briefing = _briefing(db, "daily", audience, day, issued)
        next_thread = db.execute("SELECT coalesce(max(thread), 0) FROM briefing_stories")
        fresh = next_thread.fetchone()[0]
        for n, story in enumerate(stories):
            if story.thread is None:
                fresh += 1
            db.execute(
                "INSERT INTO briefing_stories VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    briefing,
                    n,
                    fresh if story.thread is None else story.thread,
                    story.headline,
                    story.status,
                    story.first_seen.isoformat(),
                    int(story.top),
                ),
            )
        _items(db, briefing, known, items)


def record_makes(
    store: Store, audience: str, issued: datetime, made: Sequence[tuple[Reading, Sequence[str]]]
) -> None:
    """A make run's briefings, one per article (its reading and the sentences it showed),
    in one transaction."""
    from . import canonical_url

    with store.transaction() as db:
        for reading, shown in made:
            url = canonical_url(reading.url) if reading.url else None
            known = _identify(db, reading, issued, url)
            briefing = _briefing(db, "make", audience, None, issued)
            items = [ShownItem(0, None, text, n) for n, text in enumerate(shown)]
            _items(db, briefing, [known], items)


def _briefing(db, kind: str, audience: str, day: date | None, issued: datetime) -> int:
    return db.execute(
        "INSERT INTO briefings (kind, audience, day, issued, made) VALUES (?, ?, ?, ?, ?)",
        (kind, audience, day and day.isoformat(), stamp(issued), stamp(datetime.now(UTC))),
    ).lastrowid


def _items(db, briefing: int, known: Sequence[Known], items: Sequence[ShownItem]) -> None:
    db.executemany(
        "INSERT INTO briefing_items VALUES (?, ?, ?, ?, ?, ?)",
        [
            (briefing, known[i.part].article, known[i.part].version, i.story, i.text, i.position)
            for i in items
        ],
    )
