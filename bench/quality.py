"""Every ranking method on the CNN/DailyMail dev set: ROUGE of 3 key points.

    .venv/bin/python bench/quality.py ../shared/eval/cnndm_val1000.jsonl

Regenerates bench/quality.md. Key points are chosen exactly as `briefing make` chooses
them (briefing.evaluate), scored with rouge-score (F1, Porter stemming, rougeLsum one
sentence per line). The default ranker was trained on cnndm_train18k only
(bench/train_ranker.py): no article of this dev set was used to train or tune it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.evaluate import METRICS, eval_settings, load, score_one, scorer, summaries  # noqa: E402
from briefing.model import Length  # noqa: E402
from briefing.read import read_text  # noqa: E402
from briefing.summarize import METHODS, method_label  # noqa: E402
from briefing.summarize.references import lede_and_loose  # noqa: E402

ORDER = [
    "default",
    "lead",
    "lexrank",
    "textrank",
    "luhn",
    "sumbasic",
    "lsa",
    "kl",
    "reduction",
    "edmundson",
    "random",
]


def per_article(examples, method, jobs):
    rouge = scorer()
    rows, seconds = [], 0.0
    for example, (_, summary, took) in zip(
        examples, summaries(examples, eval_settings(method, Length(count=3)), jobs)
    ):
        row = score_one(rouge, example, summary)
        row.update(reading(example, summary))
        rows.append(row)
        seconds += took
    return rows, seconds / len(examples)


def reading(example, summary: list[str]) -> dict[str, float]:
    """What a reader sees beyond ROUGE: is the lede (the article's first sentence that
    passes the sentence gate) a key point, and how many key points open with a reference
    they do not carry ("It …", "The company …") without the sentence before them shown
    just before? ``dangling`` counts such key points, ``shown`` all key points."""
    article = read_text(example.article, has_title=False)
    texts = [s.text for s in article.sentences()]
    lede, loose = lede_and_loose(texts, summary, article.metadata.language, article.title)
    return {"lede": float(lede), "dangling": len(loose), "shown": len(summary)}


def rates(rows) -> tuple[float, float]:
    """Lede kept (% of articles) and dangling openers (% of key points)."""
    lede = 100 * mean(r["lede"] for r in rows)
    dangling = 100 * sum(r["dangling"] for r in rows) / max(sum(r["shown"] for r in rows), 1)
    return lede, dangling


def table_row(name, rows, seconds):
    means = [100 * mean(r[m] for r in rows) for m in METRICS] + list(rates(rows))
    return f"| {name} | " + " | ".join(f"{v:.2f}" for v in means) + f" | {1000 * seconds:.1f} |"


HEADER = [
    "| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | lede kept % | dangling % | ms/article |",
    "| --- | --- | --- | --- | --- | --- | --- |",
]


NOTES = [
    "## How the default was made, and what these figures are worth",
    "",
    "* The default ranker's two LightGBM models (a sentence model on greedy-oracle labels, "
    "then a LambdaRank model over 3-subsets of the best candidates and the lede) were fit by "
    "`bench/train_ranker.py` on `cnndm_train18k` (Daily Mail and CNN, lower-cased). Every "
    "choice (model shapes, the set features, the lede rank, the dangling rule) was made on a "
    "holdout of the train split (`bench/train_ranker.md`); the script never reads these dev "
    "sets.",
    "* Dev-set use, stated plainly: 11 configurations were scored on both dev sets while "
    "building issue 14: 8 before these models (lede rank 0, 5, 8 and always, with two trainings "
    "of the models, the second after the train text's bylines were taken off, the last also "
    "deferring sentences of three words or fewer), then the shipped one: both models fit on the whole "
    "train split but its holdout, the set model on cross-fitted sentence scores, sets drawn "
    "from the best ten, the wider dangling rule with the first sentence exempt, each chosen "
    "on the train holdout; then the same with the surname rule (10th), and last (11th, the "
    "table above) with the dangling rule widened again after a hand read of the pages' key "
    "points (plurals, places, more connectives, a reference after a fronted phrase, a few "
    "languages' connectives, a surname needing the sentence that named it) and the set "
    "model retrained on it (holdout ROUGE-1 40.70 -> 40.62). The dev figures once showed "
    "that keeping the lede costs nothing "
    "on CNN here while the train holdout said 0.10-0.29 ROUGE-1; the shipped lede rank (8) "
    "is the holdout's choice, not the dev set's best.",
    "* Issue 14's CNN target (Lead-3 + 1.7 / + 0.9 / + 1.5) is met: the margin is + 1.85 / "
    "+ 1.02 / + 1.71 (the table above); BBC is above Lead-3 on all three, in every fifth.",
    "* For scale (the issue's table, first 500): the greedy oracle reaches 48.91 / 27.20 / 44.41.",
    "",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "cnndm_val1000.jsonl")
    )
    parser.add_argument(
        "--bbc", default=str(ROOT.parent / "shared" / "eval" / "bbc_news_summary.jsonl")
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    examples = load(args.data)
    assert sorted(ORDER) == sorted(METHODS), "bench/quality.py must list every method"
    results, started = {}, time.time()
    for method in ORDER:
        results[method] = per_article(examples, method, args.jobs)
        print(table_row(method, *results[method]), flush=True)
    lines = [
        "# Summary quality: every method on the dev set",
        "",
        f"Made on {date.today().isoformat()} by `.venv/bin/python bench/quality.py {args.data}` "
        f"({time.time() - started:.0f} s, {args.jobs} processes).",
        "",
        f"Data: `{Path(args.data).name}`, {len(examples)} CNN stories with human highlights. Three key "
        "points per article, chosen as `briefing make` chooses them; rouge-score F1 (%) with Porter "
        "stemming, ROUGE-L as rougeLsum (one sentence per line); ms/article is reading, ranking and "
        "composing one article, not the scoring.",
        "",
    ]
    lines += section("All articles", examples, results, slice(None))
    lines += section(
        "First 500 (the split of the issue's reference table)", examples, results, slice(0, 500)
    )
    lines += folds(results)
    lines += second_set(args.bbc, args.jobs)
    lines += NOTES
    Path(ROOT / "bench" / "quality.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote bench/quality.md")


def section(title, examples, results, part):
    n = len(examples[part])
    out = [
        f"## {title} (n = {n})",
        "",
        *HEADER,
    ]
    for method in ORDER:
        rows, seconds = results[method]
        out.append(table_row(f"{method_label(method)} (`{method}`)", rows[part], seconds))
    return out + [""]


def second_set(path, jobs, n=1000, methods=("default", "lead", "lexrank", "textrank")):
    """A data set nothing was tuned on, with machine-made extractive references."""
    if not Path(path).is_file():
        return [f"(Second data set skipped: {path} not found.)", ""]
    examples = load(path, n)
    out = [
        f"## Second data set: BBC News, first {len(examples)} articles",
        "",
        "`bbc_news_summary.jsonl`: its references were made by a sentence-scoring program, not "
        "written by people, and are long (about 40% of the article), so this rewards what that "
        "program liked (frequent, central sentences) more than what a reader needs. Nothing was "
        "tuned on it. Three key points, same scoring.",
        "",
        *HEADER,
    ]
    results = {}
    for method in methods:
        results[method] = per_article(examples, method, jobs)
        out.append(table_row(f"{method_label(method)} (`{method}`)", *results[method]))
    return out + [""] + folds(results, title="BBC News: default minus Lead-3 on each fifth")


def folds(results, k=5, title="Default minus Lead-3 on each fifth of the data"):
    """The default's margin over Lead-3 on each fifth of the data: is it everywhere?"""
    default, lead = results["default"][0], results["lead"][0]
    size = len(default) // k
    out = [
        f"## {title} (ROUGE points)",
        "",
        "| part | articles | ROUGE-1 | ROUGE-2 | ROUGE-Lsum |",
        "| --- | --- | --- | --- | --- |",
    ]
    for i in range(k):
        part = slice(i * size, (i + 1) * size if i < k - 1 else None)
        d, le = default[part], lead[part]
        deltas = [100 * (mean(r[m] for r in d) - mean(r[m] for r in le)) for m in METRICS]
        out.append(f"| {i + 1} | {len(d)} | " + " | ".join(f"{v:+.2f}" for v in deltas) + " |")
    return out + [""]


if __name__ == "__main__":
    main()
