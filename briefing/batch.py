"""Many inputs, one way: what to read, what to call each output, and one parallel runner.

    plan(inputs)                 files, folders, globs and ``-`` -> Items, in input order
    run(work, items, jobs, ...)  ``work(item)`` for every item, results in input order

``make``, ``daily`` and ``eval`` all go through ``run``: one pool, one progress report,
one bad item never stopping the rest (``work`` returns its error as a value).
"""

from __future__ import annotations

import glob
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .errors import BriefingError
from .names import stem_for
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
    data: bytes | None = None  # standard input, read once by the main process; a stored page
    kind: str | None = None  # how to read ``data`` ("html", "text", "markdown"); None: sniffed
    metadata: tuple[tuple[str, str], ...] = ()  # what the store knows: site, url, date, category

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
    with its error, in its place, so a batch reports it and goes on.

    A file given by name is read even if it is a link; a folder or a pattern follows no
    link out of the folder it names (each one becomes an Item with its error), and
    ``**`` never descends into a linked folder, so a link loop cannot repeat a file. A
    file found twice (two names, a link, a hard link) is briefed once, first name first.
    Each output stem is ``names.stem_for`` the file's name, unique within the batch."""
    found: list[Path | BriefingError] = []
    skipped: list[Path] = []
    for given in inputs:
        found.extend(_expand(str(given), skipped))
    stems: set[str] = set()
    seen: set[object] = set()
    items = []
    for thing in found:
        if isinstance(thing, BriefingError):
            items.append(Item(thing.source or "", error=thing))
        elif _first_time(thing, seen):
            stem = "stdin" if str(thing) == STDIN else stem_for(thing)
            items.append(Item(str(thing), _unique(stem, stems)))
    return Plan(tuple(items), tuple(skipped))


def _first_time(path: Path, seen: set[object]) -> bool:
    """False for a file already planned: the same device and inode (or, for a name that
    cannot be looked at, the same name). Standard input is never the same twice."""
    if str(path) == STDIN:
        return True
    try:
        info = path.stat()
        key: object = (info.st_dev, info.st_ino)
    except (OSError, ValueError):
        key = str(path)
    if key in seen:
        return False
    seen.add(key)
    return True


def _expand(given: str, skipped: list[Path]) -> list[Path | BriefingError]:
    if not given.strip():
        return [BriefingError("an input name is empty", repr(given))]
    path = Path(given)
    try:
        if given != STDIN and not path.exists() and glob.has_magic(given):
            matches = sorted(Path(m) for m in _glob(given) if Path(m).is_file())
            if not matches:
                return [BriefingError("no file matches this pattern", given)]
            return _contained(matches, _literal_base(given))
        if not path.is_dir():
            return [path]
        files = sorted(p for p in path.iterdir() if p.is_file())
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        return [BriefingError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", given)]
    articles = [p for p in files if p.suffix.lower() in KINDS]
    if not articles:
        return [BriefingError(f"folder has no article files ({'/'.join(KINDS)})", given)]
    skipped.extend(p for p in files if p.suffix.lower() not in KINDS and not p.name.startswith("."))
    return _contained(articles, path)


def _contained(paths: list[Path], folder: Path) -> list[Path | BriefingError]:
    """``paths``, except that one whose real place is outside ``folder`` (a link out of
    it) is an error naming it and where it leads: it is not read."""
    root = folder.resolve()
    kept: list[Path | BriefingError] = []
    for path in paths:
        target = path.resolve()
        if target.is_relative_to(root):
            kept.append(path)
        else:
            kept.append(
                BriefingError(
                    f"a link to {target}, outside {folder}: not followed (name the file "
                    "itself to brief it)",
                    str(path),
                )
            )
    return kept


def _literal_base(pattern: str) -> Path:
    """The folder a pattern names before its first wildcard: ``inbox`` for
    ``inbox/**/*.txt``, ``.`` for ``*.txt``."""
    parts = pattern.split(os.sep)[:-1]
    literal = list(itertools.takewhile(lambda part: not glob.has_magic(part), parts))
    if literal == [""]:
        return Path(os.sep)
    return Path(os.sep.join(literal) or os.curdir)


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern, recursive=True)``, except that ``**`` does not descend into a
    linked folder (``glob`` follows links, so a loop repeats every file in it)."""
    parts = pattern.split(os.sep)
    if "**" not in parts:
        return glob.glob(pattern)
    at = parts.index("**")
    head, tail = os.sep.join(parts[:at]), parts[at + 1 :] or ["*"]
    if not head and pattern.startswith(os.sep):
        head = os.sep
    found: list[str] = []
    for root in glob.glob(head) if glob.has_magic(head) else [head]:
        for folder, subfolders, _ in os.walk(root or os.curdir):  # followlinks=False
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            shown_as = folder if root else os.path.relpath(folder)
            prefix = "" if shown_as == os.curdir else glob.escape(shown_as)
            found.extend(_glob(os.path.join(prefix, *tail)))
    return found


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
    ``budget`` seconds of CPU, or whose worker died, gives ``failed(item, reason)``.
    The language model is not loaded before the workers fork: English, nearly all of a
    desk's text, is told without it (``language.detect``), and a worker that meets another
    language loads it then, once (0.8 s of that item's budget)."""
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
