"""How fast this machine is at the moment a benchmark runs: a fixed loop, timed.

This machine is shared and its speed swings: the same 50-article daily took 5.66 s of
CPU on 2026-12-03 at 16:36 UTC and 2.35 s on 2026-12-04 at 01:22. A benchmark's seconds say
little without the speed of the minutes they were taken in, so bench/daily.py and
bench/stories.py time this probe before and after their tables and print it beside them:
20 million additions in a Python loop, each run in a fresh process, the median of 5.
The slower the phase, the longer it takes; its ratio to another run's probe is about the
ratio to expect of any single-core work (not of two-core work when the other core is not
to be had, which the probe cannot see).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

LOOP = """
import time
started = time.perf_counter()
total = 0
for i in range(20_000_000):
    total += i
print(time.perf_counter() - started)
"""


def probe(runs: int = 5) -> float:
    """Median seconds of the loop, each run in a fresh process."""
    times = [
        float(subprocess.run([sys.executable, "-c", LOOP], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(times)


if __name__ == "__main__":
    print(f"{probe():.2f} s")
