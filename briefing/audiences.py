"""Audiences: a folder with ``audience.toml`` and templates that override a base, block by block.

An audience is found the way MkDocs finds theme files: each folder of the search path in
turn (``--templates`` folders, then ``$BRIEFING_TEMPLATES``, then the ``templates`` of
``briefing.toml``, then the built-ins). A folder is searched only when it is named: a
``./templates`` in the working folder is not used just by being there, since templates
are data a run must not pick up from wherever it happens to start. The first folder
holding ``NAME/`` wins; its ``briefing.md.j2`` may ``{% extends "base/briefing.md.j2" %}``
(the first base on the path) or ``{% extends "!builtin/executive/briefing.md.j2" %}`` (the
built-in one, to extend a built-in audience of the same name). A template or stylesheet
an audience lacks comes from ``base``; an audience's ``print.css`` is added after the base
stylesheet. ``check`` reads and compiles an audience's templates before a run, so a broken
one is a settings error naming its file, not a failure of every article.
"""

from __future__ import annotations

import difflib
import os
import re
from functools import lru_cache
from pathlib import Path

from . import schema
from .errors import BriefingError, UsageError
from .templating import BUILTIN_DIR

ENV_VAR = "BRIEFING_TEMPLATES"
NAME_MAX = 64
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def search_path(
    template_dirs=(), environ=None, cwd: Path | None = None, configured=None
) -> tuple[Path, ...]:
    """The template folders in lookup order: flags, environment variable, the ``templates``
    of briefing.toml (``configured``; None: read ``./briefing.toml``), built-in."""
    environ = os.environ if environ is None else environ
    if configured is None:
        configured = _configured(cwd or Path.cwd())
    named = [(folder, None) for folder in template_dirs]
    named += [
        (f, f"from ${ENV_VAR}") for f in filter(None, environ.get(ENV_VAR, "").split(os.pathsep))
    ]
    named += [(folder, f"from {schema.CONFIG_FILE}: templates") for folder in configured]
    folders: list[Path] = []
    for folder, origin in named:
        if not Path(folder).is_dir():
            cause = (
                f"template folder not found ({origin})" if origin else "template folder not found"
            )
            raise UsageError(cause, str(folder))
        folders.append(Path(folder).resolve())
    folders.append(BUILTIN_DIR)
    return tuple(dict.fromkeys(folders))


def _configured(cwd: Path) -> tuple[str, ...]:
    """The ``templates`` folders of ``cwd/briefing.toml``, made absolute, if it sets any."""
    file = cwd / schema.CONFIG_FILE
    if not file.is_file():
        return ()
    data = schema.read_toml(file)
    if "templates" not in data:
        return ()
    given = {"templates": data["templates"]}
    return schema.check(given, str(file), schema.CONFIG, file.parent)["templates"]


def available(path: tuple[Path, ...]) -> dict[str, Path]:
    """Every audience on the path and the folder it comes from (the first one wins)."""
    found: dict[str, Path] = {}
    for root in path:
        for candidate in sorted(root.iterdir()) if root.is_dir() else ():
            if candidate.is_dir() and (
                (candidate / "audience.toml").is_file() or (candidate / "briefing.md.j2").is_file()
            ):
                found.setdefault(candidate.name, candidate)
    return found


def find(name: str, path: tuple[Path, ...]) -> Path:
    """The folder of the audience ``name`` on the path; an unknown name lists the known ones."""
    known = available(path)
    if name not in known:
        close = difflib.get_close_matches(name, list(known), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise UsageError(
            f"unknown audience {name!r}; {hint}known audiences: {', '.join(sorted(known))}"
        )
    return known[name]


SCAFFOLD_TOML = """# {name}: an audience of your own. Every setting is optional: what is left out comes
# from briefing.toml, then from the built-in defaults. Flags on the command line win.
description = "{name}: describe who reads it"
# key_points = 3            # a count, or a share such as "20%"
# sentences = 2             # per section: a count or a share
# words = 120               # word budget for the key points
# method = "default"        # default, lead, lexrank, textrank, lsa, luhn, ...
# page_size = "A4"          # A4, A5, Letter, Legal
# label = "TLP:AMBER"       # handling label on every page
# title_prefix = "Brief: "
# organisation = "Example Desk"    # named in the title block
# logo = "logo.png"         # PNG, JPEG or SVG, relative to this file
# extras = ["figures", "statements"]   # key figures, who said what

[sections]
# include = ["lead", "Diplomacy in Doha"]   # only these (headings; "lead" is the lead)
# skip = ["Background"]
# order = "document"        # or "importance"
# max = 3
"""

SCAFFOLD_TEMPLATE = """{{#- {name}: extends the built-in base briefing. Replace any of its blocks:
    title, header, key_points, sections, footer. Article text in {{{{ ... }}}} is escaped for
    Markdown automatically. To start from a built-in audience instead, extend
    "!builtin/executive/briefing.md.j2" (or analyst, email). -#}}
{{% extends "base/briefing.md.j2" %}}

{{% block key_points %}}
{{% if briefing.key_points %}}
## Key points for {name}

{{% for sentence in briefing.key_points %}}
- {{{{ sentence.text }}}} {{{{ where(sentence) }}}}
{{% endfor %}}
{{% endif %}}
{{% endblock %}}
"""

SCAFFOLD_CSS = """/* {name}: added after the base stylesheet (templates/base/print.css), so only what
   differs goes here. */
/* h2 {{ color: #5f1f1f; }} */
"""


def check_name(name: str) -> str:
    """An audience name fit for a folder and a template name: letters, digits, - and _,
    starting with a letter or digit, at most NAME_MAX characters."""
    if len(name) > NAME_MAX:
        raise UsageError(f"audience names are at most {NAME_MAX} characters (got {len(name)})")
    if not _NAME.fullmatch(name):
        raise UsageError(
            "audience names are letters, digits, - and _, starting with a letter or digit "
            f"(got {name!r})"
        )
    return name


def scaffold(name: str, folder: Path) -> tuple[Path, ...]:
    """Create ``folder/name/`` with a commented audience.toml, a template extending the
    base, and a stylesheet; never overwrite an existing audience."""
    check_name(name)
    target = Path(folder) / name
    if target.exists():
        raise UsageError("already exists; choose another name or folder", str(target))
    files = {
        target / "audience.toml": SCAFFOLD_TOML.format(name=name),
        target / "briefing.md.j2": SCAFFOLD_TEMPLATE.format(name=name),
        target / "print.css": SCAFFOLD_CSS.format(name=name),
    }
    try:
        target.mkdir(parents=True)
        for path, text in files.items():
            path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BriefingError(f"cannot create: {exc.strerror or exc}", str(target)) from None
    return tuple(files)


def describe_all(path: tuple[Path, ...]) -> list[tuple[str, str, Path]]:
    """(name, description, folder) of every audience on the path, by name."""
    rows = []
    for name, folder in sorted(available(path).items()):
        try:
            file = folder / "audience.toml"
            data = (
                schema.check(schema.read_toml(file), str(file), schema.AUDIENCE)
                if file.is_file()
                else {}
            )
            description = str(data.get("description", ""))
        except BriefingError as exc:
            description = f"(broken: {exc.cause})"
        rows.append((name, description, folder))
    return rows


BRIEFING_TEMPLATES = ("briefing.md.j2", "page.html.j2")  # what ``make`` renders
DAILY_TEMPLATES = ("daily.md.j2", "daily.html.j2")  # what ``daily`` renders
ENTRY_TEMPLATES = (*BRIEFING_TEMPLATES, *DAILY_TEMPLATES)


def check(name: str, path: tuple[Path, ...], entries: tuple[str, ...] = ENTRY_TEMPLATES) -> None:
    """Read and compile the templates ``entries`` of the audience ``name`` (and every
    template they extend, include or import) and its stylesheets: a file that cannot be
    read, is not UTF-8, leads outside the template folders, does not parse, is missing or
    extends itself is a UsageError naming it. A command checks what it renders: ``make``
    never compiles the daily's templates (0.06 s of every run otherwise), nor ``daily``
    an article briefing's."""
    from .templating import environment, stylesheet, template_for

    for filename in entries:
        kind = "html" if filename.endswith(".html.j2") else "markdown"
        _check_tree(environment(kind, path), template_for(name, filename, path), (), None)
    stylesheet(name, path)


def _check_tree(env, name: str, chain: tuple[str, ...], referrer: str | None) -> None:
    import jinja2

    if name in chain:
        loop = " -> ".join((*chain[chain.index(name) :], name))
        raise UsageError(f"templates extend or include each other in a loop: {loop}", referrer)
    try:
        source, filename, _ = env.loader.get_source(env, name)
        children = _references(env, source, name, filename)
        env.get_template(name)  # compiled here, and cached by Jinja until the file changes
    except jinja2.TemplateNotFound:
        raise UsageError(f"template {name} not found", referrer) from None
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename}:{exc.lineno}"
        raise UsageError(f"template syntax error: {exc.message}", where) from None
    for child in children:
        _check_tree(env, child, (*chain, name), filename)


@lru_cache(maxsize=64)
def _references(env, source: str, name: str, filename: str) -> tuple[str, ...]:
    """The templates ``source`` extends, includes or imports by a literal name (a name
    computed at run time cannot be checked before)."""
    from jinja2 import meta

    tree = env.parse(source, name, filename)
    return tuple(child for child in meta.find_referenced_templates(tree) if child is not None)
