"""publish.files: each file synced before it is named, or a batch synced once at its end."""

from __future__ import annotations

import os

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
