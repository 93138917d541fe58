"""The one error type the library raises, and the one way a file name is shown."""

from __future__ import annotations

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


class BriefingError(Exception):
    """A problem a user can act on: a readable cause and, when known, the file it concerns.

    ``str(error)`` is one line: ``"<source>: <cause>"``, or just the cause, with any
    character a terminal would act on shown escaped (see ``shown``). ``source`` keeps
    the name as given, to open or compare.
    """

    def __init__(self, cause: str, source: str | None = None) -> None:
        self.cause = shown(" ".join(str(cause).split()))
        self.source = source
        where = shown(source) if source else None
        super().__init__(f"{where}: {self.cause}" if where else self.cause)

    def for_source(self, source: str) -> BriefingError:
        """The same cause, attributed to ``source`` if no file was named yet."""
        return self if self.source else BriefingError(self.cause, source)


def shown(name: str) -> str:
    """``name`` fit for a terminal, a one-line message or a document, and encodable as
    UTF-8: a byte that was not UTF-8 (a surrogate escape) as ``\\xff``; a newline, tab,
    ESC, other C0 and C1 control, bidi control, or any other character that is not
    printable as ``\\n``, ``\\x1b``, ``\\u202e``. A name with none of them is returned
    as it is, so showing a shown name changes nothing."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else _escaped(c) for c in name)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape of the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if char in _ESCAPES:
        return _ESCAPES[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


class UsageError(BriefingError):
    """A BriefingError in what the caller asked for (a setting, a flag, an audience), not
    in an input or a step of the run: the command line exits 2 for it, not 1."""
