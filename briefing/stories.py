"""Articles -> stories: one event told by several outlets is one story, however each words it.

Two articles are compared by a weighted sum of two cosines of TF-IDF vectors:

* the words of the title, the lead (first sentence of the text) and the body, the title and
  lead counted ``title_weight`` and ``lead_weight`` times, with sublinear term frequency
  (1 + log tf) and a smoothed IDF taken from the articles given (the day's own vocabulary:
  nothing is read at run time);
* the entity-like tokens only: capitalised words that do not open a sentence (names of
  people, places, bodies, months, weekdays) and numbers (dates, ages, tolls, magnitudes).
  A title's words count here only when the text also uses them as such, since headlines
  capitalise everything.

The second cosine is what keeps two events of the same kind apart: two earthquakes share
"earthquake", "magnitude", "struck" and "killed", but not the place, the day or the toll.

Cost is near-linear in the number of articles: no pair is scored unless the two articles
share one of their ``top_terms`` heaviest terms, a term held by more than ``posting_cap``
articles is not used to find pairs, and each article keeps only its ``neighbours`` best
candidates (by the part of the dot product those top terms give). Stories are then formed
by average linkage (UPGMA) over the candidate graph, a missing pair counting as similarity
0: two groups merge while the mean similarity of all their cross pairs is at least
``threshold``. Average linkage is reducible, so its merge heights never rise and cutting
the dendrogram at a threshold equals stopping there (``linkage`` and ``cut`` expose that,
so a threshold can be tuned without clustering again).

The weights and the threshold were chosen on ECB+ (Cybulska & Vossen 2014; 721 articles,
65 events in 33 topics of two same-kind events each, ``../shared/eval/ecbplus_dev.jsonl``)
by 5-fold cross-validation over topics, scoring B-cubed F1 (Bagga & Baldwin 1998) of the
pooled held-out topics (all articles of a fold clustered together, not topic by topic);
grid: title and lead weights 1-3, entity share 0-0.75 by 0.25, threshold 0.05-0.50 by 0.01.
Every fold chose an entity share of 0.25 or 0.5 and a threshold of 0.19-0.22. Held out,
B-cubed P/R/F1 was 0.918/0.910/0.914 pooled and 0.946/0.843/0.881 per topic averaged
(each topic clustered alone); the defaults, chosen on all topics, score 0.918/0.928/0.923
pooled in-sample. Today's rule (70% of a sentence's word trigrams shared) scores F1 0.519.
``vector_terms``, ``top_terms``, ``neighbours`` and ``prior_docs`` were set by hand on the
whole dev set (not cross-validated) for speed and for small inputs.

With ``jobs`` above 1, an input of ``PARALLEL_FROM`` articles or more is worked on in that
many worker processes (``workers.spread``) at its three costly steps, each split into
spans: counting the terms (``terms.counts``), finding each article's candidates and
scoring the pairs; the results are the same as in one process. bench/stories.md has every
figure and the cost (10,000 articles: 4.8 s with two processes, 6.3 s with one, on a
2-core machine; in one process the counting was about half of it).
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice, repeat
from operator import mul, neg

from .workers import spread


@dataclass(frozen=True)
class Doc:
    """An article as stories sees it: its title and its text (the lead is the text's first
    sentence). The text may repeat the title as its first line; that only weighs it up."""

    title: str
    text: str


@dataclass(frozen=True)
class StorySettings:
    """How articles are compared and grouped; the defaults are the cross-validated ones."""

    title_weight: int = 3  # times the title's words are counted
    lead_weight: int = 3  # times the lead's words are counted
    entity_weight: float = 0.25  # share of the entity cosine in the similarity
    threshold: float = 0.21  # least mean cross-pair similarity for two groups to merge
    top_terms: int = 20  # terms of each article used to find candidate pairs
    posting_cap: int = 200  # a term in more articles than this finds no pairs
    neighbours: int = 20  # candidates kept per article
    vector_terms: int = 60  # heaviest terms kept in each vector
    prior_docs: int = 1000  # documents without any of the terms, added to the IDF's count


@dataclass(frozen=True)
class Merge:
    """Two groups, named by their first index, joined at a mean similarity."""

    similarity: float
    kept: int
    absorbed: int


def cluster(
    docs: Sequence[Doc], settings: StorySettings = StorySettings(), *, jobs: int = 1
) -> tuple[tuple[int, ...], ...]:
    """The stories of ``docs``: tuples of indices, each index once, sorted within a story,
    stories ordered by their first index. The same input gives the same output, whatever
    ``jobs`` (the worker processes a large input is worked on in: the module's docstring)."""
    merges = linkage(docs, settings, settings.threshold, jobs=jobs)
    return cut(len(docs), merges, settings.threshold)


def linkage(
    docs: Sequence[Doc], settings: StorySettings, floor: float, *, jobs: int = 1
) -> tuple[Merge, ...]:
    """Every average-linkage merge at similarity ``floor`` or above, in the order made."""
    return average_linkage(len(docs), similarities(docs, settings, jobs=jobs), floor)


def similarities(
    docs: Sequence[Doc], settings: StorySettings, *, jobs: int = 1
) -> dict[tuple[int, int], float]:
    """The similarity of every candidate pair (i < j) above 0; other pairs count as 0."""
    terms, entities = vectors(docs, settings, jobs=jobs)
    pairs = candidates(terms, settings, jobs=jobs)
    work = partial(_similar, terms, entities, settings.entity_weight, pairs)
    scores = chain.from_iterable(spread(work, len(pairs), 20 * SPAN, _jobs(jobs, len(docs))))
    return {pair: s for pair, s in zip(pairs, scores) if s > 0}


def _similar(terms, entities, a: float, pairs, span: tuple[int, int]) -> array:
    """The similarities of a span of ``pairs`` (an array of doubles crosses a pipe fast)."""
    return array(
        "d",
        [
            (1 - a) * _dot(terms[i], terms[j]) + a * _dot(entities[i], entities[j])
            for i, j in pairs[span[0] : span[1]]
        ],
    )


def cut(n: int, merges: Sequence[Merge], threshold: float) -> tuple[tuple[int, ...], ...]:
    """The groups of ``n`` items once every merge at ``threshold`` or above is made."""
    return connected(n, [(m.kept, m.absorbed) for m in merges if m.similarity >= threshold])


def connected(n: int, pairs: Iterable[tuple[int, int]]) -> tuple[tuple[int, ...], ...]:
    """The groups of the items 0 .. n - 1 that ``pairs`` link, directly or through others:
    each in order, the groups in the order of their first items."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p, q in pairs:
        a, b = sorted((root(p), root(q)))
        parent[b] = a
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return tuple(tuple(g) for g in groups.values())


def vectors(
    docs: Sequence[Doc], settings: StorySettings, *, jobs: int = 1
) -> tuple[list[dict], list[dict]]:
    """Unit TF-IDF vectors of every article: all its terms, and its entity-like tokens."""
    words, entities = _all_counts(docs, settings, jobs)
    return _tfidf(words, settings), _tfidf(entities, settings)


PARALLEL_FROM = 2000  # fewer articles are counted before two worker processes are going
SPAN = 1000  # articles a worker process is given at a time (its last ones wait less)


def _all_counts(docs: Sequence[Doc], settings: StorySettings, jobs: int) -> tuple:
    """Every article's weighted term counts and entity-like ones (``terms.counts``): of a
    large input, in ``jobs`` worker processes, ``SPAN`` articles at a time."""
    from . import terms

    weights = settings.title_weight, settings.lead_weight
    return terms.counts(docs, *weights, jobs=_jobs(jobs, len(docs)), span=SPAN)


def _jobs(jobs: int, articles: int) -> int:
    """The worker processes for an input of this many articles: none below PARALLEL_FROM."""
    return jobs if articles >= PARALLEL_FROM else 1


def _tfidf(counts: tuple, settings: StorySettings) -> list[dict[str, float]]:
    """Unit vectors of sublinear TF times smoothed IDF, each cut to its ``vector_terms``
    heaviest terms (the tail is words used once: noise, and cost), heaviest first.

    The IDF counts ``prior_docs`` more documents than given, holding none of the terms, so
    a small input (one topic's 20 articles) weighs its words about as a day's thousand
    would; without it, words every article of the topic shares count for almost nothing.
    Done in NumPy over all articles at once: this is most of the run time."""
    import numpy as np

    terms, tfs, lengths = counts  # terms.Flat
    vocabulary = list(dict.fromkeys(terms))  # first-seen order
    number = dict(zip(vocabulary, range(len(vocabulary))))
    sizes = np.array(lengths, dtype=np.int64)
    doc = np.repeat(np.arange(len(lengths)), sizes)
    term = np.array(list(map(number.__getitem__, terms)), np.int64)
    tf = np.array(tfs, np.float64)
    df = np.bincount(term, minlength=len(vocabulary))
    n = len(lengths) + settings.prior_docs
    weight = (1.0 + np.log(np.maximum(tf, 1.0))) * (np.log((n + 1) / (df[term] + 1)) + 1.0)
    order = np.lexsort((-weight, doc))  # by article, heaviest first, ties in text order
    first = np.repeat(np.cumsum(sizes) - sizes, sizes)
    kept = order[np.arange(len(order)) - first < settings.vector_terms]
    norm = np.sqrt(np.bincount(doc[kept], weights=weight[kept] ** 2, minlength=len(lengths)))
    unit = (weight[kept] / norm[doc[kept]]).tolist()
    names = [vocabulary[t] for t in term[kept].tolist()]
    out, at = [], 0
    for k in np.minimum(sizes, settings.vector_terms).tolist():
        out.append(dict(zip(names[at : at + k], unit[at : at + k])))
        at += k
    return out


def candidates(
    terms: Sequence[dict[str, float]], settings: StorySettings, *, jobs: int = 1
) -> list[tuple[int, int]]:
    """Pairs (i < j) worth scoring, found through an inverted index of top terms, sorted."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vector in enumerate(terms):
        for term, weight in islice(vector.items(), settings.top_terms):  # heaviest first
            postings.setdefault(term, []).append((i, weight))  # in the order of i
    used = [docs for docs in postings.values() if 1 < len(docs) <= settings.posting_cap]
    work = partial(_neighbours, used, settings.neighbours)
    rows = spread(work, len(terms), 2 * SPAN, _jobs(jobs, len(terms)))
    pairs = set()
    for i, kept in enumerate(chain.from_iterable(rows)):
        pairs.update((min(i, j), max(i, j)) for j in kept)
    return sorted(pairs)


def _neighbours(postings: list[list[tuple[int, float]]], k: int, span: tuple[int, int]) -> list:
    """For each article of the span, its ``k`` best candidates by the dot product of the
    top terms they share: heaviest first, a tie to the lower index."""
    low, high = span
    scores: list[dict[int, float]] = [{} for _ in range(low, high)]
    for docs in postings:
        if docs[0][0] >= high or docs[-1][0] < low:
            continue
        for i, wi in docs:
            if low <= i < high:
                row = scores[i - low]
                for j, wj in docs:
                    if j != i:
                        row[j] = row.get(j, 0.0) + wi * wj
    kept = []
    for row in scores:
        if len(row) > k:
            row = [j for _, j in heapq.nsmallest(k, zip(map(neg, row.values()), row))]
        kept.append(list(row))
    return kept


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def average_linkage(n: int, edges: dict[tuple[int, int], float], floor: float) -> tuple:
    """Greedy UPGMA over a sparse graph: ``edges`` (i < j) -> similarity, others 0.

    A group is named by its first index. ``links[g]`` holds, for each group it touches, the
    sum of similarities of their cross pairs; the heap holds (-mean, a, b, stamp) and an
    entry whose stamp is stale is skipped."""
    size = [1] * n
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in edges.items():
        links[i][j] = s
        links[j][i] = s
    stamp = [0] * n
    heap = [(-s, i, j, 0, 0) for (i, j), s in edges.items() if s >= floor]
    heapq.heapify(heap)
    merges = []
    while heap:
        negative, a, b, stamp_a, stamp_b = heapq.heappop(heap)
        if stamp[a] != stamp_a or stamp[b] != stamp_b:
            continue
        merges.append(Merge(-negative, a, b))
        _join(a, b, size, links, stamp, heap, floor)
    return tuple(merges)


def _join(a, b, size, links, stamp, heap, floor) -> None:
    """Fold group ``b`` into group ``a`` (a < b) and queue a's new means."""
    for c, s in links[b].items():
        if c != a:
            links[a][c] = links[a].get(c, 0.0) + s
            del links[c][b]
            links[c][a] = links[a][c]
    links[a].pop(b, None)
    links[b] = {}
    size[a] += size[b]
    stamp[a] += 1
    stamp[b] = -1
    for c in sorted(links[a]):
        mean = links[a][c] / (size[a] * size[c])
        if mean >= floor:
            first, second = min(a, c), max(a, c)
            heapq.heappush(heap, (-mean, first, second, stamp[first], stamp[second]))
