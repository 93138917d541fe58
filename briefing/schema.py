"""The settings schema: every key of ``briefing.toml`` and ``audience.toml``, declared once.

Each key has a kind (how a value is checked and converted), a default, the files it may
be set in, the flag that sets it and one line of help, as MkDocs declares its config.
Files, flags and library callers are all checked here, so a misspelt key or a value of
the wrong type is refused with the file, the key and what was expected, never ignored.
The README's table of settings is made by ``settings_table()``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import kinds
from .errors import UsageError
from .kinds import MB, Kind, Refused
from .model import EXTRAS, FORMATS, PAGE_SIZES, SECTION_ORDERS, SMTP_SECURITY, Length
from .names import read_regular

AUDIENCE, CONFIG, RUN = "audience", "config", "run"  # where a key may be set
TABLES = ("sections", "smtp")  # tables whose keys are declared one by one
CONFIG_FILE = "briefing.toml"


@dataclass(frozen=True)
class Key:
    name: str  # "key_points", "sections.order"
    kind: Kind
    default: object
    scopes: frozenset[str]
    help: str
    flag: str | None = None


LENGTH = Kind("a count like 3 or a share like 20%", kinds.length)
COUNT = Kind("a whole number like 120", kinds.count)
TEXT = Kind("text in quotes", kinds.text)
TEXT_LIST = Kind('a list of text such as ["lead", "Background"]', kinds.text_list)
PATH = Kind("a file name in quotes", kinds.text)  # resolved against the file it is set in
A, C, R = frozenset({AUDIENCE, CONFIG, RUN}), frozenset({CONFIG, RUN}), frozenset({RUN})

KEYS: tuple[Key, ...] = (
    Key(
        "description",
        TEXT,
        "",
        frozenset({AUDIENCE}),
        "who the audience is, for `briefing audiences`",
    ),
    Key("key_points", LENGTH, Length(count=3), A, "key points: a count or a share", "--key-points"),
    Key(
        "sentences",
        LENGTH,
        Length(count=2),
        A,
        "sentences per section: a count or a share",
        "--sentences",
    ),
    Key(
        "words", COUNT, None, A, "word budget for the key points (whole sentences only)", "--words"
    ),
    Key(
        "method",
        Kind("", kinds.method),
        "default",
        A,
        "ranking method (`briefing make --help` lists them)",
        "--method",
    ),
    Key(
        "formats",
        kinds.choices(FORMATS, '["md", "pdf"]'),
        FORMATS,
        A,
        "formats written",
        "--format",
    ),
    Key("page_size", kinds.choice(PAGE_SIZES), "A4", A, "paper size of the PDF"),
    Key("label", TEXT, None, A, "handling label on every page and in the mail subject", "--label"),
    Key("organisation", TEXT, None, A, "organisation named in the title block"),
    Key("logo", PATH, None, A, "PNG, JPEG or SVG logo, relative to the file that sets it"),
    Key("title_prefix", TEXT, "", A, "text put before the article's title"),
    Key(
        "extras",
        kinds.choices(EXTRAS, '["figures"]'),
        (),
        A,
        "extra blocks: key figures, who said what",
    ),
    Key("sections.include", TEXT_LIST, (), A, 'only these sections (headings; "lead" is the lead)'),
    Key("sections.skip", TEXT_LIST, (), A, "sections left out (headings)"),
    Key(
        "sections.order",
        kinds.choice(SECTION_ORDERS),
        "document",
        A,
        "sections in the article's order or by importance",
    ),
    Key("sections.max", COUNT, None, A, "at most this many sections (the most important)"),
    Key("top", COUNT, 7, A, "top developments on the daily's front page"),
    Key("watch", TEXT_LIST, (), A, "the daily's stories that mention one of these come first"),
    Key("exclude", TEXT_LIST, (), A, "the daily leaves out stories that mention one of these"),
    Key(
        "topics",
        Kind('a table of lists: [topics] Syria = ["Assad", "Damascus"]', kinds.topic_rules),
        (),
        A,
        "the daily's topics: a story goes under the first whose terms it mentions",
    ),
    Key("topic_order", TEXT_LIST, (), A, "the daily's topics in this order first"),
    Key(
        "tiers",
        Kind("a table of whole numbers: [tiers] Reuters = 1", kinds.tiers),
        (),
        C,
        "outlets' tiers, 1 (the highest) to 5; an outlet not listed is 3",
    ),
    Key("audience", TEXT, "base", C, "the audience used when none is asked for", "--audience"),
    Key(
        "timezone",
        Kind("a time zone name such as Europe/Berlin", kinds.timezone),
        None,
        C,
        "zone of the issue time",
    ),
    Key("report_prefix", TEXT, "SR", C, "report numbers are PREFIX-YYYYMMDD-HHMM"),
    Key(
        "max_size",
        Kind("a size in MB such as 5 or 0.5 (at most 1024)", kinds.megabytes),
        5 * MB,
        C,
        "largest input accepted, in MB",
        "--max-size",
    ),
    Key(
        "templates",
        Kind("a folder, or a list of folders, in quotes", kinds.folders),
        (),
        frozenset({CONFIG}),
        "template folders searched before the built-ins, relative to this file",
        "--templates",
    ),
    Key(
        "time_limit",
        Kind("seconds of CPU from 0.1 to 3600, such as 5 or 0.5", kinds.seconds),
        5.0,
        C,
        "CPU seconds an article may take to be read and ranked; past it, it is left out",
        "--time-limit",
    ),
    Key("smtp.host", TEXT, "localhost", C, "SMTP server", "--smtp"),
    Key(
        "smtp.port", Kind("a port number from 1 to 65535", kinds.port), 25, C, "SMTP port", "--smtp"
    ),
    Key(
        "smtp.security",
        kinds.choice(SMTP_SECURITY),
        "none",
        C,
        "SMTP TLS: none, starttls or ssl",
        "--starttls/--ssl",
    ),
    Key("smtp.sender", TEXT, "briefing@localhost", C, "sender address of the mail", "--from"),
)
BY_NAME = {key.name: key for key in KEYS}
DEFAULTS = {key.name: key.default for key in KEYS}
_PLACE = {AUDIENCE: "audience.toml", CONFIG: "briefing.toml", RUN: "a flag"}


def read_toml(path: Path, missing: str = "no such file") -> dict:
    """A TOML file's tables; an unreadable or broken file is a UsageError naming it."""
    import tomllib

    try:
        return tomllib.loads(read_regular(path, UsageError, missing).decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"invalid TOML: {exc}", str(path)) from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read: {exc}", str(path)) from None


def check(
    data: Mapping[str, object], source: str, scope: str, base: Path | None = None
) -> dict[str, object]:
    """The settings of one file (or the caller's, for ``scope`` RUN) checked and converted,
    flat: ``{"key_points": Length(3), "sections.max": 3}``. A ``logo`` is made absolute
    against ``base``, the folder of the file that sets it."""
    values: dict[str, object] = {}
    for name, value in data.items():
        if name in TABLES and scope != RUN:
            if not isinstance(value, dict):
                raise UsageError(f"{name} must be a table: [{name}]", source)
            for sub, inner in value.items():
                values[f"{name}.{sub}"] = convert(f"{name}.{sub}", inner, source, scope)
        else:
            values[name] = convert(name, value, source, scope)
    if values.get("logo") and base is not None:
        values["logo"] = str(base / str(values["logo"]))
        real = Path(values["logo"]).resolve()
        if scope == AUDIENCE and not real.is_relative_to(base.resolve()):
            # an audience folder is data someone may have been given: its logo is its own
            raise UsageError("logo leads outside the audience folder (a link?); refused", source)
    if values.get("templates") and base is not None:
        values["templates"] = tuple(str(base / folder) for folder in values["templates"])
    return values


def convert(name: str, value: object, source: str | None, scope: str) -> object:
    """One value checked against its key; unknown keys get a did-you-mean."""
    key = BY_NAME.get(name)
    if key is None or scope not in key.scopes:
        raise UsageError(_unknown(name, scope, key), source)
    if value is None and scope == RUN:
        return None
    try:
        return key.kind.convert(value)
    except Refused as exc:
        raise UsageError(f"{name} {exc}", source) from None
    except (ValueError, TypeError, OverflowError):
        expected = key.kind.expected or _methods_expected()
        raise UsageError(f"{name} must be {expected}, not {_show(value)}", source) from None


def _unknown(name: str, scope: str, key: Key | None) -> str:
    if key is not None:
        where = " or ".join(_PLACE[s] for s in sorted(key.scopes))
        return f"{name} cannot be set in {_PLACE[scope]}; set it in {where}"
    table = name.rsplit(".", 1)[0] if "." in name else ""
    known = [
        k.name for k in KEYS if scope in k.scopes and k.name.rsplit(".", 1)[0] == (table or k.name)
    ]
    known += [] if table else [t for t in TABLES if scope != RUN]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(sorted(known))}"
    return f"unknown setting {name!r}{hint}"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _methods_expected() -> str:
    from .summarize import METHODS

    return f"one of {', '.join(METHODS)}"


def settings_table() -> str:
    """The README's table of settings, one row per key."""
    rows = [
        "| key | value | default | where | flag | what |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for key in KEYS:
        expected = key.kind.expected or "a method name"
        where = ", ".join(_PLACE[s] for s in sorted(key.scopes) if s != RUN) or "flag only"
        default = "" if key.default is None else _default_text(key)
        flag = f"`{key.flag}`" if key.flag else ""
        rows.append(f"| `{key.name}` | {expected} | {default} | {where} | {flag} | {key.help} |")
    return "\n".join(rows) + "\n"


def _default_text(key: Key) -> str:
    value = key.default
    if key.name == "max_size":
        return "5"
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]" if value else "[]"
    return f'"{value}"' if isinstance(value, str) else str(value)
