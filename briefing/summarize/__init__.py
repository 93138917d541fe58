"""Article -> Ranking: which sentences matter most, by a named method."""

from __future__ import annotations

from ..errors import BriefingError
from ..model import Article, Ranking
from .rankers import RANKERS

DEFAULT_METHOD = "default"
METHODS: tuple[str, ...] = tuple(RANKERS)


def method_label(method: str) -> str:
    """The display name of a method ("lexrank" -> "LexRank")."""
    return _lookup(method)[0]


def rank(article: Article, method: str = DEFAULT_METHOD) -> Ranking:
    """Rank every sentence of ``article``; the order is a permutation of its positions."""
    label, ranker = _lookup(method)
    total = len(article.sentences())
    order = ranker(article) if total else ()
    if sorted(order) != list(range(total)):
        raise BriefingError(f"method {method} did not rank every sentence once", article.source)
    return Ranking(order=tuple(order), method=label)


def _lookup(method: str):
    try:
        return RANKERS[method.lower()]
    except KeyError:
        known = ", ".join(METHODS)
        raise BriefingError(f"unknown method {method!r}; known methods: {known}") from None
