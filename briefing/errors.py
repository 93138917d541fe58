"""The one error type the library raises."""

from __future__ import annotations


class BriefingError(Exception):
    """A problem a user can act on: a readable cause and, when known, the file it concerns.

    ``str(error)`` is one line: ``"<source>: <cause>"``, or just the cause.
    """

    def __init__(self, cause: str, source: str | None = None) -> None:
        self.cause = " ".join(str(cause).split())
        self.source = source
        shown = _printable(source) if source else None
        super().__init__(f"{shown}: {self.cause}" if shown else self.cause)

    def for_source(self, source: str) -> BriefingError:
        """The same cause, attributed to ``source`` if no file was named yet."""
        return self if self.source else BriefingError(self.cause, source)


def _printable(name: str) -> str:
    """A file name fit for a one-line message: control characters shown escaped."""
    if name.isprintable():
        return name
    return repr(name)[1:-1]


class UsageError(BriefingError):
    """A BriefingError in what the caller asked for (a setting, a flag, an audience), not
    in an input or a step of the run: the command line exits 2 for it, not 1."""
