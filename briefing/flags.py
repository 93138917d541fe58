"""Argparse types: each checks one flag's text and says what was expected.

Flags that are settings go through the settings schema (``setting``), so a flag and a
file setting are checked by one rule and described in the same words.
"""

from __future__ import annotations

import argparse


def count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def setting(name: str):
    """An argparse type that checks a flag against the settings schema, so a flag and a
    file setting are checked by one rule and described in the same words; a bad value
    gets the subcommand's usage. The value itself is converted once, by load_settings."""

    def convert(text: str):
        from .errors import BriefingError
        from .schema import RUN, convert

        try:
            convert(name, split(name, text), None, RUN)
            return split(name, text)
        except BriefingError as exc:
            if name == "formats":
                from .model import FORMATS

                raise argparse.ArgumentTypeError(
                    f"choose from {','.join(FORMATS)} (got {text!r})"
                ) from None
            raise argparse.ArgumentTypeError(exc.cause) from None

    convert.__name__ = name  # argparse names the type in some messages
    return convert


def max_bytes(text: str) -> int:
    """``read --max-size``: read builds no Settings, so the flag is converted here, by the
    schema's rule, to the byte count the reader takes (never the text, never 0)."""
    from .errors import BriefingError
    from .schema import RUN, convert

    try:
        return convert("max_size", text, None, RUN)
    except BriefingError as exc:
        raise argparse.ArgumentTypeError(exc.cause) from None


def split(name: str, text: str):
    if name in ("formats", "extras"):
        return [part.strip().lower() for part in text.split(",") if part.strip()]
    return text


def issued(text: str):
    from datetime import datetime

    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a time like 2024-12-08T09:30+00:00 (got {text!r})"
        ) from None


def day(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2024-12-08 (got {text!r})"
        ) from None


_AGO = {"m": 60, "h": 3600, "d": 86400}


def since(text: str):
    """``--since``: a span back from now ("24h", "90m", "3d"), a day ("2026-12-01",
    from its midnight in the local zone) or a time with its offset."""
    from datetime import datetime, timedelta

    spoken = text.strip().lower()
    if spoken[:-1].isdigit() and spoken[-1:] in _AGO:
        return datetime.now().astimezone() - timedelta(seconds=int(spoken[:-1]) * _AGO[spoken[-1]])
    try:
        moment = datetime.fromisoformat(spoken.upper() if "t" in spoken else spoken)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected 24h, 3d, 90m, a date like 2026-12-01 or a time (got {text!r})"
        ) from None
    return moment if moment.tzinfo else moment.astimezone()
