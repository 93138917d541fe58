"""Story clustering (briefing.stories) on ECB+, beside today's rule, and its cost at scale.

    .venv/bin/python bench/stories.py          -> bench/stories.md

Data from ``../shared/eval``: ``ecbplus_dev.jsonl`` (721 articles, 65 gold events in 33
topics; ECB+, Cybulska & Vossen 2014), and for the scaling table the CNN/DailyMail,
BBC and ECB+ articles pooled (the first sentence stands as the title when there is none).

Scores are B-cubed precision, recall and F1 (Bagga & Baldwin 1998): for each article, the
share of its predicted story that has its gold event, and the share of its gold event that
is in its predicted story, averaged over articles. "Pooled" clusters all the articles at
once (a day's articles do not come sorted by topic); "per topic" clusters each topic alone
and averages the topics' F1 (and P, R).

The weights and threshold are chosen by 5-fold cross-validation over topics (topic k in
fold k mod 5 of the sorted topic list): on the four training folds pooled, every setting of
the grid is clustered and the one with the best pooled B-cubed F1 kept (ties: the first in
grid order); the held-out fold is then clustered pooled and per topic with it, and the
held-out articles' scores are combined. "In-sample" is the setting chosen on all topics,
scored on all of them: it is the shipped default.

Today's rule (briefing.daily) links two articles when a sentence of one matches a sentence
of the other on at least 70% of its word trigrams, and a story is a connected group. It
runs here at article level on every sentence of the text (daily.py sees only the shown
sentences, so this is, if anything, generous to it), through daily.py's own ``_Seen``,
its stories the connected groups of the links it finds (``stories.connected``).

The scaling rows each run in a fresh subprocess, which reports its wall time for
``cluster`` (reading and building the ``Doc`` list excluded) and its peak resident memory
(``ru_maxrss``, the whole process, Python and the data included).
"""

from __future__ import annotations

import gzip
import itertools
import json
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

from probe import probe  # noqa: E402

from briefing import daily, stories, terms  # noqa: E402
from briefing.workers import usable_cpus  # noqa: E402

TITLE_WEIGHTS = (1, 2, 3)
LEAD_WEIGHTS = (1, 2, 3)
ENTITY_WEIGHTS = (0.0, 0.25, 0.5, 0.75)
THRESHOLDS = tuple(round(0.05 + 0.01 * k, 2) for k in range(46))  # 0.05 .. 0.50
FOLDS = 5
SIZES = (1000, 3000, 10000)
RUNS = 3

MEASURE = """
import json, os, resource, sys, threading, time
sys.path.insert(0, sys.argv[1])
from briefing.stories import Doc, cluster

def pss(pid):  # KiB of memory the process holds, its shared pages divided among sharers
    try:
        with open(f"/proc/{pid}/smaps_rollup") as lines:
            return sum(int(l.split()[1]) for l in lines if l.startswith("Pss:"))
    except OSError:
        return 0

def family():  # this process and its worker processes
    pids = [os.getpid()]
    for task in os.listdir("/proc/self/task"):
        try:
            pids += open(f"/proc/self/task/{task}/children").read().split()
        except OSError:
            pass
    return pids

peak, done = [0], threading.Event()
def sample():
    while not done.wait(0.02):
        peak[0] = max(peak[0], sum(map(pss, family())))

docs = [Doc(t, x) for t, x in json.load(sys.stdin)]
jobs = int(sys.argv[2])
sampler = threading.Thread(target=sample)
sampler.start()
started = time.perf_counter()
found = cluster(docs, jobs=jobs)
seconds = time.perf_counter() - started
done.set()
sampler.join()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps([seconds, max(peak[0], rss) / 1024, len(found)]))
"""


def ecb() -> list[dict]:
    rows = [json.loads(line) for line in (SHARED / "ecbplus_dev.jsonl").open(encoding="utf-8")]
    for row in rows:
        row["doc"] = stories.Doc(row["title"], _without_title(row["text"], row["title"]))
    return rows


def _without_title(text: str, title: str) -> str:
    """ECB+ texts open with the title line and a blank line: the body is what follows."""
    head, _, rest = text.partition("\n\n")
    return rest if head.strip() == title.strip() else text


def bcubed(found, gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``found`` (tuples of indices into ``gold``)."""
    size: dict[str, int] = {}
    for label in gold:
        size[label] = size.get(label, 0) + 1
    precision = recall = 0.0
    for group in found:
        counts: dict[str, int] = {}
        for i in group:
            counts[gold[i]] = counts.get(gold[i], 0) + 1
        for i in group:
            precision += counts[gold[i]] / len(group)
            recall += counts[gold[i]] / size[gold[i]]
    n = len(gold)
    p, r = precision / n, recall / n
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def todays_rule(docs: list[stories.Doc]) -> tuple[tuple[int, ...], ...]:
    """Stories as daily.py groups them: articles sharing a near-duplicate sentence."""
    seen = daily._Seen()
    links: list[set[int]] = [set() for _ in docs]
    for p, doc in enumerate(docs):
        for text in [doc.title, *doc.text.splitlines()]:
            if not text.strip():
                continue
            grams = daily.trigrams(text)
            found = seen.match(grams)
            if found is None:
                seen.add(text, p, grams)
            elif seen.items[found][1] != p:
                links[p].add(seen.items[found][1])
                links[seen.items[found][1]].add(p)
    return stories.connected(len(links), [(p, q) for p, qs in enumerate(links) for q in qs])


def grid():
    for tw, lw, ew in itertools.product(TITLE_WEIGHTS, LEAD_WEIGHTS, ENTITY_WEIGHTS):
        yield stories.StorySettings(title_weight=tw, lead_weight=lw, entity_weight=ew)


def sweep(rows: list[dict]) -> dict[tuple, float]:
    """Pooled B-cubed F1 of ``rows`` for every (setting, threshold) of the grid."""
    docs = [r["doc"] for r in rows]
    gold = [r["story"] for r in rows]
    scores = {}
    for setting in grid():
        merges = stories.linkage(docs, setting, min(THRESHOLDS))
        for t in THRESHOLDS:
            scores[setting, t] = bcubed(stories.cut(len(docs), merges, t), gold)[2]
    return scores


def best(scores: dict[tuple, float]) -> stories.StorySettings:
    (setting, t), _ = max(scores.items(), key=lambda kv: kv[1])  # first of equals kept
    return stories.StorySettings(
        setting.title_weight, setting.lead_weight, setting.entity_weight, t
    )


def evaluate(rows: list[dict], method) -> dict[str, tuple[float, float, float]]:
    """Pooled and per-topic-averaged B-cubed of ``method`` (docs -> clusters) on ``rows``."""
    pooled = bcubed(method([r["doc"] for r in rows]), [r["story"] for r in rows])
    per = [
        bcubed(method([r["doc"] for r in topic]), [r["story"] for r in topic])
        for topic in by_topic(rows).values()
    ]
    return {"pooled": pooled, "per topic": tuple(sum(x) / len(per) for x in zip(*per))}


def by_topic(rows: list[dict]) -> dict[int, list[dict]]:
    topics: dict[int, list[dict]] = {}
    for row in rows:
        topics.setdefault(row["topic"], []).append(row)
    return dict(sorted(topics.items()))


def cross_validate(rows: list[dict]) -> tuple[list, dict]:
    """Each fold's chosen setting, and the held-out scores combined over the folds."""
    topics = sorted(by_topic(rows))
    chosen, pooled_found, pooled_gold, per_topic = [], [], [], []
    for k in range(FOLDS):
        held = {t for i, t in enumerate(topics) if i % FOLDS == k}
        train = [r for r in rows if r["topic"] not in held]
        test = [r for r in rows if r["topic"] in held]
        setting = best(sweep(train))
        chosen.append((k, sorted(held), setting))
        offset = len(pooled_gold)
        found = stories.cluster([r["doc"] for r in test], setting)
        pooled_found += [tuple(i + offset for i in g) for g in found]
        pooled_gold += [r["story"] for r in test]
        for topic in by_topic(test).values():
            got = stories.cluster([r["doc"] for r in topic], setting)
            per_topic.append(bcubed(got, [r["story"] for r in topic]))
    scores = {
        "pooled": bcubed(pooled_found, pooled_gold),
        "per topic": tuple(sum(x) / len(per_topic) for x in zip(*per_topic)),
    }
    return chosen, scores


def pool(n: int) -> list[tuple[str, str]]:
    """``n`` (title, text) pairs: ECB+, BBC, CNN/DM validation, then CNN/DM training."""
    out = [(r["title"], _without_title(r["text"], r["title"])) for r in ecb()]
    for line in (SHARED / "bbc_news_summary.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        out.append((row["title"], row["article"]))
    for line in (SHARED / "cnndm_val1000.jsonl").open(encoding="utf-8"):
        out.append(_titled(json.loads(line)["article"]))
    with gzip.open(SHARED / "cnndm_train18k.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            if len(out) >= n:
                break
            out.append(_titled(json.loads(line)["article"]))
    return out[:n]


def _titled(article: str) -> tuple[str, str]:
    """A title-less article: its first sentence stands as the title."""
    title, _ = terms.lead(article)
    return title, article


def scale(n: int, jobs: int) -> tuple[list[float], float, int]:
    """Seconds (of each of RUNS fresh processes) and the largest peak MiB of clustering
    ``n`` pooled articles: this machine is shared, so one run says little."""
    data = json.dumps(pool(n))
    times, peaks = [], []
    for _ in range(RUNS):
        run = subprocess.run(
            [sys.executable, "-c", MEASURE, str(ROOT), str(jobs)],
            input=data,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds, peak, groups = json.loads(run.stdout)
        times.append(seconds)
        peaks.append(peak)
    return sorted(times), max(peaks), groups


def _row(name: str, scores: tuple[float, float, float]) -> str:
    return f"| {name} | " + " | ".join(f"{x:.3f}" for x in scores) + " |"


def _name(s: stories.StorySettings) -> str:
    return (
        f"title ×{s.title_weight}, lead ×{s.lead_weight}, entity share {s.entity_weight}, "
        f"threshold {s.threshold}"
    )


def report() -> str:
    rows = ecb()
    started = time.perf_counter()
    folds, held_out = cross_validate(rows)
    chosen = best(sweep(rows))
    shipped = stories.StorySettings()
    in_sample = evaluate(rows, lambda docs: stories.cluster(docs, chosen))
    today = evaluate(rows, todays_rule)
    tuning = time.perf_counter() - started
    lines = [
        "# Story clustering: ECB+ and scale",
        "",
        f"Made on {date.today().isoformat()} by:",
        "",
        "    .venv/bin/python bench/stories.py",
        "",
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{len(rows)} ECB+ articles. The grid: title weight {TITLE_WEIGHTS}, lead weight "
        f"{LEAD_WEIGHTS}, entity share {ENTITY_WEIGHTS}, threshold 0.05 to 0.50 by 0.01 "
        f"(CV and in-sample choice took {tuning:.0f} s).",
        "",
        "## B-cubed on ecbplus_dev",
        "",
        "| method | precision | recall | F1 |",
        "|---|---|---|---|",
    ]
    for label, scores in (
        ("stories, 5-fold CV over topics", held_out),
        ("stories, chosen on all topics (in-sample)", in_sample),
        ("today's rule (daily.py, 70% of trigrams)", today),
    ):
        for setting in ("pooled", "per topic"):
            lines.append(_row(f"{label}, {setting}", scores[setting]))
    lines += [
        "",
        "CV pooled: each held-out fold's articles (6 or 7 topics) clustered together, the",
        "held-out articles' B-cubed then taken over all 721. In-sample pooled: all 721 at once.",
        "",
        "## Settings chosen per fold (best pooled F1 on the other four folds)",
        "",
        "| fold | held-out topics | chosen |",
        "|---|---|---|",
    ]
    lines += [f"| {k} | {' '.join(map(str, t))} | {_name(s)} |" for k, t, s in folds]
    lines += ["", f"On all topics: {_name(chosen)}. Shipped default: {_name(shipped)}.", ""]
    lines += scaling_table()
    return "\n".join(lines) + "\n"


def scaling_table() -> list[str]:
    jobs, before = usable_cpus(), probe()
    lines = [
        "## Scale",
        "",
        "ECB+, then BBC, then CNN/DM validation, then CNN/DM training articles, pooled; one",
        f"fresh process per run, {RUNS} runs per size, `cluster` with the shipped settings;",
        "wall seconds of `cluster` alone (median, and the fastest and slowest run), peak",
        "memory (largest run): the process's peak resident set or, if larger, the largest",
        "sum of the proportional set sizes (PSS: a page a forked worker shares with its",
        "parent counts once in all) of the process and its workers, read every 20 ms",
        "while `cluster` runs. Targets: ≤ 10 s, ≤ 1 GB.",
        f"`cluster(docs, jobs={jobs})` counts the terms of {stories.PARALLEL_FROM:,} articles or",
        f"more, finds their candidate pairs and scores them in {jobs} worker processes ({jobs} is",
        "what this machine gives the run);",
        "`jobs=1` is one process. The stories found are the same either way.",
        f"Load average when the table was made: {_load()} (the machine is shared).",
        "",
        "| articles | processes | seconds (median) | fastest – slowest | peak memory (MiB) | stories |",
        "|---|---|---|---|---|---|",
    ]
    for n in SIZES:
        for processes in dict.fromkeys((1, jobs)):
            times, peak, groups = scale(n, processes)
            spread = f"{times[0]:.1f} – {times[-1]:.1f}"
            median = times[len(times) // 2]
            lines.append(
                f"| {n:,} | {processes} | {median:.1f} | {spread} | {peak:.0f} | {groups:,} |"
            )
    lines += [
        "",
        f"The machine's speed (`bench/probe.py`, a fixed loop): {before:.2f} s before the "
        f"table, {probe():.2f} s after (the longer, the slower the phase).",
    ]
    return lines


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    text = report()
    (ROOT / "bench" / "stories.md").write_text(text, encoding="utf-8")
    print(text)
