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
