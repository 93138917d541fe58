"""Old files freed off the critical path: a replaced file's blocks are freed by a thread.

Renaming a new file over an old one frees the old one's blocks there and then, inside
the rename; on this machine's ext4 that waited 1-2 ms a file (not CPU: the disk's
discards and the journal), so a ``make`` into a folder it had written before spent a
fifth of its time waiting on renames (bench/speed.md). ``hold(path)`` takes a reference
to the file about to be replaced (an ``O_PATH`` descriptor: no read, no open of a
device), so the rename only drops its name; ``later(fd)`` gives the descriptor to a
thread whose ``close`` frees the blocks while the batch works on. Nothing is left on
disk whatever happens: a process that dies has its descriptors closed by the kernel.
``settle()`` waits until every descriptor given is closed.
"""

from __future__ import annotations

import os
import queue
import threading

_O_PATH = getattr(os, "O_PATH", 0)
_state: tuple[int, queue.SimpleQueue] | None = None  # (owning pid, its queue)
_lock = threading.Lock()


def hold(path: os.PathLike | str) -> int:
    """A descriptor that keeps the file at ``path`` (not a link's target) in existence, or
    -1 when there is none, or the system has no ``O_PATH``."""
    if not _O_PATH:
        return -1
    try:
        return os.open(path, _O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return -1


def later(fd: int) -> None:
    """Close ``fd`` on this process's release thread (started on first use)."""
    _queue().put(fd)


def settle() -> None:
    """Return once every descriptor given to ``later`` in this process is closed."""
    if _state is not None and _state[0] == os.getpid():
        done = threading.Event()
        _state[1].put(done)
        done.wait()


def _queue() -> queue.SimpleQueue:
    global _state
    with _lock:
        if _state is None or _state[0] != os.getpid():  # none yet, or forked: a new one
            pending: queue.SimpleQueue = queue.SimpleQueue()
            threading.Thread(
                target=_close_all, args=(pending,), name="briefing-release", daemon=True
            ).start()
            _state = (os.getpid(), pending)
        return _state[1]


def _close_all(pending: queue.SimpleQueue) -> None:
    while True:
        item = pending.get()
        if isinstance(item, threading.Event):
            item.set()
            continue
        try:
            os.close(item)
        except OSError:
            pass
