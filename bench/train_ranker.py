"""Train the default ranker from the CNN/DailyMail train split: two LightGBM models.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_ranker.py ../shared/eval/cnndm_train18k.jsonl.gz

Writes briefing/summarize/sentence_model.txt and set_model.txt in LightGBM's own text
format (never a pickle; briefing reads them with NumPy, see briefing/summarize/trees.py),
and bench/train_ranker.md with the holdout figures and the time taken. The validation
sets (cnndm_val1000, bbc_news_summary) are never read here: every choice below was made
on the holdout part of the train split.

The train split is shuffled (seed 13) and cut in three disjoint parts:

The train split is shuffled (seed 13); its first --holdout articles score every variant
and nothing is fit on them. The rest trains both models:

* the sentence model: a binary LightGBM model of whether a sentence is in the greedy
  oracle (the three sentences that maximise ROUGE-1 + ROUGE-2 F1 against the
  highlights), over the features of ``briefing.summarize.features``, fit on all of it;
* the set model: every 3-subset of the sentence model's best 10 candidates and the lede
  (after near-repeat blocking), described by ``briefing.summarize.subsets``, ranked by a
  LambdaRank model against the ROUGE-1 + ROUGE-2 of the subset, graded 0-4 per article.
  Its sentence scores must be like those of unseen text, so each article's come from a
  sentence model fit on the other folds (--folds, cross-fitting): both models learn from
  every article (on the holdout, +0.07 ROUGE-1 over a 10,000 / 5,000 split).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.summarize.features import FEATURES, sentence_features  # noqa: E402

OUT = ROOT / "briefing" / "summarize" / "default_weights.json"
_END = {".", "!", "?"}
_BYLINE = re.compile(
    r"^(by|published|updated|last updated)\b|mailonline|published :|updated :|\|"
    # "rob draper for mail on sunday.", "nick purewal, press association.": the train
    # split's bylines, about a quarter of its first lines; the reader takes them off real
    # pages, so a model trained with them would learn that the lede is sentence 1.
    r"|^[^.]{0,60}\b(for|,) (the )?(daily mail|mail on sunday|press association|associated press)"
    r"|^follow @"
)
# "tehran, iran (cnn) -- iran said …": the dateline the reader takes off real text
_DATELINE = re.compile(r"^[^.]{0,60}?\(cnn\)\s*(--|-)\s*")
_DETOK = [
    (re.compile(r" ([.,!?;:%)\]])"), r"\1"),
    (re.compile(r"([(\[$£]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"` ` |'' "), '"'),
]


def split_tokenized(article: str) -> list[str]:
    """Sentences of a pre-tokenized, lower-cased article, lightly detokenized."""
    sentences, current = [], []
    for token in article.split():
        current.append(token)
        if token in _END:
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    out = []
    for sentence in sentences:
        for pattern, repl in _DETOK:
            sentence = pattern.sub(repl, sentence)
        out.append(sentence)
    while out and (len(out[0].split()) < 4 or _BYLINE.search(out[0])):
        out.pop(0)
    if out:
        out[0] = _DATELINE.sub("", out[0])
    return out


_TOKENIZER = None


def rouge_tokens(text: str) -> list[str]:
    """rouge-score's own tokens (lower-case, alphanumerics, Porter stems)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        from rouge_score.tokenizers import DefaultTokenizer

        _TOKENIZER = DefaultTokenizer(use_stemmer=True)
    return _TOKENIZER.tokenize(text)


def ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(zip(*(tokens[i:] for i in range(n))))


def f1(candidate: Counter, reference: Counter) -> float:
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def prepare(row: dict) -> dict | None:
    """Features, per-sentence n-grams and oracle labels for one train article."""
    sentences = split_tokenized(row["article"])[:80]
    reference = row["reference"].split("\n")
    if len(sentences) < 4:
        return None
    toks = [rouge_tokens(s) for s in sentences]
    ref = rouge_tokens(" ".join(reference))
    item = {
        "x": sentence_features(sentences),
        "uni": [ngrams(t, 1) for t in toks],
        "bi": [ngrams(t, 2) for t in toks],
        "ref1": ngrams(ref, 1),
        "ref2": ngrams(ref, 2),
    }
    item["oracle"] = greedy_oracle(item)
    return item


def score_of(item: dict, chosen: list[int]) -> float:
    uni = sum((item["uni"][i] for i in chosen), Counter())
    bi = sum((item["bi"][i] for i in chosen), Counter())
    return f1(uni, item["ref1"]) + f1(bi, item["ref2"])


def greedy_oracle(item: dict, k: int = 3) -> list[int]:
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < k:
        options = [
            (score_of(item, chosen + [i]), i) for i in range(len(item["uni"])) if i not in chosen
        ]
        value, index = max(options)
        if value <= best:
            break
        chosen.append(index)
        best = value
    return chosen


SENTENCE_MODEL = ROOT / "briefing" / "summarize" / "sentence_model.txt"
SET_MODEL = ROOT / "briefing" / "summarize" / "set_model.txt"
REPORT = ROOT / "bench" / "train_ranker.md"
SEED = 13
SENTENCE_PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 7,
    "min_data_in_leaf": 200,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": SEED,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
SET_PARAMS = {
    "objective": "lambdarank",
    "lambdarank_truncation_level": 5,
    "eval_at": [1],
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 100,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "seed": SEED,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}


def prepare_full(row: dict) -> dict | None:
    """``prepare`` plus what the set model needs: words, content words, what each sentence
    needs shown with it not to dangle."""
    from briefing.summarize.features import stop_words, tokens
    from briefing.summarize.references import referents

    item = prepare(row)
    if item is None:
        return None
    sentences = split_tokenized(row["article"])[:80]
    stops = stop_words()
    item["words"] = [tokens(s) for s in sentences]
    item["content"] = [[w for w in ws if w not in stops] for ws in item["words"]]
    item["needs"] = referents(sentences)
    return item


def rouge_parts(item: dict, chosen) -> tuple[float, float]:
    uni = sum((item["uni"][i] for i in chosen), Counter())
    bi = sum((item["bi"][i] for i in chosen), Counter())
    return f1(uni, item["ref1"]), f1(bi, item["ref2"])


def blocked(item: dict, scores) -> list[int]:
    from briefing.summarize.default import trigram_blocked

    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return list(trigram_blocked(order, [""] * len(order), words=item["words"]))


def set_rows(item: dict, scores):
    from briefing.summarize.subsets import candidate_sets, set_features

    sets = candidate_sets(blocked(item, scores))
    return sets, set_features(sets, scores, item["content"], item["needs"])


def grades(values: list[float]) -> list[int]:
    low, high = min(values), max(values)
    if high - low < 1e-12:
        return [0] * len(values)
    return [round(4 * (v - low) / (high - low)) for v in values]


def fit_sentences(items: list[dict], rounds: int):
    import lightgbm as lgb

    x = np.vstack([item["xa"] for item in items])
    y = np.concatenate([[float(i in it["oracle"]) for i in range(len(it["x"]))] for it in items])
    data = lgb.Dataset(x, y, feature_name=list(FEATURES), free_raw_data=False)
    return lgb.train(SENTENCE_PARAMS, data, num_boost_round=rounds)


def fit_sets(items: list[dict], rounds: int):
    import lightgbm as lgb

    from briefing.summarize.subsets import SET_FEATURES

    xs, ys, groups = [], [], []
    for item in items:
        sets, rows = item["sets"], item["set_x"]
        if len(sets) < 2:
            continue
        xs.extend(rows)
        ys.extend(grades([sum(rouge_parts(item, s)) for s in sets]))
        groups.append(len(sets))
    data = lgb.Dataset(np.array(xs), np.array(ys), group=groups, feature_name=list(SET_FEATURES))
    return lgb.train(SET_PARAMS, data, num_boost_round=rounds)


def pick(item: dict, set_scores, avoid_dangling: bool, lede_rank: int = 0) -> tuple[int, ...]:
    """The set model's choice by the default ranker's own rule (``subsets.choose``)."""
    from briefing.summarize.subsets import choose

    return choose(item["sets"], item["set_x"], set_scores, item["score"], lede_rank, avoid_dangling)


def report_row(name: str, items: list[dict], choose) -> tuple[str, float]:
    from briefing.summarize.references import loose_in

    r1 = r2 = lede = dangling = shown = 0.0
    for item in items:
        chosen = sorted(choose(item))
        a, b = rouge_parts(item, chosen)
        r1, r2 = r1 + a, r2 + b
        lede += 0 in chosen
        dangling += len(loose_in(chosen, item["needs"]))
        shown += len(chosen)
    n = len(items)
    cells = [100 * r1 / n, 100 * r2 / n, 100 * lede / n, 100 * dangling / max(shown, 1)]
    return f"| {name} | " + " | ".join(f"{v:.2f}" for v in cells) + " |", (r1 + r2) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", help="cnndm_train18k.jsonl.gz")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--holdout", type=int, default=3000)
    parser.add_argument("--folds", type=int, default=3, help="for the set model's scores")
    parser.add_argument("--rounds", type=int, default=800, help="sentence model trees")
    parser.add_argument("--set-rounds", type=int, default=200, help="set model trees")
    parser.add_argument("--no-write", action="store_true", help="report only, keep the models")
    args = parser.parse_args()
    opener = gzip.open if args.train.endswith(".gz") else open
    with opener(args.train, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    if args.limit:
        rows = rows[: args.limit]
    random.Random(SEED).shuffle(rows)
    started = time.time()
    with ProcessPoolExecutor(2) as pool:
        items = [item for item in pool.map(prepare_full, rows, chunksize=64) if item]
    prepared = time.time() - started
    print(f"prepared {len(items)} articles in {prepared:.0f} s", flush=True)
    for item in items:
        item["xa"] = np.array(item["x"])
    hold, fit = items[: args.holdout], items[args.holdout :]
    cross_scores(fit, args.folds, args.rounds)
    sentence_model = fit_sentences(fit, args.rounds)
    print(f"sentence model: {len(fit)} articles, {args.rounds} trees", flush=True)
    for item in hold:
        item["score"] = sentence_model.predict(item["xa"], raw_score=True).tolist()
    for item in hold + fit:
        item["sets"], item["set_x"] = set_rows(item, item["score"])
    set_model = fit_sets(fit, args.set_rounds)
    print(f"set model: {len(fit)} articles, {args.set_rounds} trees", flush=True)
    for item in hold:
        item["set_score"] = set_model.predict(np.array(item["set_x"])).tolist()
    table = holdout_table(hold)
    took = time.time() - started
    print("\n".join(table))
    if not args.no_write:
        for model, path in ((sentence_model, SENTENCE_MODEL), (set_model, SET_MODEL)):
            model.save_model(str(path))
        write_report(args, table, len(fit), len(hold), prepared, took)
        print(f"wrote {SENTENCE_MODEL.name}, {SET_MODEL.name}, {REPORT}")


def cross_scores(items: list[dict], folds: int, rounds: int) -> None:
    """Each item's sentence scores from a sentence model fit on the other folds."""
    parts = [items[k::folds] for k in range(folds)]
    for k, part in enumerate(parts):
        others = [item for j, other in enumerate(parts) if j != k for item in other]
        model = fit_sentences(others, rounds)
        for item in part:
            item["score"] = model.predict(item["xa"], raw_score=True).tolist()
        print(f"fold {k + 1} of {folds} scored", flush=True)


def holdout_table(hold: list[dict]) -> list[str]:
    weights = json.loads((ROOT / "bench" / "linear_weights.json").read_text())
    mean, std = np.array(weights["mean"]), np.array(weights["std"])
    w = np.array(weights["weights"])

    def linear(item):
        return blocked(item, (((item["xa"] - mean) / std) @ w).tolist())[:3]

    variants = [
        ("Lead-3", lambda item: [0, 1, 2]),
        ("linear (the previous default)", linear),
        ("sentence model, top 3 after blocking", lambda item: blocked(item, item["score"])[:3]),
        ("sentence model + set model", lambda item: pick(item, item["set_score"], False)),
        (
            "sentence model + set model, no dangling opener alone",
            lambda item: pick(item, item["set_score"], True),
        ),
    ]
    for rank in (3, 5, 8, 1000):
        variants.append(
            (
                f"... and the lede when ranked in the best {rank}",
                lambda item, rank=rank: pick(item, item["set_score"], True, rank),
            )
        )
    lines = [
        "| variant | ROUGE-1 | ROUGE-2 | lede kept % | dangling openers % |",
        "| --- | --- | --- | --- | --- |",
    ]
    return lines + [report_row(name, hold, choose)[0] for name, choose in variants]


def write_report(args, table, n_fit, n_hold, prepared, took) -> None:
    text = [
        "# Training the default ranker",
        "",
        f"Made on {date.today().isoformat()} by `.venv/bin/python bench/train_ranker.py "
        f"{Path(args.train).name}` ({took:.0f} s on 2 cores, {prepared:.0f} s of it "
        "preparing the articles: oracle labels and features).",
        "",
        f"Parts of the shuffled train split (seed {SEED}): holdout {n_hold} articles, both "
        f"models fit on the other {n_fit} (the set model on sentence scores cross-fitted "
        f"over {args.folds} folds). Sentence model {args.rounds} trees, set model "
        f"{args.set_rounds}.",
        "",
        "## On the holdout (train split, never fit on)",
        "",
        "ROUGE F1 (%) of three sentences by this script's fast re-implementation of "
        "rouge-score's ROUGE-1/2 on the lower-cased, tokenized train text (close to, not "
        "the same as, `bench/quality.py`'s figures on raw text); lede kept: the first "
        "sentence among the three; dangling: a chosen sentence opening with a reference "
        "whose sentence before it is not chosen.",
        "",
        *table,
        "",
    ]
    REPORT.write_text("\n".join(text), encoding="utf-8")


if __name__ == "__main__":
    main()
