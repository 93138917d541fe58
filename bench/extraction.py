"""Body-text extraction from HTML: `briefing read` against trafilatura alone.

    .venv/bin/python bench/extraction.py [../shared/eval/extraction]

Data: the public article-extraction benchmark (scrapinghub/article-extraction-benchmark,
MIT): 91 gzipped HTML pages (``html/<key>.html.gz``) and ``ground-truth.json`` (key ->
``articleBody``, ``url``). Every system gets the page's raw bytes. Systems:

* ``briefing read``: ``read_bytes(data, key + ".html", kind="html")``; the title, every
  subhead and every paragraph, one per line; a BriefingError counts as an empty output;
* ``briefing read, body only``: the same without the title line;
* ``trafilatura alone``: ``trafilatura.extract(data, include_comments=False,
  include_tables=True)`` as plain text, and the same with ``favor_recall=True``.

The metric is the benchmark's own (its evaluate.py), restated in ``METRIC`` below, plus a
micro F1 from the raw shingle counts summed over pages. Regenerates bench/extraction.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from datetime import date
from pathlib import Path

import trafilatura

from briefing.errors import BriefingError
from briefing.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "extraction"
TOKEN = re.compile(r"\w+")
METRIC = (
    "The benchmark's own metric (scrapinghub/article-extraction-benchmark, `evaluate.py`): "
    "both texts are tokenized with `\\w+` (case kept, no lowercasing) and cut into 4-word "
    "shingles, counted as a multiset (a text under 4 tokens is one shorter shingle). Per page, "
    "tp = sum of min(count in extraction, count in truth), fp and fn the excesses, all three "
    "divided by tp + fp + fn. Page precision = tp / (tp + fp), page recall = tp / (tp + fn). "
    "Precision is the mean over pages with some extracted shingle (a page with empty output "
    "is left out of precision, and scores recall 0); recall is the mean over pages with a "
    "ground-truth body (all 91). F1 = 2PR / (P + R) of those two means. Micro F1 (our addition) "
    "uses the raw, unnormalized tp, fp, fn summed over all pages."
)


def shingles(text: str, n: int = 4) -> Counter:
    """The text's 4-word shingles with their counts, as the benchmark makes them."""
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def match(truth: str, extracted: str) -> tuple[int, int, int]:
    """Raw (tp, fp, fn) shingle counts of one page."""
    true, pred = shingles(truth), shingles(extracted)
    tp = sum((true & pred).values())
    return tp, sum(pred.values()) - tp, sum(true.values()) - tp


def page_scores(tp: int, fp: int, fn: int) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where the benchmark leaves the page out."""
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def summarize(counts: list[tuple[int, int, int]]) -> dict[str, float]:
    """Macro precision, recall, F1 (the benchmark's) and micro F1 over pages."""
    scores = [page_scores(*c) for c in counts]
    precision = statistics.mean(p for p, _ in scores if p is not None)
    recall = statistics.mean(r for _, r in scores if r is not None)
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
        "micro_f1": 2 * tp / (2 * tp + fp + fn),
    }


def briefing_text(data: bytes, key: str, with_title: bool = True) -> str:
    """What `briefing read` keeps of a page, one title/subhead/paragraph a line."""
    try:
        article = read_bytes(data, key + ".html", kind="html")
    except BriefingError:
        return ""
    lines = [article.title] if with_title else []
    for section in article.sections:
        lines += [section.heading] if section.heading else []
        lines += [paragraph.text for paragraph in section.paragraphs]
    return "\n".join(lines)


def trafilatura_text(data: bytes, favor_recall: bool = False) -> str:
    """trafilatura's own plain-text output for a page."""
    return (
        trafilatura.extract(
            data, include_comments=False, include_tables=True, favor_recall=favor_recall
        )
        or ""
    )


SYSTEMS = {
    "briefing read": lambda data, key: briefing_text(data, key),
    "briefing read, body only": lambda data, key: briefing_text(data, key, with_title=False),
    "trafilatura alone": lambda data, key: trafilatura_text(data),
    "trafilatura alone, favor_recall": lambda data, key: trafilatura_text(data, favor_recall=True),
}


def load(folder: Path) -> tuple[dict[str, dict], dict[str, bytes]]:
    """Ground truth and the raw bytes of every page, by key."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        key: gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()) for key in truth
    }
    return truth, pages


def run(name: str, truth: dict[str, dict], pages: dict[str, bytes]) -> dict:
    """Extract every page with one system; its scores, per-page recall and time."""
    extract = SYSTEMS[name]
    started = time.perf_counter()
    outputs = {key: extract(data, key) for key, data in pages.items()}
    seconds = time.perf_counter() - started
    counts = {key: match(truth[key]["articleBody"], outputs[key]) for key in pages}
    result = summarize(list(counts.values()))
    result["recalls"] = {key: page_scores(*c)[1] or 0.0 for key, c in counts.items()}
    result["empty"] = sum(1 for text in outputs.values() if not TOKEN.search(text))
    result["seconds"] = seconds
    return result


def table(results: dict[str, dict]) -> list[str]:
    """The Markdown table of all systems."""
    rows = [
        "| system | precision | recall | F1 | micro F1 | pages with empty output | seconds total |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in results.items():
        rows.append(
            f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
            f"{r['micro_f1']:.3f} | {r['empty']} | {r['seconds']:.1f} |"
        )
    return rows


def worst_losses(results: dict[str, dict], truth: dict[str, dict], n: int = 5) -> list[str]:
    """The pages where `briefing read` loses most recall against trafilatura alone."""
    ours, theirs = results["briefing read"]["recalls"], results["trafilatura alone"]["recalls"]
    keys = sorted(ours, key=lambda key: ours[key] - theirs[key])[:n]
    return [
        f"- `{key[:12]}` {truth[key]['url']}: recall briefing {ours[key]:.3f}, "
        f"trafilatura {theirs[key]:.3f}"
        for key in keys
    ]


def report(results: dict[str, dict], truth: dict[str, dict], command: str) -> str:
    """The whole of bench/extraction.md."""
    lines = [
        "# Body-text extraction: `briefing read` against trafilatura alone",
        "",
        f"Made on {date.today().isoformat()} by `{command}` "
        f"(trafilatura {trafilatura.__version__}).",
        "",
        f"Data: the public article-extraction benchmark (scrapinghub, MIT), {len(truth)} "
        "news pages with a hand-made `articleBody`. Every system gets the page's raw bytes; "
        "seconds are the extraction of all pages, not the scoring.",
        "",
        f"Metric: {METRIC}",
        "",
        *table(results),
        "",
        "## Where `briefing read` loses most recall against trafilatura alone",
        "",
        *worst_losses(results, truth),
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        default=DEFAULT_DATA,
        help="folder with ground-truth.json and html/",
    )
    args = parser.parse_args()
    truth, pages = load(args.data)
    results = {name: run(name, truth, pages) for name in SYSTEMS}
    shown = f" {args.data}" if args.data != DEFAULT_DATA else ""
    text = report(results, truth, f".venv/bin/python bench/extraction.py{shown}")
    print("\n".join(table(results)))
    (ROOT / "bench" / "extraction.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
