"""Many inputs, one way: what to read, what to call each output, and one parallel runner.

    plan(inputs)                 files, folders, globs and ``-`` -> Items, in input order
    run(work, items, jobs, ...)  ``work(item)`` for every item, results in input order

``make``, ``daily`` and ``eval`` all go through ``run``: one pool, one progress report,
one bad item never stopping the rest (``work`` returns its error as a value).
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .errors import BriefingError
from .read import KINDS, STDIN

T = TypeVar("T")
R = TypeVar("R")
Progress = Callable[[int, int, str], None]  # (done, total, source just finished)


@dataclass(frozen=True)
class Item:
    """One input of a batch: a file to read (or ``-``), or why an input gave none."""

    source: str
    stem: str = ""  # a name for its outputs, unique within the batch
    error: BriefingError | None = None
    data: bytes | None = None  # standard input, read once by the main process

    @property
    def path(self) -> Path:
        return Path(self.source)


@dataclass(frozen=True)
class Plan:
    items: tuple[Item, ...]
    skipped: tuple[Path, ...] = ()  # files in the folders given that are not of a readable kind


def plan(inputs: Iterable[str | Path]) -> Plan:
    """Files as given; folders replaced by their article files, sorted by name; a quoted
    glob pattern ("inbox/*.html") expanded; ``-`` (standard input) kept. A folder with no
    article file, a pattern that matches nothing or an unreadable folder becomes an Item
    with its error, in its place, so a batch reports it and goes on."""
    found: list[Path | BriefingError] = []
    skipped: list[Path] = []
    for given in inputs:
        found.extend(_expand(str(given), skipped))
    stems: set[str] = set()
    items = tuple(
        Item(thing.source or "", error=thing)
        if isinstance(thing, BriefingError)
        else Item(str(thing), _unique("stdin" if str(thing) == STDIN else thing.stem, stems))
        for thing in found
    )
    return Plan(items, tuple(skipped))


def _expand(given: str, skipped: list[Path]) -> list[Path | BriefingError]:
    if not given.strip():
        return [BriefingError("an input name is empty", repr(given))]
    path = Path(given)
    try:
        if given != STDIN and not path.exists() and glob.has_magic(given):
            matches = sorted(Path(m) for m in glob.glob(given, recursive=True) if Path(m).is_file())
            return list(matches) or [BriefingError("no file matches this pattern", given)]
        if not path.is_dir():
            return [path]
        files = sorted(p for p in path.iterdir() if p.is_file())
    except OSError as exc:
        return [BriefingError(f"cannot read: {exc.strerror or exc}", given)]
    articles = [p for p in files if p.suffix.lower() in KINDS]
    if not articles:
        return [BriefingError(f"folder has no article files ({'/'.join(KINDS)})", given)]
    skipped.extend(p for p in files if p.suffix.lower() not in KINDS and not p.name.startswith("."))
    return articles


def _unique(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3`` ... the first name this batch has not used yet."""
    name, n = stem, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}"
    taken.add(name)
    return name


def with_stdin(items: Iterable[Item], max_bytes: int) -> tuple[Item, ...]:
    """The items, with standard input (``-``) read here, once, by the main process, so a
    worker, whose standard input is not the run's, is handed the bytes."""
    from dataclasses import replace

    from .read import read_stdin

    items = tuple(items)
    if not any(item.source == STDIN and not item.error for item in items):
        return items
    try:
        data, error = read_stdin(max_bytes), None
    except BriefingError as exc:
        data, error = None, exc
    return tuple(
        replace(item, data=data, error=error) if item.source == STDIN and not item.error else item
        for item in items
    )


def run(
    work: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    label: Callable[[T], str] = str,
    budget: float | None = None,
    failed: Callable[[T, str], R],
) -> Iterator[R]:
    """``work(item)`` for each item in worker processes (``workers``), yielded in input
    order as soon as it and all before it are ready. An item that took more than
    ``budget`` seconds of CPU, or whose worker died, gives ``failed(item, reason)``."""
    from .workers import serve

    items = list(items)
    ready: dict[int, R] = {}
    done = 0
    for index, result in serve(work, items, jobs=jobs, budget=budget, failed=failed):
        ready[index] = result
        while done in ready:
            if progress:
                progress(done + 1, len(items), label(items[done]))
            yield ready.pop(done)
            done += 1
