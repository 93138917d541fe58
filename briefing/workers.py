"""Worker processes that end with the run and cannot overrun a CPU budget.

    serve(work, items, jobs=..., budget=..., failed=...)  -> (index, result) as each ends

Every item is worked on in a child process the run owns, one item at a time per child,
each child holding its next item already (``AHEAD``), so it never waits for the main
process between two items (a round trip of about 0.4 ms an item on this VM):
- a child dies with the process that started it and ignores SIGINT (``child.as_child``);
- an item gets ``budget`` seconds of CPU (``child.budgeted``): past it, the item is
  reported through ``failed(item, reason)`` and the child is replaced, since code
  stopped midway may have left it in any state;
- a child that dies for any other reason (out of memory, a crash, a kill) costs its item
  only: the item it was working on is tried once more in a new child (a kill aimed at a
  process, not at an item, costs nothing) and reported if that child dies too; the
  items it held and had not begun go to other children;
- a child's BLAS runs on one thread (``child.as_child``).
The caller's process is never changed: its signal handlers, start method and limits stay
as they were; everything above is set inside the children.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .child import Overrun, as_child, set_budget

T = TypeVar("T")
R = TypeVar("R")


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def serve(
    work: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    budget: float | None = None,
    failed: Callable[[T, str], R],
) -> Iterator[tuple[int, R]]:
    """``(index, work(item))`` for every item, in the order they finish, from at most
    ``jobs`` children (never more than the CPUs this process may use, or the items).
    An item whose child overran ``budget`` or died gives ``failed(item, reason)``."""
    items = list(items)
    pool = _Pool(work, budget, max(1, min(jobs, usable_cpus(), len(items))))
    waiting = deque(range(len(items)))
    try:
        finished = 0
        while finished < len(items):
            pool.give(waiting, items)
            if not pool.busy:  # every item is given out, answered or waiting: never here
                raise RuntimeError(f"{len(items) - finished} items were lost")
            for index, ok, value in pool.collect(waiting):
                finished += 1
                yield index, value if ok else failed(items[index], value)
    finally:
        pool.close()


AHEAD = 1  # items a child holds beside the one it works on


class _Held:
    """A busy child's pipe, the items it was given in order (the first is the one it
    works on, or will next), and the shared slot where it writes the item it began."""

    def __init__(self, conn, slot) -> None:
        self.conn, self.slot, self.given = conn, slot, deque()


class _Pool:
    """Children with one pipe each; a dead or overrun child is replaced on demand. Not
    daemonic, since a child starts the PDF renderer; `close` ends every one of them."""

    def __init__(self, work: Callable, budget: float | None, size: int) -> None:
        import multiprocessing

        # An explicit context: the process-wide start method is the caller's to choose.
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.work, self.budget, self.size = work, budget, size
        self.idle: list = []  # (child, connection, slot)
        self.busy: dict = {}  # child -> _Held
        self.children: dict = {}  # every child not yet ended -> its connection
        self.lost = 0  # children found dead before they began an item
        self.retried: set[int] = set()  # items whose first child died under them
        self.main_thread = threading.current_thread() is threading.main_thread()
        self.parent = os.getpid()

    def give(self, waiting: deque, items: list) -> None:
        """Up to ``size`` children busy, each given an item, then each one more while more
        items wait than there are children (at the end, whichever child is free first
        takes the last ones)."""
        while waiting and len(self.busy) < self.size:
            child, conn, slot = self.idle.pop() if self.idle else self._start()
            self.busy[child] = _Held(conn, slot)
        for depth in range(1 + AHEAD):
            for child, held in list(self.busy.items()):
                if not waiting or (depth and len(waiting) <= self.size):
                    return
                if len(held.given) > depth:
                    continue
                try:
                    held.conn.send((waiting[0], items[waiting[0]]))
                except OSError:  # it died: collect() tells what that cost
                    if not held.given:  # it died idle (the OOM killer, a kill): replaced
                        self._lost(child, waiting)
                        return self.give(waiting, items)
                    continue
                held.given.append(waiting.popleft())

    def _lost(self, child, waiting: deque) -> None:
        held = self.busy.pop(child)
        self._end(child, held.conn)
        waiting.extendleft(reversed(held.given))
        self.lost += 1
        if self.lost > 3 * self.size + 3:
            raise OSError("the run's worker processes keep dying")

    def _start(self):
        receive, send = self.context.Pipe()
        slot = self.context.RawValue("q", -1)
        child = self.context.Process(
            target=_child,
            args=(send, slot, self.work, self.budget, self.parent, self.main_thread),
        )
        self.children[child] = receive  # before start: a signal during it leaves no orphan
        child.start()
        send.close()
        return child, receive, slot

    def collect(self, waiting: deque) -> Iterator[tuple[int, bool, object]]:
        """Wait for at least one busy child to answer or die; (index, ok, result or
        reason) for every answer it sent."""
        from multiprocessing.connection import wait

        by_handle = {}
        for child, held in self.busy.items():
            by_handle[held.conn] = child
            by_handle[child.sentinel] = child
        ready = wait(list(by_handle))
        for child in dict.fromkeys(by_handle[handle] for handle in ready):
            yield from self._answers(child, self.busy[child], waiting)

    def _answers(self, child, held: _Held, waiting: deque):
        while held.given and (answer := _answer(held.conn)) is not None and answer[0] == "ok":
            yield held.given.popleft(), True, answer[1]
        if not held.given:
            self.idle.append((child, held.conn, held.slot))
            del self.busy[child]
        elif answer is not None or not child.is_alive():
            index = held.given[0]
            if answer is None and held.slot.value != index:  # died before beginning it
                self._lost(child, waiting)
                return
            del self.busy[child]
            self._end(child, held.conn)
            held.given.popleft()
            waiting.extendleft(reversed(held.given))  # not begun: other children take them
            if answer is None and index not in self.retried:  # a kill, a crash: once more
                self.retried.add(index)
                waiting.appendleft(index)
                return
            yield index, False, _reason(answer, child, self.budget)

    def _end(self, child, conn) -> None:
        self.children.pop(child, None)
        conn.close()
        child.join(timeout=1)  # a child that answered last words is on its way out
        if child.is_alive():
            child.kill()
        child.join()

    def close(self) -> None:
        """Idle children are told to stop; every other one (busy, or caught between two
        states by a signal) is killed, so nothing of this run is written after it ends
        and no child is left for the interpreter's exit to wait on. A second interrupt
        while closing is raised only once every child has been dealt with."""
        idle = {child for child, _, _ in self.idle}
        started = {c: conn for c, conn in self.children.items() if c.pid is not None}
        raised: BaseException | None = None
        for step in (0, 1):
            for child, conn in started.items():
                try:
                    if step == 1:
                        child.join(timeout=5)
                        if child.is_alive():
                            child.kill()
                            child.join()
                    elif child in idle:
                        conn.send(None)
                    else:  # SIGTERM: it ends at once, or right after naming a file
                        child.terminate()
                except OSError:
                    child.kill()
                except BaseException as exc:
                    child.kill()
                    raised = raised or exc
        for conn in self.children.values():
            conn.close()
        self.idle, self.busy, self.children = [], {}, {}
        if raised is not None:
            raise raised


def _answer(conn):
    try:
        return conn.recv() if conn.poll() else None
    except (EOFError, OSError):
        return None


def _reason(answer, child, budget: float | None) -> str:
    if answer is not None and answer[0] == "error":  # a bug in the work: this item only
        return answer[1]
    child.join(timeout=5)
    code = child.exitcode
    if answer is not None or (code is not None and -code == signal.SIGXCPU):
        return f"took more than {budget:g} s of CPU to read and rank"
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"its worker process was stopped by {name} (out of memory?)"
    return f"its worker process ended unexpectedly (exit code {code})"


def _child(conn, slot, work: Callable, budget: float | None, parent: int, main: bool) -> None:
    """Serve items from ``conn`` until told to stop (None) or the pipe closes, writing
    each item's index to ``slot`` as it begins it."""
    as_child(parent, by_thread=main)
    set_budget(budget)
    try:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if message is None:
                return
            slot.value, item = message
            try:
                result = work(item)
            except Overrun:
                conn.send(("overrun", budget))
                return  # stopped midway: this child is not trusted with another item
            except Exception as exc:  # a bug: reported for this item, the others go on
                conn.send(("error", f"internal error: {type(exc).__name__}: {exc}"))
                return
            try:
                conn.send(("ok", result))
            except Exception as exc:  # a result that does not pickle: a bug, this item only
                conn.send(("error", f"internal error: {type(exc).__name__}: {exc}"))
                return
    finally:
        conn.close()


def spread(work: Callable, n: int, size: int, jobs: int) -> list:
    """``work(span)`` for consecutive spans of ``size`` out of ``range(n)``, in order: in
    ``jobs`` worker processes when more than one (forked, they hold the data already; a
    span whose process died is done here), else here."""
    import multiprocessing

    spans = [(at, min(at + size, n)) for at in range(0, n, size)]
    jobs = min(jobs, usable_cpus())
    if jobs < 2 or len(spans) < 2 or multiprocessing.current_process().daemon:
        return [work(span) for span in spans]  # (a daemonic process may not have children)
    done: list = [None] * len(spans)
    for index, part in serve(work, spans, jobs=jobs, failed=lambda span, _: work(span)):
        done[index] = part
    return done
