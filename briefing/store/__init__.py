"""The article store: one SQLite file at ``$BRIEFING_HOME/briefing.db``.

    open_store(path)          a Store, closed when the ``with`` block ends
    default_store_path()      ``briefing_home() / "briefing.db"``
    briefing_home()           ``$BRIEFING_HOME``, else the platform's user data folder
    canonical_url(url)        one spelling per page (courlan; no fragment, no utm_*)
    content_hash(title, text) SHA-256 of what the reader found: title and sentences

``fetch`` stores what it fetched (``Store.put_article``), ``make`` and ``daily`` record
their file inputs (``Store.put_file``) and what each briefing showed (``history``).
SQLite in WAL mode with foreign keys on and a busy timeout: a reader never waits for a
writer, two writers take turns, and each article is one transaction, so a crash or a
``kill -9`` loses at most the article in flight. Why SQLite and not files: one file to
back up, atomic commits, full-text search (FTS5) and indexes in the standard library.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .db import Incoming, SourceState, Store, Stored

__all__ = [
    "Incoming",
    "SourceState",
    "Store",
    "Stored",
    "briefing_home",
    "canonical_url",
    "content_hash",
    "default_store_path",
    "open_store",
]

HOME_VARIABLE = "BRIEFING_HOME"


def briefing_home() -> Path:
    """Where briefing keeps its store: ``$BRIEFING_HOME`` when set (not empty), else the
    platform's user data folder (``~/.local/share/briefing`` on Linux)."""
    given = os.environ.get(HOME_VARIABLE, "").strip()
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("briefing", appauthor=False))


def default_store_path() -> Path:
    return briefing_home() / "briefing.db"


def canonical_url(url: str) -> str:
    """One spelling per page: see ``fetch.feeds.canonical``."""
    from ..fetch.feeds import canonical

    return canonical(url)


def content_hash(title: str, text: str) -> str:
    """What makes two readings the same article text: the title and the sentences the
    reader found (``text``), whitespace normalised; a page's changing furniture (ads,
    "updated 5 minutes ago", scripts) does not make a new version."""
    seen = " ".join(title.split()) + "\n" + " ".join(text.split())
    return hashlib.sha256(seen.encode("utf-8", "surrogatepass")).hexdigest()


@contextmanager
def open_store(path: str | Path) -> Iterator[Store]:
    """The store at ``path`` (created, with its folder, when missing; migrated to this
    version's schema), closed at the end of the ``with`` block."""
    store = Store.open(Path(path))
    try:
        yield store
    finally:
        store.close()
