"""Kinds of setting values: how each is checked and converted, for ``schema``'s keys.

A converter takes what a file, a flag or a library caller gave and returns the value a
run uses, or raises ValueError (``Refused`` when it can say precisely why).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import Length

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    """How a value is checked: ``convert`` raises ValueError for a wrong one."""

    expected: str  # "a count like 3 or a share like 20%"
    convert: Callable[[object], object]


def length(value: object) -> Length:
    """3 -> three sentences; "20%" -> a fifth of them."""
    if isinstance(value, Length):
        return value
    if isinstance(value, str) and value.strip().endswith("%"):
        share = float(value.strip()[:-1])
        if not 0 <= share <= 100:
            raise ValueError(value)
        return Length(ratio=share / 100)
    return Length(count=count(value))


def count(value: object) -> int:
    if isinstance(value, bool | float):
        raise ValueError(value)
    count = int(value.strip()) if isinstance(value, str) else value
    if not isinstance(count, int) or count < 0:
        raise ValueError(value)
    return count


# Control characters (C0, DEL, C1; tab and line breaks are whitespace, made one space) and
# the bidirectional controls that reorder what a reader sees (U+061C, U+200E-F, U+202A-E,
# U+2066-9): text settings go into page headers, PDFs and mail subjects.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class Refused(ValueError):
    """A value refused for a reason more precise than "must be <kind>"."""


def text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    if found := _CONTROL.search(value):
        raise Refused(f"has a control character (U+{ord(found[0]):04X}); remove it")
    return re.sub(r"\s+", " ", value)  # one line: it goes into page headers and mail subjects


def folders(value: object) -> tuple[str, ...]:
    """A folder or a list of folders (made absolute by ``check``)."""
    folders = text_list([value] if isinstance(value, str) else value)
    if not all(folder.strip() for folder in folders):
        raise ValueError(value)
    return folders


def text_list(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError(value)
    return tuple(text(v) for v in value)


def choice(values: tuple[str, ...]) -> Kind:
    def convert(value: object) -> str:
        if not isinstance(value, str) or value.strip().lower() not in [v.lower() for v in values]:
            raise ValueError(value)
        return next(v for v in values if v.lower() == value.strip().lower())

    return Kind(f"one of {', '.join(values)}", convert)


def choices(values: tuple[str, ...], example: str) -> Kind:
    one = choice(values).convert

    def convert(value: object) -> tuple[str, ...]:
        if not isinstance(value, list | tuple) or not value:
            raise ValueError(value)
        return tuple(dict.fromkeys(one(v) for v in value))

    return Kind(f"a list from {', '.join(values)} such as {example}", convert)


def method(value: object) -> str:
    from .summarize import METHODS

    name = text(value).lower()
    if name not in METHODS:
        raise ValueError(value)
    return name


def timezone(value: object) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = text(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(value) from None
    return name


def port(value: object) -> int:
    port = count(value)
    if not 1 <= port <= 65535:
        raise ValueError(value)
    return port


def seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    amount = float(value)
    if not 0.1 <= amount <= 3600:  # also refuses nan and inf
        raise ValueError(value)
    return amount


def megabytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    size = float(value)  # OverflowError for an int beyond a float: refused by convert
    if not 0 < size <= 1024:  # also refuses nan and inf
        raise ValueError(value)
    if int(size * MB) < 1:
        raise Refused(f"of {value!r} MB is under one byte; give a size such as 5 or 0.5")
    return int(size * MB)


def topic_rules(value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``[topics]`` ``Syria = ["Assad", "Damascus"]``: each topic's terms, in file order."""
    if not isinstance(value, dict):
        raise ValueError(value)
    rules = []
    for name, terms in value.items():
        try:
            words = [w.strip() for w in text_list(terms)]
        except ValueError:
            words = []
        if not text(name).strip() or not words or not all(words):
            raise Refused(
                f'must give each topic a list of terms such as ["Assad"], not {name} = {terms!r}'
            )
        rules.append((text(name).strip(), tuple(words)))
    return tuple(rules)


def tiers(value: object) -> tuple[tuple[str, int], ...]:
    """``[tiers]`` ``Reuters = 1``: each outlet's tier, 1 (the highest) to 5."""
    if not isinstance(value, dict):
        raise ValueError(value)
    out = []
    for name, tier in value.items():
        if isinstance(tier, bool) or not isinstance(tier, int) or not 1 <= tier <= 5:
            raise Refused(
                f"must give each outlet a whole number from 1 to 5, not {name} = {tier!r}"
            )
        out.append((text(name).strip(), tier))
    return tuple(out)


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(value)
    return value


def pause(value: object) -> float:
    """Seconds from 0 (no pause) to 3600."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(value)
    amount = float(value)
    if not 0 <= amount <= 3600:
        raise ValueError(value)
    return amount


def tier(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValueError(value)
    return value


def web_url(value: object) -> str:
    """An http or https URL with a host (where it leads is vetted when it is fetched)."""
    from urllib.parse import urlsplit

    url = text(value).strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError:
        raise ValueError(value) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(value)
    return url


def headers(value: object) -> tuple[tuple[str, str], ...]:
    """``headers = { Authorization = "Bearer ..." }``: names and values of one line each."""
    if not isinstance(value, dict):
        raise ValueError(value)
    found = []
    for name, content in value.items():
        if not re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", name) or not isinstance(content, str):
            raise ValueError(value)
        if name.lower() in ("host", "content-length", "transfer-encoding", "connection"):
            raise Refused(f"may not set the {name} header")
        found.append((name, text(content)))
    return tuple(found)
