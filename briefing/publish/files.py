"""Atomic file writes: a temporary file in the target folder, fsync, then rename.

A reader of the target path sees the old file or the new one, never half of one; a
failure leaves no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import BriefingError

_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK  # what open() would have given a new file


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise BriefingError(f"cannot write output: {exc.strerror or exc}", str(path.parent)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BriefingError(f"cannot write output: {exc.strerror or exc}", str(path)) from None
        raise
    return path
