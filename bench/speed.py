"""The whole `briefing make` pipeline to Markdown against a bare sumy LexRank loop.

    .venv/bin/python bench/speed.py ../shared/eval/cnndm_val1000.jsonl

Writes 300 dev articles as .txt files (a title line, then the story), then times, as
whole processes (start-up and imports included), each of:

* `briefing make FOLDER --format md` (all cores, the default), with `--jobs 1`, and with
  `--jobs 1 --method lexrank` (the pipeline's own cost around the same summarizer);
* a bare loop in one process: for each text, build sumy's document with PlaintextParser
  and ask LexRank for 3 sentences (sumy's own Tokenizer needs NLTK data that cannot be
  downloaded here, so the loop uses briefing's offline tokenizer object);
* `briefing make ARTICLE --format md --jobs 1` (the default ranker) on one generated long
  article of 1,000 and one of 10,000 sentences: the dev stories' sentences in order, five to a
  paragraph, under one title, topped up until the reader finds exactly that many sentences.
  The cost of the ranker's features as an article grows (issue 11, point 6);
* `briefing make FILE --format md --jobs 1 --max-size 10` on inputs of 100 KB to 5 MB
  (bench/shapes.py): natural text (the dev stories' sentences, repeated past their
  3.6 MB) and pathological shapes: one word a line, one huge line, `**x ` repeated in a
  .md, one-line paragraphs, lines that all look like headings, HTML of nested divs and of
  one huge table. Time per 100 KB stays flat when the work is linear (issue 12, point 1);
  the peak RSS of each process is shown too.

Each command runs three times (``--runs``); the median wall time is reported. The four
commands of the first table run in turns, so that drift in the machine's speed touches
them alike, and after the package is byte-compiled (as ``pip install`` does).
Regenerates bench/speed.md.
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
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.shapes import SHAPES  # noqa: E402
from briefing.read import read_path  # noqa: E402
from briefing.sentences import split_sentences  # noqa: E402

PYTHON = Path(sys.executable)
BRIEFING = PYTHON.parent / "briefing"
LONG_SENTENCES = (1_000, 10_000)
NATURAL_SIZES = (100_000, 500_000, 1_000_000, 2_000_000, 5_000_000)
SHAPE_SIZES = (100_000, 500_000, 1_000_000, 2_000_000)

BARE_LOOP = """
import sys
from pathlib import Path
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words
from briefing.summarize.rankers import SumyTokenizer
tokenizer = SumyTokenizer()
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    document = PlaintextParser.from_string(path.read_text(encoding="utf-8"), tokenizer).document
    summary = summarizer(document, 3)
"""


def compiled() -> None:
    """Byte-compile the package first, as ``pip install`` does: an editable checkout run
    with PYTHONDONTWRITEBYTECODE would otherwise compile every module in every process
    (0.1 s a process here), while sumy, which the bare loop imports, is compiled."""
    subprocess.run(
        [str(PYTHON), "-m", "compileall", "-q", str(ROOT / "briefing")], check=True, cwd=ROOT
    )


ONE_BLAS_THREAD = {
    name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
}


def timed_together(
    commands: dict[str, list[str]], runs: int, env: dict[str, dict[str, str]] | None = None
) -> dict[str, float]:
    """The median wall time of each command, run in turns (all once, then all again) so
    that a machine whose speed drifts over minutes slows each of them alike; ``env``: the
    environment variables some of them get."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(
                command,
                check=True,
                stdout=subprocess.DEVNULL,
                cwd=ROOT,
                env={**os.environ, **(env or {}).get(name, {})},
            )
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def timed(command: list[str], runs: int) -> float:
    return timed_together({"": command}, runs)[""]


def timed_rss(command: list[str], runs: int) -> tuple[float, float, str]:
    """Median wall time (s), the largest peak RSS (MB) of ``runs`` runs of a process and
    what it did: "briefed", or "refused" when it exits 1 with its one line (an input with
    no whole sentence, as the reader should); any other exit is an error."""
    times, peak, outcome = [], 0.0, "briefed"
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise subprocess.CalledProcessError(process.returncode, command)
        outcome = "refused" if process.returncode else outcome
        peak = max(peak, usage.ru_maxrss / 1024)  # KB on Linux
    return statistics.median(times), peak, outcome


def scaling(stories: list[dict], tmp: Path, runs: int) -> list[str]:
    """Table rows: every shape at every size, whole-process time and peak RSS."""
    sentences = [s for row in stories for s in split_sentences(row["article"])]
    rows = []
    for name, suffix, make in SHAPES:
        for size in NATURAL_SIZES if name == "natural text" else SHAPE_SIZES:
            path = tmp / f"shape{size}{suffix}"
            data = make(size, sentences)
            path.write_bytes(data)
            one = [str(BRIEFING), "make", str(path), "--format", "md", "--jobs", "1", *NO_LIMIT]
            command = one + ["--max-size", "10", "--out", str(tmp / "out")]
            seconds, peak, outcome = timed_rss(command, runs)
            rows.append(
                f"| {name} | {len(data) / 1e6:.1f} MB | {outcome} | {seconds:.2f} | "
                f"{1000 * seconds / (len(data) / 100_000):.0f} | {peak:.0f} |"
            )
    return rows


# The long and large inputs measure how time grows with size, so the 5 s CPU limit an
# article has by default (past it, one line and the article is left out) is lifted.
NO_LIMIT = ("--time-limit", "120")


def long_article(rows: list[dict], count: int, path: Path) -> int:
    """Write one article of ``count`` dev-set sentences, five to a paragraph, under a title;
    return how many sentences the reader finds in it. The reader drops some lines as site
    furniture ("Copyright ..."), so the text is topped up from the next stories and rechecked."""
    pool = (s for row in rows for s in split_sentences(row["article"]))
    taken = list(islice(pool, count))
    for _ in range(5):
        paragraphs = (" ".join(taken[i : i + 5]) for i in range(0, len(taken), 5))
        title = f"A long story of {count:,} sentences"
        path.write_text(title + "\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        found = len(read_path(path).sentences())
        if found == count:
            break
        taken = taken[: len(taken) + count - found] if found > count else taken
        taken += list(islice(pool, max(count - found, 0)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "cnndm_val1000.jsonl")
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as handle:
        stories = [json.loads(line) for line in handle]
    rows = stories[: args.articles]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_HOME"] = str(Path(tmp) / "home")  # the runs' store, not the user's
        folder, out = Path(tmp) / "articles", Path(tmp) / "out"
        folder.mkdir()
        for row in rows:
            (folder / f"{row['id']}.txt").write_text(
                f"CNN story {row['id']}\n{row['article']}\n", encoding="utf-8"
            )
        make = [str(BRIEFING), "make", str(folder), "--format", "md", "--out", str(out)]
        compiled()
        results = timed_together(
            {
                "make (all cores)": make,
                "make --jobs 1": make + ["--jobs", "1"],
                "make --jobs 1 --method lexrank": make + ["--jobs", "1", "--method", "lexrank"],
                "bare sumy LexRank loop": [str(PYTHON), "-c", BARE_LOOP, str(folder)],
                "bare loop, BLAS on one thread": [str(PYTHON), "-c", BARE_LOOP, str(folder)],
            },
            args.runs,
            {"bare loop, BLAS on one thread": ONE_BLAS_THREAD},
        )
        long = {}
        for count in LONG_SENTENCES:
            path = Path(tmp) / f"long{count}.txt"
            found = long_article(stories, count, path)
            one = [str(BRIEFING), "make", str(path), "--format", "md", "--jobs", "1", *NO_LIMIT]
            long[found] = timed(one + ["--out", str(out)], args.runs)
        shapes = scaling(stories, Path(tmp), args.runs)
    bare = results["bare sumy LexRank loop"]
    lines = [
        "# Speed: the whole pipeline against a bare sumy LexRank loop",
        "",
        f"Made on {date.today().isoformat()} by `.venv/bin/python bench/speed.py {args.data}` on "
        f"{os.cpu_count()} CPUs: {len(rows)} dev articles written as .txt files, each command timed "
        f"as a whole process, median of {args.runs} runs taken in turns (each command once, "
        "then each again: this machine's speed drifts by a third over minutes), the package "
        "byte-compiled first as an install compiles it.",
        "",
        "| command | wall time (s) | per article (ms) | time / bare loop |",
        "| --- | --- | --- | --- |",
    ]
    for name, seconds in results.items():
        lines.append(
            f"| {name} | {seconds:.2f} | {1000 * seconds / len(rows):.1f} | {seconds / bare:.2f} |"
        )
    lines += [
        "",
        "`make` reads each file (furniture rules, subheads, Punkt), ranks its sentences (the "
        "learned default unless `--method` says otherwise), composes the briefing, renders it "
        "through the Markdown template and writes it atomically; the bare loop only builds "
        "sumy's document and runs LexRank. Every `make` writes into the same folder, so all "
        "but the first replace the files of the run before, as re-running it into a desk's folder does. "
        "The last row is the bare loop with NumPy's BLAS on one thread "
        "(`OPENBLAS_NUM_THREADS=1`), as `make`'s workers run it: OpenBLAS's idle threads "
        "spin on the other core between LexRank's small products. Against that faster "
        f"loop `make` takes {results['make (all cores)'] / results['bare loop, BLAS on one thread']:.2f} times as long.",
        "",
        "One long article, `make ARTICLE --format md --jobs 1 --time-limit 120` (the default "
        f"ranker), whole process, median of {args.runs} runs: the dev stories' sentences in "
        "order, five to a paragraph, under one title. (The default limit of 5 s of CPU an "
        "article is lifted here and below: these rows measure how time grows with size.)",
        "",
        "| sentences | wall time (s) |",
        "| --- | --- |",
    ]
    lines += [f"| {count:,} | {seconds:.2f} |" for count, seconds in long.items()]
    lines += [
        "",
        "Time against input size, `make FILE --format md --jobs 1 --max-size 10 --time-limit "
        f"120`, whole process (about 0.15 s of it start-up), median of {args.runs} runs; "
        "refused: the input holds no whole sentence and `make` says so in one line (exit 1), "
        "as it should; peak RSS is the "
        "largest of the runs (a child's peak counts the bench process it was forked from, "
        "so no figure is below that: about 64 MB). Linear work keeps the time per 100 KB "
        "about flat (it falls as the start-up is spread wider).",
        "",
        "| input | size | outcome | wall time (s) | ms per 100 KB | peak RSS (MB) |",
        "| --- | --- | --- | --- | --- | --- |",
        *shapes,
    ]
    (ROOT / "bench" / "speed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
