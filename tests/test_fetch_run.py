"""A whole fetch against a real server on 127.0.0.1: feeds of every kind, real saved pages,
304s, a 429, a page that never answers, an oversized page, robots.txt, refused redirects;
and the second fetch of unchanged feeds, which costs one conditional request per feed."""

from __future__ import annotations

import gzip
import itertools
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.settings import load_settings

from .loopback import Route, Server, atom, loopback_only, rss

PAGES = Path(__file__).parent / "pages"
ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n"
STAMP = "Sun, 08 Dec 2024 09:00:00 GMT"


def page(name: str) -> bytes:
    return gzip.decompress((PAGES / f"{name}.html.gz").read_bytes())


def item(path: str, title: str, summary: str = "") -> dict:
    return {"link": path, "title": title, "summary": summary}


def scripted(server: Server, other: Server) -> None:
    """The desk's day: four feeds (one broken), their pages, and every awkward answer."""
    routes = server.routes
    routes["/robots.txt"] = Route(ROBOTS, content_type="text/plain")
    world = [
        item("/news/bbc", "Taylor Swift allowed to play her music"),
        item("/news/slashgear", "Audi e-tron Sportback revealed"),
        item("/private/secret", "Disallowed by robots.txt"),  # no summary to stand in
        item("/news/hang", "A page that never answers", "The summary stands in for it."),
        item("/news/huge", "An oversized page", "Its summary is stored instead."),
    ]
    routes["/world.rss"] = Route(
        rss("World", world), content_type="application/rss+xml", etag='"w1"', gzip=True
    )
    science = [
        item("/news/thesun", "Hunter diagnosed with bubonic plague"),
        item("/go/metadata", "Redirected to the metadata address"),
        item("/go/file", "Redirected to a file"),
        item("/go/other", "Redirected to another port"),
    ]
    routes["/science.atom"] = Route(
        atom("Science", science),
        content_type="application/atom+xml",
        last_modified=STAMP,
        throttle=1,
    )
    routes["/broken.rss"] = Route(b"<html><body>no feed here</body></html>")
    routes["/news/bbc"] = Route(page("bbc"), etag='"bbc"')
    routes["/news/slashgear"] = Route(page("slashgear"), gzip=True)
    routes["/news/thesun"] = Route(page("thesun"))
    routes["/news/hang"] = Route(hang=True)
    routes["/news/huge"] = Route(endless=True)
    routes["/go/metadata"] = Route(location="http://169.254.169.254/latest/meta-data/")
    routes["/go/file"] = Route(location="file:///etc/passwd")
    routes["/go/other"] = Route(location=other.url("/admin"))
    other.routes["/admin"] = Route(b"<p>internal</p>")


def config(tmp_path: Path, server: Server, **fetch) -> Path:
    settings = {"delay": 0, "timeout": 3, "read_timeout": 1, "retries": 1, "max_delay": 2}
    settings |= fetch
    lines = ["[fetch]", 'contact = "desk@example.org"']
    lines += [f"{k} = {v}" for k, v in settings.items()]
    for path, name in (
        ("/world.rss", "World"),
        ("/science.atom", "Science"),
        ("/broken.rss", "Broken"),
    ):
        lines += [
            "[[feeds]]",
            f'url = "{server.url(path)}"',
            f'name = "{name}"',
            "allow_private = true",
        ]
    file = tmp_path / "briefing.toml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file


@pytest.fixture
def servers():
    with loopback_only(), Server() as server, Server() as other:
        scripted(server, other)
        yield server, other


def fetch(settings, store):
    from briefing.fetch.run import fetch_sources

    return fetch_sources(settings.sources, settings.fetching, store)


@pytest.fixture
def store(tmp_path):
    from briefing.store import open_store

    with open_store(tmp_path / "store.db") as real:
        yield real


def test_a_fetch_stores_what_it_can_and_reports_each_source(tmp_path, servers, store):
    server, other = servers
    settings = load_settings(config=config(tmp_path, server))
    started = time.monotonic()
    report = fetch(settings, store)
    assert time.monotonic() - started < 30
    world, science, broken = report.sources
    assert (
        world.line()
        == "World: 4 new, 0 updated, 2 from the feed's summary, 1 failed: disallowed by robots.txt"
    )
    assert science.line() == (
        "Science: 1 new, 0 updated, 3 failed: refused: 169.254.169.254, link-local and other causes"
    )
    assert broken.line().startswith("Broken: failed: not an RSS or Atom feed")
    assert not report.ok
    assert server.hits("/private/secret") == [] and other.requests == []
    assert len(server.hits("/robots.txt")) == 1
    assert len(server.hits("/science.atom")) == 2  # the 429, then the feed
    everything = store.changed_since(datetime(1970, 1, 1, tzinfo=UTC))
    stored = {a.url.rsplit("/", 1)[-1]: a for a in everything}
    assert sorted(stored) == ["bbc", "hang", "huge", "slashgear", "thesun"]
    assert stored["hang"].from_summary and stored["huge"].from_summary
    assert stored["hang"].data == b"A page that never answers\n\nThe summary stands in for it.\n"
    assert not stored["bbc"].from_summary and stored["bbc"].data == page("bbc")
    assert stored["slashgear"].data == page("slashgear")  # gzip decoded
    assert (stored["bbc"].outlet, stored["thesun"].outlet) == ("World", "Science")


def test_causes_name_each_refusal(tmp_path, servers, store):
    server, _ = servers
    report = fetch(load_settings(config=config(tmp_path, server)), store)
    causes = " | ".join(cause for _, cause in report.sources[1].causes)
    assert "169.254.169.254, link-local" in causes
    assert "file scheme: only http and https" in causes
    assert "127.0.0.1, loopback" in causes


def test_requests_to_the_host_keep_its_crawl_delay(tmp_path, servers, store):
    server, _ = servers
    fetch(load_settings(config=config(tmp_path, server)), store)
    times = sorted(r.at for r in server.requests)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # every request, robots.txt's and the retry after the 429 too, waits 0.2 s after the
    # one before it began (refused redirects send nothing)
    assert len(gaps) >= 10
    assert min(gaps) >= 0.18


def test_a_feed_whose_items_failed_is_asked_in_full_next_time(tmp_path, servers, store):
    server, _ = servers
    settings = load_settings(config=config(tmp_path, server))
    fetch(settings, store)  # World and Science had items that failed
    server.requests.clear()
    fetch(settings, store)
    assert "if-none-match" not in server.hits("/world.rss")[0].headers
    assert "if-modified-since" not in server.hits("/science.atom")[0].headers
    assert server.hits("/robots.txt") == []  # kept in the store
    assert store.source(server.url("/world.rss")).failures == 2


def test_a_fetch_with_everything_stored_asks_only_the_feeds_next_time(tmp_path, store):
    with loopback_only(), Server() as server:
        server.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n")
        entries = [item(f"/p{n}", f"Story {n}") for n in range(3)]
        server.routes["/a.rss"] = Route(rss("A", entries), etag='"a1"')
        server.routes["/b.atom"] = Route(atom("B", entries[:1]), last_modified=STAMP)
        for n in range(3):
            server.routes[f"/p{n}"] = Route(page("bbc"))
        lines = ["[fetch]", "delay = 0"]
        for path in ("/a.rss", "/b.atom"):
            lines += [
                "[[feeds]]",
                f'url = "{server.url(path)}"',
                'name = "X"',
                "allow_private = true",
            ]
        (tmp_path / "briefing.toml").write_text("\n".join(lines) + "\n")
        settings = load_settings(config=tmp_path / "briefing.toml")
        assert fetch(settings, store).ok
        server.requests.clear()
        again = fetch(settings, store)
        assert sorted(r.path for r in server.requests) == ["/a.rss", "/b.atom"]
        assert [s.line() for s in again.sources] == ["X: not modified", "X: not modified"]
        assert server.hits("/a.rss")[0].headers["if-none-match"] == '"a1"'
        assert server.hits("/b.atom")[0].headers["if-modified-since"] == STAMP


def test_a_feed_that_never_answers_ends_within_the_budget(tmp_path, store):
    with loopback_only(), Server() as server:
        server.routes["/robots.txt"] = Route(b"")
        server.routes["/slow.rss"] = Route(hang=True)
        lines = ["[fetch]", "delay = 0", "read_timeout = 5", "timeout = 60", "budget = 1.5"]
        lines += [
            "[[feeds]]",
            f'url = "{server.url("/slow.rss")}"',
            'name = "Slow"',
            "allow_private = true",
        ]
        (tmp_path / "briefing.toml").write_text("\n".join(lines) + "\n")
        started = time.monotonic()
        report = fetch(load_settings(config=tmp_path / "briefing.toml"), store)
        assert time.monotonic() - started < 3.0
        assert report.sources[0].line().startswith("Slow: failed: timeout")


def test_max_items_takes_the_newest_and_filters_come_first(tmp_path, store):
    dated = [
        {"link": f"/p{n}", "title": f"Story {n} Gaza" if n != 2 else "Story 2", "summary": "S.",
         "date": f"Sun, 0{n + 1} Dec 2024 09:00:00 GMT"}
        for n in range(4)
    ]  # fmt: skip
    with loopback_only(), Server() as server:
        server.routes["/robots.txt"] = Route(b"")
        server.routes["/f.rss"] = Route(rss("F", dated))
        for n in range(4):
            server.routes[f"/p{n}"] = Route(page("thesun"))
        lines = ["[fetch]", "delay = 0", "max_items = 2", "[[feeds]]"]
        lines += [f'url = "{server.url("/f.rss")}"', 'name = "F"', "allow_private = true"]
        lines += ['include = ["gaza"]']
        (tmp_path / "briefing.toml").write_text("\n".join(lines) + "\n")
        fetch(load_settings(config=tmp_path / "briefing.toml"), store)
        assert sorted(r.path for r in server.requests if r.path.startswith("/p")) == ["/p1", "/p3"]
