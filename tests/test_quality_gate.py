"""Quality gate (as trafilatura's): summaries and extraction must not get worse.

Two measures on the real data beside the project (../shared, see its README), each pinned
a little below its value when the gate was set, so that noise-free code changes pass and a
regression fails:

* the default ranker's ROUGE-1/2/Lsum (F1, %) over the first 200 stories of
  eval/cnndm_val1000.jsonl, three key points, as ``briefing eval`` computes it;
* the extraction scores of briefing's HTML reader on the 91 pages of eval/extraction/, with
  the benchmark's own metric (4-word shingles; bench/extraction.py, "briefing read, body
  only"), restated here so that the tests do not import from bench/.

Measured on 2026-12-02 by ``.venv/bin/python -m tests.test_quality_gate`` (which prints
both; the gate itself, ``.venv/bin/python -m pytest -q tests/test_quality_gate.py``, takes
4 to 8 s on 2 cores): ROUGE-1 31.43, ROUGE-2 12.78, ROUGE-Lsum 28.23 (200 stories, 3
sentences, jobs 2; Lead-3 scores 30.60, 12.27, 27.29 there); extraction precision 0.9552,
recall 0.9870, F1 0.9708 (91 pages, body only; bench/extraction.md gives the same F1, 0.971,
for "briefing read, body only").

When a change improves a measure, raise its floor in the same commit (new value minus
0.3 ROUGE points or 0.005), with the new measurement and its date here.
"""

import gzip
import json
import re
import statistics
from collections import Counter

import pytest

from briefing.errors import BriefingError
from briefing.evaluate import evaluate, load
from briefing.model import Length
from briefing.read import read_bytes

from .conftest import SHARED

CNNDM = SHARED / "eval" / "cnndm_val1000.jsonl"
EXTRACTION = SHARED / "eval" / "extraction"
TRUTH = EXTRACTION / "ground-truth.json"

# Measured 2026-12-02 (issue 14's first trees): 32.13 / 13.27 / 28.83 (the linear ranker:
# 31.43 / 12.78 / 28.23); the retrained trees (cross-fitted, sets of the best ten): 32.15 /
# 13.21 / 28.66 on these 200 while all 1,000 rose (bench/quality.md), so the floors stay.
# Lowered on purpose, 2026-12-02: the wider dangling rule (plurals, fronted phrases, more
# connectives; the set model retrained on it) keeps more sentences a reader cannot place
# out of the key points, and the human highlights hold such sentences: 31.82 / 12.90 /
# 28.35 on these 200 (all 1,000: 30.91 / 11.82 / 27.51, still Lead-3 + 1.85 / 1.02 / 1.71).
ROUGE_FLOORS = {"rouge1": 31.52, "rouge2": 12.60, "rougeLsum": 28.05}  # measured - 0.3
# Measured 2026-12-02 (issue 13's reader): precision 0.9689, recall 0.9779, F1 0.9734. The
# recall floor is lowered from 0.982: the reader now leaves out what the benchmark's bodies
# count but a briefing must not quote (linked headlines of other stories, a press release's
# "About <company>" blurb, newsletter widgets, disclosures); precision and F1 rose.
EXTRACTION_FLOORS = {"precision": 0.963, "recall": 0.972, "f1": 0.968}  # measured - 0.005


NO_CNNDM = pytest.mark.skipif(
    not CNNDM.is_file(),
    reason=f"optional data {CNNDM} is missing (../shared not beside the project)",
)


def rouge_now() -> dict[str, float]:
    """The default ranker's ROUGE F1 (%) on the first 200 stories, three key points."""
    result = evaluate(load(CNNDM, 200), "default", Length(count=3), jobs=2)
    assert result.n == 200 and result.sentences == "3"
    return {metric: getattr(result, metric) for metric in ROUGE_FLOORS}


@NO_CNNDM
def test_default_ranker_rouge_on_200_cnn_stories_stays_above_its_floor():
    measured = rouge_now()
    below = {m: (measured[m], floor) for m, floor in ROUGE_FLOORS.items() if measured[m] < floor}
    assert not below, f"ROUGE below its floor (measured, floor): {below}"


# --- extraction: the article-extraction benchmark's metric ------------------------------------

_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter:
    """4-word shingles as a multiset; case kept; a text under 4 words is one shorter
    shingle, an empty one has none."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens)


def page_counts(truth: str, extracted: str) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one page's shingles."""
    true, found = shingles(truth), shingles(extracted)
    tp = sum((true & found).values())
    return tp, sum(found.values()) - tp, sum(true.values()) - tp


def scores(counts: list[tuple[int, int, int]]) -> dict[str, float]:
    """Precision: mean over pages with any output; recall: mean over pages with a truth;
    F1 of the two means (the benchmark's evaluate.py)."""
    precision = statistics.mean(tp / (tp + fp) for tp, fp, _ in counts if tp + fp)
    recall = statistics.mean(tp / (tp + fn) for tp, _, fn in counts if tp + fn)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall),
    }


def body_text(data: bytes, key: str) -> str:
    """What briefing's HTML reader keeps of a page below its title: every subhead and
    paragraph, one a line; nothing when it refuses the page."""
    try:
        article = read_bytes(data, f"{key}.html", kind="html")
    except BriefingError:
        return ""
    lines = []
    for section in article.sections:
        lines += [section.heading] if section.heading else []
        lines += [paragraph.text for paragraph in section.paragraphs]
    return "\n".join(lines)


def test_the_metric_on_known_answers():
    assert page_counts("a b c d e", "a b c d e") == (2, 0, 0)
    assert page_counts("a b c d e", "a b c d") == (1, 0, 1)
    assert page_counts("a b c d", "x a b c d y") == (1, 2, 0)
    assert page_counts("A b c d", "a b c d") == (0, 1, 1)  # case kept
    assert page_counts("a b c d", "") == (0, 0, 1)
    result = scores([(1, 0, 1), (0, 0, 1), (3, 1, 0)])  # the empty page: recall only
    assert result["precision"] == pytest.approx((1 + 3 / 4) / 2)
    assert result["recall"] == pytest.approx((1 / 2 + 0 + 1) / 3)


def _missing_extraction_file() -> str | None:
    if not TRUTH.is_file():
        return str(TRUTH)
    for key in json.loads(TRUTH.read_text(encoding="utf-8")):
        page = EXTRACTION / "html" / f"{key}.html.gz"
        if not page.is_file():
            return str(page)
    return None


_MISSING = _missing_extraction_file()


NO_PAGES = pytest.mark.skipif(
    _MISSING is not None,
    reason=f"optional data {_MISSING} is missing (../shared not beside the project)",
)


def extraction_now() -> dict[str, float]:
    """Precision, recall and F1 of the HTML reader's body text on the 91 pages."""
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    assert len(truth) == 91
    counts = []
    for key, page in truth.items():
        data = gzip.decompress((EXTRACTION / "html" / f"{key}.html.gz").read_bytes())
        counts.append(page_counts(page["articleBody"], body_text(data, key)))
    return scores(counts)


@NO_PAGES
def test_html_reader_extraction_on_91_pages_stays_above_its_floor():
    measured = extraction_now()
    below = {
        m: (round(measured[m], 4), floor)
        for m, floor in EXTRACTION_FLOORS.items()
        if measured[m] < floor
    }
    assert not below, f"extraction below its floor (measured, floor): {below}"


if __name__ == "__main__":  # the values to pin: .venv/bin/python -m tests.test_quality_gate
    print("ROUGE", rouge_now())
    print("extraction", {m: round(v, 4) for m, v in extraction_now().items()})
