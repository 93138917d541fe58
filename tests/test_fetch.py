"""briefing.fetch's client, robots.txt, pacing and feed parsing, against a real server on
127.0.0.1 (tests/loopback.py), with every connection off the loopback refused."""

from __future__ import annotations

import gzip
import time

import pytest

from briefing.errors import BriefingError
from briefing.fetch.client import Client, FetchError, Limits, Validators
from briefing.fetch.feeds import canonical, parse_feed, wanted
from briefing.fetch.robots import Pacer, Robots, RobotsFile
from briefing.fetch.vet import Refused

from .loopback import Route, Server, atom, loopback_only, rdf, rss

FAST = Limits(connect=2, read=1, total=4, max_bytes=1024 * 1024, retries=2, backoff=0.05)


@pytest.fixture
def server():
    with loopback_only(), Server() as running:
        yield running


@pytest.fixture
def client():
    with Client("briefing-test/1 (+desk@example.org)", FAST) as made:
        yield made


def own(server: Server) -> frozenset[str]:
    """The test server's origin: the one allowed to be on a private address."""
    return frozenset({f"http://127.0.0.1:{server.port}"})


def test_a_gzip_feed_is_decoded_and_its_validators_make_the_next_get_a_304(server, client):
    server.routes["/feed"] = Route(b"<rss>feed</rss>", etag='"v1"', gzip=True)
    first = client.get(server.url("/feed"), private=own(server))
    assert (first.status, first.body, first.validators.etag) == (200, b"<rss>feed</rss>", '"v1"')
    again = client.get(server.url("/feed"), private=own(server), validators=first.validators)
    assert (again.status, again.body, again.validators) == (304, b"", first.validators)
    sent = server.hits("/feed")
    assert len(sent) == 2
    assert "if-none-match" not in sent[0].headers
    assert sent[1].headers["if-none-match"] == '"v1"'
    assert sent[0].headers["user-agent"] == "briefing-test/1 (+desk@example.org)"


def test_last_modified_alone_gives_a_conditional_get(server, client):
    stamp = "Sun, 08 Dec 2024 09:00:00 GMT"
    server.routes["/lm"] = Route(b"x", last_modified=stamp)
    first = client.get(server.url("/lm"), private=own(server))
    assert first.validators == Validators(None, stamp)
    assert (
        client.get(server.url("/lm"), private=own(server), validators=first.validators).status
        == 304
    )
    assert server.hits("/lm")[1].headers["if-modified-since"] == stamp


def test_a_429_is_retried_after_its_retry_after(server, client):
    server.routes["/busy"] = Route(b"done", throttle=1, retry_after="1")
    assert client.get(server.url("/busy"), private=own(server)).body == b"done"
    first, second = server.hits("/busy")
    assert second.at - first.at >= 0.95  # the Retry-After, not the 0.05 s backoff


def test_a_retry_after_over_the_longest_wait_gives_up_at_once(server):
    server.routes["/later"] = Route(b"x", throttle=5, retry_after="3600")
    with Client("t", FAST) as client, pytest.raises(FetchError, match="Retry-After 3600 s"):
        client.get(server.url("/later"), private=own(server))
    assert len(server.hits("/later")) == 1


def test_a_page_that_never_answers_ends_within_the_time_limit(server, client):
    server.routes["/hang"] = Route(hang=True)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timeout|time limit"):
        client.get(server.url("/hang"), private=own(server))
    assert time.monotonic() - started < FAST.total + 1.0


def test_an_endless_body_is_cut_at_the_size_cap(server, client):
    server.routes["/endless"] = Route(endless=True)
    with pytest.raises(FetchError, match="over 1 MB"):
        client.get(server.url("/endless"), private=own(server))
    assert client.stats.received <= FAST.max_bytes + 2 * 65536


def test_an_announced_length_over_the_cap_is_refused_unread(server, client):
    server.routes["/big"] = Route(b"x" * (2 * 1024 * 1024))
    with pytest.raises(FetchError, match=r"2,097,152 bytes announced"):
        client.get(server.url("/big"), private=own(server))
    assert client.stats.received == 0


def test_a_gzip_bomb_is_cut_at_the_cap_decompressed(server, client):
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))
    assert len(bomb) < FAST.max_bytes  # small on the wire
    server.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="over 1 MB decompressed"):
        client.get(server.url("/bomb"), private=own(server))


@pytest.mark.parametrize(
    ("location", "cause"),
    [
        ("http://169.254.169.254/latest/meta-data/", r"169\.254\.169\.254, link-local"),
        ("file:///etc/passwd", "file scheme: only http and https"),
        ("http://[::ffff:127.0.0.1]:1/", "IPv4-mapped form of 127.0.0.1"),
    ],
)
def test_redirects_off_the_feeds_own_host_are_vetted_as_public(server, client, location, cause):
    server.routes["/go"] = Route(location=location)
    with pytest.raises(Refused, match=cause):
        client.get(server.url("/go"), private=own(server))
    assert len(server.requests) == 1


def test_a_redirect_to_another_loopback_port_is_refused_and_never_sent(server, client):
    with Server() as other:
        other.routes["/admin"] = Route(b"secret")
        server.routes["/go"] = Route(location=other.url("/admin"))
        with pytest.raises(Refused, match=r"127\.0\.0\.1, loopback"):
            client.get(server.url("/go"), private=own(server))
        assert other.requests == []


def test_redirects_on_the_same_host_are_followed_up_to_five(server, client):
    for hop in range(7):
        server.routes[f"/r{hop}"] = Route(location=f"/r{hop + 1}#frag", status=301)
    server.routes["/r7"] = Route(b"end")
    server.routes["/two"] = Route(location="/r6")
    got = client.get(server.url("/two"), private=own(server))
    assert (got.url, got.body) == (server.url("/r7"), b"end")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        client.get(server.url("/r0"), private=own(server))
    assert len(server.hits("/r5")) == 1 and len(server.hits("/r6")) == 1  # r6 only via /two


def test_the_connection_goes_to_the_vetted_address_and_host_keeps_the_name(server):
    looked_up: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return ["127.0.0.1"]

    private = frozenset({f"http://news.test:{server.port}"})
    server.routes["/a"] = Route(b"named")
    with Client("t", FAST, resolve=resolve) as client:
        got = client.get(f"http://news.test:{server.port}/a", private=private)
    assert got.body == b"named"
    assert looked_up == ["news.test"]
    assert server.hits("/a")[0].headers["host"] == f"news.test:{server.port}"


def test_a_name_that_resolves_privately_is_refused_without_allow_private(server):
    server.routes["/a"] = Route(b"x")
    with (
        Client("t", FAST, resolve=lambda h, p: ["127.0.0.1"]) as client,
        pytest.raises(Refused, match=r"loopback \(from news\.test\)"),
    ):
        client.get(f"http://news.test:{server.port}/a")
    assert server.requests == []


def test_the_environments_proxy_is_not_used(server, client, monkeypatch):
    with Server() as proxy:
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
            monkeypatch.setenv(name, proxy.url(""))
        server.routes["/a"] = Route(b"direct")
        with Client("t", FAST) as fresh:
            assert fresh.get(server.url("/a"), private=own(server)).body == b"direct"
        assert proxy.requests == []


def test_an_error_status_is_a_fetch_error_with_the_status(server, client):
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        client.get(server.url("/missing"), private=own(server))
    assert caught.value.status == 404 and isinstance(caught.value, BriefingError)


def test_a_source_s_headers_are_sent(server, client):
    server.routes["/h"] = Route(b"x")
    client.get(server.url("/h"), private=own(server), headers=(("X-Desk", "world"),))
    assert server.hits("/h")[0].headers["x-desk"] == "world"


# -- robots.txt and pacing ---------------------------------------------------------------

ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 0.5\n"


def _download(client: Client, server: Server):
    def download(url: str) -> tuple[int, bytes]:
        try:
            return 200, client.get(url, private=own(server)).body
        except FetchError as exc:
            return exc.status or 0, b""

    return download


def test_robots_disallow_and_a_fractional_crawl_delay_are_read(server, client):
    server.routes["/robots.txt"] = Route(ROBOTS, content_type="text/plain")
    origin = server.url("")
    robots = Robots("briefing-test", _download(client, server))
    assert not robots.allowed(origin, server.url("/private/x"))
    assert robots.allowed(origin, server.url("/news/1"))
    assert robots.crawl_delay(origin) == 0.5  # urllib.robotparser would give None
    assert len(server.hits("/robots.txt")) == 1


def test_robots_are_kept_through_the_callbacks_until_they_are_old(server, client):
    server.routes["/robots.txt"] = Route(ROBOTS, content_type="text/plain")
    kept: dict[str, RobotsFile] = {}
    now = [1_000_000.0]
    make = lambda: Robots(  # noqa: E731
        "t", _download(client, server), kept.get, kept.__setitem__, lambda: now[0]
    )
    assert not make().allowed(server.url(""), server.url("/private/"))
    assert not make().allowed(server.url(""), server.url("/private/"))
    assert len(server.hits("/robots.txt")) == 1  # the second came from the cache
    now[0] += 25 * 3600
    make().allowed(server.url(""), server.url("/x"))
    assert len(server.hits("/robots.txt")) == 2


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (403, True), (500, False), (0, False)]
)
def test_robots_without_a_file_allow_and_an_unreachable_one_forbids(status, allowed):
    robots = Robots("t", lambda url: (status, b""))
    assert robots.allowed("http://a.example", "http://a.example/x") is allowed


def test_the_pacer_spaces_requests_to_a_host_and_keeps_to_its_deadline():
    pacer = Pacer(default=0.0, max_delay=0.4)
    start = time.monotonic()
    assert pacer.wait("a", 0.3) and pacer.wait("a", 0.3)
    assert 0.3 <= time.monotonic() - start < 1.0
    assert pacer.wait("b", 0.3)  # another host waits for nobody
    assert time.monotonic() - start < 1.0
    before = time.monotonic()
    assert not pacer.wait("a", 10, deadline=time.monotonic() + 0.1)  # capped at 0.4, past it
    assert time.monotonic() - before < 0.05
    pacer.wait("c", 100)
    before = time.monotonic()
    pacer.wait("c", 100)
    assert time.monotonic() - before < 0.6  # a Crawl-delay of 100 s waits max_delay


# -- feeds -------------------------------------------------------------------------------

ITEMS = [
    {"link": "/news/1?utm_source=rss#top", "title": "Quake hits Karvana", "guid": "tag:example.org,2024:1",
     "summary": "<p>At least <b>12</b> killed &amp; more hurt.</p>", "date": "Sun, 08 Dec 2024 09:00:00 GMT"},
    {"link": "http://Example.ORG:80/news/2", "title": "Chess open won", "summary": "A teenager won."},
    {"link": "mailto:desk@example.org", "title": "Not a page"},
]  # fmt: skip


@pytest.mark.parametrize("make", [rss, atom, rdf, lambda t, i: rss(t, i, version="0.91")])
def test_every_kind_of_feed_gives_its_items_canonical(make):
    feed = parse_feed(make("World", ITEMS), "http://example.org/feeds/world.xml")
    assert feed.title == "World"
    assert [i.url for i in feed.items] == [
        "http://example.org/news/1",
        "http://example.org/news/2",
    ]
    assert feed.skipped == 1
    first = feed.items[0]
    assert first.title == "Quake hits Karvana"
    assert first.summary == "At least 12 killed & more hurt."


def test_rss_dates_and_guids():
    first = parse_feed(rss("W", ITEMS), "http://example.org/f").items[0]
    assert first.guid == "tag:example.org,2024:1"
    assert first.published.isoformat() == "2024-12-08T09:00:00+00:00"


def test_a_malformed_feed_still_gives_what_it_can_and_garbage_is_an_error():
    broken = rss("W", ITEMS[:1]).replace(b"</channel></rss>", b"<item><title>cut")
    assert [i.title for i in parse_feed(broken, "http://example.org/f").items] == [
        "Quake hits Karvana"
    ]
    with pytest.raises(BriefingError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>a page, not a feed</body></html>", "http://example.org/f")


def test_feed_bytes_that_name_a_file_are_not_read_as_one(tmp_path):
    # given bytes, feedparser opens them as a file name; a feed must come from the network
    path = tmp_path / "local.xml"
    path.write_bytes(rss("Local", ITEMS))
    with pytest.raises(BriefingError, match="not an RSS or Atom feed"):
        parse_feed(str(path).encode(), "http://example.org/f")


def test_canonical_urls():
    assert canonical("HTTPS://Example.COM:443/a?b=2&a=1&utm_medium=x&fbclid=y#c") == (
        "https://example.com/a?a=1&b=2"
    )


@pytest.mark.parametrize(
    ("include", "exclude", "title", "kept"),
    [
        ((), (), "anything", True),
        (("Syria",), (), "Fighting in syria's north", True),
        (("Syria",), (), "Syrian refugees", False),  # whole words only
        (("Gaza", "Syria"), (), "News from Gaza", True),
        ((), ("football",), "FOOTBALL results", False),
        (("Syria",), ("football",), "Syria football team", False),  # exclude wins
        (("Middle East",), (), "The middle  east talks", True),  # a phrase, any spacing
        (("Middle East",), (), "Middle Eastern talks", False),
    ],
)
def test_include_and_exclude_match_whole_words_of_title_and_summary(include, exclude, title, kept):
    feed = parse_feed(rss("W", [{"link": "http://e.org/1", "title": title}]), "http://e.org/f")
    assert wanted(feed.items[0], include, exclude) is kept


def test_the_pacer_waits_from_the_end_of_a_long_request():
    pacer = Pacer(default=0.3, max_delay=1)
    pacer.wait("a")
    time.sleep(0.25)  # a request (with its retries) that took a while
    pacer.done("a")
    before = time.monotonic()
    pacer.wait("a")
    assert time.monotonic() - before >= 0.28


def test_a_sources_headers_and_validators_stay_on_its_own_host(server):
    with Server() as other:
        other.routes["/moved"] = Route(b"elsewhere")
        server.routes["/feed"] = Route(location=f"http://localhost:{other.port}/moved")
        private = own(server) | {f"http://localhost:{other.port}"}
        with Client("t", FAST, resolve=lambda host, port: ["127.0.0.1"]) as client:
            got = client.get(
                server.url("/feed"),
                private=private,
                headers=(("Authorization", "Bearer secret"),),
                validators=Validators('"e"', "Sun, 08 Dec 2024 09:00:00 GMT"),
            )
        assert got.body == b"elsewhere"
        first, moved = server.hits("/feed")[0], other.hits("/moved")[0]
        assert first.headers["authorization"] == "Bearer secret"
        assert first.headers["if-none-match"] == '"e"'
        for name in ("authorization", "if-none-match", "if-modified-since"):
            assert name not in moved.headers
