"""Time of ranking and composing one article, in process (issue 14: at most 10 ms median).

    .venv/bin/python bench/ranking.py [../shared/eval/cnndm_val1000.jsonl]

Each dev story is read once (``read_text``, not timed); then ``rank`` with the default
ranker and ``compose`` with the built-in settings are timed together, article by article,
after one warm-up article (the models load lazily, once a process). Writes
bench/ranking.md with the median, mean and 90th percentile.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.compose import compose  # noqa: E402
from briefing.read import read_text  # noqa: E402
from briefing.settings import load_settings  # noqa: E402
from briefing.summarize import rank  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "cnndm_val1000.jsonl")
    )
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    settings = load_settings(isolated=True)
    articles = [read_text(f"CNN story\n\n{row['article']}", f"{row['id']}.txt") for row in rows]
    issued = settings.now()

    def once(article) -> None:
        compose(
            article,
            rank(article),
            key_points=settings.key_points,
            sentences=settings.sentences,
            issued=issued,
        )

    once(articles[0])
    times = []
    for article in articles:
        started = time.perf_counter()
        once(article)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p90 = times[int(0.9 * (len(times) - 1))]
    lines = [
        "# Ranking and composing one article",
        "",
        f"Made on {date.today().isoformat()} by `.venv/bin/python bench/ranking.py` on "
        f"{os.cpu_count()} CPUs (one process): the {len(times)} stories of "
        f"`{Path(args.data).name}`, each read first (not timed), then the default ranker "
        "and `compose` with the built-in settings timed together.",
        "",
        "| articles | median (ms) | mean (ms) | 90th percentile (ms) |",
        "| --- | --- | --- | --- |",
        f"| {len(times)} | {statistics.median(times):.2f} | {statistics.fmean(times):.2f} "
        f"| {p90:.2f} |",
        "",
    ]
    (ROOT / "bench" / "ranking.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
