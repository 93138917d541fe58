"""File names are data: shown safely, turned into output names, opened only when regular.

    shown(name)           a name fit for a terminal, a log line or a document
    stem_for(path)        a name for a file's outputs: no control characters, valid UTF-8,
                          short enough that ``.<stem>.<format>.<random>.tmp`` fits in a
                          folder entry (255 bytes)
    read_regular(path)    the bytes of a regular file; a FIFO or a device is refused before
    open_regular(path)    anything is read from it (or the file opened, to read in parts)

The operating system gives a name that is not valid UTF-8 as a str with surrogate
escapes (``b"b\\xff.txt"`` -> ``"b\\udcff.txt"``); the strict UTF-8 encoder of stdout, of
a Markdown file or of JSON fails on it. A name may also hold a newline, an ESC (a
terminal's colour and cursor codes) or a bidi control that reorders what follows it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import BriefingError, shown

__all__ = ["MAX_STEM_BYTES", "open_regular", "read_regular", "shown", "stem_for"]

# ".<stem>.<format>.<8 random>.tmp" is the longest name written for a stem (the atomic
# write's temporary file): 19 bytes and a format name of up to 4 around the stem. 200
# leaves room for the "-2", "-3" ... that makes a stem unique within a batch.
MAX_STEM_BYTES = 200
_HASH_CHARS = 8


def stem_for(path: str | Path) -> str:
    """The stem of ``path`` as a safe output name. A name that had to change (undecodable
    bytes, control characters, over ``MAX_STEM_BYTES``) ends in ``-`` and a
    short hash of the original, so two names that change alike stay distinct."""
    original = Path(path).stem
    raw = os.fsencode(original)
    text = raw.decode("utf-8", "replace")
    clean = "".join(c if c.isprintable() and c != "\ufffd" else "_" for c in text)
    if clean == original and len(raw) <= MAX_STEM_BYTES:
        return original
    tag = hashlib.sha256(raw).hexdigest()[:_HASH_CHARS]
    room = MAX_STEM_BYTES - len(tag) - 1
    head = clean.encode("utf-8")[:room].decode("utf-8", "ignore")  # whole characters only
    return f"{head}-{tag}" if head else tag


def read_regular(
    path: str | Path, error: type[BriefingError] = BriefingError, missing: str = "no such file"
) -> bytes:
    """The contents of the regular file ``path`` (see ``open_regular``)."""
    with open_regular(path, error, missing) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise error(f"cannot read: {exc.strerror or exc}", str(path)) from None


def open_regular(
    path: str | Path, error: type[BriefingError] = BriefingError, missing: str = "no such file"
) -> BinaryIO:
    """The regular file ``path`` opened to read, in binary. A folder, FIFO, socket or
    device is refused with ``error`` naming it: by its name first (nothing is opened), then
    by the opened file itself (opened non-blocking, so a FIFO without a writer cannot
    hang), in case the name was swapped in between. ``missing`` is the cause when there is
    no such file."""
    source = str(path)
    try:
        _check_regular(os.stat(path).st_mode, source, error)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            _check_regular(os.fstat(fd).st_mode, source, error)
            os.set_blocking(fd, True)
        except BaseException:
            os.close(fd)
            raise
        return os.fdopen(fd, "rb")
    except FileNotFoundError:
        raise error(missing, source) from None
    except PermissionError:
        raise error("permission denied", source) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise error(f"cannot read: {getattr(exc, 'strerror', None) or exc}", source) from None


def _check_regular(mode: int, source: str, error: type[BriefingError]) -> None:
    if stat.S_ISDIR(mode):
        raise error("is a folder, not a file", source)
    if not stat.S_ISREG(mode):
        raise error("not a regular file (a device, FIFO or socket)", source)
