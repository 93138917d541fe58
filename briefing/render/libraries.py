"""WeasyPrint imported without a quarter of a second of library searching, in a run's
own processes.

WeasyPrint opens each C library it needs (GObject, Pango, HarfBuzz, fontconfig, ...) by
trying several names in turn, those of Windows and macOS among them, and for each name
that cannot be opened cffi asks ``ctypes.util.find_library``. On Linux that runs
``ldconfig -p``, then gcc, then ld: about 14 ms a name, and 16 names fail on Debian,
0.24 s of a 0.6 s import. In a daily that import runs while the articles are briefed, on
the two cores they need, and the PDF's child was at times not ready when the page was.

``import_weasyprint(owned=True)`` imports it with a lookup that reads one ``ldconfig -p``
listing and answers None for a name the listing does not hold, what ``find_library``
answers for such a name when gcc and ld cannot find it either (``tests/test_pdf.py``
compares the two on every name WeasyPrint tries). Should the import still fail that way
(a library only gcc's search path holds), it is made again with the standard lookup.
Only a process the run owns (a worker, the PDF's child) is given the quick lookup, and
only during the import: any other caller's process imports WeasyPrint as it always did.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import contextmanager
from functools import cache

# the ABI tag ldconfig prints beside a library of this machine's own kind
_ABI = {"x86_64": "x86-64", "aarch64": "AArch64"}
_ENTRY = re.compile(r"^\s+(\S+)\s+\(([^)]*)\)", re.MULTILINE)


def import_weasyprint(*, owned: bool) -> None:
    """``import weasyprint``; quickly when ``owned`` (this process is the run's own)."""
    if "weasyprint" in sys.modules or not owned or _listing() is None:
        import weasyprint

        return
    try:
        with _quick_lookup():
            import weasyprint
    except OSError:  # a library the listing lacks: the standard search, from the start
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        import weasyprint  # noqa: F401


def find(name: str) -> str | None:
    """The file name (``libpango-1.0.so.0``) of library ``name`` (``pango-1.0``) in the
    linker's cache, for this machine's ABI; None if it holds none."""
    listing = _listing()
    if listing is None:
        raise LookupError("no ldconfig listing on this machine")
    prefix = f"lib{name}."
    return next((soname for soname in listing if soname.startswith(prefix)), None)


@contextmanager
def _quick_lookup():
    import ctypes.util

    standard = ctypes.util.find_library
    ctypes.util.find_library = find
    try:
        yield
    finally:
        ctypes.util.find_library = standard


@cache
def _listing() -> tuple[str, ...] | None:
    """The sonames in ``ldconfig -p`` of this machine's ABI, in its order; None where
    there is no such listing (not glibc's Linux, or an ABI not known here)."""
    abi = _ABI.get(os.uname().machine) if hasattr(os, "uname") else None
    if abi is None or not sys.platform.startswith("linux"):
        return None
    try:
        found = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            capture_output=True,
            timeout=10,
            env={"LC_ALL": "C", "LANG": "C"},
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if found.returncode:
        return None
    text = found.stdout.decode("utf-8", "replace")
    return tuple(name for name, tags in _ENTRY.findall(text) if abi in tags.split(","))
