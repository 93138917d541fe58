"""The Store: one SQLite connection, the fetch state, and the articles with their versions."""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import BriefingError
from .schema import migrate

_BUSY_MS = 30_000  # a second writer waits this long for the first


@dataclass(frozen=True)
class SourceState:
    """A feed's or page's fetch state: the validators of its last good answer."""

    url: str
    name: str
    etag: str | None
    last_modified: str | None
    checked_at: datetime
    status: str  # "ok", "not modified", or the cause of the last failure
    failures: int  # failures in a row


@dataclass(frozen=True)
class Incoming:
    """An article as fetch hands it to the store."""

    url: str
    guid: str
    source_url: str
    outlet: str
    title: str
    published: datetime | None
    fetched: datetime
    data: bytes
    media_type: str
    from_summary: bool
    topic: str | None
    tier: int | None
    text: str = ""  # what the reader found (title and sentences), for search
    hash: str = ""  # ``content_hash`` of the reading; default: SHA-256 of ``data``


@dataclass(frozen=True)
class Stored:
    """The latest version of a stored article, as ``daily`` briefs it."""

    article: int
    version: int
    url: str | None
    outlet: str | None
    title: str
    topic: str | None
    published: datetime | None
    first_seen: datetime
    data: bytes
    media_type: str
    from_summary: bool
    versions: int  # how many versions the store holds


def stamp(moment: datetime) -> str:
    """A time as the store keeps it: ISO 8601 in UTC, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def unstamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Store:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Store:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            connection = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_MS / 1000)
        except (OSError, sqlite3.Error) as exc:
            raise BriefingError(f"cannot open the store: {exc}", str(path)) from None
        try:
            connection.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")  # WAL: a kill loses nothing
            connection.execute("PRAGMA foreign_keys = ON")
            migrate(connection, str(path))
        except sqlite3.Error as exc:
            connection.close()
            raise BriefingError(f"not a briefing store: {exc}", str(path)) from None
        except BaseException:
            connection.close()
            raise
        return cls(connection, path)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE), committed or undone."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise BriefingError(f"the store cannot be written: {exc}", str(self.path)) from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise BriefingError(f"the store: {exc}", str(self.path)) from None
            raise

    @contextmanager
    def fetch_lock(self) -> Iterator[None]:
        """Held by one fetch at a time; a second one is told which process holds it."""
        lock = self.path.with_name(self.path.name + ".lock")
        handle = open(lock, "a+")  # noqa: SIM115 - held for the whole block
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                pid = handle.read().strip() or "?"
                raise BriefingError(f"another fetch is running (pid {pid})", str(lock)) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield
        finally:
            handle.close()  # closing releases the lock

    # fetch state ------------------------------------------------------------------------

    def source(self, url: str) -> SourceState | None:
        row = self.db.execute(
            "SELECT url, name, etag, last_modified, checked_at, status, failures "
            "FROM sources WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        return SourceState(*row[:4], unstamp(row[4]), row[5], row[6])

    def save_source(self, state: SourceState) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    state.url,
                    state.name,
                    state.etag,
                    state.last_modified,
                    stamp(state.checked_at),
                    state.status,
                    state.failures,
                ),
            )

    def robots(self, origin: str) -> tuple[int, str, float] | None:
        """(HTTP status, text, when fetched: seconds since the epoch) of ``origin``'s
        robots.txt as last fetched."""
        row = self.db.execute(
            "SELECT status, body, fetched_at FROM robots WHERE origin = ?", (origin,)
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def save_robots(self, origin: str, status: int, body: str, fetched_at: float) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)",
                (origin, status, body, float(fetched_at)),
            )

    # articles ---------------------------------------------------------------------------

    def put_article(self, incoming: Incoming) -> str:
        """Store a fetched article: "new", "updated" (a new version: its content changed)
        or "unchanged". The same canonical URL, or the same guid from the same source, is
        the same article."""
        from . import canonical_url

        url = canonical_url(incoming.url)
        digest = incoming.hash or hashlib.sha256(incoming.data).hexdigest()
        with self.transaction() as db:
            row = db.execute(
                "SELECT id FROM articles WHERE url = ? OR (source_url = ? AND guid = ?)",
                (url, incoming.source_url, incoming.guid or None),
            ).fetchone()
            if row is None:
                article = insert_article(db, incoming, url)
                outcome = "new"
            else:
                article = row[0]
                if _latest_hash(db, article) == digest:
                    return "unchanged"
                outcome = "updated"
                db.execute(
                    "UPDATE articles SET title = ?, published = coalesce(?, published) "
                    "WHERE id = ?",
                    (incoming.title, _maybe(incoming.published), article),
                )
            add_version(db, article, digest, incoming.fetched, incoming, incoming.text)
        return outcome

    def changed_since(self, since: datetime, until: datetime | None = None) -> list[Stored]:
        """Every article with a version first seen after ``since`` (and not after
        ``until``), at its latest such version, oldest first."""
        until_text = stamp(until) if until else "9999"
        rows = self.db.execute(
            "SELECT a.id, v.id, a.url, a.outlet, a.title, a.topic, a.published, a.first_seen, "
            "v.data, v.media_type, v.from_summary, "
            "(SELECT count(*) FROM versions WHERE article = a.id) "
            "FROM articles a JOIN versions v ON v.article = a.id "
            "WHERE v.id = (SELECT max(id) FROM versions WHERE article = a.id "
            "AND seen > ? AND seen <= ?) AND v.data IS NOT NULL "
            "ORDER BY a.first_seen, a.id",
            (stamp(since), until_text),
        ).fetchall()
        return [
            Stored(r[0], r[1], r[2], r[3], r[4], r[5], unstamp(r[6]), unstamp(r[7]), _unpacked(r[8]),
                   r[9], bool(r[10]), r[11])
            for r in rows
        ]  # fmt: skip

    def search(self, query: str, limit: int = 20) -> list[tuple]:
        """(published or first seen, outlet, title, url) of the articles whose latest text
        has every word of ``query`` (any case, accents ignored), best match first."""
        words = [w for w in query.split() if w.strip('"')]
        if not words:
            raise BriefingError("search: give at least one word")
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return self.db.execute(
            "SELECT coalesce(a.published, a.first_seen), a.outlet, a.title, a.url "
            "FROM article_search s JOIN articles a ON a.id = s.rowid "
            "WHERE article_search MATCH ? ORDER BY s.rank LIMIT ?",
            (match, limit),
        ).fetchall()


def _unpacked(data: bytes) -> bytes:
    """A version's bytes as fetched (kept zlib-compressed: pages are mostly markup)."""
    return zlib.decompress(data)


def _maybe(moment: datetime | None) -> str | None:
    return stamp(moment) if moment else None


def _latest_hash(db: sqlite3.Connection, article: int) -> str | None:
    row = db.execute(
        "SELECT hash FROM versions WHERE article = ? ORDER BY id DESC LIMIT 1", (article,)
    ).fetchone()
    return row and row[0]


def insert_article(db: sqlite3.Connection, incoming: Incoming, url: str | None) -> int:
    return db.execute(
        "INSERT INTO articles (url, guid, source_url, outlet, title, topic, tier, published, "
        "first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            url,
            incoming.guid or None,
            incoming.source_url or None,
            incoming.outlet or None,
            incoming.title or "",
            incoming.topic,
            incoming.tier,
            _maybe(incoming.published),
            stamp(incoming.fetched),
        ),
    ).lastrowid


def add_version(db, article: int, digest: str, seen: datetime, incoming, text: str) -> int:
    """A new version of ``article``; the search index follows the latest."""
    version = db.execute(
        "INSERT INTO versions (article, hash, seen, media_type, from_summary, data, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            article,
            digest,
            stamp(seen),
            incoming.media_type,
            int(incoming.from_summary),
            None if incoming.data is None else zlib.compress(incoming.data, 6),
            text,
        ),
    ).lastrowid
    db.execute("DELETE FROM article_search WHERE rowid = ?", (article,))
    db.execute(
        "INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)",
        (article, incoming.title or "", text),
    )
    return version
