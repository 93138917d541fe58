"""What the command line writes: one line per message, names escaped, a progress line.

stdout carries only paths; messages go to stderr prefixed ``briefing:``. Anything a
terminal would act on (ESC, newlines, bidi controls, bytes that are not UTF-8) is shown
escaped, and a character the stream cannot encode is written as its escape.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import shown


def say(line: str) -> None:
    """One line on stderr, anything a terminal would act on shown escaped."""
    _write(f"briefing: {shown(line)}", sys.stderr)


def show(text: object) -> None:
    """A path or another name on stdout, one line, shown as ``say`` shows it."""
    _write(shown(str(text)), sys.stdout)


def show_fields(*fields: object) -> None:
    """One tab-separated line on stdout, each field shown as ``show`` shows a name."""
    _write("\t".join(shown(str(field)) for field in fields), sys.stdout)


def _write(text: str, stream, end: str = "\n") -> None:
    """``print``, but a character the stream cannot encode (a name in UTF-8 on a Latin-1
    terminal) is written as its escape instead of failing."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    print(text.encode(encoding, "backslashreplace").decode(encoding), end=end, file=stream)
    stream.flush()


class Progress:
    """ "12 of 30 articles" on one line of stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()

    def __call__(self, done: int, total: int, source: str) -> None:
        if self.shown:
            name = shown(Path(source).name)[:40]
            _write(f"\rbriefing: {done} of {total} articles ({name})\x1b[K", sys.stderr, end="")

    def close(self) -> None:
        if self.shown:
            print(file=sys.stderr, flush=True)


class FetchProgress:
    """ "Reuters World: 12 of 40 items" on one line of stderr, only on a terminal; ``say``
    a line through it so the line is not left half-overwritten."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()

    def __call__(self, name: str, done: int, total: int) -> None:
        if self.shown:
            _write(f"\rbriefing: {shown(name)[:40]}: {done} of {total} items\x1b[K", sys.stderr, "")

    def say(self, line: str) -> None:
        if self.shown:
            _write("\r\x1b[K", sys.stderr, end="")
        say(line)

    def close(self) -> None:
        if self.shown:
            _write("\r\x1b[K", sys.stderr, end="")


def report_skipped(skipped, verbose: bool) -> None:
    """One summary line for files left out as not articles; each of them with --verbose."""
    if not skipped:
        return
    kinds = sorted({Path(p).suffix.lower() or "(no suffix)" for p in skipped})
    say(
        f"{len(skipped)} files left out, not of a kind briefing reads ({', '.join(kinds)})"
        + ("" if verbose else "; --verbose lists them")
    )
    for path in skipped if verbose else ():
        say(f"{path}: left out: not an article file (.txt, .md, .html)")
