"""Which scripts of a text no installed font can print (the PDF would show boxes).

    missing_scripts(text) -> ("Hangul (12 characters, e.g. 한)", ...)

Pango, which WeasyPrint uses, picks a font for each character among all that fontconfig
knows, so a character prints when any installed font has it. Fontconfig is asked once for
every font's character set (``fc-list --format %{charset}``, about 15 ms) and their union
is looked up. Where ``fc-list`` is not installed nothing can be said and nothing is
reported.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from functools import lru_cache

_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}  # nothing to draw, or drawn by a base
_TIMEOUT = 20


def missing_scripts(text: str) -> tuple[str, ...]:
    """One line per script with characters that no installed font covers."""
    coverage = installed_coverage()
    if coverage is None:
        return ()
    missing: dict[str, list[str]] = defaultdict(list)
    for char in sorted({c for c in text if ord(c) > 0x7E}):
        if unicodedata.category(char) not in _INVISIBLE and not _has(coverage, ord(char)):
            missing[script(char)].append(char)
    return tuple(
        f"{name} ({len(chars)} character{'s' if len(chars) > 1 else ''}, e.g. U+{ord(chars[0]):04X})"
        for name, chars in missing.items()
    )


def installed_coverage() -> tuple[tuple[int, int], ...] | None:
    """Every code point some installed font has, as sorted, merged (first, last) ranges."""
    fc_list = shutil.which("fc-list")
    return None if fc_list is None else _coverage(fc_list)


@lru_cache(maxsize=1)
def _coverage(fc_list: str) -> tuple[tuple[int, int], ...] | None:
    """Asked once per process (a worker briefs many articles): fonts are not installed
    in the middle of a run."""
    try:
        found = subprocess.run(
            [fc_list, "--format", "%{charset}\n"], capture_output=True, timeout=_TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    ranges = []
    # one part per range per font: 72,000 parts on Debian with the Noto fonts, 4,000 of
    # them distinct (fonts of a family share ranges), so each is read once
    for part in set(found.stdout.decode("ascii", "replace").split()):
        first, _, last = part.partition("-")
        try:
            ranges.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def _has(coverage: tuple[tuple[int, int], ...], point: int) -> bool:
    at = bisect.bisect_right(coverage, (point, float("inf"))) - 1
    return at >= 0 and coverage[at][0] <= point <= coverage[at][1]


def script(char: str) -> str:
    """A script's name from the character's Unicode name: "HANGUL SYLLABLE GA" -> Hangul."""
    category = unicodedata.category(char)
    if category == "Co":
        return "private use"
    if category.startswith("S") and ord(char) >= 0x1F000:
        return "emoji"
    name = unicodedata.name(char, "")
    if not name:
        return "unassigned"
    first = name.split()[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC"):
        return {"CJK": "CJK", "IDEOGRAPHIC": "CJK"}.get(first, first.title())
    return first.title() if category[0] in "LMN" else "symbols"
