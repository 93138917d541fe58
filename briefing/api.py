"""The library's front door: the calls the CLI and other programs use.

    make(path, out_dir)        one article file -> written briefing files
    make_many(inputs, out_dir) files and folders -> one result per article, errors included
    brief(article)             Article -> Briefing (no I/O)
    render_briefing(briefing)  Briefing -> {format: bytes} (no I/O)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .compose import compose
from .errors import BriefingError
from .model import Article, Briefing
from .read import expand_inputs, read_path
from .summarize import DEFAULT_METHOD, rank
from .templating import DEFAULT_SET, search_path

FORMATS = ("md", "html", "pdf")
PACKAGE_SEEDS = Path(__file__).resolve().parent / "seeds"


@dataclass(frozen=True)
class Options:
    """How to brief: counts, ranking method, output formats and templates."""

    key_points: int = 3
    sentences: int = 2
    method: str = DEFAULT_METHOD
    formats: tuple[str, ...] = FORMATS
    template_set: str = DEFAULT_SET
    template_dirs: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise BriefingError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
        if self.key_points < 0 or self.sentences < 0:
            raise BriefingError("--key-points and --sentences must be 0 or more")


@dataclass(frozen=True)
class Result:
    """What happened to one input: the files written, or the error that stopped it."""

    source: str
    written: tuple[Path, ...] = ()
    error: BriefingError | None = field(default=None)


def brief(article: Article, options: Options = Options(), issued: datetime | None = None) -> Briefing:
    """Rank the article's sentences and compose its briefing."""
    issued = issued or datetime.now().astimezone()
    ranking = rank(article, options.method)
    return compose(article, ranking, key_points=options.key_points, sentences=options.sentences, issued=issued)


def render_briefing(briefing: Briefing, options: Options = Options()) -> dict[str, bytes]:
    """Every requested format of the briefing, rendered in memory."""
    from .render.markdown import render_markdown

    path = search_path(options.template_dirs)
    markdown = render_markdown(briefing, template_set=options.template_set, path=path)
    outputs = {"md": markdown.encode("utf-8")}
    if "html" in options.formats or "pdf" in options.formats:
        from .render.html import render_html

        html = render_html(markdown, title=briefing.title, template_set=options.template_set, path=path)
        outputs["html"] = html.encode("utf-8")
        if "pdf" in options.formats:
            from .render.pdf import html_to_pdf

            outputs["pdf"] = html_to_pdf(html, roots=path)
    return {fmt: outputs[fmt] for fmt in options.formats}


def make(
    path: str | Path,
    out_dir: str | Path,
    options: Options = Options(),
    *,
    issued: datetime | None = None,
    stem: str | None = None,
) -> tuple[Path, ...]:
    """Brief one article file into ``out_dir/<stem>.<format>``; return the paths written.

    Everything is rendered before anything is written, and each file is written
    atomically, so a failure leaves no partial output.
    """
    from .publish.files import write_atomic

    article = read_path(path)
    try:
        outputs = render_briefing(brief(article, options, issued), options)
    except BriefingError as exc:
        raise exc.for_source(str(path)) from None
    stem = stem or Path(path).stem
    return tuple(write_atomic(Path(out_dir) / f"{stem}.{fmt}", data) for fmt, data in outputs.items())


def make_many(
    inputs: list[str | Path],
    out_dir: str | Path,
    options: Options = Options(),
    *,
    issued: datetime | None = None,
) -> list[Result]:
    """Brief every article among ``inputs`` (files or folders); one bad input stops nothing."""
    results: list[Result] = []
    stems: dict[str, int] = {}
    for item in expand_inputs(list(inputs) or [default_inputs()]):
        if isinstance(item, BriefingError):
            results.append(Result(item.source or "", error=item))
            continue
        stem = _unique_stem(item.stem, stems)
        try:
            results.append(Result(str(item), make(item, out_dir, options, issued=issued, stem=stem)))
        except BriefingError as exc:
            results.append(Result(str(item), error=exc.for_source(str(item))))
    return results


def default_inputs() -> Path:
    """``./seeds`` when the working folder has one, else the sample carried in the package."""
    local = Path("seeds")
    return local if local.is_dir() else PACKAGE_SEEDS


def _unique_stem(stem: str, seen: dict[str, int]) -> str:
    """``stem``, or ``stem-2``, ``stem-3`` ... when two inputs share a name in one run."""
    count = seen.get(stem, 0) + 1
    seen[stem] = count
    return stem if count == 1 else f"{stem}-{count}"
