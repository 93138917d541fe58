"""The library's public calls: each reads, runs the pipeline over a batch, and writes.

    make(path, out_dir, settings)         one article file -> its written files
    make_many(inputs, out_dir, settings)  files and folders -> one Result per article
    daily(inputs, out_dir, settings)      many articles -> one dated briefing
    read_many(inputs)                     what the reader understood of each input
    email(markdown_file, settings)        a written briefing to its readers
    fetch(settings)                       the configured feeds and pages into the store
    search(query)                         the stored articles that have its words
    run(out_dir, config=...)              fetch, then each mailed audience's daily, mailed

Settings come from ``settings.load_settings``; ``pipeline`` holds brief and render,
``batch`` the input expansion and the worker pool. Every file is written atomically,
all formats of a briefing (or of a day) before any is renamed into place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path

from . import batch
from .child import budgeted
from .errors import BriefingError, shown
from .model import Article, Briefing
from .names import stem_for
from .pipeline import brief, render_each
from .read import read_bytes, read_path
from .settings import Settings

PACKAGE_SEEDS = Path(__file__).resolve().parent / "seeds"


@dataclass(frozen=True)
class Result:
    """What happened to one input: the files written, or the error that stopped it."""

    source: str
    written: tuple[Path, ...] = ()
    error: BriefingError | None = field(default=None)
    note: str = ""  # how it was read: encoding, sentences, lines left out
    warnings: tuple[str, ...] = ()  # what the reader should know of a written file
    recorded: object = None  # (store.history.Reading, sentences shown), for the store


@dataclass(frozen=True)
class DailyResult:
    written: tuple[Path, ...]
    errors: tuple[BriefingError, ...]  # the articles that could not be briefed
    skipped: tuple[Path, ...] = ()  # files in the folders given that are not articles
    warnings: tuple[str, ...] = ()  # e.g. a script the PDF shows as boxes


def make(
    path: str | Path, out_dir: str | Path, settings: Settings, *, stem: str | None = None
) -> tuple[Path, ...]:
    """Brief one article file into ``out_dir/<stem>.<format>`` (and ``.json``); the stem
    is by default ``names.stem_for(path)``, the file's own, made safe as a file name. A
    PDF that cannot be made is raised as an error after the other formats are written."""
    article = read_path(path, settings.max_bytes)
    written, pdf_error, _ = _write_briefing(
        brief(article, settings), Path(out_dir), settings, stem or stem_for(path)
    )
    if pdf_error:
        raise pdf_error
    return written


def _write_briefing(
    briefing: Briefing, out_dir: Path, settings: Settings, stem: str, *, durable: bool = True
) -> tuple[tuple[Path, ...], BriefingError | None, tuple[str, ...]]:
    """(files written, the PDF's error if it alone failed, warnings on the PDF); a batch
    writes with ``durable=False`` and flushes once at its end (publish.files.flush)."""
    from .publish.files import write_all_atomic

    try:
        made = render_each(briefing, settings, (*settings.formats, "json"))
    except BriefingError as exc:
        raise exc.for_source(briefing.source) from None
    written = write_all_atomic(
        {out_dir / f"{stem}.{fmt}": data for fmt, data in made.outputs.items()}, durable=durable
    )
    pdf = out_dir / f"{stem}.pdf"
    error = made.error and BriefingError(
        f"{made.error.cause}; the other formats were written", briefing.source
    )
    return written, error, tuple(f"{shown(str(pdf))}: {w}" for w in made.warnings)


def make_many(
    inputs: list[str | Path],
    out_dir: str | Path,
    settings: Settings,
    *,
    jobs: int = 1,
    progress: batch.Progress | None = None,
    store_path: str | Path | None = None,
) -> Iterator[Result]:
    """Brief every article among ``inputs`` (default: the sample articles), yielding one
    Result per article in input order as soon as it is ready, then one per file left out
    as not an article (with ``note``); one bad input stops nothing."""
    from .publish.files import flush

    work = batch.plan(list(inputs) or [default_inputs()])
    settings = settings.replace(issued=settings.now())  # one issue time for the whole run
    made = []
    for result in batch.run(
        partial(_make_task, Path(out_dir), settings),
        batch.with_stdin(work.items, settings.max_bytes),
        jobs=jobs,
        progress=progress,
        label=lambda i: i.source,
        budget=settings.time_limit,
        failed=lambda item, reason: Result(item.source, error=_stopped(item, reason)),
    ):
        if result.recorded:
            made.append(result.recorded)
        yield result
    for path in work.skipped:
        yield Result(str(path), note="left out: not an article file (.txt, .md, .html)")
    flush(Path(out_dir))  # the articles' files were not synced one by one
    yield from _record_makes(made, settings, store_path)


def _record_makes(made: list, settings: Settings, store_path) -> Iterator[Result]:
    """The run's inputs and what each briefing showed, into the store in one
    transaction; a store that cannot be written is a warning, the briefings stand."""
    from .store import open_store
    from .store.history import record_makes

    if not made:
        return
    path = Path(store_path) if store_path else _store_path()
    try:
        with open_store(path) as store:
            record_makes(store, settings.audience, settings.issued, made)
    except BriefingError as exc:
        yield Result(str(path), warnings=(f"{exc}; the briefings are not recorded",))


def _make_task(out_dir: Path, settings: Settings, item: batch.Item) -> Result:
    if item.error:
        return Result(item.source, error=item.error)
    try:
        with budgeted():  # the time limit is for reading and ranking, not for the PDF
            article = read_item(item, settings.max_bytes)
            briefing = brief(article, settings)
        written, pdf_error, warnings = _write_briefing(
            briefing, out_dir, settings, item.stem, durable=False
        )
        return Result(
            item.source,
            written,
            pdf_error,
            describe(article),
            warnings,
            _reading(item, article, briefing),
        )
    except BriefingError as exc:
        return Result(item.source, error=exc.for_source(item.source))


def _reading(item: batch.Item, article: Article, briefing: Briefing):
    """What the store keeps of a made briefing: its article's reading, the sentences shown."""
    from .agenda import outlet_of
    from .store import content_hash
    from .store.history import Reading

    text = " ".join(s.text for s in article.sentences())  # as the daily's Doc has it
    meta = briefing.metadata
    reading = Reading(
        item.source, content_hash(article.title, text), article.title, text, meta.url,
        outlet_of(meta.site, meta.url, briefing.source),
    )  # fmt: skip
    bullets = [b for section in briefing.sections for b in section.bullets]
    return reading, [s.text for s in (*briefing.key_points, *bullets)]


def describe(article: Article) -> str:
    """One line on how an article was read, for ``--verbose``."""
    encoding = article.metadata.encoding or "HTML (trafilatura)"
    return (
        f"read as {encoding}; {len(article.sentences())} sentences in {len(article.sections)} "
        f"sections; {len(article.dropped)} lines left out as furniture"
    )


def daily(
    inputs: list[str | Path],
    out_dir: str | Path,
    settings: Settings,
    *,
    day: date | None = None,
    title: str | None = None,
    jobs: int = 1,
    progress: batch.Progress | None = None,
    store_path: str | Path | None = None,
    since: datetime | None = None,
    fresh: bool = False,
) -> DailyResult:
    """Brief every article among ``inputs`` (none: the store's articles new since the
    audience's previous daily, or ``since``) into one daily briefing, written to
    ``out_dir/YYYY-MM-DD/briefing.{md,html,pdf,json}`` (the formats asked for, and the
    JSON record), all replaced together. Its stories are compared with the dailies of
    the days before (``since.follow``; not when ``fresh``) and it is recorded in the store."""
    from .render.pdf import discard, prepare

    settings = settings.replace(issued=settings.now())
    day = day or settings.issued.date()
    if "pdf" in settings.formats:
        prepare()  # WeasyPrint is imported in the PDF's child while the articles are briefed
    try:
        store = Path(store_path) if store_path else None
        return _daily(inputs, out_dir, settings, day, title, jobs, progress, store, since, fresh)
    finally:
        discard()


def _daily(inputs, out_dir, settings, day, title, jobs, progress, store, since, fresh):
    from .publish.files import replace_folder
    from .remember import stored_items

    skipped: tuple[Path, ...] = ()
    if inputs:
        work = batch.plan(inputs)
        items, ids = batch.with_stdin(work.items, settings.max_bytes), ()
        skipped = work.skipped
    else:
        items, ids = stored_items(
            store or _store_path(), settings.audience, day, settings.issued, since
        )
    results = list(
        batch.run(
            partial(_brief_task, settings),
            items,
            jobs=jobs,
            progress=progress,
            label=lambda i: i.source,
            budget=settings.time_limit,
            failed=_stopped,
        )
    )
    done = [(n, r) for n, r in enumerate(results) if not isinstance(r, BriefingError)]
    errors = tuple(r for r in results if isinstance(r, BriefingError))
    if not done:
        first = f"; the first: {errors[0]}" if errors else ""
        raise BriefingError(
            f"no article could be briefed ({len(errors)} failed{first}); nothing written"
        )
    briefed = _Briefed(
        [items[n].source for n, _ in done],
        [r[0] for _, r in done],
        [r[1] for _, r in done],
        [ids[n] if ids else None for n, _ in done],
    )
    made, warnings = _daily_of(briefed, settings, day, title, store, fresh)
    folder = Path(out_dir) / day.isoformat()
    pdf = str(folder / "briefing.pdf")
    if made.error:
        errors += (BriefingError(f"{made.error.cause}; the other formats were written", pdf),)
    written = replace_folder(
        folder, {f"briefing.{fmt}": data for fmt, data in made.outputs.items()}, prefix="briefing."
    )
    warnings += tuple(f"{shown(pdf)}: {w}" for w in made.warnings)
    return DailyResult(written, errors, skipped, warnings)


@dataclass(frozen=True)
class _Briefed:
    sources: list[str]
    briefings: list[Briefing]
    docs: list
    ids: list


def _store_path() -> Path:
    from .store import default_store_path

    return default_store_path()


def _daily_of(briefed: _Briefed, settings: Settings, day, title, store, fresh: bool):
    """The day's briefing rendered, compared with earlier dailies and recorded in the
    store; a store that cannot be opened is a warning for file inputs, not an error."""
    from contextlib import ExitStack

    from .daily import assemble
    from .remember import Memory
    from .since import Past, clusters, follow, today_only
    from .store import open_store

    warnings: tuple[str, ...] = ()
    with ExitStack() as stack:
        memory, past = None, Past()
        try:
            opened = stack.enter_context(open_store(store or _store_path()))
            memory = Memory(opened, settings.audience, day, settings.issued)
            memory.know(briefed.sources, briefed.briefings, briefed.docs, briefed.ids)
            past = memory.past(fresh, settings.desk.history)
        except BriefingError as exc:
            if store is not None or any(i is not None for i in briefed.ids):
                raise
            memory = None
            warnings = (f"{exc}; this daily is not compared with earlier ones nor recorded",)
        joint = clusters(briefed.docs, past) if past.stories else None
        day_briefing = assemble(
            briefed.briefings,
            title=title or f"Daily briefing, {day.day} {day:%B %Y}",
            day=day,
            issued=settings.issued,
            desk=settings.desk,
            docs=briefed.docs,
            clusters=joint and today_only(joint, len(briefed.docs)),
            apart=joint.apart if joint else (),
        )
        day_briefing = follow(day_briefing, briefed.docs, past, settings.desk, joint)
        made = render_each(day_briefing, settings, (*settings.formats, "json"))
        if memory:
            memory.record(day_briefing)
    return made, warnings


def _brief_task(settings: Settings, item: batch.Item):
    """An article's briefing and the article as the day's story clustering reads it."""
    from .stories import Doc

    if item.error:
        return item.error
    try:
        with budgeted():
            article = read_item(item, settings.max_bytes)
            text = " ".join(s.text for s in article.sentences())
            return brief(article, settings), Doc(article.title, text)
    except BriefingError as exc:
        return exc.for_source(item.source)


def read_item(item: batch.Item, max_bytes: int) -> Article:
    """The article of one batch item: its file, the standard input the run read, or a
    stored page with what the store knows of it (its outlet, URL, date, the feed's topic)
    in place of what the page says."""
    from dataclasses import replace

    from .read import STDIN

    if item.data is None:
        return read_path(item.source, max_bytes)
    article = read_bytes(item.data, "stdin" if item.source == STDIN else item.source, item.kind)
    if not item.metadata:
        return article
    return replace(article, metadata=replace(article.metadata, **dict(item.metadata)))


_SIZE_SHOWN = 64 * 1024 * 1024  # at most this much is read again to say how big it was


def _head(source: str, limit: int) -> bytes:
    from .names import open_regular

    with open_regular(source) as handle:
        return handle.read(limit)


def _stopped(item: batch.Item, reason: str) -> BriefingError:
    """The error for an item whose worker overran its budget or died: what was read."""
    size = ""
    try:
        data = item.data if item.data is not None else _head(item.source, _SIZE_SHOWN)
        lines = data.count(b"\n") + (not data.endswith(b"\n"))
        more = "+" if len(data) >= _SIZE_SHOWN else ""
        size = f" ({len(data):,}{more} bytes, {lines:,}{more} lines)"
    except (OSError, BriefingError):
        pass
    return BriefingError(f"{reason}{size}; left out", item.source)


def read_many(inputs: list[str | Path], max_bytes: int) -> Iterator[Article | BriefingError]:
    """Every article among ``inputs`` as the reader understands it, or the error for it."""
    for item in batch.with_stdin(batch.plan(inputs).items, max_bytes):
        if item.error:
            yield item.error
            continue
        try:
            yield read_item(item, max_bytes)
        except BriefingError as exc:
            yield exc.for_source(item.source)


def email(
    markdown_file: str | Path,
    settings: Settings,
    *,
    to: tuple[str, ...] = (),
    subject: str | None = None,
    pdf: str | Path | None = None,
    eml: str | Path | None = None,
) -> str:
    """Mail a briefing's Markdown (with its HTML, and a PDF if given) to ``to`` (default:
    the audience's recipients), or write the message to ``eml``; returns what was done."""
    from .outbox import email_briefing

    return email_briefing(
        Path(markdown_file),
        settings,
        to=to,
        subject=subject,
        pdf=Path(pdf) if pdf else None,
        eml=Path(eml) if eml else None,
    )


def default_inputs() -> Path:
    """``./seeds`` when the working folder has one, else the sample carried in the package."""
    local = Path("seeds")
    return local if local.is_dir() else PACKAGE_SEEDS


# What a desk runs unattended lives beside this module and is part of its calls.
from .desk import RunResult, fetch, run, search  # noqa: E402

__all__ = ["RunResult", "fetch", "run", "search"]  # and the calls above
