"""Bytes to text: byte-order marks, UTF-8, charset detection, then Windows-1252;
binary refused."""

from __future__ import annotations

import codecs
import re

from ..errors import BriefingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text files (tab, newlines, form feed excepted).
_CONTROL = bytes(sorted(frozenset(range(0, 32)) - {9, 10, 12, 13}))


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file.

    A byte-order mark decides first; then strict UTF-8; then charset-normalizer's guess
    (Cyrillic, Greek, Central European, East Asian code pages...); then Windows-1252, the
    usual encoding of Western text that is not UTF-8 (every byte decodes, the five it
    leaves undefined are read as Latin-1). Data that looks binary raises BriefingError.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding), encoding.replace("-sig", "")
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if guess:
        return data.decode(guess), guess.replace("_", "-")
    return _cp1252_or_latin1(data), "windows-1252"


_CENTRAL_EUROPEAN = frozenset(
    [
        "Polish",
        "Czech",
        "Slovak",
        "Hungarian",
        "Croatian",
        "Slovene",
        "Romanian",
        "Bosnian",
        "Serbian",
    ]
)


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess for text that is not UTF-8, or None for Windows-1252.

    Short Latin-script text is often equally plausible in several code pages (it says
    cp1250 for French or Spanish, which turns "è" into "č" and "ñ" into "ń"): when
    Windows-1252 reads the bytes as cleanly, it wins, unless the language heard in its
    reading is a Central European one. A UTF-16/32 guess without a byte-order mark is not trusted.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    if best.encoding.startswith(("utf_16", "utf_32")):
        return None
    western = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos]
    if best.encoding == "cp1252" or (western and western[0].language not in _CENTRAL_EUROPEAN):
        return None
    try:
        if data.decode("cp1252") == str(best):
            return None  # the same text either way: call it by the common name
    except UnicodeDecodeError:
        pass
    return best.encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise BriefingError(
            f"not valid {encoding} text ({exc.reason} at byte {exc.start})"
        ) from None


def _refuse_binary(data: bytes) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise BriefingError("binary file (NUL bytes), not text")
    controls = len(sample) - len(sample.translate(None, _CONTROL))  # counted in C
    if sample and controls / len(sample) > 0.05:
        raise BriefingError("binary file (control bytes), not text")


_ESCAPED = re.compile("[\udc80-\udcff]")


def _cp1252_or_latin1(data: bytes) -> str:
    """Windows-1252, its five undefined bytes read as Latin-1 (no codec error handler is
    registered: that would be process-wide state)."""
    text = data.decode("cp1252", errors="surrogateescape")
    return _ESCAPED.sub(lambda m: chr(ord(m[0]) - 0xDC00), text)
