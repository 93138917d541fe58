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
whole dev set (not cross-validated) for speed and for small inputs. bench/stories.md has
every figure and the cost: 10,000 articles took 10.7-14.6 s (0.5 GB) in one process on
a shared 2-core machine (load average 1.5-3.9), most of it tokenising and counting.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, islice, repeat
from operator import mul

_TOKEN = re.compile(r"\w+")
# A name: a capitalised word after a word, a number or a comma on the same line, so not
# the first word of a sentence or a line. Numbers are taken from the words.
_NAMED = re.compile(r"(?<=[\w,;:)%] )[A-ZÀ-ÖØ-Þ]\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n")
_FUNCTION_WORDS = """a about after again against all also an and any are as at be because
    been before being between both but by can could did do does during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me
    more most my no nor not now of off on once only or other our ours out over own same
    she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who
    whom why will with would you your yours said says say mr mrs ms one two new last
    according told"""
_STOPWORDS = frozenset(_FUNCTION_WORDS.split()) | frozenset(
    "abcdefghijklmnopqrstuvwxyz_"
)  # one-letter words; one-digit numbers stay


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
    docs: Sequence[Doc], settings: StorySettings = StorySettings()
) -> tuple[tuple[int, ...], ...]:
    """The stories of ``docs``: tuples of indices, each index once, sorted within a story,
    stories ordered by their first index. The same input gives the same output."""
    return cut(len(docs), linkage(docs, settings, settings.threshold), settings.threshold)


def linkage(docs: Sequence[Doc], settings: StorySettings, floor: float) -> tuple[Merge, ...]:
    """Every average-linkage merge at similarity ``floor`` or above, in the order made."""
    return average_linkage(len(docs), similarities(docs, settings), floor)


def similarities(docs: Sequence[Doc], settings: StorySettings) -> dict[tuple[int, int], float]:
    """The similarity of every candidate pair (i < j) above 0; other pairs count as 0."""
    terms, entities = vectors(docs, settings)
    a = settings.entity_weight
    edges = {}
    for i, j in candidates(terms, settings):
        s = (1 - a) * _dot(terms[i], terms[j]) + a * _dot(entities[i], entities[j])
        if s > 0:
            edges[i, j] = s
    return edges


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


def vectors(docs: Sequence[Doc], settings: StorySettings) -> tuple[list[dict], list[dict]]:
    """Unit TF-IDF vectors of every article: all its terms, and its entity-like tokens."""
    counted = [_counts(doc, settings) for doc in docs]
    terms = _tfidf([c[0] for c in counted], settings)
    entities = _tfidf([c[1] for c in counted], settings)
    return terms, entities


def _counts(doc: Doc, settings: StorySettings) -> tuple[Counter[str], Counter[str]]:
    """Weighted term counts of an article, and of its entity-like tokens (the weights are
    whole numbers, so a part is weighted by repeating its tokens: counting stays in C)."""
    lead, body = _lead(doc.text)
    title = _TOKEN.findall(doc.title.casefold())
    words = Counter(
        _TOKEN.findall(body.casefold())
        + _TOKEN.findall(lead.casefold()) * settings.lead_weight
        + title * settings.title_weight
    )
    named = Counter(_NAMED.findall(body) + _NAMED.findall(lead) * settings.lead_weight)
    entities: Counter[str] = Counter()
    for token, n in named.items():
        entities[token.casefold()] += n
    entities.update([t for t in title if t in entities] * settings.title_weight)
    entities.update({t: n for t, n in words.items() if t[0].isdigit()})
    for counts in (words, entities):
        for stopword in _STOPWORDS.intersection(counts):
            dict.__delitem__(counts, stopword)
    return words, entities


def _lead(text: str) -> tuple[str, str]:
    """The first sentence of ``text`` (looked for in its first 1,000 characters) and the
    rest."""
    text = text.strip()
    end = _SENTENCE_END.search(text, 0, 1000)
    if end is None:
        return text, ""
    return text[: end.start()], text[end.end() :]


def _tfidf(counts: list[Counter[str]], settings: StorySettings) -> list[dict[str, float]]:
    """Unit vectors of sublinear TF times smoothed IDF, each cut to its ``vector_terms``
    heaviest terms (the tail is words used once: noise, and cost), heaviest first.

    The IDF counts ``prior_docs`` more documents than given, holding none of the terms, so
    a small input (one topic's 20 articles) weighs its words about as a day's thousand
    would; without it, words every article of the topic shares count for almost nothing.
    Done in NumPy over all articles at once: this is most of the run time."""
    import numpy as np

    vocabulary = list(dict.fromkeys(chain.from_iterable(counts)))  # first-seen order
    number = dict(zip(vocabulary, range(len(vocabulary))))
    sizes = np.array([len(c) for c in counts], dtype=np.int64)
    doc = np.repeat(np.arange(len(counts)), sizes)
    term = np.array(list(map(number.__getitem__, chain.from_iterable(counts))), np.int64)
    tf = np.array(list(chain.from_iterable(c.values() for c in counts)), np.float64)
    df = np.bincount(term, minlength=len(vocabulary))
    n = len(counts) + settings.prior_docs
    weight = (1.0 + np.log(np.maximum(tf, 1.0))) * (np.log((n + 1) / (df[term] + 1)) + 1.0)
    order = np.lexsort((-weight, doc))  # by article, heaviest first, ties in text order
    first = np.repeat(np.cumsum(sizes) - sizes, sizes)
    kept = order[np.arange(len(order)) - first < settings.vector_terms]
    norm = np.sqrt(np.bincount(doc[kept], weights=weight[kept] ** 2, minlength=len(counts)))
    unit = (weight[kept] / norm[doc[kept]]).tolist()
    names = [vocabulary[t] for t in term[kept].tolist()]
    out, at = [], 0
    for k in np.minimum(sizes, settings.vector_terms).tolist():
        out.append(dict(zip(names[at : at + k], unit[at : at + k])))
        at += k
    return out


def candidates(terms: Sequence[dict[str, float]], settings: StorySettings) -> list[tuple[int, int]]:
    """Pairs (i < j) worth scoring, found through an inverted index of top terms, sorted."""
    tops = [list(islice(v.items(), settings.top_terms)) for v in terms]  # heaviest first
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, top in enumerate(tops):
        for term, weight in top:
            postings.setdefault(term, []).append((i, weight))
    scores: list[dict[int, float]] = [{} for _ in terms]
    for docs in postings.values():
        if len(docs) < 2 or len(docs) > settings.posting_cap:
            continue
        for i, wi in docs:
            row = scores[i]
            for j, wj in docs:
                if j != i:
                    row[j] = row.get(j, 0.0) + wi * wj
    pairs = set()
    for i, row in enumerate(scores):
        if len(row) > settings.neighbours:
            row = dict(heapq.nsmallest(settings.neighbours, row.items(), key=_heaviest))
        pairs.update((min(i, j), max(i, j)) for j in row)
    return sorted(pairs)


def _heaviest(item: tuple) -> tuple:
    """Sort key: heaviest first, a tie to the first key (the same on any run, any seed)."""
    return -item[1], item[0]


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
