"""A real HTTP server on 127.0.0.1 for the fetch tests, and a guard that keeps them there.

``Server`` serves scripted routes (``Route``: a body, a status, validators and 304s, gzip,
a 429 with Retry-After for the first N requests, an answer that never comes, an endless
body, a redirect) from a thread, and records every request it is sent (path, headers,
time). ``loopback_only`` is an audit hook: while it is on, a connection or a DNS lookup
for anything but a loopback address fails the operation and is remembered, so a vetting
bug cannot send a test's traffic off the machine.
"""

from __future__ import annotations

import gzip
import ipaddress
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG_LIMIT = 30.0  # a route that never answers still gives up after this, or at stop()
ENDLESS_LIMIT = 64 * 1024 * 1024  # an endless body ends here at the latest


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    throttle: int = 0  # this many first requests get a 429
    retry_after: str = "1"
    hang: bool = False  # accept the request and never answer
    endless: bool = False  # a body without a length that never ends
    location: str | None = None  # a redirect (status 302 unless given)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]  # names lower-case
    at: float  # time.monotonic()


class Server:
    """``with Server() as server: server.routes["/feed"] = Route(...); server.url("/feed")``"""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.bytes_sent = 0  # bodies written, as sent
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def sent(self, count: int) -> None:
        with self._lock:
            self.bytes_sent += count

    def record(self, request: Request) -> int:
        with self._lock:
            self.requests.append(request)
            return sum(1 for r in self.requests if r.path == request.path)

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(10)


def _handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection, bodies end at close

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            seen = server.record(Request(self.path, headers, time.monotonic()))
            route = server.routes.get(self.path)
            if route is None:
                return self._send(404, b"not found", {"Content-Type": "text/plain"})
            if route.hang:
                server.stopping.wait(HANG_LIMIT)
                return None
            if seen <= route.throttle:
                return self._send(429, b"slow down", {"Retry-After": route.retry_after})
            if route.location is not None:
                status = route.status if route.status != 200 else 302
                return self._send(status, b"", {"Location": route.location})
            if _unchanged(route, headers):
                return self._send(304, b"", _validators(route))
            return self._serve(route)

        def _serve(self, route: Route) -> None:
            head = {"Content-Type": route.content_type, **_validators(route), **route.headers}
            if route.endless:
                return self._endless(head)
            body = route.body
            if route.gzip:
                body = gzip.compress(body)
                head["Content-Encoding"] = "gzip"
            return self._send(route.status, body, head)

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers and status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self._write(body)

        def _endless(self, head: dict[str, str]) -> None:
            self.send_response(200)
            for name, value in head.items():
                self.send_header(name, value)
            self.end_headers()
            chunk, sent = b"<p>" + b"x" * 65530 + b"</p>", 0
            while sent < ENDLESS_LIMIT and not server.stopping.is_set():
                if not self._write(chunk):
                    return
                sent += len(chunk)

        def _write(self, data: bytes) -> bool:
            try:
                self.wfile.write(data)
                server.sent(len(data))
                return True
            except OSError:  # the client went away: it stopped reading, as it should
                return False

    return Handler


def _validators(route: Route) -> dict[str, str]:
    found = {}
    if route.etag:
        found["ETag"] = route.etag
    if route.last_modified:
        found["Last-Modified"] = route.last_modified
    return found


def _unchanged(route: Route, headers: dict[str, str]) -> bool:
    if route.etag and "if-none-match" in headers:
        return headers["if-none-match"] == route.etag
    return bool(route.last_modified) and headers.get("if-modified-since") == route.last_modified


# -- the guard -------------------------------------------------------------------------

_guard = {"on": False, "violations": []}
_installed = False


def _loopback(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in ("localhost", "localhost.", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _hook(event: str, args) -> None:
    if not _guard["on"]:
        return
    if event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple) and not _loopback(address[0]):
            _guard["violations"].append(address)
            raise RuntimeError(f"test tried to connect to {address!r}, off the loopback")
    elif event == "socket.getaddrinfo" and not _loopback(args[0]):
        _guard["violations"].append(args[0])
        raise RuntimeError(f"test tried to look up {args[0]!r}, off the loopback")


@contextmanager
def loopback_only():
    """Within: connecting or resolving anything but loopback raises and is remembered;
    on leaving, any attempt made (even one the code under test caught) fails the test."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)  # an audit hook cannot be removed: it is switched instead
        _installed = True
    _guard["violations"] = []
    _guard["on"] = True
    try:
        yield
    finally:
        _guard["on"] = False
    assert not _guard["violations"], f"traffic off the loopback: {_guard['violations']}"


# -- feeds to serve -----------------------------------------------------------------------


def rss(title: str, items: list[dict], version: str = "2.0") -> bytes:
    """An RSS 2.0 (or 0.91) feed of ``items`` (keys: link, title, summary, guid, date)."""
    entries = "".join(
        "<item>"
        f"<title>{_x(i.get('title', ''))}</title><link>{_x(i['link'])}</link>"
        + (f"<guid>{_x(i['guid'])}</guid>" if i.get("guid") else "")
        + (f"<pubDate>{i['date']}</pubDate>" if i.get("date") else "")
        + f"<description>{_x(i.get('summary', ''))}</description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="{version}"><channel>'
        f"<title>{_x(title)}</title><link>http://example.invalid/</link>"
        f"<description>test</description>{entries}</channel></rss>"
    ).encode()


def rdf(title: str, items: list[dict]) -> bytes:
    """An RSS 1.0 (RDF) feed."""
    entries = "".join(
        f'<item rdf:about="{_x(i["link"])}"><title>{_x(i.get("title", ""))}</title>'
        f"<link>{_x(i['link'])}</link><description>{_x(i.get('summary', ''))}</description>"
        "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://example.invalid/">'
        f"<title>{_x(title)}</title><link>http://example.invalid/</link>"
        f"<description>test</description></channel>{entries}</rdf:RDF>"
    ).encode()


def atom(title: str, items: list[dict]) -> bytes:
    entries = "".join(
        f"<entry><title>{_x(i.get('title', ''))}</title>"
        f'<link rel="alternate" href="{_x(i["link"])}"/>'
        f"<id>{_x(i.get('guid') or i['link'])}</id>"
        f"<updated>{i.get('date') or '2024-12-08T09:00:00Z'}</updated>"
        f"<summary>{_x(i.get('summary', ''))}</summary></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{_x(title)}</title><id>urn:test:{_x(title)}</id>"
        f"<updated>2024-12-08T09:00:00Z</updated>{entries}</feed>"
    ).encode()


def _x(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def arm() -> None:
    """The guard on for good, in a child process the tests start (``python -c``)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    _guard["on"] = True
