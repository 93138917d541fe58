"""The default ranker: a learned linear score over sentence features, then redundancy removal.

Weights come from ``default_weights.json`` (plain JSON written by bench/train_ranker.py,
trained on the CNN/DailyMail train split). Sentences are ordered by score; a sentence that
mostly repeats the word trigrams of better ones is moved after all the others, so the top
of the order never says the same thing twice.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..model import Article
from .features import FEATURES, sentence_features, tokens

WEIGHTS = Path(__file__).resolve().parent / "default_weights.json"


@lru_cache(maxsize=1)
def _model() -> tuple[float, tuple[tuple[float, float, float], ...]]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(
            f"{WEIGHTS} was trained on other features; retrain with bench/train_ranker.py"
        )
    return data["bias"], tuple(zip(data["weights"], data["mean"], data["std"]))


def scores(
    sentences: list[str], words: list[list[str]] | None = None, language: str | None = None
) -> list[float]:
    """The model's score of each sentence of one document (``words``: their tokens, if
    already known; ``language``: the document's ISO code, for its stop words)."""
    bias, terms = _model()
    return [
        bias + sum(w * (v - m) / s for (w, m, s), v in zip(terms, row))
        for row in sentence_features(sentences, words, language)
    ]


def rank_default(article: Article) -> tuple[int, ...]:
    """Positions best first, near-repeats last."""
    texts = [s.text for s in article.sentences()]
    words = [tokens(text) for text in texts]  # once, for the features and the blocking
    rated = scores(texts, words, article.metadata.language)
    by_score = sorted(range(len(texts)), key=lambda i: (-rated[i], i))
    return trigram_blocked(by_score, texts, words=words)


def trigram_blocked(
    order: list[int],
    texts: list[str],
    overlap: float = 0.5,
    words: list[list[str]] | None = None,
) -> tuple[int, ...]:
    """``order`` with near-repeats moved last: a sentence at least ``overlap`` of whose word
    trigrams already occur in better sentences. (Blocking on any shared trigram, as in
    extractive summarizers trained on CNN/DM, cost 0.2-0.5 ROUGE-1 here: news sentences
    share names and phrases without repeating each other.)"""
    seen: set[tuple[str, ...]] = set()
    kept, deferred = [], []
    for i in order:
        ws = tokens(texts[i]) if words is None else words[i]
        grams = set(zip(ws, ws[1:], ws[2:]))
        if grams and len(grams & seen) >= overlap * len(grams):
            deferred.append(i)
        else:
            kept.append(i)
            seen |= grams
    return tuple(kept + deferred)
