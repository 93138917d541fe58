"""Library code leaves the process as it found it: no umask flip, no global start method,
no atexit hook, no codec handler registered at import; and output files get the mode the
caller's umask gives, set explicitly (mkstemp alone would leave 0600)."""

from __future__ import annotations

import atexit
import codecs
import multiprocessing.util  # the standard library's own exit hook, registered once
import stat
import subprocess
import sys

import pytest

from briefing.cli import main

from .conftest import SEED


def umask_now() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return int(next(line for line in status if line.startswith("Umask:")).split()[1], 8)


def runs(tmp_path, n: int) -> None:
    inputs = [str(SEED), str(SEED)]
    out = tmp_path / str(n)
    assert (
        main(["make", *inputs, "--out", str(out / "o"), "--format", "md,pdf", "--jobs", "2"]) == 0
    )
    assert main(["daily", *inputs, "--out", str(out / "d"), "--format", "md", "--jobs", "2"]) == 0


def test_a_run_changes_no_process_wide_state(workdir, tmp_path, capsys):
    import briefing.read.decode  # noqa: F401  the module that once registered a handler

    runs(tmp_path, 1)  # first use imports what it needs
    before = (umask_now(), multiprocessing.get_start_method(allow_none=True), atexit._ncallbacks())
    runs(tmp_path, 2)
    runs(tmp_path, 3)
    after = (umask_now(), multiprocessing.get_start_method(allow_none=True), atexit._ncallbacks())
    assert after == before and before[1] is None  # nothing per call, start method never set
    with pytest.raises(LookupError):
        codecs.lookup_error("_briefing_latin1")


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_outputs_get_the_mode_of_the_callers_umask(umask, mode, tmp_path):
    out = tmp_path / "out"
    code = (
        f"import os, sys; os.umask({umask:#o}); from briefing.cli import main; "
        f"sys.exit(main(['make', {str(SEED)!r}, '--out', {str(out)!r}, '--format', 'md,pdf']))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=tmp_path, timeout=120).returncode == 0
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    assert len(modes) == 3 and set(modes.values()) == {mode}, modes
