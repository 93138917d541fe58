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


# sumy's summarizers compare every pair of sentences (LexRank's cosine matrix, LSA's SVD):
# past a few thousand sentences they take minutes to hours. A news article has tens.
MAX_SUMY_SENTENCES = 2000


def rank(article: Article, method: str = DEFAULT_METHOD) -> Ranking:
    """Rank every sentence of ``article``; the order is a permutation of its positions."""
    label, ranker = _lookup(method)
    total = len(article.sentences())
    if total > MAX_SUMY_SENTENCES and method.lower() not in ("default", "lead", "random"):
        raise BriefingError(
            f"{total:,} sentences is too long for {label} (at most {MAX_SUMY_SENTENCES:,}); "
            "use --method default",
            article.source,
        )
    order = ranker(article) if total else ()
    return Ranking(order=_complete(order, total), method=label)


def _complete(order, total: int) -> tuple[int, ...]:
    """Each position once: repeats dropped, any position a ranker left out appended in
    document order (sumy's LSA leaves some out on degenerate texts)."""
    seen: set[int] = set()
    kept = [i for i in order if 0 <= i < total and not (i in seen or seen.add(i))]
    return tuple(kept + [i for i in range(total) if i not in seen])


def _lookup(method: str):
    try:
        return RANKERS[method.lower()]
    except KeyError:
        known = ", ".join(METHODS)
        raise BriefingError(f"unknown method {method!r}; known methods: {known}") from None
