"""WeasyPrint's C libraries found from the linker's cache in the run's own processes: the
same files as the standard lookup, no compiler run, the standard lookup again if that
fails, and the caller's process never given the quick lookup."""

from __future__ import annotations

import ast
import ctypes.util
import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.child import as_child, owned
from briefing.render import libraries

from .conftest import ROOT

needs_listing = pytest.mark.skipif(
    libraries._listing() is None, reason="no ldconfig listing of a known ABI on this machine"
)


def weasyprint_names() -> list[str]:
    """Every library name WeasyPrint's ffi module tries, read from its source."""
    import importlib.util

    source = Path(importlib.util.find_spec("weasyprint.text.ffi").origin).read_text()
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_dlopen":
            names += [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
    return names


@needs_listing
def test_the_quick_lookup_finds_what_the_standard_one_finds_for_every_name_tried():
    names = weasyprint_names()
    assert len(names) >= 20 and "pango-1.0" in names  # the source was read
    for name in [*names, "c", "m", "z"]:
        assert libraries.find(name) == ctypes.util.find_library(name), name
    assert libraries.find("pango-1.0") == "libpango-1.0.so.0"


# A gcc, cc and ld that only write down that they were run, first on PATH.
PROBE = textwrap.dedent(
    """
    import sys
    from briefing.render.libraries import import_weasyprint
    import_weasyprint(owned=sys.argv[1] == "owned")
    import weasyprint.text.ffi as ffi
    print(ffi.pango.pango_version() > 0)
    """
)


def compilers_run(tmp_path: Path, owned: str) -> tuple[str, str]:
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    log = tmp_path / f"{owned}.log"
    for tool in ("gcc", "cc", "ld"):
        (tools / tool).write_text(f'#!/bin/sh\necho {tool} >> "{log}"\nexit 1\n')
        (tools / tool).chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{tools}:{os.environ['PATH']}"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, owned], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip(), log.read_text() if log.exists() else ""


@needs_listing
def test_an_owned_process_imports_weasyprint_without_running_a_compiler(tmp_path):
    assert compilers_run(tmp_path, "owned") == ("True", "")
    # the standard lookup, as any caller's process gets it, runs them for each name
    # that cannot be opened: what the quick lookup saves
    printed, ran = compilers_run(tmp_path, "caller")
    assert printed == "True" and ran.count("gcc") >= 5


FAKE = textwrap.dedent(
    """
    import ctypes.util
    if ctypes.util.find_library.__module__ != "ctypes.util":
        raise OSError("cannot load library 'libonlygccknows.so'")
    """
)


def test_an_import_the_quick_lookup_fails_is_made_again_with_the_standard_one(tmp_path):
    # a library found only by gcc's search: the quick lookup cannot see it, the standard
    # one can, and the import must not fail for that
    (tmp_path / "weasyprint").mkdir()
    (tmp_path / "weasyprint" / "__init__.py").write_text(FAKE)
    probe = textwrap.dedent(
        """
        import ctypes.util, sys
        from briefing.render import libraries
        libraries._listing = lambda: ("libc.so.6",)
        libraries.import_weasyprint(owned=True)
        print(ctypes.util.find_library.__module__, "weasyprint" in sys.modules)
        """
    )
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}:{ROOT}"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ctypes.util", "True"]


def _report_owned(parent: int, conn) -> None:
    before = owned()
    as_child(parent)
    conn.send((before, owned()))


def test_only_a_runs_own_child_is_owned():
    assert not owned()
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_report_owned, args=(os.getpid(), send)
    )
    child.start()
    assert receive.poll(60)
    assert receive.recv() == (False, True)
    child.join(60)
    assert not owned()  # the caller's process is never marked
