"""One fetch: every source's feed, its items' pages, into the store; one report per source.

For a feed: robots.txt asked, the host paced, a conditional GET with the validators the
store kept (an unchanged feed costs one 304), the items filtered, each item's page fetched
and read (trafilatura, through ``briefing.read``) and stored; a page that fails gives the
feed's summary instead, marked as such. The validators are saved only once every item is
stored, so a fetch that is stopped half-way (``kill -9`` included: the store commits per
article) is done again next time. One bad source stops nothing; the run stops taking new
requests at its ``budget``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ..errors import BriefingError
from ..model import Source
from .client import Client, Limits, Validators
from .feeds import FeedItem, canonical, parse_feed, wanted
from .robots import Pacer, Robots, RobotsFile
from .vet import target

Progress = Callable[[str, int, int], None]  # (source name, items done, items in all)
_READ_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_READ_KINDS["text/markdown"] = "markdown"


@dataclass(frozen=True)
class SourceReport:
    """What one source gave: counts of articles by outcome, and why anything failed."""

    name: str
    url: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    from_summary: int = 0  # stored from the feed's summary: the page failed
    failed: int = 0  # items not stored
    not_modified: bool = False  # the feed answered 304
    error: str | None = None  # the source itself failed (its feed or page)
    causes: tuple[tuple[str, str], ...] = ()  # item failures: (url, cause)

    @property
    def ok(self) -> bool:
        return self.error is None and self.failed == 0

    def line(self) -> str:
        """ "Reuters World: 12 new, 3 updated, 1 failed: timeout" """
        if self.error:
            return f"{self.name}: failed: {self.error}"
        if self.not_modified:
            return f"{self.name}: not modified"
        parts = [f"{self.new} new", f"{self.updated} updated"]
        parts += [f"{self.unchanged} unchanged"] if self.unchanged else []
        parts += [f"{self.from_summary} from the feed's summary"] if self.from_summary else []
        if self.failed:
            first = self.causes[0][1].split("; ", 1)[0]
            more = len({cause for _, cause in self.causes}) > 1
            parts.append(f"{self.failed} failed: {first}" + (" and other causes" if more else ""))
        return f"{self.name}: {', '.join(parts)}"


@dataclass(frozen=True)
class FetchReport:
    sources: tuple[SourceReport, ...]
    requests: int
    received: int  # bytes of bodies, as sent (compressed)
    seconds: float

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.sources)


@dataclass
class _Run:
    """What every request of one fetch shares."""

    store: object
    client: Client
    robots: Robots
    pacer: Pacer
    deadline: float
    max_items: int
    progress: Progress | None

    def get(self, url: str, source: Source, validators: Validators = Validators()):
        """GET ``url`` for ``source``: robots.txt asked, the host paced, the budget kept."""
        hop = target(url)
        if not self.robots.allowed(hop.origin, url):
            raise BriefingError("disallowed by robots.txt", url)
        if not self.pacer.wait(hop.origin, self.robots.crawl_delay(hop.origin), self.deadline):
            raise BriefingError("out of time (the fetch budget)", url)
        try:
            return self.client.get(
                url,
                private=_private(source),
                validators=validators,
                headers=source.headers,
                deadline=self.deadline,
            )
        finally:
            self.pacer.done(hop.origin)


def fetch_sources(
    sources: tuple[Source, ...],
    fetching,
    store,
    *,
    progress: Progress | None = None,
    reported: Callable[[SourceReport], None] | None = None,
) -> FetchReport:
    """Fetch every source into ``store`` (see ``briefing.store``); ``fetching`` is the
    Settings' ``Fetching``; ``reported`` is called as each source is done. The caller
    holds the store's fetch lock."""
    started = time.monotonic()
    limits = Limits(
        connect=fetching.connect_timeout,
        read=fetching.read_timeout,
        total=fetching.timeout,
        max_bytes=fetching.max_bytes,
        retries=fetching.retries,
        max_wait=fetching.max_delay,
    )
    with Client(fetching.user_agent, limits, proxy=fetching.proxy) as client:
        pacer = Pacer(fetching.delay, fetching.max_delay)
        end = started + fetching.budget
        run = _Run(store, client, None, pacer, end, fetching.max_items, progress)
        run.robots = _robots(run, fetching.user_agent, sources)
        reports = []
        for source in sources:
            reports.append(_source(run, source))
            if reported:
                reported(reports[-1])
        stats = client.stats
    return FetchReport(tuple(reports), stats.requests, stats.received, time.monotonic() - started)


def _robots(run: _Run, agent: str, sources: tuple[Source, ...]) -> Robots:
    by_origin = {target(s.url).origin: s for s in sources}

    def download(url: str) -> tuple[int, bytes]:
        hop = target(url)
        source = by_origin.get(hop.origin) or Source("page", url, hop.origin)
        run.pacer.wait(hop.origin, None, run.deadline)
        try:
            got = run.client.get(url, private=_private(source), deadline=run.deadline)
            return 200, got.body
        except BriefingError as exc:
            return getattr(exc, "status", None) or 0, b""
        finally:
            run.pacer.done(hop.origin)

    def load(origin: str) -> RobotsFile | None:
        kept = run.store.robots(origin)
        return RobotsFile(*kept) if kept else None

    def save(origin: str, file: RobotsFile) -> None:
        run.store.save_robots(origin, file.status, file.body, file.fetched_at)

    return Robots(agent.split("/", 1)[0], download, load, save)


def _private(source: Source) -> frozenset[str]:
    return frozenset({target(source.url).origin}) if source.allow_private else frozenset()


def _source(run: _Run, source: Source) -> SourceReport:
    """One source fetched and stored; its state (validators, failures) saved after."""
    from ..store import SourceState

    before = run.store.source(source.url)
    validators = Validators(before.etag, before.last_modified) if before else Validators()
    report, kept = SourceReport(source.name, source.url), Validators()
    try:
        answer = run.get(source.url, source, validators)
        if answer.status == 304:
            report, kept = replace(report, not_modified=True), validators
        elif source.kind == "page":
            report = _page(run, source, answer)
        else:
            report = _feed(run, source, answer, report)
        if answer.status != 304 and report.ok:
            kept = answer.validators  # only once everything it gave is stored
        elif answer.status != 304:
            kept = validators
    except BriefingError as exc:
        report, kept = replace(report, error=exc.cause), validators
    failures = 0 if report.ok else (before.failures if before else 0) + 1
    status = "ok" if report.ok else (report.error or report.causes[0][1])
    run.store.save_source(
        SourceState(
            source.url, source.name, kept.etag, kept.last_modified, _now(), status, failures
        )
    )
    return report


def _feed(run: _Run, source: Source, answer, report: SourceReport) -> SourceReport:
    feed = parse_feed(answer.body, answer.url, answer.media_type)
    items = _newest([i for i in feed.items if wanted(i, source.include, source.exclude)])
    items = items[: run.max_items]
    counts = {"new": 0, "updated": 0, "unchanged": 0, "from_summary": 0, "failed": 0}
    causes: list[tuple[str, str]] = []
    for done, item in enumerate(items):
        if run.progress:
            run.progress(source.name, done, len(items))
        try:
            outcome, from_summary = _item(run, source, item)
            counts[outcome] += 1
            counts["from_summary"] += from_summary
        except BriefingError as exc:
            counts["failed"] += 1
            causes.append((item.url, exc.cause))
    if run.progress:
        run.progress(source.name, len(items), len(items))
    return replace(report, causes=tuple(causes), **counts)


def _newest(items: list[FeedItem]) -> list[FeedItem]:
    """Newest first; items without a date keep the feed's order, after the dated ones."""
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda item: item.published or oldest, reverse=True)


def _item(run: _Run, source: Source, item: FeedItem) -> tuple[str, bool]:
    """(the store's outcome, whether the feed's summary stood in for the page)."""
    page_error = None
    if source.full_text:
        try:
            answer = run.get(item.url, source)
            article = _readable(answer.body, item.url, answer.media_type)
            return _put(run, source, item, answer, article, False), False
        except BriefingError as exc:
            page_error = exc
    text = f"{item.title}\n\n{item.summary}\n".encode()
    if not item.summary:
        raise page_error or BriefingError("no summary in the feed", item.url)
    try:
        article = _readable(text, item.url, "text/plain")
    except BriefingError:
        raise (page_error or BriefingError("the summary has no sentence", item.url)) from None
    return _put(run, source, item, _Body(text, "text/plain"), article, True), True


def _page(run: _Run, source: Source, answer) -> SourceReport:
    """A [[pages]] source: the page itself is the article."""
    article = _readable(answer.body, answer.url, answer.media_type)
    url = canonical(source.url)
    item = FeedItem(url, url, article.title, None, "")
    outcome = _put(run, source, item, answer, article, False)
    return SourceReport(source.name, source.url, **{outcome: 1})


def _readable(data: bytes, url: str, media_type: str):
    """The article the reader finds in ``data``, or its BriefingError: what daily will read."""
    from ..read import read_bytes

    kind = _READ_KINDS.get(media_type)
    if kind is None and media_type and not media_type.startswith("text/"):
        raise BriefingError(f"not a page but {media_type}", url)
    return read_bytes(data, url, kind)


@dataclass(frozen=True)
class _Body:
    body: bytes
    media_type: str


def _put(run: _Run, source: Source, item: FeedItem, answer, article, summary: bool) -> str:
    """Store one article: its bytes, and what the reader found in them (for search, and
    the content hash that tells a changed article from the same one fetched again)."""
    from ..store import Incoming, content_hash

    text = " ".join(s.text for s in article.sentences())

    return run.store.put_article(
        Incoming(
            url=item.url,
            guid=item.guid,
            source_url=source.url,
            outlet=source.name,
            title=item.title,
            published=item.published,
            fetched=_now(),
            data=answer.body,
            media_type=answer.media_type or "application/octet-stream",
            from_summary=summary,
            topic=source.topic,
            tier=source.tier,
            text=text,
            hash=content_hash(article.title, text),
        )
    )


def _now() -> datetime:
    return datetime.now(UTC)
