"""The store's tables, and the migrations that bring an older file up to them.

``PRAGMA user_version`` holds the schema version; ``migrate`` runs every step above it,
each in one transaction, so a file is always at one version or the next. A file made by
a newer briefing (a version above ``VERSION``) is refused rather than guessed at.

    sources           a feed's or page's fetch state: validators, last status, failures
    robots            each origin's robots.txt as last fetched
    articles          one row per article: canonical URL, feed guid, outlet, dates
    versions          each content of an article (a changed article is a new version;
                      its bytes zlib-compressed)
    article_search    FTS5 over the latest version's title and text
    inputs            file inputs of make and daily, by name and content hash
    briefings         each briefing made (a daily once per audience and day)
    briefing_stories  a daily's stories: its thread (a story across days), status
    briefing_items    every sentence a briefing showed, with its article and version
"""

from __future__ import annotations

import sqlite3

from ..errors import BriefingError

_V1 = """
CREATE TABLE sources (
    url TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL,
    status TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE robots (
    origin TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    fetched_at REAL NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT UNIQUE,
    guid TEXT,
    source_url TEXT,
    outlet TEXT,
    title TEXT NOT NULL DEFAULT '',
    topic TEXT,
    tier INTEGER,
    published TEXT,
    first_seen TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_guid ON articles (source_url, guid) WHERE guid IS NOT NULL;
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    seen TEXT NOT NULL,
    media_type TEXT NOT NULL,
    from_summary INTEGER NOT NULL DEFAULT 0,
    data BLOB,
    text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX versions_article ON versions (article, id);
CREATE INDEX versions_hash ON versions (hash);
CREATE INDEX versions_seen ON versions (seen);
CREATE VIRTUAL TABLE article_search USING fts5 (
    title, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE inputs (
    path TEXT NOT NULL,
    hash TEXT NOT NULL,
    article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seen TEXT NOT NULL,
    PRIMARY KEY (path, hash)
);
CREATE TABLE briefings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('make', 'daily')),
    audience TEXT NOT NULL,
    day TEXT,
    issued TEXT NOT NULL,
    made TEXT NOT NULL
);
CREATE UNIQUE INDEX briefings_daily ON briefings (audience, day) WHERE kind = 'daily';
CREATE TABLE briefing_stories (
    briefing INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    story INTEGER NOT NULL,
    thread INTEGER NOT NULL,
    headline TEXT NOT NULL,
    status TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    top INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (briefing, story)
);
CREATE INDEX briefing_stories_thread ON briefing_stories (thread);
CREATE TABLE briefing_items (
    briefing INTEGER NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
    article INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version INTEGER REFERENCES versions (id) ON DELETE SET NULL,
    story INTEGER,
    sentence TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX briefing_items_briefing ON briefing_items (briefing);
CREATE INDEX briefing_items_article ON briefing_items (article);
"""

MIGRATIONS = (_V1,)  # MIGRATIONS[n] takes a file from version n to n + 1
VERSION = len(MIGRATIONS)


def migrate(connection: sqlite3.Connection, source: str) -> None:
    """Bring the file up to ``VERSION``, one step per transaction."""
    found = connection.execute("PRAGMA user_version").fetchone()[0]
    if found > VERSION:
        raise BriefingError(
            f"the store is of a newer briefing (schema {found}, this one knows {VERSION})", source
        )
    for step in range(found, VERSION):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[step]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {step + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """The script's statements one by one: ``executescript`` would commit on its own."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        if sqlite3.complete_statement("\n".join(current)):
            out.append("\n".join(current))
            current = []
    return out
