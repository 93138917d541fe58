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
from .model import EXTRAS, FORMATS, PAGE_SIZES, SECTION_ORDERS, SMTP_SECURITY, Length, Source
from .names import read_regular

AUDIENCE, CONFIG, RUN = "audience", "config", "run"  # where a key may be set
TABLES = ("sections", "smtp", "fetch")  # tables whose keys are declared one by one
REQUIRED = object()  # the default of a key of an array's table that must be given
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
SECONDS = Kind("seconds from 0.1 to 3600, such as 5 or 0.5", kinds.seconds)
PAUSE = Kind("seconds from 0 to 3600, such as 1 or 0.5", kinds.pause)
SIZE = Kind("a size in MB such as 5 or 0.5 (at most 1024)", kinds.megabytes)
SOURCES = Kind('an array of tables: [[feeds]] url = "https://...", name = "Reuters"', kinds.text)

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
        "history",
        COUNT,
        7,
        A,
        "days of earlier dailies a daily compares its stories with (0: none)",
    ),
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
    Key(
        "feeds", SOURCES, (), frozenset({CONFIG}), "feeds `briefing fetch` reads ([[feeds]] below)"
    ),
    Key("pages", SOURCES, (), frozenset({CONFIG}), "single pages `briefing fetch` reads"),
    Key("fetch.user_agent", TEXT, "briefing/0.1", C, "User-Agent of `fetch`; the contact is added"),
    Key("fetch.contact", TEXT, None, C, "e-mail address or URL for site owners, in the User-Agent"),
    Key("fetch.connect_timeout", SECONDS, 10.0, C, "seconds to connect"),
    Key("fetch.read_timeout", SECONDS, 20.0, C, "seconds to wait for the next part of an answer"),
    Key("fetch.timeout", SECONDS, 60.0, C, "seconds a request may take, retries and redirects in"),
    Key("fetch.max_size", SIZE, 5 * MB, C, "largest feed or page, in MB (decompressed too)"),
    Key("fetch.retries", COUNT, 2, C, "retries after a 429, a 5xx or a network failure"),
    Key("fetch.delay", PAUSE, 1.0, C, "seconds between requests to a host (or its Crawl-delay)"),
    Key("fetch.max_delay", PAUSE, 30.0, C, "longest Crawl-delay or Retry-After honoured"),
    Key("fetch.budget", SECONDS, 1800.0, C, "seconds a whole fetch may take; the rest waits"),
    Key("fetch.max_items", COUNT, 100, C, "items taken from each feed per fetch, newest first"),
    Key("fetch.proxy", TEXT, None, C, "proxy URL for fetching (the environment's is not used)"),
)
_URL = Kind("an http or https URL in quotes", kinds.web_url)
_FLAG = Kind("true or false", kinds.boolean)
_SOURCE_KEYS = {
    "url": Key("url", _URL, REQUIRED, C, "the address of the feed or page"),
    "name": Key("name", TEXT, REQUIRED, C, "the outlet, as the daily credits it"),
    "tier": Key("tier", Kind("a whole number from 1 to 5", kinds.tier), None, C, "1 the highest"),
    "topic": Key("topic", TEXT, None, C, "the topic its articles go under"),
    "full_text": Key("full_text", _FLAG, True, C, "fetch each item's page (else the summary)"),
    "headers": Key(
        "headers",
        Kind('a table of text: { Authorization = "..." }', kinds.headers),
        (),
        C,
        "sent with each request",
    ),
    "include": Key("include", TEXT_LIST, (), C, "only items mentioning one of these words"),
    "exclude": Key("exclude", TEXT_LIST, (), C, "no item mentioning one of these words"),
    "allow_private": Key("allow_private", _FLAG, False, C, "its own host may be private"),
}
ARRAYS = {  # arrays of tables, each table's keys declared above
    "feeds": tuple(_SOURCE_KEYS.values()),
    "pages": tuple(
        k for n, k in _SOURCE_KEYS.items() if n not in ("full_text", "include", "exclude")
    ),
}
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
        if name in ARRAYS and scope == CONFIG:
            values[name] = _sources(name, value, source)
        elif name in TABLES and scope != RUN:
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
    return _converted(key, value, name, source)


def _converted(key: Key, value: object, label: str, source: str | None) -> object:
    try:
        return key.kind.convert(value)
    except Refused as exc:
        raise UsageError(f"{label} {exc}", source) from None
    except (ValueError, TypeError, OverflowError):
        expected = key.kind.expected or _methods_expected()
        raise UsageError(f"{label} must be {expected}, not {_show(value)}", source) from None


def _sources(name: str, value: object, source: str | None) -> tuple[Source, ...]:
    """``[[feeds]]`` or ``[[pages]]`` checked key by key: ``feeds[2].tier must be ...``
    (counted from 1, in file order)."""
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise UsageError(f'{name} must be an array of tables: [[{name}]] url = "..."', source)
    fields = {key.name: key for key in ARRAYS[name]}
    found: list[Source] = []
    for number, table in enumerate(value, 1):
        where = f"{name}[{number}]"
        given = {}
        for sub, inner in table.items():
            if sub not in fields:
                close = difflib.get_close_matches(sub, fields, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(fields)}"
                raise UsageError(f"unknown setting {where}.{sub}; {hint}", source)
            given[sub] = _converted(fields[sub], inner, f"{where}.{sub}", source)
        for key in ARRAYS[name]:
            if key.default is REQUIRED and key.name not in given:
                raise UsageError(f"{where} has no {key.name}; each needs url and name", source)
        earlier = next((i for i, s in enumerate(found, 1) if s.url == given["url"]), None)
        if earlier:
            raise UsageError(f"{where}.url is already {name}[{earlier}]'s", source)
        found.append(Source(kind=name[:-1], **given))
    return tuple(found)


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
    for name, fields in ARRAYS.items():
        for key in fields:
            default = "(required)" if key.default is REQUIRED else _default_text(key)
            row = f"| `[[{name}]] {key.name}` | {key.kind.expected} | {default} | briefing.toml |"
            rows.append(f"{row}  | {key.help} |")
    return "\n".join(rows) + "\n"


def _default_text(key: Key) -> str:
    value = key.default
    if key.name in ("max_size", "fetch.max_size"):
        return "5"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]" if value else "[]"
    return f'"{value}"' if isinstance(value, str) else str(value)
