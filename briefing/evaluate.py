"""ROUGE evaluation of key points over a JSONL data set.

Each line holds ``id``, ``article`` and ``reference`` (a string with one sentence per line,
or a list of sentences; ``reference_sents`` wins when present). The key points are chosen
exactly as ``make`` chooses them (reader, ranker, compose), then scored with the
rouge-score package: F1 with Porter stemming, ROUGE-L as ``rougeLsum`` with candidate
and reference one sentence per line.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .batch import Progress, run
from .child import budgeted
from .errors import BriefingError
from .model import Length
from .names import open_regular
from .pipeline import brief
from .read import read_text
from .settings import Settings, load_settings

METRICS = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True)
class Example:
    id: str
    article: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class EvalResult:
    method: str
    n: int
    sentences: str
    rouge1: float
    rouge2: float
    rougeLsum: float
    seconds_per_article: float

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def load(path: str | Path, limit: int | None = None) -> list[Example]:
    """The examples of a JSONL file (the first ``limit`` of them). A line that is not an
    example (not JSON, no article or reference, an article that is not text) is an error
    naming the file and the line; so is a FIFO or a device given as the file."""
    examples = []
    with open_regular(path) as handle:
        try:
            for number, raw in enumerate(handle, 1):
                if limit is not None and len(examples) >= limit:
                    break
                if raw.strip():
                    examples.append(_example(raw, number, str(path)))
        except OSError as exc:
            raise BriefingError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    if not examples:
        raise BriefingError("no examples in the file", str(path))
    return examples


def _example(raw: bytes, number: int, source: str) -> Example:
    try:
        row = json.loads(raw.decode("utf-8"))
        reference = row.get("reference_sents") or row["reference"]
        if isinstance(reference, str):
            reference = [r for r in reference.splitlines() if r.strip()]
        article = row["article"]
        if not isinstance(article, str):
            raise TypeError(f"article is {type(article).__name__}, not text")
        if isinstance(reference, dict) or not all(isinstance(r, str) for r in reference):
            raise TypeError("reference is not text nor a list of sentences")
        return Example(str(row.get("id", number)), article, tuple(reference))
    except UnicodeDecodeError:
        raise BriefingError(f"line {number} is not UTF-8 text", source) from None
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise BriefingError(
            f"line {number} is not an example with article and reference ({exc})", source
        ) from None


def eval_settings(method: str, length: Length, words: int | None = None) -> Settings:
    """The settings of an evaluation: ``method`` and ``length`` on the built-ins alone, so
    a score never depends on the working folder's briefing.toml or templates."""
    given = {"method": method, "key_points": length, "words": words, "sentences": 0}
    return load_settings(given, isolated=True)


def key_points(text: str, settings: Settings) -> list[str]:
    """The key points ``make`` would give for a bare article body (no title line)."""
    article = read_text(text, has_title=False)
    return [s.text for s in brief(article, settings).key_points]


def _summarize(settings: Settings, example: Example) -> tuple[str, list[str], float]:
    started = time.perf_counter()
    try:
        with budgeted():
            summary = key_points(example.article, settings)
    except BriefingError:
        summary = []  # an article with no sentence scores zero, as it should
    return example.id, summary, time.perf_counter() - started


def summaries(
    examples: list[Example], settings: Settings, jobs: int = 1, progress: Progress | None = None
) -> Iterator[tuple[str, list[str], float]]:
    """(id, key points, seconds taken) for every example, in order; ``jobs`` processes."""
    return run(
        partial(_summarize, settings),
        examples,
        jobs=jobs,
        progress=progress,
        label=lambda e: e.id,
        budget=settings.time_limit,
        failed=lambda example, reason: (example.id, [], 0.0),  # scores zero, as no summary
    )


def scorer():
    """rouge-score's scorer as the evaluation uses it."""
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score_one(rouge, example: Example, summary: list[str]) -> dict[str, float]:
    """F1 of one summary against its reference, each metric a fraction (0-1)."""
    scores = rouge.score("\n".join(example.reference), "\n".join(summary))
    return {metric: scores[metric].fmeasure for metric in METRICS}


def evaluate(
    examples: list[Example],
    method: str,
    length: Length,
    *,
    words: int | None = None,
    jobs: int = 1,
    dump: Callable[[str, list[str]], None] | None = None,
    progress: Progress | None = None,
) -> EvalResult:
    """Mean ROUGE F1 (as percentages) of the key points against the references.

    ``seconds_per_article`` is the time to read, rank and compose one article (summed in
    whichever process did it), not the ROUGE scoring.
    """
    settings = eval_settings(method, length, words)  # an unknown method fails before any work
    rouge = scorer()
    totals = dict.fromkeys(METRICS, 0.0)
    seconds = 0.0
    for example, (ident, summary, took) in zip(
        examples, summaries(examples, settings, jobs, progress)
    ):
        if dump:
            dump(ident, summary)
        for metric, value in score_one(rouge, example, summary).items():
            totals[metric] += value
        seconds += took
    n = len(examples)
    return EvalResult(
        settings.method,
        n,
        str(settings.key_points),
        *(round(100 * totals[m] / n, 2) for m in METRICS),
        round(seconds / n, 4),
    )
