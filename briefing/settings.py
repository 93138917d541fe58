"""What a run asks for (Options) and what it gets once everything is weighed (Settings).

Precedence, highest first: the caller's options (command-line flags), ``briefing.toml``,
the audience's ``audience.toml``, the built-in defaults. Everything that can be wrong
(an unknown audience or method, a missing template folder, a bad time zone or logo) is
found here, before any article is read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from . import audiences
from .compose import SectionSelection, as_length
from .config import Config, logo_data_uri
from .errors import BriefingError
from .model import Length, Presentation
from .read import MAX_BYTES
from .summarize import DEFAULT_METHOD, method_label

FORMATS = ("md", "html", "pdf")


@dataclass(frozen=True)
class Options:
    """What the caller asks for; None means "let config, audience or defaults decide"."""

    key_points: Length | int | None = None
    sentences: Length | int | None = None
    words: int | None = None
    method: str | None = None
    formats: tuple[str, ...] | None = None
    audience: str | None = None
    template_dirs: tuple[Path, ...] = ()
    label: str | None = None
    config: Config = Config()
    max_bytes: int | None = None  # input size limit (default: read.MAX_BYTES, 5 MB)


@dataclass(frozen=True)
class Settings:
    """Everything a briefing run needs, resolved."""

    key_points: Length
    sentences: Length
    method: str
    formats: tuple[str, ...]
    selection: SectionSelection
    extras: tuple[str, ...]
    presentation: Presentation
    path: tuple[Path, ...]
    timezone: str | None
    report_prefix: str
    max_bytes: int = MAX_BYTES

    def now(self) -> datetime:
        """The current time in the configured zone (the machine's when none is set)."""
        if not self.timezone:
            return datetime.now().astimezone()
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo(self.timezone))

    def dressed(self, issued: datetime) -> Presentation:
        """The presentation with the report number of a briefing issued at ``issued``."""
        return replace(
            self.presentation, report_number=f"{self.report_prefix}-{issued:%Y%m%d-%H%M}"
        )


def resolve(options: Options) -> Settings:
    """Weigh options, config, audience and defaults (cached per working folder and
    template environment variable, which the search path depends on)."""
    return _resolve(options, Path.cwd(), os.environ.get(audiences.ENV_VAR, ""))


@lru_cache(maxsize=32)
def _resolve(options: Options, cwd: Path, env_dirs: str) -> Settings:
    config = options.config
    path = audiences.search_path(options.template_dirs, {audiences.ENV_VAR: env_dirs}, cwd)
    audience = audiences.load(
        options.audience or config.audience or audiences.DEFAULT_AUDIENCE, path
    )
    key_points = _pick(options.key_points, audience.key_points, 3)
    words = options.words if options.words is not None else audience.words
    method = options.method or audience.method or DEFAULT_METHOD
    method_label(method)  # an unknown method fails here
    _check_timezone(config.timezone, config.source)
    presentation = Presentation(
        audience=audience.name,
        label=options.label or config.label or audience.label,
        organisation=config.organisation,
        logo=logo_data_uri(config.logo),
        page_size=audience.page_size or "A4",
        title_prefix=audience.title_prefix,
    )
    return Settings(
        key_points=replace(key_points, words=words) if words is not None else key_points,
        sentences=_pick(options.sentences, audience.sentences, 2),
        method=method,
        formats=_formats(options.formats or config.formats or FORMATS),
        selection=SectionSelection(
            audience.include, audience.skip, audience.order, audience.max_sections
        ),
        extras=audience.extras,
        presentation=presentation,
        path=path,
        timezone=config.timezone,
        report_prefix=config.report_prefix,
        max_bytes=options.max_bytes or MAX_BYTES,
    )


def _pick(flag, audience_value, default: int) -> Length:
    if flag is not None:
        return as_length(flag)
    return audience_value if audience_value is not None else Length(count=default)


def _formats(formats) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise BriefingError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return formats


def _check_timezone(name: str | None, source: str | None) -> None:
    if not name:
        return
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BriefingError(
            f"unknown time zone {name!r} (use a name such as Europe/Berlin)", source
        ) from None
