"""Inputs to Articles: a file, standard input, bytes or text (``batch`` expands folders and globs).

``read_path`` picks the reader by kind (suffix, or a look at the first bytes), decodes,
limits size and checks that something summarisable came out; every failure is a
BriefingError naming the file.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from ..errors import BriefingError
from ..model import Article
from .decode import decode
from .html import parse_html
from .markdown import parse_markdown
from .text import has_title_line, parse_text

KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
TEXT_SUFFIXES = tuple(KINDS)
STDIN = "-"
MAX_BYTES = 5 * 1024 * 1024  # a news article is tens of KB; 5 MB is far past any
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<!--|<article|<div|<p[\s>])", re.I
)


def read_text(text: str, source: str = "<text>", *, has_title: bool = True) -> Article:
    """Parse article text; raise BriefingError if it holds no sentence to summarise.

    The first line is the title if it reads as one (``has_title_line``); otherwise, as with
    ``has_title`` False, every line is body, and the title is the first sentence. With
    ``has_title`` False (data sets of bare article bodies) the title stays empty.
    """
    if not text.strip():
        raise BriefingError("empty file: no text to summarise", source)
    titled = has_title and has_title_line(text)
    article = _checked(parse_text(text, source, has_title=titled), titled)
    if has_title and not titled:
        # The lead sentence, verbatim: what a news story is written around, and there for
        # pasted text and standard input, which have no file name to fall back on.
        first = article.sentences()[0].text
        article = replace(article, title=first)
    return article


def read_bytes(data: bytes, source: str, kind: str | None = None) -> Article:
    """Read an article from bytes: ``kind`` "text", "markdown" or "html", or sniffed."""
    kind = kind or _kind(source, data)
    if not data.strip():
        raise BriefingError("empty file: no text to summarise", source)
    if kind == "html":
        return _checked(parse_html(data, source))
    try:
        text, encoding = decode(data)
    except BriefingError as exc:
        raise exc.for_source(source) from None
    article = parse_markdown(text, source) if kind == "markdown" else read_text(text, source)
    article = replace(article, metadata=replace(article.metadata, encoding=encoding))
    return _checked(article)


def _checked(article: Article, has_title: bool = True) -> Article:
    if not article.sentences():
        where = "below the title" if has_title else "in the text"
        pieces = sum(len(p.sentences) for s in article.sections for p in s.paragraphs)
        noun = "piece" if pieces == 1 else "pieces"
        cause = f": {pieces:,} {noun} of text, none is a whole sentence" if pieces else ""
        raise BriefingError(f"no sentences found {where}{cause}", article.source)
    return article


def _kind(source: str, data: bytes) -> str:
    suffix = Path(source).suffix.lower()
    if suffix in KINDS:
        return KINDS[suffix]
    return "html" if _HTML_START.match(data[:512]) else "text"


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file (.txt, .md, .html), or standard input for ``-``."""
    source = str(path)
    if source == STDIN:
        return read_bytes(read_stdin(max_bytes), "stdin")
    path = Path(path)
    try:
        if path.is_dir():
            raise BriefingError("is a folder, not an article file", source)
        if path.exists() and not path.is_file():
            raise BriefingError("not a regular file (a device or pipe?)", source)
        with path.open("rb") as handle:
            data = _limited(handle, max_bytes, source)
    except FileNotFoundError:
        raise BriefingError("no such file", source) from None
    except PermissionError:
        raise BriefingError("permission denied", source) from None
    except OSError as exc:
        raise BriefingError(f"cannot read: {exc.strerror or exc}", source) from None
    return read_bytes(data, source)


def read_stdin(max_bytes: int = MAX_BYTES) -> bytes:
    """All of standard input, up to ``max_bytes``."""
    try:
        return _limited(sys.stdin.buffer, max_bytes, "stdin")
    except OSError as exc:
        raise BriefingError(f"cannot read: {exc.strerror or exc}", "stdin") from None


def _limited(handle, max_bytes: int, source: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise BriefingError(f"file is over the {max_bytes:,}-byte limit", source)
    return data
