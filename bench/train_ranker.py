"""Train the default ranker's weights from the CNN/DailyMail train split.

    .venv/bin/python bench/train_ranker.py ../shared/eval/cnndm_train18k.jsonl.gz

Writes briefing/summarize/default_weights.json (plain JSON, never a pickle). The
validation set (cnndm_val1000) is never read here: every figure reported for the default
ranker in bench/quality.md is on data it was neither trained nor tuned on.

Method: a linear score over the case-insensitive sentence features of
``briefing.summarize.features``. Step 1 fits a logistic regression to the greedy-oracle
labels (the sentences that maximise ROUGE-1 + ROUGE-2 against the highlights). Step 2
tunes the same weights by coordinate ascent directly on the ROUGE of the three chosen
sentences (a fast re-implementation of rouge-score's ROUGE-1/2 F1 on its own tokens),
on a separate part of the train split, and keeps a step only if ROUGE on a third,
held-out part of the train split does not drop.
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
_BYLINE = re.compile(r"^(by|published|updated|last updated)\b|mailonline|published :|updated :|\|")
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
    while sentences and (len(sentences[0].split()) < 4 or _BYLINE.search(sentences[0])):
        sentences.pop(0)
    out = []
    for sentence in sentences:
        for pattern, repl in _DETOK:
            sentence = pattern.sub(repl, sentence)
        out.append(sentence)
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


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> np.ndarray:
    """Newton's method for L2-regularised logistic regression; returns [bias, weights...]."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x1 @ w))
        grad = x1.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]]
        hess = (x1 * (p * (1 - p))[:, None]).T @ x1 / len(y) + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def mean_rouge(
    items: list[dict], w: np.ndarray, mean: np.ndarray, std: np.ndarray, k: int = 3
) -> float:
    total = 0.0
    for item in items:
        scores = ((item["xa"] - mean) / std) @ w[1:]
        top = sorted(np.argsort(-scores, kind="stable")[:k].tolist())
        total += score_of(item, top)
    return total / len(items)


def coordinate_ascent(tune, hold, w, mean, std, passes=8):
    best_tune, best_hold = mean_rouge(tune, w, mean, std), mean_rouge(hold, w, mean, std)
    print(f"  start: tune {best_tune:.4f} hold {best_hold:.4f}", flush=True)
    scale = np.abs(w[1:]).mean()
    for p in range(passes):
        improved = False
        for j in range(1, len(w)):
            for delta in (0.5, -0.5, 0.2, -0.2, 0.05, -0.05):
                trial = w.copy()
                trial[j] += delta * scale
                value = mean_rouge(tune, trial, mean, std)
                if value > best_tune + 1e-5:
                    held = mean_rouge(hold, trial, mean, std)
                    if held >= best_hold - 1e-4:
                        w, best_tune, best_hold, improved = trial, value, held, True
                        break
        print(f"  pass {p + 1}: tune {best_tune:.4f} hold {best_hold:.4f}", flush=True)
        if not improved:
            break
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", help="cnndm_train18k.jsonl.gz")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--tune", type=int, default=3000, help="articles for the ROUGE tuning step")
    args = parser.parse_args()
    opener = gzip.open if args.train.endswith(".gz") else open
    with opener(args.train, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    if args.limit:
        rows = rows[: args.limit]
    random.Random(13).shuffle(rows)
    started = time.time()
    with ProcessPoolExecutor() as pool:
        items = [item for item in pool.map(prepare, rows, chunksize=64) if item]
    print(f"prepared {len(items)} articles in {time.time() - started:.0f} s", flush=True)
    for item in items:
        item["xa"] = np.array(item["x"])
    tune, hold, fit = items[: args.tune], items[args.tune : 2 * args.tune], items[2 * args.tune :]
    x = np.vstack([item["xa"] for item in fit])
    y = np.concatenate(
        [[float(i in item["oracle"]) for i in range(len(item["x"]))] for item in fit]
    )
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    w = fit_logistic((x - mean) / std, y)
    print(f"logistic fit on {len(fit)} articles ({int(y.sum())} oracle sentences)", flush=True)
    w = coordinate_ascent(tune, hold, w, mean, std)
    model = {
        "about": "Default ranker: linear score over briefing.summarize.features; see bench/train_ranker.py",
        "trained_on": f"{Path(args.train).name}: {len(fit)} articles (logistic fit), "
        f"{len(tune)} (ROUGE tuning), {len(hold)} (held out for tuning)",
        "date": date.today().isoformat(),
        "features": list(FEATURES),
        "mean": [round(v, 6) for v in mean.tolist()],
        "std": [round(v, 6) for v in std.tolist()],
        "bias": round(float(w[0]), 6),
        "weights": [round(v, 6) for v in w[1:].tolist()],
    }
    OUT.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
