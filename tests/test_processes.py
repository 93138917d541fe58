"""Processes end together and a run leaves nothing behind: the CPU budget per article,
workers that die with the main process, SIGTERM as Ctrl-C, standard input handed to the
workers, and a day's files replaced as one set."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import deque
from pathlib import Path

import pytest

from briefing import workers
from briefing.child import _ONE_THREAD, budgeted
from briefing.errors import BriefingError

from .conftest import ISSUED, ROOT, SEED

ENV = {**os.environ, "TZ": "UTC", "PYTHONPATH": str(ROOT)}
BRIEFING = [sys.executable, "-m", "briefing"]


def big_article(path: Path, sentences: int = 20_000) -> Path:
    """An article far longer than any news story: many distinct sentences."""
    body = "\n\n".join(
        " ".join(
            f"Report {i} says the council of town {i % 97} met {i % 13} times in week {j}."
            for j in range(5)
        )
        for i in range(sentences // 5)
    )
    path.write_text(f"A very long title\n\n{body}\n", encoding="utf-8")
    return path


def seeds(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"article-{i:02d}.txt").write_bytes(SEED.read_bytes())
    return folder


def briefing(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*BRIEFING, *map(str, args)], capture_output=True, env=ENV, timeout=300, **kwargs
    )


# --- the CPU budget ---------------------------------------------------------------------
# 1.5 s: a worker's first article also pays for loading NumPy and the ranker's models
# (about 0.25 s of CPU), so a budget near that fails ordinary articles on a busy machine;
# the 20,000-sentence article takes several seconds.
BUDGET = 1.5


def test_an_article_over_its_cpu_budget_is_one_line_and_the_others_are_briefed(tmp_path):
    inbox = seeds(tmp_path / "inbox", 3)
    big_article(inbox / "huge.txt")
    run = briefing(
        "make", inbox, "--out", tmp_path / "out", "--format", "md", "--time-limit", BUDGET
    )
    assert run.returncode == 1
    lines = run.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert f"huge.txt: took more than {BUDGET:g} s of CPU to read and rank" in lines[0]
    assert re.search(r"\([\d,]+ bytes, 8,001 lines\); left out$", lines[0]), lines[0]
    made = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert made == [f"article-{i:02d}.md" for i in range(3)]


def test_daily_leaves_out_the_article_over_budget_and_writes_the_day(tmp_path):
    inbox = seeds(tmp_path / "inbox", 2)
    big_article(inbox / "huge.txt")
    out = tmp_path / "out"
    run = briefing(
        "daily",
        inbox,
        "--out",
        out,
        "--date",
        "2024-12-08",
        "--format",
        "md",
        "--time-limit",
        BUDGET,
    )
    assert run.returncode == 1
    assert f"huge.txt: took more than {BUDGET:g} s of CPU" in run.stderr.decode()
    record = json.loads((out / "2024-12-08" / "briefing.json").read_text())
    assert [a["source"] for a in record["parts"]] == [
        str(inbox / "article-00.txt"),
        str(inbox / "article-01.txt"),
    ]


def test_without_a_budget_problem_the_long_article_is_briefed(tmp_path):
    """The same long article within a generous limit: the limit, not the length, left it out."""
    big = big_article(tmp_path / "huge.txt", sentences=2_000)
    run = briefing("make", big, "--out", tmp_path / "out", "--format", "md", "--time-limit", 60)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "huge.md").exists()


def _spin_in_c(item):
    with budgeted():  # as the project's work functions do around read and rank
        if item == "stuck":  # catastrophic backtracking: the loop is in C, no handler runs
            re.match(r"(a+)+$", "a" * 64 + "b")
    return item


def test_a_worker_stuck_in_c_code_is_ended_by_the_kernel_limit():
    script = textwrap.dedent(
        """
        from briefing import child, workers
        from tests.test_processes import _spin_in_c
        child.GRACE_SECONDS = 1
        got = dict(workers.serve(_spin_in_c, ["ok", "stuck", "fine"], jobs=1, budget=0.2,
                                 failed=lambda item, why: "failed: " + why))
        print(sorted(got.items()))
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=ENV, cwd=ROOT, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().strip() == (
        "[(0, 'ok'), (1, 'failed: took more than 0.2 s of CPU to read and rank'), (2, 'fine')]"
    )


def _troubled(item):
    if item == "crash":
        os._exit(3)
    if item == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    if item == "bug":
        raise ValueError("a bug")
    return item * 2


def test_a_crash_a_kill_or_a_bug_costs_only_its_own_item():
    items = [1, "crash", 2, "killed", 3, "bug", 4]
    got = dict(workers.serve(_troubled, items, jobs=2, failed=lambda item, why: why))
    assert got == {
        0: 2,
        1: "its worker process ended unexpectedly (exit code 3)",
        2: 4,
        3: "its worker process was stopped by SIGKILL (out of memory?)",
        4: 6,
        5: "internal error: ValueError: a bug",
        6: 8,
    }


def test_there_are_never_more_workers_than_cpus():
    pids = {
        pid for _, pid in workers.serve(lambda _: os.getpid(), range(40), jobs=1000, failed=None)
    }
    assert 1 <= len(pids) <= workers.usable_cpus()
    assert os.getpid() not in pids  # the work is done in children, never in the caller


def test_the_callers_signal_handlers_and_limits_are_untouched():
    import resource

    before = (signal.getsignal(signal.SIGPROF), resource.getrlimit(resource.RLIMIT_CPU))
    list(workers.serve(str, range(3), jobs=2, budget=1.0, failed=None))
    assert (signal.getsignal(signal.SIGPROF), resource.getrlimit(resource.RLIMIT_CPU)) == before


BLAS_PROBE = """
import os, sys
from briefing import workers

def threads_after_a_product(_):
    import numpy as np
    a = np.ones((300, 300))
    a @ a  # OpenBLAS starts its threads on the first product big enough to share
    status = open("/proc/self/status").read()
    return int(status.split("Threads:")[1].split()[0]), os.environ.get("OPENBLAS_NUM_THREADS")

print(dict(workers.serve(threads_after_a_product, [0], failed=None))[0])
print("numpy" in sys.modules, os.environ.get("OPENBLAS_NUM_THREADS"))
"""


def test_a_childs_blas_runs_on_one_thread_and_the_callers_environment_is_untouched():
    # OpenBLAS's spinning threads took half of a make run's CPU; a child must not start
    # them, while the caller's own environment (and NumPy, never loaded there) stay as
    # they were.
    env = {k: v for k, v in ENV.items() if k not in _ONE_THREAD}
    done = subprocess.run(
        [sys.executable, "-c", BLAS_PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    child, parent = done.stdout.splitlines()
    assert child == "(1, '1')"
    assert parent == "False None"


# --- processes end together -------------------------------------------------------------


def descendants(pid: int) -> set[int]:
    found, stack = set(), [pid]
    while stack:
        for task in Path(f"/proc/{stack.pop()}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    stack.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def start_busy_run(tmp_path: Path, command: str = "make", *extra) -> tuple[subprocess.Popen, Path]:
    inbox = seeds(tmp_path / "inbox", 60)
    out = tmp_path / "out"
    args = [command, inbox, "--out", out, "--format", "md,pdf", "--jobs", "2", *extra]
    run = subprocess.Popen(
        [*BRIEFING, *map(str, args)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    return run, out


def wait_for(condition, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def outputs(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir()) if out.is_dir() else []


def test_sigkill_of_the_main_process_ends_every_worker_and_all_writing(tmp_path):
    run, out = start_busy_run(tmp_path)
    assert wait_for(lambda: len(outputs(out)) >= 6 and len(descendants(run.pid)) >= 2)
    children = descendants(run.pid)
    run.kill()
    run.wait(timeout=30)
    assert wait_for(lambda: not any(alive(pid) for pid in children), 10), "workers outlived it"
    written = outputs(out)
    time.sleep(1.0)
    assert outputs(out) == written  # nothing written after the run ended
    assert not [n for n in written if n.startswith(".") or n.endswith(".tmp")]
    assert len(written) < 120  # it was stopped midway


def test_sigterm_ends_a_run_as_ctrl_c_does(tmp_path):
    run, out = start_busy_run(tmp_path)
    assert wait_for(lambda: len(outputs(out)) >= 6 and len(descendants(run.pid)) >= 2)
    children = descendants(run.pid)
    run.terminate()
    _, err = run.communicate(timeout=60)
    assert run.returncode == 128 + signal.SIGTERM
    assert err.decode().splitlines()[-1] == "briefing: terminated"
    assert wait_for(lambda: not any(alive(pid) for pid in children), 10)
    assert not [n for n in outputs(out) if n.startswith(".") or n.endswith(".tmp")]


def test_ctrl_c_to_the_whole_terminal_group_prints_one_line(tmp_path):
    run, out = start_busy_run(tmp_path)
    assert wait_for(lambda: len(outputs(out)) >= 4 and len(descendants(run.pid)) >= 2)
    os.killpg(run.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: every process
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert err.decode().splitlines() == ["briefing: interrupted"]  # no "Process Fork..." trace


def test_standard_input_beside_other_inputs_is_read_once_and_briefed(tmp_path):
    other = tmp_path / "other.txt"
    other.write_bytes(SEED.read_bytes().replace(b"Damascus", b"Zanzibar"))
    run = briefing(
        "make", "-", other, "--out", tmp_path / "out", "--format", "md", input=SEED.read_bytes()
    )
    assert run.returncode == 0, run.stderr
    stdin_md = (tmp_path / "out" / "stdin.md").read_text()
    assert "Damascus" in stdin_md and "Zanzibar" not in stdin_md
    assert "Zanzibar" in (tmp_path / "out" / "other.md").read_text()


# --- a day is replaced as one -----------------------------------------------------------


def day_titles(day: Path) -> dict[str, str]:
    """The title each format of a day says it has (md heading, html <h1>, json)."""
    titles = {}
    for path in day.glob("briefing.*"):
        text = path.read_text(encoding="utf-8", errors="replace") if path.suffix != ".pdf" else ""
        if path.suffix == ".md":
            titles["md"] = text.splitlines()[0].lstrip("# ")
        elif path.suffix == ".html":
            titles["html"] = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)[1].strip()
        elif path.suffix == ".json":
            titles["json"] = json.loads(text)["title"]
    return titles


def daily_command(inbox: Path, out: Path, title: str, formats: str = "md,html") -> list[str]:
    return [
        *BRIEFING,
        "daily",
        str(inbox),
        "--out",
        str(out),
        "--date",
        "2024-12-08",
        "--title",
        title,
        "--format",
        formats,
        "--issued",
        ISSUED.isoformat(),
    ]


def test_two_dailies_for_one_day_at_once_never_mix_their_files(tmp_path):
    inbox = seeds(tmp_path / "inbox", 4)
    out = tmp_path / "out"
    for trial in range(4):
        runs = [
            subprocess.Popen(daily_command(inbox, out, f"Run {name} {trial}"), env=ENV)
            for name in "AB"
        ]
        for run in runs:
            assert run.wait(timeout=120) == 0
        titles = day_titles(out / "2024-12-08")
        assert set(titles) == {"md", "html", "json"}
        assert len(set(titles.values())) == 1, titles  # all three from one run
        assert titles["md"] in (f"Run A {trial}", f"Run B {trial}")
    assert sorted(p.name for p in out.iterdir()) == [".2024-12-08.lock", "2024-12-08"]


def test_a_reader_during_a_replacement_sees_the_old_day_or_the_new(tmp_path):
    inbox = seeds(tmp_path / "inbox", 2)
    out = tmp_path / "out"
    subprocess.run(daily_command(inbox, out, "Old"), env=ENV, check=True, timeout=120)
    seen, done = set(), threading.Event()

    def read() -> None:
        while not done.is_set():
            try:  # one open folder: the set of files of one moment
                fd = os.open(out / "2024-12-08", os.O_RDONLY)
                try:
                    md = Path(f"/proc/self/fd/{fd}/briefing.md").read_text().splitlines()[0]
                    html = Path(f"/proc/self/fd/{fd}/briefing.html").read_text()
                finally:
                    os.close(fd)
            except (OSError, IndexError):
                continue  # the old folder went between open and read: try again
            seen.add((md.lstrip("# "), re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1].strip()))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for title in ("New", "Newer", "Newest"):
            subprocess.run(daily_command(inbox, out, title), env=ENV, check=True, timeout=120)
    finally:
        done.set()
        reader.join(timeout=30)
    assert seen and all(md == html for md, html in seen), seen


def test_sigkill_mid_daily_leaves_the_old_day_whole(tmp_path):
    inbox = seeds(tmp_path / "inbox", 2)
    out = tmp_path / "out"
    subprocess.run(daily_command(inbox, out, "Old", "md,html,pdf"), env=ENV, check=True)
    before = {p.name: p.read_bytes() for p in (out / "2024-12-08").iterdir()}
    many = seeds(tmp_path / "many", 40)
    run = subprocess.Popen(daily_command(many, out, "New", "md,html,pdf"), env=ENV)
    assert wait_for(lambda: len(descendants(run.pid)) >= 1)
    time.sleep(0.5)
    children = descendants(run.pid)
    run.kill()
    run.wait(timeout=30)
    assert wait_for(lambda: not any(alive(pid) for pid in children), 10)
    after = {p.name: p.read_bytes() for p in (out / "2024-12-08").iterdir()}
    assert after == before
    # the next run clears what the killed one left half-built
    subprocess.run(daily_command(inbox, out, "Next"), env=ENV, check=True, timeout=120)
    assert sorted(p.name for p in out.iterdir()) == [".2024-12-08.lock", "2024-12-08"]


def test_replacing_a_day_keeps_the_users_files_and_drops_formats_not_made(tmp_path):
    from briefing.publish.files import replace_folder

    day = tmp_path / "2024-12-08"
    replace_folder(day, {"briefing.md": b"old", "briefing.pdf": b"%PDF old"}, prefix="briefing.")
    (day / "notes.txt").write_text("mine")
    written = replace_folder(day, {"briefing.md": b"new"}, prefix="briefing.")
    assert written == (day / "briefing.md",)
    assert {p.name: p.read_bytes() for p in day.iterdir()} == {
        "briefing.md": b"new",
        "notes.txt": b"mine",
    }
    assert oct(day.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if "Umask" in x)
    return int(line.split()[1], 8)


def test_an_unwritable_day_is_one_error(tmp_path):
    from briefing.publish.files import replace_folder

    (tmp_path / "blocked").write_text("a file where the output folder should be")
    with pytest.raises(BriefingError, match="cannot write output"):
        replace_folder(tmp_path / "blocked" / "2024-12-08", {"briefing.md": b"x"}, "briefing.")


def test_a_pdf_that_fails_costs_only_the_pdf(tmp_path, monkeypatch):
    from briefing import api
    from briefing.render import pdf
    from briefing.settings import load_settings

    monkeypatch.setattr(pdf, "PDF_SECONDS", 1e-6)  # no PDF can be made in that time
    settings = load_settings({"formats": ["md", "pdf"]}, isolated=True, issued=ISSUED)
    result = api.daily([SEED], tmp_path, settings, jobs=1)
    day = tmp_path / ISSUED.date().isoformat()
    assert sorted(p.name for p in day.iterdir()) == ["briefing.json", "briefing.md"]
    assert [str(e) for e in result.errors] == [
        f"{day / 'briefing.pdf'}: PDF rendering took longer than 1e-06 s; stopped; "
        "the other formats were written"
    ]


def test_the_pdf_memory_cap_is_one_line_and_nothing_on_stderr(capfd):
    from briefing.render.pdf import html_to_pdf

    html = "<html><body>" + "<p>word " * 20_000 + "</body></html>"
    with pytest.raises(BriefingError) as caught:
        html_to_pdf(html, memory_mb=200)  # this page needs about 500 MB
    assert re.fullmatch(
        r"PDF rendering (needed more than 200 MB|stopped unexpectedly \(out of memory\?\))",
        str(caught.value).removesuffix("; stopped"),
    ), caught.value
    assert capfd.readouterr().err == ""  # no GLib or Python trace from the child


def pathological(path: Path, size: int = 5 * 1024 * 1024) -> Path:
    """5 MB of one-word lines: the shape that ran for over ten minutes before issue 12."""
    words = (f"word{i % 1000}\n" for i in range(size))
    data = "".join(next(words) for _ in range(size // 8)).encode()[:size]
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("command", ["make", "daily"])
def test_one_5mb_pathological_article_among_20_costs_one_line(tmp_path, command):
    inbox = seeds(tmp_path / "inbox", 20)
    pathological(inbox / "zz-pathological.txt")
    out = tmp_path / "out"
    started = time.monotonic()
    run = briefing(command, inbox, "--out", out, "--format", "md", "--time-limit", 1)
    elapsed = time.monotonic() - started
    lines = run.stderr.decode().splitlines()
    assert run.returncode == 1
    assert len(lines) == 1 and "zz-pathological.txt: took more than 1 s of CPU" in lines[0]
    if command == "make":
        assert len(list(out.glob("article-*.md"))) == 20
    else:
        day = next(out.glob("20*"))
        assert len(json.loads((day / "briefing.json").read_text())["parts"]) == 20
    assert elapsed < 120, elapsed  # a bound, not a timing: before issue 12 this never ended


def test_an_html_page_without_title_or_h1_keeps_its_first_paragraph(tmp_path):
    from briefing.read import read_path

    first = (
        "The council of the northern town voted on Tuesday to close its oldest bridge to "
        "traffic after engineers found deep cracks in two of its piers."
    )
    page = tmp_path / "bridge.html"
    page.write_text(
        f"<html><body><div><p>{first}</p>"
        "<p>Repairs are expected to take at least eight months and cost about four million "
        "euros, the mayor told reporters outside the town hall.</p>"
        "<p>Commuters will have to use a ferry or a detour of some forty kilometres until the "
        "work is finished, officials said in a statement.</p></div></body></html>",
        encoding="utf-8",
    )
    article = read_path(page)
    assert article.title == "bridge.html"  # named by its file, not by its first sentence
    assert next(s.text for s in article.sentences()) == first


def _sleepy(item):
    time.sleep(30)
    return item


def test_a_child_caught_between_states_by_a_signal_is_still_ended():
    """A signal can land after a child left ``busy`` and before it joined ``idle`` (while
    its answer is read): ``close`` must still end it, or the interpreter's exit waits on it
    forever (a fresh-clone CI run hung so once)."""
    pool = workers._Pool(_sleepy, None, 1)
    pool.give(deque([0]), ["x"])
    (child,) = pool.busy
    pool.busy.clear()  # the state between the two
    started = time.monotonic()
    pool.close()
    assert not child.is_alive()
    assert time.monotonic() - started < 20  # killed, not waited for


def _spin(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def _budget_around_half(item):
    """CPU spent outside ``budgeted()`` (rendering, the PDF, writing) is not counted."""
    _spin(0.5)  # outside the budget
    with budgeted():
        _spin(0.5 if item == "over" else 0.01)
    return item


def test_only_the_work_inside_budgeted_counts_against_the_budget():
    got = dict(
        workers.serve(
            _budget_around_half, ["fine", "over"], jobs=1, budget=0.2, failed=lambda i, why: why
        )
    )
    assert got == {0: "fine", 1: "took more than 0.2 s of CPU to read and rank"}


def test_a_worker_that_died_while_idle_is_replaced_and_nothing_is_lost():
    results = workers.serve(lambda item: (item, os.getpid()), range(4), jobs=1, failed=None)
    first, (item, pid) = next(results)
    assert (first, item) == (0, 0)
    os.kill(pid, signal.SIGKILL)  # the OOM killer's choice: the child idle after its item
    assert wait_for(lambda: not alive(pid), 10)
    rest = dict(results)
    assert sorted(rest) == [1, 2, 3] and all(value[0] == i for i, value in rest.items())
    # item 1 was given to the child ahead and may have been done before the kill; the
    # next ones were never given to it
    assert rest[2][1] != pid and rest[3][1] != pid


def _started(item):
    return item, os.getpid(), time.monotonic()


def test_a_child_begins_its_next_item_without_waiting_for_the_main_process():
    results = workers.serve(_started, range(3), jobs=1, failed=None)
    _, (_, _, first) = next(results)
    asked = time.monotonic()
    time.sleep(0.5)  # the caller busy with the first result
    (_, (_, _, second)), (_, (_, _, third)) = results
    # the second was held by the child and begun at once, while the caller slept; the
    # last one waited for a free child, as the tail should (given when the caller asked)
    assert first < second < asked + 0.25 < asked + 0.5 < third


def _killed_once(item):
    flag = Path(item)
    if flag.name.startswith("victim") and not flag.exists():
        flag.write_text("")
        os.kill(os.getpid(), signal.SIGKILL)  # a kill aimed at the process, not the item
    return flag.name, os.getpid()


def test_an_item_whose_child_was_killed_under_it_is_tried_once_more(tmp_path):
    items = [str(tmp_path / name) for name in ("a", "victim", "b", "c")]
    got = dict(workers.serve(_killed_once, items, jobs=1, failed=lambda item, why: why))
    assert [got[i][0] for i in range(4)] == ["a", "victim", "b", "c"]
    assert got[0][1] != got[1][1]  # the second try ran in a new child


def test_the_items_a_dying_child_held_are_neither_lost_nor_failed():
    # one child holds the next item while it works on one that crashes it, twice
    items = ["crash", 1, 2, "bug", 3]
    got = dict(workers.serve(_troubled, items, jobs=1, failed=lambda item, why: why))
    assert got == {
        0: "its worker process ended unexpectedly (exit code 3)",
        1: 2,
        2: 4,
        3: "internal error: ValueError: a bug",
        4: 6,
    }


def _odd_endings(item):
    if item == "unpicklable":
        return lambda: None  # a result that cannot be sent back
    if item == "realtime":
        os.kill(os.getpid(), signal.SIGRTMIN + 1)
    return item


def test_an_unpicklable_result_or_an_unnamed_signal_costs_its_item_only():
    items = ["a", "unpicklable", "b", "realtime", "c"]
    got = dict(workers.serve(_odd_endings, items, jobs=1, failed=lambda item, why: why))
    assert got[0] == "a" and got[2] == "b" and got[4] == "c"
    assert got[1].startswith("internal error: ") and "pickle" in got[1].lower()
    assert (
        got[3] == f"its worker process was stopped by signal {signal.SIGRTMIN + 1} (out of memory?)"
    )


def test_a_replaced_day_and_a_replaced_file_keep_their_modes(tmp_path):
    from briefing.publish.files import replace_folder, write_atomic

    day = tmp_path / "2024-12-08"
    replace_folder(day, {"briefing.md": b"old"}, prefix="briefing.")
    day.chmod(0o710)  # a desk's TLP folder
    replace_folder(day, {"briefing.md": b"new"}, prefix="briefing.")
    assert stat_mode(day) == 0o710
    single = tmp_path / "a1.md"
    write_atomic(single, b"old")
    single.chmod(0o600)
    write_atomic(single, b"new")
    assert stat_mode(single) == 0o600 and single.read_bytes() == b"new"


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def test_a_day_path_that_is_a_link_or_a_file_is_refused(tmp_path):
    from briefing.publish.files import replace_folder

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "linked").symlink_to(elsewhere)
    (tmp_path / "afile").write_text("mine")
    for name in ("linked", "afile"):
        with pytest.raises(BriefingError, match="not a folder of its own"):
            replace_folder(tmp_path / name, {"briefing.md": b"x"}, prefix="briefing.")
    assert (tmp_path / "afile").read_text() == "mine" and not list(elsewhere.iterdir())


def test_a_day_left_aside_by_a_kill_between_two_renames_comes_back(tmp_path):
    """Where the kernel cannot exchange two folders, the old day is renamed aside first;
    a kill right then leaves no day folder, and the next run puts the old one back."""
    from briefing.publish.files import replace_folder

    day = tmp_path / "2024-12-08"
    replace_folder(day, {"briefing.md": b"old"}, prefix="briefing.")
    (day / "notes.txt").write_text("mine")
    day.rename(tmp_path / ".2024-12-08.old-dead")  # the state such a kill leaves
    replace_folder(day, {"briefing.md": b"new"}, prefix="briefing.")
    assert {p.name: p.read_bytes() for p in day.iterdir()} == {
        "briefing.md": b"new",
        "notes.txt": b"mine",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024-12-08.lock", "2024-12-08"]


def test_the_two_rename_fallback_replaces_the_day_whole(tmp_path, monkeypatch):
    from briefing.publish import files

    monkeypatch.setattr(files, "_exchange", lambda a, b: False)  # a file system without it
    day = tmp_path / "2024-12-08"
    files.replace_folder(day, {"briefing.md": b"old", "briefing.pdf": b"%PDF"}, "briefing.")
    files.replace_folder(day, {"briefing.md": b"new"}, "briefing.")
    assert {p.name: p.read_bytes() for p in day.iterdir()} == {"briefing.md": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024-12-08.lock", "2024-12-08"]


def test_read_reads_standard_input_once_however_often_it_is_named(tmp_path):
    run = briefing("read", "-", "-", input=SEED.read_bytes())
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().count("# Damascus regime faces threat") == 2


INTERRUPT_IN_EXEC = """
import briefing.cli as cli

def interrupted_in_exec(args):  # as when Ctrl-C lands in an import's dataclass
    exec("raise KeyboardInterrupt")

cli.RUNNERS["make"] = interrupted_in_exec
"""


def test_an_interrupt_that_passed_through_exec_still_exits_with_130(tmp_path):
    # CPython's `python -m` exits by SIGINT after a KeyboardInterrupt raised inside
    # exec(string), even a handled one: the run must still end with its own code.
    (tmp_path / "sitecustomize.py").write_text(INTERRUPT_IN_EXEC)
    env = {**ENV, "PYTHONPATH": f"{tmp_path}:{ROOT}"}
    done = subprocess.run(
        [*BRIEFING, "make", str(SEED), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.stderr.splitlines() == ["briefing: interrupted"]
    assert done.returncode == 130


def test_spread_gives_every_span_in_order_and_does_a_span_here_when_its_workers_die():
    """A span whose worker process dies (and dies again in a second one) is done in the
    caller; the others come back from the workers, each in its own place."""
    caller = os.getpid()

    def work(span):
        if span == (4, 6) and os.getpid() != caller:
            os._exit(3)
        return [*range(*span), os.getpid() == caller]

    got = workers.spread(work, 9, 2, jobs=2)
    assert got == [[0, 1, False], [2, 3, False], [4, 5, True], [6, 7, False], [8, False]]


def test_spread_in_a_daemonic_process_does_every_span_there():
    """A daemonic process may not start children: spread does the work in it instead."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    process = context.Process(
        target=lambda: answers.put(workers.spread(lambda _: os.getpid(), 4, 1, jobs=2)),
        daemon=True,
    )
    process.start()
    try:
        got = answers.get(timeout=60)
    finally:
        process.join(60)
    assert got == [process.pid] * 4
