"""The whole `briefing make` pipeline to Markdown against a bare sumy LexRank loop.

    .venv/bin/python bench/speed.py ../shared/eval/cnndm_val1000.jsonl

Writes 300 dev articles as .txt files (a title line, then the story), then times, as
whole processes (start-up and imports included), each of:

* `briefing make FOLDER --format md` (all cores, the default), with `--jobs 1`, and with
  `--jobs 1 --method lexrank` (the pipeline's own cost around the same summarizer);
* a bare loop in one process: for each text, build sumy's document with PlaintextParser
  and ask LexRank for 3 sentences (sumy's own Tokenizer needs NLTK data that cannot be
  downloaded here, so the loop uses briefing's offline tokenizer object).

Each command runs three times; the median wall time is reported. Regenerates bench/speed.md.
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

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
BRIEFING = PYTHON.parent / "briefing"

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


def timed(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "cnndm_val1000.jsonl")
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(args.articles), handle)]
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "articles", Path(tmp) / "out"
        folder.mkdir()
        for row in rows:
            (folder / f"{row['id']}.txt").write_text(
                f"CNN story {row['id']}\n{row['article']}\n", encoding="utf-8"
            )
        make = [str(BRIEFING), "make", str(folder), "--format", "md", "--out", str(out)]
        results = {
            "make (all cores)": timed(make, args.runs),
            "make --jobs 1": timed(make + ["--jobs", "1"], args.runs),
            "make --jobs 1 --method lexrank": timed(
                make + ["--jobs", "1", "--method", "lexrank"], args.runs
            ),
            "bare sumy LexRank loop": timed([str(PYTHON), "-c", BARE_LOOP, str(folder)], args.runs),
        }
    bare = results["bare sumy LexRank loop"]
    lines = [
        "# Speed: the whole pipeline against a bare sumy LexRank loop",
        "",
        f"Made on {date.today().isoformat()} by `.venv/bin/python bench/speed.py {args.data}` on "
        f"{os.cpu_count()} CPUs: {len(rows)} dev articles written as .txt files, each command timed "
        f"as a whole process, median of {args.runs} runs.",
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
        "sumy's document and runs LexRank.",
    ]
    (ROOT / "bench" / "speed.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
