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


def run(
    work: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    label: Callable[[T], str] = str,
) -> Iterator[R]:
    """``work(item)`` for each item, yielded in input order as soon as it is ready; with
    ``jobs`` > 1 in that many worker processes (``work`` and items must pickle)."""
    items = list(items)
    total = len(items)
    if jobs <= 1 or total <= 1:
        results: Iterable[R] = map(work, items)
        yield from _reported(results, items, progress, label)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # An explicit context: the process-wide start method is the caller's to choose.
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    chunk = max(1, min(16, total // (4 * jobs)))
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context) as pool:
        yield from _reported(pool.map(work, items, chunksize=chunk), items, progress, label)


def _reported(results: Iterable[R], items: list, progress: Progress | None, label) -> Iterator[R]:
    for done, (item, result) in enumerate(zip(items, results), 1):
        if progress:
            progress(done, len(items), label(item))
        yield result
