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

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BriefingError
from .model import PAGE_SIZES, Length
from .templating import BUILTIN_DIR

ENV_VAR = "BRIEFING_TEMPLATES"
DEFAULT_AUDIENCE = "base"
SECTION_ORDERS = ("document", "importance")
EXTRAS = ("figures", "statements")


@dataclass(frozen=True)
class Audience:
    """An audience's settings; None means "not set here" (config or built-ins decide)."""

    name: str
    folder: Path
    description: str = ""
    key_points: Length | None = None
    sentences: Length | None = None
    words: int | None = None
    method: str | None = None
    include: tuple[str, ...] = ()  # section headings to keep ("lead" for the lead); empty: all
    skip: tuple[str, ...] = ()
    order: str = "document"  # or "importance": sections by their best sentence
    max_sections: int | None = None
    page_size: str | None = None
    label: str | None = None
    title_prefix: str = ""
    extras: tuple[str, ...] = field(default=())  # "figures", "statements"


def search_path(template_dirs=(), environ=None, cwd: Path | None = None) -> tuple[Path, ...]:
    """The template folders in lookup order: flags, environment variable, ./templates, built-in."""
    environ = os.environ if environ is None else environ
    folders: list[Path] = []
    for folder in template_dirs:
        if not Path(folder).is_dir():
            raise BriefingError("template folder not found", str(folder))
        folders.append(Path(folder).resolve())
    for folder in filter(None, environ.get(ENV_VAR, "").split(os.pathsep)):
        if not Path(folder).is_dir():
            raise BriefingError(f"template folder not found (from ${ENV_VAR})", folder)
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


def load(name: str, path: tuple[Path, ...]) -> Audience:
    """The audience ``name`` on the search path; an unknown name lists the known ones."""
    known = available(path)
    if name not in known:
        raise BriefingError(
            f"unknown audience {name!r}; known audiences: {', '.join(sorted(known))}"
        )
    folder = known[name]
    settings_file = folder / "audience.toml"
    data = _read_toml(settings_file) if settings_file.is_file() else {}
    return _audience(name, folder, data, str(settings_file))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BriefingError(f"invalid TOML: {exc}", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefingError(f"cannot read: {exc}", str(path)) from None


def _audience(name: str, folder: Path, data: dict, source: str) -> Audience:
    sections = data.get("sections", {})
    try:
        audience = Audience(
            name=name,
            folder=folder,
            description=str(data.get("description", "")),
            key_points=_length(data.get("key_points")),
            sentences=_length(data.get("sentences")),
            words=_optional_int(data.get("words")),
            method=data.get("method"),
            include=tuple(sections.get("include", ())),
            skip=tuple(sections.get("skip", ())),
            order=sections.get("order", "document"),
            max_sections=_optional_int(sections.get("max")),
            page_size=data.get("page_size"),
            label=data.get("label"),
            title_prefix=str(data.get("title_prefix", "")),
            extras=tuple(data.get("extras", ())),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise BriefingError(f"invalid setting: {exc}", source) from None
    _check(audience, source)
    return audience


def _check(audience: Audience, source: str) -> None:
    problems = []
    if audience.order not in SECTION_ORDERS:
        problems.append(f"sections.order must be one of {', '.join(SECTION_ORDERS)}")
    if audience.page_size is not None and audience.page_size not in PAGE_SIZES:
        problems.append(f"page_size must be one of {', '.join(PAGE_SIZES)}")
    if unknown := set(audience.extras) - set(EXTRAS):
        problems.append(f"unknown extras {', '.join(sorted(unknown))}; known: {', '.join(EXTRAS)}")
    if problems:
        raise BriefingError("; ".join(problems), source)


def parse_length(value) -> Length | None:
    """3 -> 3 sentences; "20%" -> a fifth of them; None stays None."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        share = float(value.strip()[:-1])
        if not 0 <= share <= 100:
            raise ValueError(f"{value!r} is not a share from 0% to 100%")
        return Length(ratio=share / 100)
    count = int(value)
    if count < 0:
        raise ValueError(f"{value!r} is negative")
    return Length(count=count)


_length = parse_length


def _optional_int(value) -> int | None:
    return None if value is None else int(value)


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
        raise BriefingError(f"audience names are letters, digits, - and _ (got {name!r})")
    target = Path(folder) / name
    if target.exists():
        raise BriefingError("already exists; choose another name or folder", str(target))
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
            description = load(name, path).description
        except BriefingError as exc:
            description = f"(broken: {exc.cause})"
        rows.append((name, description, folder))
    return rows
