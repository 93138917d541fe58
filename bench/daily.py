"""Time and memory of a daily briefing to PDF, for 50 and 200 articles.

    .venv/bin/python bench/daily.py ../shared/eval/bbc_news_summary.jsonl

BBC News articles (title line, then the story) are written as .txt files. Each size is
timed as a whole `briefing daily FOLDER --format pdf` process (start-up included; median of
three runs), with its CPU time (the process and all its children: against the wall time,
how much was done at once on two cores) and the peak resident memory of the main process
and of its largest child (the article workers, and the child process that renders each PDF).
Then, in one process, the 50-article daily briefing is made five times in a row and the
resident memory after each run is recorded: it must not keep growing. Regenerates
bench/daily.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from probe import probe

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)

MEASURE = """
import resource, sys, time
from briefing.cli import main
started = time.perf_counter()
code = main(["daily", sys.argv[1], "--out", sys.argv[2], "--format", "pdf", "--date", "2005-01-01"])
seconds = time.perf_counter() - started
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(code, seconds, me.ru_maxrss / 1024, kids.ru_maxrss / 1024, cpu, file=sys.stderr)
"""

REPEAT = """
import sys
from briefing.api import daily
from briefing.settings import load_settings
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20
for run in range(5):
    daily([sys.argv[1]], sys.argv[2], load_settings({"formats": ["pdf"]}), jobs=2)
    print(f"{rss():.0f}", file=sys.stderr)
"""


def write_articles(rows, folder: Path) -> None:
    folder.mkdir()
    for row in rows:
        (folder / f"{row['id']}.txt").write_text(
            f"{row['title']}\n\n{row['article']}", encoding="utf-8"
        )


def run(script: str, *args: str) -> list[str]:
    done = subprocess.run(
        [str(PYTHON), "-c", script, *args], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stderr.split()


def timed(folder: Path, out: Path, runs: int) -> tuple[float, float, int, float, float]:
    """Median wall time, median CPU time of the process and all its children, pages,
    peak RSS of the main process and of its largest child."""
    wall, cpu, own, workers = [], [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        code, _seconds, rss_own, rss_workers, seconds_cpu = run(MEASURE, str(folder), str(out))
        wall.append(time.perf_counter() - started)
        cpu.append(float(seconds_cpu))
        own.append(float(rss_own))
        workers.append(float(rss_workers))
        assert code == "0", f"daily failed with {code}"
    pages = _pages(out / "2005-01-01" / "briefing.pdf")
    return statistics.median(wall), statistics.median(cpu), pages, max(own), max(workers)


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "bbc_news_summary.jsonl")
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(200), handle)]
    table, before = [], probe()
    with tempfile.TemporaryDirectory() as tmp:
        for size in (50, 200):
            folder = Path(tmp) / f"in{size}"
            write_articles(rows[:size], folder)
            wall, cpu, pages, own, workers = timed(folder, Path(tmp) / f"out{size}", args.runs)
            table.append(
                f"| {size} | {wall:.2f} | {cpu:.2f} | {pages} | {own:.0f} | {workers:.0f} |"
            )
            print(table[-1], flush=True)
        rss = run(REPEAT, str(Path(tmp) / "in50"), str(Path(tmp) / "repeat"))
    after = probe()
    lines = [
        "# Daily briefing: time and memory",
        "",
        f"Made on {date.today().isoformat()} by `.venv/bin/python bench/daily.py {args.data}` on "
        f"{os.cpu_count()} CPUs. BBC News articles as .txt files; `briefing daily FOLDER --format pdf` "
        f"as a whole process, median wall time of {args.runs} runs and median CPU time (user and "
        "system, the process and every child: more than the wall time is work done at once on "
        "two cores, about as much says one core was to be had); peak resident memory (MiB) of the "
        "main process and of its largest child process (the article workers, and the child that "
        "renders the PDF with a time limit and a memory cap).",
        "",
        "| articles | wall time (s) | CPU time (s) | PDF pages | peak RSS main (MiB) "
        "| peak RSS largest child (MiB) |",
        "| --- | --- | --- | --- | --- | --- |",
        *table,
        "",
        "Resident memory (MiB) after each of five 50-article daily briefings made one after the "
        f"other in one process: {', '.join(rss)}.",
        "",
        f"The machine's speed (`bench/probe.py`, a fixed loop): {before:.2f} s before the table, "
        f"{after:.2f} s after (the longer, the slower the phase).",
    ]
    (ROOT / "bench" / "daily.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
