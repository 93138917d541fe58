"""Atomic file writes: a temporary file in the target folder, fsync, then rename.

A reader of the target path sees the old file or the new one, never half of one; a
failure leaves no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import BriefingError


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    return write_all_atomic({Path(path): data})[0]


def write_all_atomic(outputs: dict[Path, bytes]) -> tuple[Path, ...]:
    """Write several files: each in full to a temporary file beside its target, and only
    when all are written, rename them into place. A failure while writing replaces none."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs.items():
            staged.append((_stage(Path(path), data), Path(path)))
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        raise BriefingError(f"cannot write output: {exc.strerror or exc}", str(path)) from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return tuple(outputs)


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a synced temporary file beside ``path``; return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise IsADirectoryError(21, "a folder is in the way", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _file_mode() -> int:
    """The mode open() would give a new file under the process's umask (mkstemp's files
    are 0600). The umask is read from /proc, not set and reset: changing it would race
    with other threads creating files."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            line = next(line for line in status if line.startswith("Umask:"))
        mask = int(line.split()[1], 8)
    except (OSError, StopIteration, ValueError, IndexError):
        mask = 0o022  # the common default, where /proc does not tell
    return 0o666 & ~mask
