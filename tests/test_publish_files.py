"""publish.files: each file synced before it is named, or a batch synced once at its end."""

from __future__ import annotations

import os
import signal

import pytest

from briefing import api
from briefing.publish import files
from briefing.settings import load_settings


def _counting_fsync(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def fsync(fd):
        calls.append(fd)
        return real(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    return calls


def test_a_durable_write_syncs_each_file_before_naming_it(tmp_path, monkeypatch):
    calls = _counting_fsync(monkeypatch)
    written = files.write_all_atomic({tmp_path / "a.md": b"A", tmp_path / "a.json": b"{}"})
    assert [p.read_bytes() for p in written] == [b"A", b"{}"]
    assert len(calls) == 2


def test_a_batch_write_syncs_nothing_until_its_flush(tmp_path, monkeypatch):
    calls = _counting_fsync(monkeypatch)
    synced: list[int] = []
    real_syncfs = files._syncfs
    monkeypatch.setattr(files, "_syncfs", lambda fd: synced.append(fd) or real_syncfs(fd))
    for n in range(5):
        files.write_all_atomic({tmp_path / f"{n}.md": b"x" * n}, durable=False)
    assert calls == [] and synced == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n}.md" for n in range(5)]
    assert (tmp_path / "3.md").read_bytes() == b"xxx"
    files.flush(tmp_path)
    assert len(synced) == 1  # one sync of the file system for the whole batch
    assert len(calls) == 1  # and one of the folder, for the names renamed into it


def test_flushing_a_folder_that_was_never_made_does_nothing(tmp_path):
    files.flush(tmp_path / "never")
    assert not (tmp_path / "never").exists()


def test_make_over_a_folder_flushes_its_output_folder_once_at_the_end(
    tmp_path, seed_path, monkeypatch, issued
):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        (inputs / f"{n}.txt").write_bytes(seed_path.read_bytes())
    flushed = []
    monkeypatch.setattr(files, "flush", lambda folder: flushed.append(folder))
    settings = load_settings({"formats": ["md"]}, issued=issued)
    results = []
    for result in api.make_many([inputs], tmp_path / "out", settings, jobs=1):
        results.append(result)
        assert flushed == []  # not before every article is written
    assert [r.error for r in results] == [None] * 3
    assert flushed == [tmp_path / "out"]


def test_flushing_a_path_that_is_a_file_does_nothing(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    files.flush(tmp_path / "a-file")
    files.flush(tmp_path / "a-file" / "out")
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "x"


# --- a batch's replaced files, freed by the release thread ---------------------------------


def _held_deleted(folder) -> list[str]:
    """This process's descriptors on files of ``folder`` that no longer have a name."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)) and target.endswith("(deleted)"):
            held.append(target)
    return held


def test_a_batch_replaces_old_files_and_their_release_leaves_nothing_held(tmp_path, monkeypatch):
    # The old file is held (O_PATH) through the rename and closed by the release thread:
    # the new bytes are at the path at once, and after the flush no descriptor is left.
    held: list[int] = []
    real_later = files.release.later
    monkeypatch.setattr(files.release, "later", lambda fd: held.append(fd) or real_later(fd))
    for n in range(20):
        (tmp_path / f"{n}.md").write_bytes(b"old")
    os.sync()
    for n in range(20):
        files.write_all_atomic({tmp_path / f"{n}.md": b"new"}, durable=False)
    assert [(tmp_path / f"{n}.md").read_bytes() for n in range(20)] == [b"new"] * 20
    assert len(held) == 20  # each old file went through the release thread
    files.flush(tmp_path)
    assert _held_deleted(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.md" for n in range(20))


def test_a_durable_write_frees_the_old_file_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(files.release, "later", lambda fd: pytest.fail("deferred"))
    (tmp_path / "a.md").write_bytes(b"old")
    files.write_all_atomic({tmp_path / "a.md": b"new"})
    assert (tmp_path / "a.md").read_bytes() == b"new" and _held_deleted(tmp_path) == []


def test_a_forked_child_releases_on_its_own_thread(tmp_path):
    # A child forked after its parent started a release thread has none of it: it must
    # start its own, or its old files stay held (and open) until it exits.
    (tmp_path / "p.md").write_bytes(b"old")
    files.write_all_atomic({tmp_path / "p.md": b"new"}, durable=False)
    files.release.settle()
    for n in range(5):
        (tmp_path / f"{n}.md").write_bytes(b"old")
    pid = os.fork()
    if pid == 0:  # the child: replace, settle, report through the exit code
        code = 1
        signal.alarm(30)  # a settle() waiting on the parent's (absent) thread would hang
        try:
            for n in range(5):
                files.write_all_atomic({tmp_path / f"{n}.md": b"new"}, durable=False)
            files.release.settle()
            code = 0 if _held_deleted(tmp_path) == [] else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert [(tmp_path / f"{n}.md").read_bytes() for n in range(5)] == [b"new"] * 5


@pytest.mark.parametrize("existed", [True, False])
def test_a_sigterm_while_a_file_is_named_waits_until_it_has_its_name(tmp_path, existed):
    # How a run ends its workers, and what they get when the main process dies: SIGTERM.
    # Arriving between the hidden name and the rename, it must not leave the hidden file.
    target = tmp_path / "p.md"
    if existed:
        target.write_bytes(b"old")
    pid = os.fork()
    if pid == 0:  # the child: SIGTERM's default action, sent just before the rename
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.alarm(30)
            real = os.replace

            def replace(source, destination):
                os.kill(os.getpid(), signal.SIGTERM)
                real(source, destination)

            files.os.replace = replace
            files.write_all_atomic({target: b"new"}, durable=False)
        finally:
            os._exit(3)  # not reached: the held signal ends it after the rename
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]
    assert target.read_bytes() == b"new"
