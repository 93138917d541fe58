"""A stand-in for briefing.store (the store's documented interface, in memory), used by
the fetch tests only until the real store is on the branch; then they use the real one."""

from __future__ import annotations

import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SourceState:
    url: str
    name: str
    etag: str | None
    last_modified: str | None
    checked_at: datetime
    status: str
    failures: int


@dataclass(frozen=True)
class Incoming:
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


class MemoryStore:
    def __init__(self) -> None:
        self.sources: dict[str, SourceState] = {}
        self.articles: dict[str, Incoming] = {}
        self.robots_files: dict[str, tuple] = {}

    def source(self, url: str) -> SourceState | None:
        return self.sources.get(url)

    def save_source(self, state: SourceState) -> None:
        self.sources[state.url] = state

    def robots(self, origin: str):
        return self.robots_files.get(origin)

    def save_robots(self, origin, status, body, fetched_at) -> None:
        self.robots_files[origin] = (status, body, fetched_at)

    def put_article(self, incoming: Incoming) -> str:
        before = self.articles.get(incoming.url)
        self.articles[incoming.url] = incoming
        if before is None:
            return "new"
        return "unchanged" if before.data == incoming.data else "updated"

    @contextmanager
    def fetch_lock(self):
        yield


def installed() -> types.ModuleType:
    """briefing.store: the real one if there is one, else this stand-in."""
    try:
        import briefing.store as real

        return real
    except ImportError:
        module = types.ModuleType("briefing.store")
        module.SourceState, module.Incoming = SourceState, Incoming
        sys.modules["briefing.store"] = module
        return module
