"""Audiences: a folder with ``audience.toml`` and templates that override a base, block by block.

An audience is found the way MkDocs finds theme files: each folder of the search path in
turn (``--templates`` folders, then ``$BRIEFING_TEMPLATES``, then ``./templates``, then the
built-ins). The first folder holding ``NAME/`` wins; its ``briefing.md.j2`` may
``{% extends "base/briefing.md.j2" %}`` (the first base on the path) or
``{% extends "!builtin/executive/briefing.md.j2" %}`` (the built-in one, to extend a
built-in audience of the same name). A template or stylesheet an audience lacks comes from
``base``; an audience's ``print.css`` is added after the base stylesheet.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from . import schema
from .errors import BriefingError, UsageError
from .templating import BUILTIN_DIR

ENV_VAR = "BRIEFING_TEMPLATES"


def search_path(template_dirs=(), environ=None, cwd: Path | None = None) -> tuple[Path, ...]:
    """The template folders in lookup order: flags, environment variable, ./templates, built-in."""
    environ = os.environ if environ is None else environ
    folders: list[Path] = []
    for folder in template_dirs:
        if not Path(folder).is_dir():
            raise UsageError("template folder not found", str(folder))
        folders.append(Path(folder).resolve())
    for folder in filter(None, environ.get(ENV_VAR, "").split(os.pathsep)):
        if not Path(folder).is_dir():
            raise UsageError(f"template folder not found (from ${ENV_VAR})", folder)
        folders.append(Path(folder).resolve())
    local = (cwd or Path.cwd()) / "templates"
    if local.is_dir():
        folders.append(local.resolve())
    folders.append(BUILTIN_DIR)
    return tuple(dict.fromkeys(folders))


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


def scaffold(name: str, folder: Path) -> tuple[Path, ...]:
    """Create ``folder/name/`` with a commented audience.toml, a template extending the
    base, and a stylesheet; never overwrite an existing audience."""
    if not name.replace("-", "").replace("_", "").isalnum():
        raise UsageError(f"audience names are letters, digits, - and _ (got {name!r})")
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
