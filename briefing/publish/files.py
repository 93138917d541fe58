"""Atomic writes: a reader sees the old file (or folder) or the new one, never half of one.

    write_all_atomic({path: bytes})      files, all written before any is renamed in
    replace_folder(folder, {name: bytes}) a folder's set of files swapped in as one
    flush(folder)                         what a batch wrote with durable=False, on disk

A file is written unnamed (Linux ``O_TMPFILE``) and given a name only when complete, so a
process killed while writing, even by SIGKILL, leaves nothing behind; where the system
has no unnamed files, a hidden temporary name is used and removed on any error. A
folder is built beside its target under a hidden name and exchanged with it in one
rename (``renameat2`` with ``RENAME_EXCHANGE``), under a lock, so two runs for the same
folder never mix their files and a signal between steps never leaves half a day.

Each file is synced to disk before it is named, so a crash of the system either leaves
the old file or the new one. A batch of many small files (``make`` over a folder) may
instead write them with ``durable=False`` and call ``flush`` once at the end: one sync
of the file system instead of one per file, which cost a third of a millisecond to
several milliseconds each (bench/speed.md). Until that flush, a crash of the whole
system (not of the process: the renames still make each file whole or absent to any
reader) may leave a just-written file empty; when the batch returns, all is on disk.
Such a batch also leaves the freeing of the files it replaced to a thread
(``release.py``), so a rename over an old file does not wait for the disk.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import stat
import tempfile
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ..errors import BriefingError
from . import release

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""
    return write_all_atomic({Path(path): data})[0]


def write_all_atomic(outputs: dict[Path, bytes], *, durable: bool = True) -> tuple[Path, ...]:
    """Write several files: each in full beside its target, and only when all are
    written, rename them into place. A failure while writing replaces none. With
    ``durable=False`` the files are not synced one by one: the caller calls ``flush``."""
    staged: list[tuple[_Staged, Path]] = []
    path = Path()
    try:
        for path, data in outputs.items():
            staged.append((_Staged(Path(path), data, durable), Path(path)))
        for file, path in staged:
            file.publish(path)
    except OSError as exc:
        raise BriefingError(f"cannot write output: {exc.strerror or exc}", str(path)) from None
    finally:
        for file, _ in staged:
            file.discard()
    return tuple(Path(p) for p in outputs)


class _Staged:
    """One file written in full and synced, unnamed where the system allows it."""

    def __init__(self, path: Path, data: bytes, durable: bool = True) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(21, "a folder is in the way", str(path))
        self.fd, self.tmp = _open_unnamed(path.parent)
        self.durable = durable
        try:
            _write_all(self.fd, data, durable)
            if self.tmp:
                os.fchmod(self.fd, _file_mode())  # mkstemp's files are 0600
        except BaseException:
            self.discard()
            raise

    def publish(self, path: Path) -> None:
        _keep_mode(self.fd, path)
        # A batch's old file is freed by the release thread, not inside the rename.
        old = -1 if self.durable else release.hold(path)
        # SIGTERM (how a run ends its workers) waits until the file has its name: a hidden
        # name with no rename after it would be left behind.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        try:
            if not self.tmp:  # give the unnamed file a hidden name, then rename it over
                self.tmp = _hidden_link(self.fd, path.parent)
            os.replace(self.tmp, path)
            self.tmp = ""
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            if old >= 0:
                release.later(old)

    def discard(self) -> None:
        if self.tmp:
            Path(self.tmp).unlink(missing_ok=True)
            self.tmp = ""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _hidden_link(fd: int, folder: Path) -> str:
    name = f".briefing-{secrets.token_hex(8)}.tmp"  # fits whatever the target's name
    directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:  # a dir fd makes os.link use linkat(AT_SYMLINK_FOLLOW), as /proc needs
        os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=directory, follow_symlinks=True)
    finally:
        os.close(directory)
    return str(folder / name)


def _keep_mode(fd: int, path: Path) -> None:
    """A file replaced keeps the mode it had (a 0600 briefing stays 0600); a new one has
    the umask's."""
    try:
        before = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return
    if stat.S_ISREG(before.st_mode):
        os.fchmod(fd, stat.S_IMODE(before.st_mode))


def _open_unnamed(folder: Path) -> tuple[int, str]:
    """(fd, "") for an unnamed file in ``folder``; (fd, name) where unnamed files are not
    to be had. The mode is what the process's umask gives a new file."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and _proc_fd():
        try:
            return os.open(folder, flag | os.O_WRONLY, 0o666), ""
        except OSError:
            pass  # a file system without O_TMPFILE: a named temporary file instead
    fd, tmp = tempfile.mkstemp(prefix=".briefing-", suffix=".tmp", dir=folder)
    return fd, tmp


@cache
def _proc_fd() -> bool:
    """Whether /proc/self/fd is there, which linking an unnamed file needs (once a process)."""
    return Path("/proc/self/fd").is_dir()


def _write_all(fd: int, data: bytes, durable: bool = True) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    if durable:
        os.fsync(fd)


def flush(folder: Path) -> None:
    """Put on disk everything written to ``folder``'s file system: one ``syncfs`` (Linux;
    ``sync`` elsewhere) and a sync of the folder itself, for the names renamed into it.
    A folder that cannot be opened (not there, a file in its way) holds nothing written.
    The files this process's batch replaced are freed first."""
    release.settle()
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        if not _syncfs(fd):
            os.sync()
        os.fsync(fd)
    except OSError as exc:
        raise BriefingError(f"cannot write output: {exc.strerror or exc}", str(folder)) from None
    finally:
        os.close(fd)


def _syncfs(fd: int) -> bool:
    """``syncfs(fd)`` where the C library has it; False where it does not."""
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    if call(fd) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))
    return True


def _file_mode() -> int:
    """The mode open() would give a new file under the process's umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read from /proc, not set and reset: changing it would race
    with other threads creating files."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            line = next(line for line in status if line.startswith("Umask:"))
        return int(line.split()[1], 8)
    except (OSError, StopIteration, ValueError, IndexError):
        return 0o022  # the common default, where /proc does not tell


def replace_folder(folder: Path, files: dict[str, bytes], prefix: str) -> tuple[Path, ...]:
    """Make ``folder`` hold ``files`` as one change. Files already there whose names do
    not start with ``prefix`` (the user's own) are kept; ``prefix`` ones not in ``files``
    go, so a day never shows one run's Markdown beside another run's PDF."""
    folder = Path(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise BriefingError(
                "is not a folder of its own (a link or a file is in the way); nothing written",
                str(folder),
            )
        with _locked(folder):
            staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
            try:
                _fill(staging, files)
                _keep_others(folder, staging, prefix, files)
                _swap(staging, folder)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # the old day, after the swap
    except OSError as exc:
        raise BriefingError(f"cannot write output: {exc.strerror or exc}", str(folder)) from None
    return tuple(folder / name for name in files)


@contextmanager
def _locked(folder: Path):
    """One writer per folder at a time (a second waits its turn); folders an earlier,
    killed run left half-built are removed while the lock is held."""
    import fcntl

    lock = os.open(folder.parent / f".{folder.name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in folder.parent.glob(f".{folder.name}.new-*"):
            shutil.rmtree(stale, ignore_errors=True)
        for aside in sorted(folder.parent.glob(f".{folder.name}.old-*")):
            if not folder.exists():  # killed between the two renames: the old day returns
                os.rename(aside, folder)
            else:
                shutil.rmtree(aside, ignore_errors=True)
        yield
    finally:
        os.close(lock)


def _fill(staging: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        fd = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's folders are 0700
    _sync(staging)


def _keep_others(folder: Path, staging: Path, prefix: str, files: dict[str, bytes]) -> None:
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name in files or entry.name.startswith(prefix):
            continue
        target = staging / entry.name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target, symlinks=True)
        else:
            try:
                os.link(entry, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry, target, follow_symlinks=False)


def _swap(staging: Path, folder: Path) -> None:
    """Exchange ``staging`` and ``folder`` in one step (the old folder ends at
    ``staging``); where the kernel cannot, rename the old one aside, then the new in."""
    if not folder.exists():
        os.rename(staging, folder)
        _sync(folder.parent)
        return
    _keep_folder_mode(folder, staging)
    if not _exchange(staging, folder):  # two renames; a kill between them is undone
        aside = folder.parent / f".{folder.name}.old-{secrets.token_hex(4)}"
        os.rename(folder, aside)  # by the next run (see _locked)
        try:
            os.rename(staging, folder)
        except BaseException:
            os.rename(aside, folder)
            raise
        os.rename(aside, staging)
    _sync(folder.parent)


def _keep_folder_mode(folder: Path, staging: Path) -> None:
    """The new day gets the old day's mode (a 0710 TLP folder stays 0710)."""
    os.chmod(staging, stat.S_IMODE(folder.stat().st_mode))


def _exchange(a: Path, b: Path) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        result = libc.renameat2(
            _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
        )
    except (OSError, AttributeError):
        return False
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not on this file system
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


def _sync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
