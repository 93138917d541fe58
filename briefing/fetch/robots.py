"""robots.txt, as RFC 9309 reads it, through protego; its cache is the caller's.

``Robots`` answers whether a URL may be fetched and the origin's ``Crawl-delay`` for our
agent. A robots.txt is fetched once per origin and kept through ``load``/``save`` (the
store) for ``max_age`` seconds. A 4xx (no robots.txt) allows everything; a 5xx or an
unreachable server disallows everything until the next try, as the RFC asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB are parsed; the rest is ignored
MAX_AGE = 24 * 3600.0
RETRY_AGE = 3600.0  # a robots.txt that could not be fetched is tried again after this


@dataclass(frozen=True)
class RobotsFile:
    """One origin's robots.txt as fetched: HTTP status (0: unreachable), text, when."""

    status: int
    body: str
    fetched_at: float  # seconds since the epoch


Load = Callable[[str], RobotsFile | None]
Save = Callable[[str, RobotsFile], None]
Download = Callable[[str], tuple[int, bytes]]  # robots.txt URL -> (status, body)


class Robots:
    """Per-origin rules for ``agent``, parsed once per run, kept by ``load``/``save``."""

    def __init__(
        self,
        agent: str,
        download: Download,
        load: Load = lambda origin: None,
        save: Save = lambda origin, file: None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.agent = agent
        self._download, self._load, self._save, self._clock = download, load, save, clock
        self._parsed: dict[str, object] = {}

    def allowed(self, origin: str, url: str) -> bool:
        rules = self._rules(origin)
        if rules in (True, False):
            return rules
        return rules.can_fetch(url, self.agent)

    def crawl_delay(self, origin: str) -> float | None:
        rules = self._rules(origin)
        if rules in (True, False):
            return None
        delay = rules.crawl_delay(self.agent)
        return float(delay) if delay is not None else None

    def _rules(self, origin: str):
        """True (all allowed), False (all disallowed) or protego's parsed rules."""
        if origin not in self._parsed:
            self._parsed[origin] = _parse(self._file(origin))
        return self._parsed[origin]

    def _file(self, origin: str) -> RobotsFile:
        kept = self._load(origin)
        now = self._clock()
        if kept is not None:
            age = MAX_AGE if 200 <= kept.status < 500 and kept.status != 429 else RETRY_AGE
            if 0 <= now - kept.fetched_at < age:
                return kept
        status, body = self._download(f"{origin}/robots.txt")
        fresh = RobotsFile(status, body[:MAX_BYTES].decode("utf-8", "replace"), now)
        self._save(origin, fresh)
        return fresh


def _parse(file: RobotsFile):
    if 200 <= file.status < 300:
        from protego import Protego

        return Protego.parse(file.body)
    # no robots.txt (4xx) allows everything; a 5xx, a 429 or no answer allows nothing,
    # until it is tried again
    return 400 <= file.status < 500 and file.status != 429


class Pacer:
    """At most one request per ``delay`` seconds to a host: its Crawl-delay or a default,
    capped at ``max_delay`` so no robots.txt can stall a run."""

    def __init__(
        self,
        default: float,
        max_delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.default, self.max_delay = default, max_delay
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str, delay: float | None = None, deadline: float | None = None) -> bool:
        """Sleep until ``host`` may be asked again and count the request; False, without
        sleeping, when that would pass ``deadline``."""
        gap = min(self.default if delay is None else max(delay, 0.0), self.max_delay)
        last = self._last.get(host)
        now = self._clock()
        ready = now if last is None else max(now, last + gap)
        if deadline is not None and ready > deadline:
            return False
        if ready > now:
            self._sleep(ready - now)
        self._last[host] = self._clock()
        return True

    def done(self, host: str) -> None:
        """A request to ``host`` has ended: the next waits from now (a request that took
        long, retries included, does not shorten the gap)."""
        self._last[host] = self._clock()
