"""Where templates come from, and the Jinja2 environments that render them.

Templates are looked up the way MkDocs finds theme files: each folder of the search path
in turn, a user's folders first, the built-in set last. A user's ``briefing.md.j2`` can
``{% extends "base/briefing.md.j2" %}`` and replace single blocks.

Article text is untrusted. In Markdown templates every ``{{ ... }}`` is escaped for
Markdown unless the value is ``MarkdownSafe`` (made by this module's filters); in HTML
templates Jinja's autoescape does the same for HTML. Article text only ever reaches a
template as a value, never as template source, so ``{{ 7*7 }}`` in an article stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial
from pathlib import Path

from .errors import BriefingError, UsageError
from .markup import MarkdownSafe, escape_markdown

BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
DEFAULT_SET = "base"

BUILTIN_PREFIX = "!builtin"


def css_string(value: object):
    """Text made safe inside a double-quoted CSS string in a <style> element."""
    from markupsafe import Markup

    text = " ".join(str(value).split())
    escaped = "".join(
        c if c.isalnum() or c in " .,:;-_/()#+!?'" else f"\\{ord(c):x} " for c in text
    )
    return Markup(escaped)


def template_for(audience: str, filename: str, path: tuple[Path, ...]) -> str:
    """The audience's own template if a folder on the path has it, else the base one."""
    if any((folder / audience / filename).is_file() for folder in path):
        return f"{audience}/{filename}"
    return f"{DEFAULT_SET}/{filename}"


@lru_cache(maxsize=16)
def environment(kind: str, path: tuple[Path, ...] = (BUILTIN_DIR,)):
    """A sandboxed Jinja2 environment for ``kind`` "markdown" or "html" over the search
    ``path``: templates are data, so attributes starting with "_", ``str.format`` tricks and
    mutating methods are refused (jinja2's ImmutableSandboxedEnvironment), and templates
    are read only from inside the folders of the path (symlinks resolved)."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    roots = _roots(path)
    options = dict(
        loader=jinja2.ChoiceLoader(
            [
                _folder_loader(path, roots),
                jinja2.PrefixLoader(
                    {BUILTIN_PREFIX: _folder_loader((BUILTIN_DIR,), roots)}, delimiter="/"
                ),
            ]
        ),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    if kind == "markdown":
        env = ImmutableSandboxedEnvironment(
            autoescape=False,
            finalize=escape_markdown,
            trim_blocks=True,
            lstrip_blocks=True,
            **options,
        )
        env.filters["md"] = escape_markdown
        env.filters["raw_md"] = MarkdownSafe
    elif kind == "html":
        env = ImmutableSandboxedEnvironment(autoescape=True, **options)
        env.filters["css_string"] = css_string
    else:
        raise BriefingError(f"unknown template kind {kind!r}")
    return env


def render(kind: str, name: str, path: tuple[Path, ...], **context) -> str:
    """Render template ``name``; template errors become one-line BriefingErrors."""
    import jinja2

    try:
        return environment(kind, path).get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise BriefingError(f"template {exc.name} not found in {_show(path)}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise BriefingError(
            f"template syntax error: {exc.message}", f"{exc.filename}:{exc.lineno}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise BriefingError(f"template error: {exc.message}", _template_location(exc)) from None
    except RecursionError as exc:
        raise BriefingError(
            "template error: templates include or extend each other without end",
            _template_location(exc),
        ) from None
    except (
        jinja2.TemplateError,
        ArithmeticError,
        TypeError,
        ValueError,
        LookupError,
        AttributeError,
    ) as exc:
        raise BriefingError(
            f"template error: {type(exc).__name__}: {exc}", _template_location(exc)
        ) from None


def _template_location(exc: BaseException) -> str | None:
    """``file:line`` of the innermost template frame in the traceback, if any."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _show(path: Sequence[Path]) -> str:
    return ", ".join(str(p) for p in path)


def stylesheet(audience: str, path: tuple[Path, ...]) -> str:
    """The base stylesheet (first on the path), then the audience's own, if it has one."""
    base = _first(f"{DEFAULT_SET}/print.css", path)
    own = _first(f"{audience}/print.css", path) if audience != DEFAULT_SET else None
    if base is None:
        raise BriefingError(f"{DEFAULT_SET}/print.css not found in {_show(path)}")
    roots = _roots(path)
    parts = [read_inside(base, roots)]
    if own is not None:
        parts.append(read_inside(own, roots))
    return "\n".join(parts)


def _first(name: str, path: tuple[Path, ...]) -> Path | None:
    return next((folder / name for folder in path if (folder / name).is_file()), None)


def _roots(path: tuple[Path, ...]) -> tuple[Path, ...]:
    """The real folders templates may be read from: the path's and the built-in one."""
    return tuple(dict.fromkeys(Path(p).resolve() for p in (*path, BUILTIN_DIR)))


def inside(file: Path, roots: Sequence[Path]) -> Path | None:
    """``file``'s real path (every symlink resolved) if it lies inside one of the resolved
    ``roots``, else None."""
    real = Path(file).resolve()
    return real if any(real.is_relative_to(root) for root in roots) else None


def read_inside(file: Path, roots: Sequence[Path]) -> str:
    """A template file's text; one that leads outside the roots, cannot be read or is not
    UTF-8 is a UsageError naming it."""
    real = inside(file, roots)
    if real is None:
        raise UsageError(
            f"template file leads outside the template folders (to {Path(file).resolve()})",
            str(file),
        )
    try:
        return real.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"template is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at {exc.start})",
            str(file),
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot read template: {exc.strerror or exc}", str(file)) from None


def _folder_loader(folders: tuple[Path, ...], roots: tuple[Path, ...]):
    """A Jinja2 loader over ``folders`` in turn that reads through ``read_inside``."""
    import jinja2
    from jinja2.loaders import split_template_path

    class FolderLoader(jinja2.BaseLoader):
        def get_source(self, environment, template):
            pieces = split_template_path(template)  # refuses ".." and absolute names
            for folder in folders:
                file = Path(folder).joinpath(*pieces)
                if file.is_file():
                    mtime = file.stat().st_mtime_ns
                    text = read_inside(file, roots)
                    return text, str(file), partial(_unchanged, file, mtime)
            raise jinja2.TemplateNotFound(template)

    return FolderLoader()


def _unchanged(file: Path, mtime: int) -> bool:
    try:
        return file.stat().st_mtime_ns == mtime
    except OSError:
        return False
