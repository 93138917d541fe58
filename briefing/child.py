"""What a run's child process does to itself, and the CPU budget of the item it works on.

- It dies with the process that started it, SIGKILL included (Linux's parent-death
  signal; elsewhere a thread that watches the parent's id), so nothing goes on writing
  after a run has ended. The signal is SIGTERM, whose default action ends the process at
  once wherever it is, except in the two system calls that name a finished file, where
  ``publish.files`` holds it back: a kill never leaves a file half-named.
- It ignores SIGINT: Ctrl-C goes to the whole terminal group, and only the main process
  decides what an interrupt means (no stray tracebacks from children).
- Its BLAS runs on one thread: each child works on one small article on its own core,
  and OpenBLAS's threads, spinning between NumPy's tiny matrix products, took half the
  CPU of a `make` run (3.2 s against 6.5 s for 300 articles). Set through the
  environment before the child loads NumPy; a caller that loaded it before the run
  keeps its own thread count.
- ``budgeted()``: SIGPROF after the item's CPU seconds stops its work (``Overrun``), and
  the kernel's CPU limit, a few seconds later, ends a child stuck in C code where no
  signal handler can run.
Nothing here is done to the caller's process; ``owned()`` tells the two apart.
"""

from __future__ import annotations

import math
import os
import signal
import threading

GRACE_SECONDS = 5  # past the budget, the kernel's CPU limit ends a child stuck in C code
_PR_SET_PDEATHSIG = 1
_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class Overrun(BaseException):
    """Raised inside a child when its item's CPU budget is spent (not an Exception, so
    no ``except Exception`` in the work can swallow it)."""


_BUDGET: float | None = None  # the CPU seconds of the item this child works on


def set_budget(seconds: float | None) -> None:
    """The CPU seconds of each item this child will work on (``workers.serve``'s)."""
    global _BUDGET
    _BUDGET = seconds


def budgeted() -> cpu_budget:
    """What a work function wraps its reading and ranking in: the item's CPU budget in a
    child of ``serve``; nothing anywhere else (a library caller's own process)."""
    return cpu_budget(_BUDGET)


_CHILD_OF: list[int] = []  # in a child of a run: the process that started it


def owned() -> bool:
    """Whether this process is a run's own child (``as_child`` was called in it), whose
    process-wide state the run may set; never the caller's process."""
    return bool(_CHILD_OF) and _CHILD_OF[-1] == os.getppid()


def as_child(parent: int, *, by_thread: bool = True) -> None:
    """What every child of a run does first: die with ``parent``, leave SIGINT to it,
    and take SIGTERM's default (not a handler the parent's command line set); BLAS
    on one thread (see the module's docstring).
    ``by_thread``: the kernel's parent-death signal, which comes when the forking thread
    ends, so only for a child forked from the main thread; else a watching thread."""
    if by_thread:
        _die_with_parent(parent)
    else:
        _watch_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for name in _ONE_THREAD:  # the child's own environment; the parent's is untouched
        os.environ[name] = "1"
    _CHILD_OF.append(parent)


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies; check it has not already."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _watch_parent(parent: int) -> None:
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class cpu_budget:  # a context manager, named as a function is
    """Within a child: SIGPROF after ``seconds`` of CPU raises Overrun; the kernel's soft
    CPU limit, a few seconds later, ends the process if the signal could not be handled."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        if self.seconds is None:
            return
        import resource

        signal.signal(signal.SIGPROF, _overrun)
        signal.setitimer(signal.ITIMER_PROF, self.seconds)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used = usage.ru_utime + usage.ru_stime
        self.before = resource.getrlimit(resource.RLIMIT_CPU)
        held, hard = self.before
        soft = math.ceil(used + self.seconds + GRACE_SECONDS)
        if held == resource.RLIM_INFINITY or soft < held:
            core_hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
            resource.setrlimit(resource.RLIMIT_CORE, (0, core_hard))  # no core file on SIGXCPU
            resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))

    def __exit__(self, *exc) -> None:
        if self.seconds is None:
            return
        import resource

        signal.setitimer(signal.ITIMER_PROF, 0)
        resource.setrlimit(resource.RLIMIT_CPU, self.before)  # what it was, for what follows


def _overrun(signum, frame) -> None:
    raise Overrun
