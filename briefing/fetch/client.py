"""Polite, bounded HTTP GET: vetted addresses, time limits, a size cap, retries, validators.

``Client.get`` follows redirects itself (at most ``Limits.redirects``), vetting every hop
(``vet``) and connecting only to the address vetted for it: httpx's connections go through
a network backend that knows no other. Each request has connect, read and total time
limits; the body is streamed and given up past ``max_bytes``, compressed or not (gzip and
deflate are decoded here, bounded). 429 and 5xx answers and network failures are retried
with exponential backoff, a ``Retry-After`` honoured up to ``max_wait``. A conditional GET
takes the validators kept from the last answer and returns the new ones, as values.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin

from ..errors import BriefingError
from .vet import Refused, Resolver, system_resolver, target, vetted

REDIRECTS = {301, 302, 303, 307, 308}
RETRIED = {429, 500, 502, 503, 504}
MB = 1024 * 1024


class FetchError(BriefingError):
    """A request that failed; ``cause`` is short ("timeout", "HTTP 404") for the summary,
    ``status`` the HTTP status of the answer that ended it, if there was one."""

    def __init__(self, cause: str, source: str | None = None, status: int | None = None):
        super().__init__(cause, source)
        self.status = status


@dataclass(frozen=True)
class Limits:
    connect: float = 10.0  # seconds to connect
    read: float = 20.0  # seconds between two pieces of the answer
    total: float = 60.0  # seconds for the whole request, retries and redirects included
    max_bytes: int = 5 * MB  # largest body, after decompression too
    retries: int = 2  # further attempts after a 429, a 5xx or a network failure
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    max_wait: float = 60.0  # longest Retry-After honoured; a longer one gives up
    redirects: int = 5


@dataclass(frozen=True)
class Validators:
    """What a conditional GET sends back: the last answer's ETag and Last-Modified."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int  # 200, or 304 for a conditional GET of something unchanged
    body: bytes
    media_type: str
    validators: Validators


@dataclass
class Stats:
    """What a client has cost so far: requests made and bytes received on the wire."""

    requests: int = 0
    received: int = 0


@dataclass
class Client:
    """One connection pool for a run; ``get`` is the only call. Close it (or use ``with``)."""

    user_agent: str
    limits: Limits = field(default_factory=Limits)
    proxy: str | None = None  # only a configured proxy; the environment's is never used
    resolve: Resolver = system_resolver
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    stats: Stats = field(default_factory=Stats)

    def __post_init__(self) -> None:
        self._pins: dict[str, str] = {}
        self._http = _http_client(self._pins, self.proxy)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def get(
        self,
        url: str,
        *,
        private: frozenset[str] = frozenset(),
        validators: Validators = Validators(),
        headers: tuple[tuple[str, str], ...] = (),
        deadline: float | None = None,
    ) -> Response:
        """GET ``url``: a 200 with its body, or a 304 when ``validators`` still hold;
        anything else is a FetchError (Refused for a URL or address that is not allowed).
        ``private``: the origins (``http://host:port``) that may be on a private address
        (a feed's own, with ``allow_private``); every other hop must be public.
        ``headers`` and ``validators`` go to ``url``'s own origin only, never to a host it
        redirects to (an Authorization header stays with its site)."""
        end = self.clock() + self.limits.total
        end = min(end, deadline) if deadline is not None else end
        home = target(url).origin
        for _ in range(self.limits.redirects + 1):
            own = target(url).origin == home
            sent = _headers(self.user_agent, validators if own else Validators(), own and headers)
            status, answer, body = self._attempts(url, sent, private, end)
            if status not in REDIRECTS:
                return _response(url, status, answer, body, validators)
            location = answer.get("location")
            if not location:
                raise FetchError(f"HTTP {status} without a Location", url)
            url = urldefrag(urljoin(url, location.strip()))[0]
        raise FetchError(f"more than {self.limits.redirects} redirects", url)

    def _attempts(self, url: str, headers: dict, private: frozenset[str], end: float):
        """One hop, retried: (status, headers, body)."""
        for attempt in range(self.limits.retries + 1):
            last = attempt == self.limits.retries
            try:
                status, answer, body = self._once(url, headers, private, end)
            except Refused:
                raise
            except FetchError as exc:
                if last or exc.cause.startswith(("over ", "took over")):
                    raise
                wait, cause, status = self.limits.backoff * 2**attempt, exc.cause, exc.status
            else:
                if status not in RETRIED or last:
                    return status, answer, body
                wait = _retry_after(answer.get("retry-after"), self.limits.backoff * 2**attempt)
                cause = f"HTTP {status}"
                if wait > self.limits.max_wait:
                    raise FetchError(f"{cause}, Retry-After {wait:g} s: over the wait", url, status)
            if self.clock() + wait >= end:
                raise FetchError(f"{cause}; no time left to retry", url, status)
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict, private: frozenset[str], end: float):
        import httpx

        host = httpx.URL(url).raw_host.decode("ascii")  # IDNA 2008, as httpx connects
        hop = replace(target(url), host=host)
        left = end - self.clock()
        if left <= 0:
            raise FetchError("took over the time limit", url)
        allow = hop.origin in private
        self._pins[host] = vetted(hop, allow, self.resolve, min(left, self.limits.connect))
        timeout = httpx.Timeout(min(self.limits.read, left), connect=min(self.limits.connect, left))
        self.stats.requests += 1
        try:
            with self._http.stream("GET", url, headers=headers, timeout=timeout) as answer:
                status = answer.status_code
                body = b""
                if status == 200:
                    body = self._body(answer, url, end)
                return status, {k.lower(): v for k, v in answer.headers.items()}, body
        except httpx.TimeoutException as exc:
            what = "connect timeout" if isinstance(exc, httpx.ConnectTimeout) else "timeout"
            raise FetchError(what, url) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}"[:200], url) from None

    def _body(self, answer, url: str, end: float) -> bytes:
        cap = self.limits.max_bytes
        length = answer.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise FetchError(f"over {cap / MB:g} MB ({int(length):,} bytes announced)", url)
        decode = _decoder(answer.headers.get("content-encoding", ""), url)
        parts, size, wire = [], 0, 0
        for chunk in answer.iter_raw(65536):
            wire += len(chunk)
            self.stats.received += len(chunk)
            if wire > cap:
                raise FetchError(f"over {cap / MB:g} MB", url)
            for piece in decode(chunk, cap - size + 1):
                size += len(piece)
                if size > cap:
                    raise FetchError(f"over {cap / MB:g} MB decompressed", url)
                parts.append(piece)
            if self.clock() > end:
                raise FetchError("took over the time limit", url)
        return b"".join(parts)


def _http_client(pins: dict[str, str], proxy: str | None):
    import httpx

    if proxy:
        return httpx.Client(proxy=proxy, trust_env=False, follow_redirects=False)
    return httpx.Client(transport=_pinned_transport(pins), trust_env=False, follow_redirects=False)


def _pinned_transport(pins: dict[str, str]):
    """An httpx transport whose connections go only to the address vetted for each host;
    TLS still checks the certificate against the host name (SNI and Host unchanged)."""
    import ssl

    import certifi
    import httpcore
    import httpx

    class Pinned(httpcore.SyncBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            address = pins.get(host)
            if address is None:  # never reached through Client.get: every hop is pinned
                raise httpcore.ConnectError(f"{host} was not vetted")
            return super().connect_tcp(address, port, timeout, local_address, socket_options)

    class Transport(httpx.HTTPTransport):
        def __init__(self) -> None:
            super().__init__(trust_env=False)
            context = ssl.create_default_context(cafile=certifi.where())
            self._pool = httpcore.ConnectionPool(
                ssl_context=context, max_connections=10, network_backend=Pinned()
            )

    return Transport()


def _headers(user_agent: str, validators: Validators, extra) -> dict[str, str]:
    headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"}
    headers.update(dict(extra or ()))
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _response(url, status, answer: dict, body: bytes, before: Validators) -> Response:
    if status == 304:
        return Response(url, 304, b"", "", before)
    if status != 200:
        raise FetchError(f"HTTP {status}", url, status)
    media = answer.get("content-type", "").split(";", 1)[0].strip().lower()
    now = Validators(answer.get("etag"), answer.get("last-modified"))
    return Response(url, 200, body, media, now)


def _retry_after(value: str | None, default: float) -> float:
    """Seconds a Retry-After asks for (a number or an HTTP date); ``default`` without one."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    from datetime import UTC, datetime

    return max(0.0, (when - datetime.now(UTC)).total_seconds()) if when.tzinfo else default


def _decoder(encoding: str, url: str) -> Callable[[bytes, int], Iterator[bytes]]:
    """A bounded decoder for one Content-Encoding: yields at most ``room`` bytes a step."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return lambda chunk, room: iter((chunk,))
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding {encoding!r}", url)
    inflate = zlib.decompressobj(31 if "gzip" in encoding else 15)

    def decode(chunk: bytes, room: int) -> Iterator[bytes]:
        data = chunk
        try:
            while data and not inflate.eof:
                piece = inflate.decompress(data, max(room, 1))
                yield piece
                room -= len(piece)
                if room <= 0:
                    return
                data = inflate.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"broken {encoding} body: {exc}", url) from None

    return decode
