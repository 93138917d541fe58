"""One frozen Settings for a run, built once at the edge from every place a setting can be.

Precedence, highest first: the caller's values (command-line flags), the audience's table
``[audiences.NAME]`` in ``briefing.toml``, the audience's own ``audience.toml``, the
top-level defaults of ``briefing.toml``, the built-ins. So an organisation-wide default
(a ``label``, say) never replaces what an audience sets for itself, and a desk can still
change one audience without touching its folder. Every value is checked against
``schema`` first; anything wrong is a UsageError naming the file and the key. Nothing is
cached: a long-running caller that builds Settings again sees edited files.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import audiences, schema
from .agenda import Desk
from .compose import SectionSelection
from .errors import UsageError
from .model import Length, Presentation, Source

CONFIG_FILE = schema.CONFIG_FILE
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MAX_LOGO_BYTES = 512 * 1024


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: str  # none, starttls, ssl
    sender: str


@dataclass(frozen=True)
class Fetching:
    """How ``briefing fetch`` behaves on the network (the ``[fetch]`` table)."""

    user_agent: str  # with the contact, when one is set: "briefing/0.1 (+desk@example.org)"
    connect_timeout: float
    read_timeout: float
    timeout: float  # one request, retries and redirects included
    max_bytes: int
    retries: int
    delay: float  # between two requests to one host, unless its Crawl-delay is longer
    max_delay: float  # the longest Crawl-delay or Retry-After honoured
    budget: float  # the whole fetch
    max_items: int  # per feed per fetch
    proxy: str | None


@dataclass(frozen=True)
class Settings:
    """Everything a run needs, checked; ``origins`` says where each value came from."""

    audience: str
    key_points: Length
    sentences: Length
    method: str
    formats: tuple[str, ...]
    selection: SectionSelection
    extras: tuple[str, ...]
    label: str | None
    organisation: str | None
    logo: str | None  # a data: URI, so rendering fetches nothing
    page_size: str
    title_prefix: str
    timezone: str | None
    report_prefix: str
    max_bytes: int
    time_limit: float  # CPU seconds per article for reading and ranking
    smtp: Smtp
    recipients: tuple[str, ...]  # of this audience, from [recipients] in briefing.toml
    desk: Desk  # the daily's editorial settings: top, watch, exclude, topics, tiers
    path: tuple[Path, ...]  # template folders, first match wins
    sources: tuple[Source, ...] = ()  # [[feeds]] then [[pages]] of briefing.toml
    fetching: Fetching | None = None  # None only for a Settings made without load_settings
    issued: datetime | None = None  # a fixed issue time (reproducible output); None: now
    origins: tuple[tuple[str, str, str], ...] = ()  # (key, value shown, where it came from)

    def now(self) -> datetime:
        """The issue time: the fixed one, or now, in the configured zone."""
        if self.timezone:
            from zoneinfo import ZoneInfo

            zone = ZoneInfo(self.timezone)
            return self.issued.astimezone(zone) if self.issued else datetime.now(zone)
        return self.issued or datetime.now().astimezone()

    def presentation(self, issued: datetime) -> Presentation:
        """How a briefing issued at ``issued`` is dressed: label, masthead, report number."""
        return Presentation(
            audience=self.audience,
            label=self.label,
            organisation=self.organisation,
            logo=self.logo,
            page_size=self.page_size,
            title_prefix=self.title_prefix,
            report_number=f"{self.report_prefix}-{issued:%Y%m%d-%H%M}",
        )

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)

    def explain(self) -> list[str]:
        """One line per setting: its value and the file and key (or flag) it came from."""
        return [f"{key} = {value}  ({origin})" for key, value, origin in self.origins]


def load_settings(
    given: Mapping[str, object] | None = None,
    *,
    config: str | Path | None = None,
    templates: Sequence[str | Path] = (),
    issued: datetime | None = None,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
    isolated: bool = False,
    renders: tuple[str, ...] = audiences.ENTRY_TEMPLATES,
) -> Settings:
    """Settings from ``given`` (keys of ``schema.KEYS``: ``{"audience": "analyst"}``), the
    config (``config``, else ``./briefing.toml`` if there is one), the audience found on the
    template path (``templates``, ``$BRIEFING_TEMPLATES``, the config's ``templates``, the
    built-ins), whose templates are compiled here (a broken one is a UsageError naming it),
    and the built-ins. ``isolated``: ``given`` and the built-in audiences only. ``renders``:
    the audience's entry templates the caller will render, the ones compiled here."""
    flags = {
        k: v for k, v in schema.check(dict(given or {}), None, schema.RUN).items() if v is not None
    }
    if isolated:
        top, overrides, recipients, config_file = {}, {}, {}, None
        path = (audiences.BUILTIN_DIR,)
    else:
        top, overrides, recipients, config_file = _config(config, cwd)
        path = audiences.search_path(templates, environ, cwd, top.get("templates", ()))
    name = str(flags.get("audience") or top.get("audience") or schema.DEFAULTS["audience"])
    folder = audiences.find(name, path)
    audiences.check(name, path, renders)
    own_file = folder / "audience.toml"
    own = (
        schema.check(schema.read_toml(own_file), str(own_file), schema.AUDIENCE, own_file.parent)
        if own_file.is_file()
        else {}
    )
    layers = [
        (flags, lambda k: schema.BY_NAME[k].flag or "given"),
        (overrides.get(name, {}), lambda k: f"{config_file}: [audiences.{name}] {k}"),
        (own, lambda k: f"{own_file}: {k}"),
        (top, lambda k: f"{config_file}: {k}"),
    ]
    values, origins = _layered(layers)
    values["audience"] = name
    return _settings(values, origins, path, tuple(recipients.get(name, ())), issued)


def _layered(layers) -> tuple[dict[str, object], list[tuple[str, str, str]]]:
    values, origins = {}, []
    for key in schema.KEYS:
        if key.name == "description":
            continue
        found = next(
            ((layer[key.name], where(key.name)) for layer, where in layers if key.name in layer),
            None,
        )
        value, origin = found or (key.default, "built-in")
        values[key.name] = value
        origins.append((key.name, _shown(key.name, value), origin))
    return values, origins


def _shown(name: str, value: object) -> str:
    if name in ("max_size", "fetch.max_size"):
        return f"{value / schema.MB:g} MB"
    if name in ("feeds", "pages"):
        return ", ".join(f"{s.name} <{s.url}>" for s in value) or "(none)"
    if name == "time_limit":
        return f"{value:g} s"
    if value == "":
        return '""'
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "(none)"
    return "(none)" if value is None else str(value)


def _settings(values: dict, origins: list, path: tuple[Path, ...], recipients, issued) -> Settings:
    words = values["words"]
    key_points = values["key_points"]
    return Settings(
        audience=values["audience"],
        method=values["method"],
        formats=values["formats"],
        key_points=dataclasses.replace(key_points, words=words)
        if words is not None
        else key_points,
        sentences=values["sentences"],
        extras=values["extras"],
        selection=SectionSelection(
            values["sections.include"],
            values["sections.skip"],
            values["sections.order"],
            values["sections.max"],
        ),
        label=values["label"],
        organisation=values["organisation"],
        logo=logo_data_uri(Path(values["logo"])) if values["logo"] else None,
        page_size=values["page_size"],
        title_prefix=values["title_prefix"],
        timezone=values["timezone"],
        report_prefix=values["report_prefix"],
        max_bytes=values["max_size"],
        time_limit=values["time_limit"],
        smtp=Smtp(
            values["smtp.host"], values["smtp.port"], values["smtp.security"], values["smtp.sender"]
        ),
        recipients=recipients,
        desk=Desk(
            top=values["top"],
            watch=values["watch"],
            exclude=values["exclude"],
            topics=values["topics"],
            topic_order=values["topic_order"],
            tiers=values["tiers"]  # then each source's own tier, for the outlet it names
            + tuple((s.name, s.tier) for s in values["feeds"] + values["pages"] if s.tier),
            key_points=key_points.count if key_points.count is not None else 3,
            history=values["history"],
        ),
        path=path,
        sources=values["feeds"] + values["pages"],
        fetching=_fetching(values),
        issued=issued,
        origins=tuple(origins),
    )


def mailing_list(config: str | Path | None = None, cwd: Path | None = None) -> dict:
    """``[recipients]`` of the config: {audience: its addresses}, in file order."""
    return _config(config, cwd)[2]


def _fetching(values: dict) -> Fetching:
    agent, contact = values["fetch.user_agent"], values["fetch.contact"]
    return Fetching(
        user_agent=f"{agent} (+{contact})" if contact else agent,
        connect_timeout=values["fetch.connect_timeout"],
        read_timeout=values["fetch.read_timeout"],
        timeout=values["fetch.timeout"],
        max_bytes=values["fetch.max_size"],
        retries=values["fetch.retries"],
        delay=values["fetch.delay"],
        max_delay=values["fetch.max_delay"],
        budget=values["fetch.budget"],
        max_items=values["fetch.max_items"],
        proxy=values["fetch.proxy"],
    )


def _config(config: str | Path | None, cwd: Path | None):
    """(top-level settings, {audience: its table}, {audience: recipients}, file name)."""
    if config is None:
        local = (cwd or Path.cwd()) / CONFIG_FILE
        if not local.is_file():
            return {}, {}, {}, None
        config = local
    path = Path(config)
    data = dict(schema.read_toml(path, missing="config file not found"))
    source = str(path)
    overrides = data.pop("audiences", {})
    recipients = data.pop("recipients", {})
    if not isinstance(overrides, dict) or not all(isinstance(t, dict) for t in overrides.values()):
        raise UsageError("audiences must hold one table per audience: [audiences.analyst]", source)
    checked = {
        name: schema.check(table, source, schema.AUDIENCE, path.parent)
        for name, table in overrides.items()
    }
    for table in checked.values():
        table.pop("description", None)
    return (
        schema.check(data, source, schema.CONFIG, path.parent),
        checked,
        _recipients(recipients, source),
        source,
    )


def _recipients(table: object, source: str) -> dict[str, tuple[str, ...]]:
    ok = isinstance(table, dict) and all(
        isinstance(v, list) and all(isinstance(a, str) for a in v) for v in table.values()
    )
    if not ok:
        raise UsageError(
            'recipients must be a table of lists: [recipients] analyst = ["a@example.org"]', source
        )
    return {name: tuple(addresses) for name, addresses in table.items()}


def logo_data_uri(path: Path) -> str:
    """The logo as a ``data:`` URI, so the PDF renderer never fetches a file for it."""
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise UsageError(f"logo must be one of {', '.join(LOGO_TYPES)}", str(path))
    from .names import open_regular

    with open_regular(path, UsageError, "no such logo file") as handle:  # no FIFO, no device
        try:
            data = handle.read(MAX_LOGO_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"cannot read logo: {exc.strerror or exc}", str(path)) from None
    if len(data) > MAX_LOGO_BYTES:
        raise UsageError(f"logo is over {MAX_LOGO_BYTES // 1024} KB", str(path))
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
