"""The default ranker: gradient-boosted sentence scores, then the best set of three.

Two LightGBM models trained on the CNN/DailyMail train split by bench/train_ranker.py and
shipped in LightGBM's text format (``sentence_model.txt``, ``set_model.txt``), scored with
NumPy (``trees.py``):

1. the sentence model scores each sentence from the features of ``features.py``;
   sentences are ordered by score, and one that mostly repeats the word trigrams of
   better ones is moved after all the others;
2. the set model scores every 3-subset of the best ten candidates and the lede
   (``subsets.py``); the best set leads the order. A set in which a sentence opens with a
   reference it does not carry ("It …", "The company …", ``references.py``) without the
   sentence before it is taken only when no other set is left.

The rest of the order follows the sentence scores, sentences that dangle or have three
words or fewer after the others, so each section's sentences are chosen by the same
model and the same rules.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..model import Article
from .features import FEATURES, sentence_features, stop_words, tokens
from .references import referents
from .subsets import SET_FEATURES, SIZE, candidate_sets, choose, set_features

# Scripts written without spaces between words (Thai, Kana, Han); Korean spaces its words.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HERE = Path(__file__).resolve().parent
SENTENCE_MODEL = HERE / "sentence_model.txt"
SET_MODEL = HERE / "set_model.txt"
# The lede is preferred when the sentence model ranks it within this many: chosen on the
# train holdout (bench/train_ranker.md: 86% of stories keep it there, for 0.10 ROUGE-1).
LEDE_RANK = 8


@cache
def _forest(path: Path, names: tuple[str, ...]):
    from .trees import load

    forest = load(path)
    if forest.features != names:
        raise RuntimeError(f"{path} was trained on other features; retrain (bench/train_ranker.py)")
    return forest


def scores(
    sentences: list[str],
    words: list[list[str]] | None = None,
    language: str | None = None,
    content: list[list[str]] | None = None,
) -> list[float]:
    """The sentence model's score of each sentence of one document (``words``: their
    tokens, if already known; ``language``: the document's ISO code, for its stop words;
    ``content``: the tokens without them, if already known)."""
    if not sentences:
        return []
    rows = sentence_features(sentences, words, language, content)
    return _forest(SENTENCE_MODEL, FEATURES).predict(rows).tolist()


def rank_default(article: Article) -> tuple[int, ...]:
    """Positions: the best set first, then the rest best first, near-repeats last."""
    texts = [s.text for s in article.sentences()]
    language = article.metadata.language
    words = [tokens(text) for text in texts]  # once, for the features and the blocking
    stops = stop_words(language)
    content = [[w for w in ws if w not in stops] for ws in words]  # once, for both models
    rated = scores(texts, words, language, content)
    by_score = sorted(range(len(texts)), key=lambda i: (-rated[i], i))
    blocked = trigram_blocked(by_score, texts, words=words)
    terse = {i for i, text in enumerate(texts) if _terse(text)}
    fuller = tuple(i for i in blocked if i not in terse)
    order = fuller + tuple(i for i in blocked if i in terse)
    needs = referents(texts, language, article.title)
    candidates = fuller if len(fuller) >= SIZE else order
    best = best_set(candidates, rated, words, needs, language, content)
    rest = [i for i in order if i not in best]
    sooner = [i for i in rest if not (needs[i] or i in terse)]
    later = [i for i in rest if needs[i] or i in terse]
    return tuple(sorted(best, key=order.index)) + tuple(sooner) + tuple(later)


def _terse(text: str) -> bool:
    """Three words or fewer ("Thanks Junior!", "Sanborn said."): a whole sentence that
    tells a reader nothing alone, taken only when nothing longer is left. Scripts written
    without spaces are never terse by this count."""
    return len(text.split()) <= 3 and not _UNSPACED.search(text)


def best_set(
    order: tuple[int, ...],
    rated: list[float],
    words: list[list[str]],
    needs: list[frozenset[int]],
    language: str | None,
    content: list[list[str]] | None = None,
) -> tuple[int, ...]:
    """The set model's choice among the candidate sets; one with no dangling opener left
    alone when there is such a set (``content``: ``words`` without the language's stop
    words, if already known)."""
    sets = candidate_sets(order)
    if len(sets) < 2:
        return sets[0] if sets else ()
    if content is None:
        stops = stop_words(language)
        content = [[w for w in ws if w not in stops] for ws in words]
    rows = set_features(sets, rated, content, needs)
    values = _forest(SET_MODEL, SET_FEATURES).predict(rows).tolist()
    return choose(sets, rows, values, rated, LEDE_RANK)


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
