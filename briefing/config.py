"""``briefing.toml``: an organisation's settings for every briefing it makes.

Looked for as ``./briefing.toml`` in the working folder, or given with ``--config FILE``.
Precedence, highest first: command-line flags, this file, the audience, the built-ins.

    organisation = "Example Desk"
    logo = "logo.png"            # relative to this file
    label = "TLP:AMBER"          # handling label on every page
    timezone = "Europe/Berlin"   # the issue time's zone
    audience = "analyst"         # the default audience
    formats = ["md", "pdf"]
    report_prefix = "SR"         # report numbers: SR-20241208-0930

    [recipients]                 # who gets each audience's briefing by e-mail
    executive = ["director@example.org"]
    analyst = ["desk@example.org", "analysts@example.org"]
"""

from __future__ import annotations

import base64
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingError

FILE_NAME = "briefing.toml"
_KEYS = {
    "organisation",
    "logo",
    "label",
    "timezone",
    "audience",
    "formats",
    "report_prefix",
    "recipients",
}
_LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MAX_LOGO_BYTES = 512 * 1024


@dataclass(frozen=True)
class Config:
    organisation: str | None = None
    logo: Path | None = None
    label: str | None = None
    timezone: str | None = None
    audience: str | None = None
    formats: tuple[str, ...] | None = None
    report_prefix: str = "SR"
    recipients: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (audience, addresses)
    source: str | None = None  # the file it came from

    def recipients_for(self, audience: str) -> tuple[str, ...]:
        return dict(self.recipients).get(audience, ())


def load_config(path: str | Path | None = None, cwd: Path | None = None) -> Config:
    """The config in ``path``, or ``./briefing.toml`` if present, or the defaults."""
    if path is None:
        local = (cwd or Path.cwd()) / FILE_NAME
        if not local.is_file():
            return Config()
        path = local
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BriefingError("config file not found", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise BriefingError(f"invalid TOML: {exc}", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefingError(f"cannot read config: {exc}", str(path)) from None
    return _config(data, path)


def _config(data: dict, path: Path) -> Config:
    unknown = set(data) - _KEYS
    if unknown:
        raise BriefingError(
            f"unknown settings {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}",
            str(path),
        )
    logo = data.get("logo")
    formats = data.get("formats")
    if formats is not None and not (
        isinstance(formats, list) and all(isinstance(f, str) for f in formats)
    ):
        raise BriefingError('formats must be a list such as ["md", "pdf"]', str(path))
    return Config(
        organisation=_text(data, "organisation", path),
        logo=(path.parent / logo) if logo else None,
        label=_text(data, "label", path),
        timezone=_text(data, "timezone", path),
        audience=_text(data, "audience", path),
        formats=tuple(formats) if formats else None,
        report_prefix=_text(data, "report_prefix", path) or "SR",
        recipients=_recipients(data, path),
        source=str(path),
    )


def _recipients(data: dict, path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = data.get("recipients", {})
    ok = isinstance(table, dict) and all(
        isinstance(v, list) and all(isinstance(a, str) for a in v) for v in table.values()
    )
    if not ok:
        raise BriefingError(
            'recipients must be a table of lists: [recipients] analyst = ["a@example.org"]',
            str(path),
        )
    return tuple((name, tuple(addresses)) for name, addresses in table.items())


def _text(data: dict, key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise BriefingError(f"{key} must be text", str(path))
    return " ".join(value.split()) if value else None  # one line: it goes into headers


def logo_data_uri(path: Path | None) -> str | None:
    """The logo as a ``data:`` URI, so the PDF renderer never fetches a file for it."""
    if path is None:
        return None
    kind = _LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise BriefingError(f"logo must be one of {', '.join(_LOGO_TYPES)}", str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BriefingError(f"cannot read logo: {exc.strerror or exc}", str(path)) from None
    if len(data) > MAX_LOGO_BYTES:
        raise BriefingError(f"logo is over {MAX_LOGO_BYTES // 1024} KB", str(path))
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
