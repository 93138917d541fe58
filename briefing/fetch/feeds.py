"""A feed's bytes to its items: RSS 0.9x, 1.0, 2.0 and Atom through feedparser.

feedparser is only ever given bytes this project fetched, wrapped in a stream: given a
string or bytes it would take them for a URL or a file name and open it. Item links are
resolved against the feed's URL and made canonical (``canonical``); include and exclude
keywords match whole words of the title and summary, case-insensitively.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from ..errors import BriefingError

_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class FeedItem:
    url: str  # canonical: see ``canonical``
    guid: str  # the feed's id for the item, else its URL
    title: str
    published: datetime | None  # UTC
    summary: str  # plain text (tags removed, entities decoded)


@dataclass(frozen=True)
class Feed:
    title: str
    items: tuple[FeedItem, ...]
    skipped: int  # entries without a usable http(s) link


def canonical(url: str) -> str:
    """One spelling per page: scheme and host lower-case, default port, fragment and
    tracking parameters (utm_*, fbclid...) removed, the other parameters sorted."""
    import courlan

    url = urldefrag(url.strip())[0]
    parts = urlsplit(courlan.normalize_url(url, strict=False))
    query = urlencode(sorted(p for p in parse_qsl(parts.query, True) if not _TRACKING.match(p[0])))
    return urldefrag(urlunsplit(parts._replace(query=query)))[0]


def parse_feed(data: bytes, url: str, content_type: str = "") -> Feed:
    """The items of the feed in ``data`` fetched from ``url``; BriefingError when ``data``
    is not a feed (a feed with a recoverable error still gives its items)."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(
        io.BytesIO(data), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        cause = parsed.get("bozo_exception") or "no feed found"
        raise BriefingError(f"not an RSS or Atom feed: {str(cause)[:120]}", url)
    items, skipped = [], 0
    for entry in parsed.entries:
        item = _item(entry, url)
        if item is None:
            skipped += 1
        else:
            items.append(item)
    title = _text(parsed.feed.get("title", ""))
    return Feed(title, tuple(dict((i.url, i) for i in items).values()), skipped)


def _item(entry, base: str) -> FeedItem | None:
    link = entry.get("link") or next(
        (x.get("href") for x in entry.get("links", ()) if x.get("href")), ""
    )
    link = urljoin(base, link.strip()) if link else ""
    if urlsplit(link).scheme.lower() not in ("http", "https"):
        return None
    url = canonical(link)
    summary = entry.get("summary") or ""
    if not summary and entry.get("content"):
        summary = entry["content"][0].get("value", "")
    return FeedItem(
        url=url,
        guid=str(entry.get("id") or url)[:2000],
        title=_text(entry.get("title", "")),
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        summary=_text(summary),
    )


def _text(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", str(html))).split())


def _date(parsed) -> datetime | None:
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def wanted(item: FeedItem, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> bool:
    """Whether ``item`` passes the feed's filters: some ``include`` keyword (if any are
    given) and no ``exclude`` keyword, as whole words of its title and summary."""
    text = f"{item.title} {item.summary}"
    if exclude and _mentions(text, exclude):
        return False
    return not include or _mentions(text, include)


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    pattern = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words if w.strip())
    return bool(pattern) and re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.I) is not None
