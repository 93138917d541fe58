"""Markdown notes to Articles.

Markdown is turned into reader lines and read by the plain-text reader: setext headings
(underlined with ``===`` or ``---``) become ATX headings, so every heading is a subhead
and the first one, at the top, the title. Inline markup is not article text and goes:
images, link targets (the link text stays), emphasis and code markers, raw HTML tags,
backslash escapes. Fenced code blocks and front matter are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Article
from .text import parse_text

_SETEXT = re.compile(r"^(=+|-+)\s*$")
_FENCE = re.compile(r"^(```|~~~)")
# Each pattern's repeated part stops at the next place where another attempt could start
# ("[", "]", "<"), so no stretch of a line is scanned twice: linear on lines of unclosed
# brackets. Emphasis is matched by _unwrap, for the same reason.
_LINKS = (
    (re.compile(r"!\[[^\[\]]*\]\([^)\]]*\)"), ""),  # images
    (re.compile(r"\[([^\[\]]+)\]\([^)\]]*\)"), r"\1"),  # [text](url) -> text
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # [text][ref] -> text
    (re.compile(r"<(https?://[^<>\s]+)>"), r"\1"),  # autolinks keep their address as text
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),  # raw HTML tags
)
_STRONG = (re.compile(r"(?=(\*\*|__)\S)"), re.compile(r"(?<=\S)(?=(\*\*|__))"))
_EMPHASIS = (re.compile(r"(?<![\w*])(?=([*_])\S)"), re.compile(r"(?<=\S)(?=([*_])(?![\w*]))"))
_CODE_AND_ESCAPES = (
    (re.compile(r"`([^`]+)`"), r"\1"),  # code spans
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # backslash escapes
)
_REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")
_QUOTE = re.compile(r"^\s*>\s?")


def parse_markdown(text: str, source: str) -> Article:
    """Read a Markdown article."""
    return parse_text("\n".join(_lines(text)), source)


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _drop_front_matter(lines)
    out: list[str] = []
    fenced = False
    for line in lines:
        if _FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if fenced or _REFERENCE.match(line):
            continue
        stripped = line.strip()
        if _SETEXT.match(stripped) and out and out[-1].strip() and not out[-1].startswith("#"):
            level = "#" if stripped[0] == "=" else "##"
            out[-1] = f"{level} {out[-1].strip()}"
            continue
        out.append(_plain(_QUOTE.sub("", line)))
    return out


def _drop_front_matter(lines: list[str]) -> list[str]:
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], 1):
            if line.strip() in ("---", "..."):
                return lines[i + 1 :]
    return lines


def _plain(line: str) -> str:
    for pattern, replacement in _LINKS:
        line = pattern.sub(replacement, line)
    line = _unwrap(_unwrap(line, *_STRONG), *_EMPHASIS)
    for pattern, replacement in _CODE_AND_ESCAPES:
        line = pattern.sub(replacement, line)
    return line


def _unwrap(line: str, openers: re.Pattern, closers: re.Pattern) -> str:
    """Markers taken off the text they wrap: what ``re.sub(r"(M)(?=\\S)(.+?)(?<=\\S)\\1",
    r"\\2", line)`` gives for a marker M ("**" or "__"; "*" or "_" with the emphasis
    lookarounds), in linear time. Each opener takes the first closer of its kind past it,
    found by bisection in the list of closers; the pattern instead rescanned the rest of
    the line from every opener that never closes ("**x " repeated: quadratic)."""
    ends: dict[str, list[int]] = {}
    for match in closers.finditer(line):
        ends.setdefault(match.group(1), []).append(match.start())
    out, done = [], 0
    for match in openers.finditer(line):
        start, mark = match.start(), match.group(1)
        candidates = ends.get(mark, [])
        k = bisect_left(candidates, start + len(mark) + 1)  # at least one character inside
        if start < done or k == len(candidates):
            continue
        end = candidates[k]
        out += [line[done:start], line[start + len(mark) : end]]
        done = end + len(mark)
    out.append(line[done:])
    return "".join(out)
