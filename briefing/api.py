"""The library's front door: the calls the CLI and other programs use.

make(path, out_dir)        one article file -> written briefing files
make_many(inputs, out_dir) files and folders -> one result per article, errors included
brief(article)             Article -> Briefing (no I/O)
render_briefing(briefing)  Briefing -> {format: bytes} (no I/O)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from .compose import compose
from .errors import BriefingError
from .model import Article, Briefing
from .read import MAX_BYTES, expand_inputs, read_path
from .settings import FORMATS, Options, Settings, resolve  # noqa: F401  (FORMATS re-exported)
from .summarize import rank

PACKAGE_SEEDS = Path(__file__).resolve().parent / "seeds"
Wanted = Options | Settings


@dataclass(frozen=True)
class Result:
    """What happened to one input: the files written, or the error that stopped it."""

    source: str
    written: tuple[Path, ...] = ()
    error: BriefingError | None = field(default=None)
    note: str = ""  # how it was read: encoding, sentences, lines left out


def brief(
    article: Article, options: Wanted = Options(), issued: datetime | None = None
) -> Briefing:
    """Rank the article's sentences and compose its briefing."""
    settings = _settings(options)
    issued = issued or settings.now()
    ranking = rank(article, settings.method)
    briefing = compose(
        article,
        ranking,
        key_points=settings.key_points,
        sentences=settings.sentences,
        issued=issued,
        selection=settings.selection,
    )
    return with_extras(briefing, article, settings.extras)


def with_extras(briefing: Briefing, article: Article, extras: tuple[str, ...]) -> Briefing:
    """Add the audience's extra blocks (key figures, who said what) to a briefing."""
    if not extras:
        return briefing
    from . import facts

    return replace(
        briefing,
        figures=facts.key_figures(article) if "figures" in extras else (),
        statements=facts.statements(article) if "statements" in extras else (),
    )


def render_briefing(briefing: Briefing, options: Wanted = Options()) -> dict[str, bytes]:
    """Every requested format of the briefing, rendered in memory."""
    from .render.markdown import render_markdown

    settings = _settings(options)
    page = settings.dressed(briefing.issued)
    markdown = render_markdown(briefing, presentation=page, path=settings.path)
    outputs = {"md": markdown.encode("utf-8")}
    if "html" in settings.formats or "pdf" in settings.formats:
        from .render.html import render_html

        html = render_html(markdown, title=briefing.title, presentation=page, path=settings.path)
        outputs["html"] = html.encode("utf-8")
        if "pdf" in settings.formats:
            from .render.pdf import html_to_pdf

            outputs["pdf"] = html_to_pdf(html, roots=settings.path)
    return {fmt: outputs[fmt] for fmt in settings.formats}


def _settings(options: Wanted) -> Settings:
    return options if isinstance(options, Settings) else resolve(options)


def make(
    path: str | Path,
    out_dir: str | Path,
    options: Wanted = Options(),
    *,
    issued: datetime | None = None,
    stem: str | None = None,
) -> tuple[Path, ...]:
    """Brief one article file into ``out_dir/<stem>.<format>``; return the paths written.

    Everything is rendered before anything is written, and each file is written
    atomically, so a failure leaves no partial output.
    """
    settings = _settings(options)
    return _make(
        read_path(path, settings.max_bytes), out_dir, settings, issued, stem or Path(path).stem
    )


def _make(article: Article, out_dir, options: Settings, issued, stem: str) -> tuple[Path, ...]:
    from .publish.files import write_all_atomic

    try:
        outputs = render_briefing(brief(article, options, issued), options)
    except BriefingError as exc:
        raise exc.for_source(article.source) from None
    return write_all_atomic(
        {Path(out_dir) / f"{stem}.{fmt}": data for fmt, data in outputs.items()}
    )


def describe(article: Article) -> str:
    """One line on how an article was read, for ``--verbose``."""
    encoding = article.metadata.encoding or "HTML (trafilatura)"
    return (
        f"read as {encoding}; {len(article.sentences())} sentences in {len(article.sections)} "
        f"sections; {len(article.dropped)} lines left out as furniture"
    )


def make_many(
    inputs: list[str | Path],
    out_dir: str | Path,
    options: Wanted = Options(),
    *,
    issued: datetime | None = None,
    jobs: int = 1,
) -> Iterator[Result]:
    """Brief every article among ``inputs`` (files or folders), yielding one Result per
    article in input order as soon as it is ready; one bad input stops nothing.

    With ``jobs`` > 1 the articles are briefed in that many worker processes.
    """
    options = _settings(options)  # every setting checked before any article is read
    issued = issued or options.now()
    stems: set[str] = set()
    tasks = []
    for item in expand_inputs(list(inputs) or [default_inputs()]):
        if isinstance(item, BriefingError):
            tasks.append(item)
        else:
            stem = "stdin" if str(item) == "-" else item.stem
            tasks.append((item, Path(out_dir), options, issued, _unique_stem(stem, stems)))
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(_make_task, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        yield from pool.map(_make_task, tasks, chunksize=max(1, min(16, len(tasks) // (4 * jobs))))


def _make_task(task) -> Result:
    if isinstance(task, BriefingError):
        return Result(task.source or "", error=task)
    path, out_dir, options, issued, stem = task
    try:
        article = read_path(path, options.max_bytes)
        return Result(
            str(path), _make(article, out_dir, options, issued, stem), note=describe(article)
        )
    except BriefingError as exc:
        return Result(str(path), error=exc.for_source(str(path)))


def brief_many(
    inputs: list[str | Path],
    options: Wanted = Options(),
    *,
    issued: datetime | None = None,
    jobs: int = 1,
) -> Iterator[tuple[str, Briefing | BriefingError]]:
    """(source, briefing or error) for every article among ``inputs``, in input order."""
    settings = _settings(options)
    issued = issued or settings.now()
    tasks = [
        item if isinstance(item, BriefingError) else (item, settings, issued)
        for item in expand_inputs(list(inputs))
    ]
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(_brief_task, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
        yield from pool.map(_brief_task, tasks, chunksize=max(1, min(16, len(tasks) // (4 * jobs))))


def _brief_task(task):
    if isinstance(task, BriefingError):
        return task.source or "", task
    path, settings, issued = task
    try:
        return str(path), brief(read_path(path, settings.max_bytes), settings, issued)
    except BriefingError as exc:
        return str(path), exc.for_source(str(path))


def daily(
    inputs: list[str | Path],
    out_dir: str | Path,
    options: Wanted = Options(),
    *,
    day=None,
    title: str | None = None,
    jobs: int = 1,
    progress=None,
) -> tuple[tuple[Path, ...], list[BriefingError]]:
    """Brief every article among ``inputs`` into one daily briefing, written to
    ``out_dir/YYYY-MM-DD/briefing.{md,html,pdf,json}`` (the formats asked for, plus json),
    all replaced together. Returns the paths written and the articles that failed."""
    from .daily import assemble
    from .publish.files import write_all_atomic

    settings = _settings(options)
    issued = settings.now()
    day = day or issued.date()
    briefings, errors = [], []
    for n, (source, result) in enumerate(brief_many(inputs, settings, issued=issued, jobs=jobs), 1):
        (errors if isinstance(result, BriefingError) else briefings).append(result)
        if progress:
            progress(n, source)
    if not briefings:
        first = f"; the first: {errors[0]}" if errors else ""
        raise BriefingError(
            f"no article could be briefed ({len(errors)} failed{first}); nothing written"
        )
    day_briefing = assemble(
        briefings, title=title or f"Daily briefing, {day.day} {day:%B %Y}", day=day, issued=issued
    )
    outputs = _daily_outputs(day_briefing, settings)
    folder = Path(out_dir) / day.isoformat()
    return write_all_atomic(
        {folder / f"briefing.{fmt}": data for fmt, data in outputs.items()}
    ), errors


def _daily_outputs(day_briefing, settings: Settings) -> dict[str, bytes]:
    """The day's formats, in memory: those asked for, and always the JSON."""
    import json

    from .render.daily import daily_dict, daily_html, daily_markdown

    page = settings.dressed(day_briefing.issued)
    outputs = {
        "md": daily_markdown(day_briefing, presentation=page, path=settings.path).encode("utf-8")
    }
    if "html" in settings.formats or "pdf" in settings.formats:
        html = daily_html(day_briefing, presentation=page, path=settings.path)
        outputs["html"] = html.encode("utf-8")
        if "pdf" in settings.formats:
            from .render.pdf import html_to_pdf

            outputs["pdf"] = html_to_pdf(html, roots=settings.path)
    outputs = {fmt: outputs[fmt] for fmt in ("md", "html", "pdf") if fmt in settings.formats}
    outputs["json"] = (
        json.dumps(daily_dict(day_briefing), ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")
    return outputs


def read_many(
    inputs: list[str | Path], max_bytes: int = MAX_BYTES
) -> Iterator[Article | BriefingError]:
    """Every article among ``inputs`` as the reader understands it, or the error for it."""
    for item in expand_inputs(list(inputs)):
        if isinstance(item, BriefingError):
            yield item
            continue
        try:
            yield read_path(item, max_bytes)
        except BriefingError as exc:
            yield exc.for_source(str(item))


def default_inputs() -> Path:
    """``./seeds`` when the working folder has one, else the sample carried in the package."""
    local = Path("seeds")
    return local if local.is_dir() else PACKAGE_SEEDS


def _unique_stem(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3`` ... the first name this run has not used yet."""
    name, n = stem, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}"
    taken.add(name)
    return name
