"""File names as data: names that are not UTF-8, hold control characters or are too long
to be an output name; links out of a folder and link loops; FIFOs and devices given where
a file is read; eval records whose article is not text.

Every name here is a real file made in ``tmp_path`` (bytes paths where the name is not
UTF-8), and the commands run through ``briefing.cli.main``; a FIFO test runs the command
in a thread with a deadline, so a command that would block fails instead of hanging.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing import api, batch
from briefing.cli import Progress, main
from briefing.errors import BriefingError, UsageError, shown
from briefing.evaluate import load
from briefing.names import MAX_STEM_BYTES, read_regular, stem_for
from briefing.settings import load_settings

from .conftest import ISSUED, SEED

NOT_UTF8 = b"b\xff.txt"
HOSTILE = ["new\nline.txt", "esc\x1b[31mred.txt", "c1\x9b2Jx.txt", "bidi\u202etxt.md"]
RAW_CONTROLS = ["\x1b", "\x9b", "\u202e", "\udcff"]  # and a newline: one line per name


def seed_at(path: str | bytes | Path) -> str:
    """A copy of the seed at ``path`` (bytes for a name that is not UTF-8); its str name."""
    data = SEED.read_bytes()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, data)
    os.close(fd)
    return os.fsdecode(path)


def strict_utf8(text: str) -> str:
    text.encode("utf-8")  # raises on a surrogate escape: what stdout's encoder would do
    return text


def outputs(folder: Path) -> list[str]:
    return sorted(os.listdir(folder)) if folder.exists() else []


# --------------------------------------------------------------------------- shown


@pytest.mark.parametrize(
    "name, expected",
    [
        ("b\udcff.txt", "b\\xff.txt"),
        ("new\nline.txt", "new\\nline.txt"),
        ("esc\x1b[31mred", "esc\\x1b[31mred"),
        ("c1\x9b2J\x85", "c1\\x9b2J\\x85"),
        ("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066"),
        ("tab\there\r", "tab\\there\\r"),
        ("Zürich 東京 report.txt", "Zürich 東京 report.txt"),
        ("back\\slash.txt", "back\\slash.txt"),
    ],
)
def test_shown_escapes_what_a_terminal_acts_on_and_keeps_readable_names(name, expected):
    assert shown(name) == expected
    assert shown(shown(name)) == shown(name)  # showing twice changes nothing
    assert shown(name).isprintable()
    strict_utf8(shown(name))


def test_an_error_about_a_hostile_name_is_one_printable_utf8_line():
    error = BriefingError("cannot\x1b[2J read", "x\n\udcff\u202e.txt")
    assert str(error) == "x\\n\\xff\\u202e.txt: cannot\\x1b[2J read"
    assert error.source == "x\n\udcff\u202e.txt"  # the name itself, to open
    assert str(error.for_source("other")) == str(error)


# --------------------------------------------------------------------------- names in make, daily, read


def test_make_briefs_every_file_of_a_folder_whatever_its_name(workdir, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seed_at(os.fsencode(inbox) + b"/" + NOT_UTF8)
    for name in [*HOSTILE, "plain.txt"]:
        seed_at(inbox / name)
    out = tmp_path / "out"
    code = main(["make", str(inbox), "--out", str(out), "--format", "md", "--jobs", "2"])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    printed = captured.out.splitlines()
    assert len(printed) == 2 * 6 and all(Path(line).exists() for line in printed)
    assert not any(c in captured.out for c in RAW_CONTROLS)
    assert len([n for n in outputs(out) if n.endswith(".md")]) == 6
    for name in outputs(out):
        strict_utf8(name) and name.isprintable()
    markdown = "".join((out / n).read_text(encoding="utf-8") for n in outputs(out) if "b_" in n)
    assert "**Source:** b\\\\xff.txt" in markdown  # b\xff.txt, Markdown-escaped


def test_an_unreadable_file_with_a_hostile_name_is_one_escaped_line(workdir, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in [os.fsencode(inbox) + b"/" + NOT_UTF8, inbox / "esc\x1b[31m.txt"]:
        fd = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644)  # empty: not an article
        os.close(fd)
    seed_at(inbox / "good.txt")
    out = tmp_path / "out"
    assert main(["make", str(inbox), "--out", str(out), "--format", "md", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert len(errors) == 2 and not any(c in captured.err for c in RAW_CONTROLS)
    assert any("b\\xff.txt: empty file" in line for line in errors)
    assert any("esc\\x1b[31m.txt: empty file" in line for line in errors)
    assert outputs(out) == ["good.json", "good.md"]


def test_the_progress_line_shows_a_hostile_name_escaped(capsys):
    progress = Progress()
    progress.shown = True  # as on a terminal
    progress(1, 2, "/in/esc\x1b[31mred\udcff.txt")
    err = capsys.readouterr().err
    assert "esc\\x1b[31mred\\xff" in err and "\x1b[31m" not in err and "\udcff" not in err


def test_daily_with_a_name_that_is_not_utf8_writes_the_day(workdir, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seed_at(os.fsencode(inbox) + b"/" + NOT_UTF8)
    out = tmp_path / "out"
    code = main(["daily", str(inbox), "--out", str(out), "--format", "md", "--date", "2024-12-08"])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    record = json.loads((out / "2024-12-08" / "briefing.json").read_bytes().decode("utf-8"))
    assert [part["source"] for part in record["parts"]] == [str(inbox / "b\\xff.txt")]
    strict_utf8((out / "2024-12-08" / "briefing.md").read_text(encoding="utf-8"))


def test_read_prints_a_name_that_is_not_utf8_as_valid_json(workdir, tmp_path, capsys):
    path = seed_at(os.fsencode(tmp_path) + b"/" + NOT_UTF8)
    assert main(["read", path, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"].endswith("b\\xff.txt")


def test_an_output_folder_that_is_not_utf8_is_printed_escaped(workdir, tmp_path, capsys):
    out = os.fsdecode(os.fsencode(tmp_path) + b"/out\xfe\x1b")
    assert main(["make", str(SEED), "--out", out, "--format", "md"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed and all("out\\xfe\\x1b/" in line for line in printed)
    assert sorted(os.listdir(out)) == [f"{SEED.stem}.json", f"{SEED.stem}.md"]


# --------------------------------------------------------------------------- output stems


def test_a_plain_name_keeps_its_stem():
    assert stem_for("in/Zürich report.txt") == "Zürich report"
    assert stem_for(SEED) == SEED.stem


@pytest.mark.parametrize("name", ["b\udcff", "new\nline", "esc\x1b[31m", "bidi\u202e", "x" * 240])
def test_a_stem_that_had_to_change_is_safe_and_tagged(name):
    stem = stem_for(f"{name}.txt")
    assert stem.isprintable() and len(strict_utf8(stem).encode("utf-8")) <= MAX_STEM_BYTES
    assert stem != name and stem == stem_for(f"other/{name}.html")  # the same every time
    assert len(f".{stem}-99.html.abcdefgh.tmp".encode()) <= 255


def test_long_names_cut_at_a_whole_character_stay_distinct():
    first, second = "東" * 80 + "a", "東" * 80 + "b"  # 241 bytes each, the same first 240
    stems = {stem_for(f"{first}.txt"), stem_for(f"{second}.txt")}
    assert len(stems) == 2
    for stem in stems:
        stem.encode("utf-8", "strict")
        assert len(stem.encode()) <= MAX_STEM_BYTES and stem.startswith("東" * 60)


def test_long_file_names_are_briefed_into_outputs_that_fit(workdir, tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = ["a" * 246 + "1.txt", "a" * 246 + "2.txt", "é" * 124 + ".md"]  # 250-252 bytes
    for name in names:
        seed_at(inbox / name)
    out = tmp_path / "out"
    assert main(["make", str(inbox), "--out", str(out), "--format", "md,html"]) == 0
    assert capsys.readouterr().err == ""
    made = outputs(out)
    assert len(made) == 9 and len({name.rsplit(".", 1)[0] for name in made}) == 3
    assert all(len(name.encode()) <= MAX_STEM_BYTES + 5 for name in made)


def test_the_library_gives_a_long_name_a_stem_that_fits(tmp_path):
    source = Path(seed_at(tmp_path / ("x" * 250 + ".txt")))
    settings = load_settings({"formats": ["md"]}, issued=ISSUED, isolated=True)
    written = api.make(source, tmp_path / "out", settings)
    assert [p.suffix for p in written] == [".md", ".json"]
    assert all(p.exists() and len(p.name.encode()) <= 255 for p in written)


def test_stems_stay_unique_within_a_batch(tmp_path):
    for name in ["a.txt", "a.md", "a-2.txt"]:
        seed_at(tmp_path / name)
    stems = [item.stem for item in batch.plan([tmp_path]).items]
    assert stems == ["a-2", "a", "a-3"]  # a-2.txt, a.md, a.txt: in name order


# --------------------------------------------------------------------------- links and loops


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file outside every folder given, with a sentence no output may carry."""
    path = tmp_path / "elsewhere" / "secret.txt"
    path.parent.mkdir()
    path.write_text(
        "Secret title\n\nThe vault code is written on the back of the painting. "
        "Only the director knows which painting it is.\n",
        encoding="utf-8",
    )
    return path


def test_a_folder_does_not_follow_a_link_out_of_it(workdir, tmp_path, secret, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seed_at(inbox / "real.txt")
    (inbox / "leak.txt").symlink_to(secret)
    (inbox / "z-alias.txt").symlink_to(inbox / "real.txt")  # inside, but the same file
    out = tmp_path / "out"
    assert main(["make", str(inbox), "--out", str(out), "--format", "md"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "leak.txt: a link to" in err[0] and "not followed" in err[0]
    assert outputs(out) == ["real.json", "real.md"]
    assert "vault" not in (out / "real.md").read_text(encoding="utf-8")


def test_a_link_named_on_the_command_line_is_followed(workdir, tmp_path, secret, capsys):
    link = tmp_path / "leak.txt"
    link.symlink_to(secret)
    assert main(["make", str(link), "--out", str(tmp_path / "out"), "--format", "md"]) == 0
    assert "vault" in (tmp_path / "out" / "leak.md").read_text(encoding="utf-8")


def test_a_pattern_does_not_follow_a_link_out_of_its_folder(tmp_path, secret):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    seed_at(inbox / "sub" / "real.txt")
    (inbox / "leak.txt").symlink_to(secret)
    (inbox / "outside").symlink_to(secret.parent, target_is_directory=True)
    items = batch.plan([f"{inbox}/*.txt", f"{inbox}/**/*.txt"]).items
    briefed = [item.source for item in items if not item.error]
    refused = [item.source for item in items if item.error]
    assert briefed == [str(inbox / "sub" / "real.txt")]
    assert refused == [str(inbox / "leak.txt")] * 2  # once per pattern, never read
    assert "not followed" in str(items[0].error)


def test_a_link_loop_gives_each_file_once(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    seed_at(inbox / "top.txt")
    seed_at(inbox / "sub" / "deep.txt")
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)
    (inbox / "sub" / "up").symlink_to("..", target_is_directory=True)
    code = (
        "import json, sys; from briefing import batch; "
        "print(json.dumps([i.source for i in batch.plan(sys.argv[1:]).items]))"
    )
    # In a child with a deadline: following both links, ``**`` would walk 2**40 paths.
    done = subprocess.run(
        [sys.executable, "-c", code, f"{inbox}/**/*.txt"], capture_output=True, timeout=60
    )
    assert json.loads(done.stdout) == [str(inbox / "sub" / "deep.txt"), str(inbox / "top.txt")]


def test_double_star_lists_what_glob_lists_where_there_is_no_link(workdir):
    for name in ["a.txt", "d/b.txt", "d/e/c.txt", "d/.hidden/h.txt", ".top/t.txt", "d/e/x.md"]:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        seed_at(name)
    for pattern in ["**/*.txt", "d/**/*.txt", "d/**", "*/**/c.txt", f"{workdir}/**/*.md"]:
        expected = sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
        assert [item.source for item in batch.plan([pattern]).items] == expected, pattern


def test_the_same_file_is_briefed_once_in_a_batch(tmp_path):
    first = Path(seed_at(tmp_path / "a.txt"))
    os.link(first, tmp_path / "hard.txt")
    (tmp_path / "sub").mkdir()
    items = batch.plan([first, tmp_path, f"{tmp_path}/*.txt", str(tmp_path / "sub" / "..")]).items
    assert [(item.source, item.stem) for item in items] == [(str(first), "a")]


# --------------------------------------------------------------------------- not a regular file


def bounded(call, fifo: Path, seconds: float = 20):
    """``call()`` in a thread, its result or the exception it raised. If it is still
    running after ``seconds`` (blocked opening the FIFO), the FIFO is opened for writing
    and closed to release it, and the test fails."""
    result: list = []

    def target():
        try:
            result.append(call())
        except Exception as exc:  # handed to the test
            result.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        thread.join(5)
        pytest.fail(f"blocked on the FIFO {fifo}")
    return result[0]


def command_reading(what: str, path: str, tmp_path: Path) -> tuple[list[str], int]:
    """A command that reads ``path`` as ``what``, and the exit code it must give."""
    md = tmp_path / "brief.md"
    md.write_text("# Title\n\n- A point.\n", encoding="utf-8")
    eml = str(tmp_path / "out.eml")
    return {
        "email": (["email", path, "--to", "a@example.org", "--eml", eml], 1),
        "attach": (
            ["email", str(md), "--to", "a@example.org", "--eml", eml, "--attach-pdf", path],
            1,
        ),
        "config": (["make", str(SEED), "--config", path, "--out", str(tmp_path)], 2),
        "eval": (["eval", path], 1),
    }[what]


WHAT = ["email", "attach", "config", "eval"]


@pytest.mark.parametrize("what", WHAT)
def test_a_fifo_is_refused_in_one_line_without_waiting(what, workdir, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    command, code = command_reading(what, str(fifo), tmp_path)
    assert bounded(lambda: main(command), fifo) == code
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and f"{fifo}: not a regular file" in err[0], err
    assert not (tmp_path / "out.eml").exists()


@pytest.mark.parametrize("what", WHAT)
def test_a_device_is_refused_in_one_line(what, workdir, tmp_path, capsys):
    command, code = command_reading(what, "/dev/null", tmp_path)
    assert main(command) == code
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "/dev/null: not a regular file" in err[0], err


def test_the_library_refuses_devices_fifos_and_folders_by_name(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path in [fifo, "/dev/null"]:
        refused = bounded(lambda: read_regular(path), fifo)  # noqa: B023 (called at once)
        assert isinstance(refused, BriefingError) and "not a regular file" in str(refused)
    with pytest.raises(UsageError, match="is a folder"):
        read_regular(tmp_path, UsageError)
    with pytest.raises(BriefingError, match="gone: no such file"):
        read_regular(tmp_path / "gone")
    shutil.copyfile(SEED, tmp_path / "a.txt")
    assert read_regular(tmp_path / "a.txt") == SEED.read_bytes()


def test_an_endless_device_is_refused_not_read(tmp_path):
    """``/dev/zero`` in a child process with a deadline and a memory cap, so reading it
    (the bug) fails the test instead of filling the memory."""
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30)); "
        "from briefing.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    for command in (["eval", "/dev/zero"], ["make", str(SEED), "--config", "/dev/zero"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *command],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
        )
        assert done.returncode in (1, 2) and "/dev/zero: not a regular file" in done.stderr


# --------------------------------------------------------------------------- eval records


@pytest.mark.parametrize(
    "line, cause",
    [
        ('{"article": 5, "reference": "A."}', "article is int, not text"),
        ('{"article": null, "reference": "A."}', "article is NoneType, not text"),
        ('{"article": "A. B.", "reference": [1, 2]}', "reference is not text"),
        ('{"article": "A. B.", "reference": {"a": "b"}}', "reference is not text"),
        ('{"article": "A. B.", "reference": null}', "not an example"),
    ],
)
def test_an_eval_record_that_is_not_text_is_one_line_naming_file_and_line(
    line, cause, tmp_path, capsys
):
    data = tmp_path / "data.jsonl"
    good = json.dumps({"article": "One sentence here. Another one there.", "reference": "One."})
    data.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=cause):
        load(data)
    assert main(["eval", str(data)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and f"{data}: line 3 is not" in err[0] and "internal" not in err[0]


def test_an_eval_line_that_is_not_utf8_names_its_line(tmp_path, capsys):
    data = tmp_path / "data.jsonl"
    data.write_bytes(b'{"article": "A. B.", "reference": "A."}\n{"article": "\xff"}\n')
    assert main(["eval", str(data)]) == 1
    assert f"{data}: line 2 is not UTF-8 text" in capsys.readouterr().err
