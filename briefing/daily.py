"""Many briefings -> one daily briefing: stories, top developments, one part per article,
and every sentence shown once.

The day's articles are grouped into stories (``stories.cluster``: one event told by
several outlets in their own words is one story), and articles sharing a sentence are
one story too: the same wire copy often arrives from several sites. A sentence that
appears in two articles (the same words, or nearly: at least 70% of its word trigrams
shared) is shown once, where it first appears, crediting every source it came from.
Each story gets a headline, its outlets and key points chosen across its articles; the
stories are ranked and given topics by ``agenda``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from .agenda import Desk, Facts, outlet_of, rank_stories, tier_of, topic_of, topic_order
from .model import Briefing, Sentence

if TYPE_CHECKING:
    from .stories import Doc

NEAR_DUPLICATE = 0.7
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Item:
    """A sentence of the day: where it is shown and every part it also came from."""

    sentence: Sentence
    part: int  # index of the part it is shown in
    also_in: tuple[int, ...] = ()  # other parts with the same (or nearly the same) sentence


@dataclass(frozen=True)
class Part:
    """One article of the day: what of it is shown in the annex, and its story."""

    index: int
    briefing: Briefing
    key_points: tuple[Item, ...]  # its key points not shown before (nor in its story's)
    sections: tuple[tuple[str | None, tuple[Item, ...]], ...]  # (heading, items)
    story: int  # index of its story in ``DailyBriefing.stories``; -1: left out
    outlet: str = ""


@dataclass(frozen=True)
class Story:
    """One event however many outlets told it: its articles and what they said first."""

    id: str  # "story-1", "story-2", ... in the day's order
    headline: str  # the title its articles agree on most
    parts: tuple[int, ...]  # its articles, the best outlet's first
    sources: tuple[str, ...]  # the distinct outlets that told it
    topic: str
    key_points: tuple[Item, ...]  # chosen across its articles, each shown once
    status: str = "new"  # or "continuing": an earlier daily told it (``since.follow``)
    first_seen: date | None = None  # the day an earlier daily first told it; None: today
    updated: bool = False  # one of its articles changed since a daily showed it
    thread: int | None = None  # the story across days, in the store; None: a new one


@dataclass(frozen=True)
class DailyBriefing:
    title: str
    day: date
    issued: datetime
    top: tuple[int, ...]  # indices of the top developments' stories
    parts: tuple[Part, ...]
    stories: tuple[Story, ...]  # in the day's order (``agenda.rank_stories``)
    topics: tuple[tuple[str, tuple[int, ...]], ...] = ()  # (topic, story indices), in order
    left_out: tuple[int, ...] = ()  # parts the exclude list left out
    quiet: tuple[int, ...] = ()  # continuing stories with nothing new: one line each

    def ordered_parts(self) -> tuple[Part, ...]:
        """The articles story by story, in the day's order (the annex's order)."""
        return tuple(self.parts[i] for story in self.stories for i in story.parts)


def trigrams(text: str) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        return frozenset({tuple(words)})
    return frozenset(zip(words, words[1:], words[2:]))


class _Seen:
    """Sentences already shown, found again by their word trigrams."""

    def __init__(self) -> None:
        self.items: list[list] = []  # [sentence, part, also_in set, trigrams]
        self.index: dict[tuple[str, ...], list[int]] = {}

    def match(self, grams: frozenset) -> int | None:
        counts: dict[int, int] = {}
        for gram in grams:
            for i in self.index.get(gram, ()):
                counts[i] = counts.get(i, 0) + 1
        # the most shared first, a tie to the sentence shown first: the same on every run
        for i, shared in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            other = self.items[i][3]
            if shared >= NEAR_DUPLICATE * min(len(grams), len(other)):
                return i
        return None

    def add(self, sentence: Sentence, part: int, grams: frozenset) -> int:
        self.items.append([sentence, part, set(), grams])
        for gram in grams:
            self.index.setdefault(gram, []).append(len(self.items) - 1)
        return len(self.items) - 1


def assemble(
    briefings: Sequence[Briefing],
    *,
    title: str,
    day: date,
    issued: datetime,
    desk: Desk | None = None,
    docs: Sequence[Doc] | None = None,
    clusters: Sequence[Sequence[int]] | None = None,
    apart: Sequence[Sequence[int]] = (),
) -> DailyBriefing:
    """The day's briefing from the briefings of its articles, in input order. ``docs``
    are the articles as ``stories.cluster`` compares them (default: each briefing's title
    and shown sentences); ``clusters``, when given, is that clustering already made (with
    earlier days' articles: ``since.clusters``); articles sharing a sentence are one
    story too, but for the groups of ``clusters`` in ``apart`` (those the earlier days'
    articles set apart)."""
    desk = desk or Desk()
    seen = _Seen()
    placed: list[tuple[list[int], list[tuple[str | None, list[int]]]]] = []
    links: list[set[int]] = [set() for _ in briefings]
    for p, briefing in enumerate(briefings):
        keys = _place(briefing.key_points, p, seen, links)
        sections = [(s.heading, _place(s.bullets, p, seen, links)) for s in briefing.sections]
        placed.append((keys, sections))
    items = [Item(s, part, tuple(sorted(also))) for s, part, also, _ in seen.items]
    outlets = [outlet_of(b.metadata.site, b.metadata.url, b.source) for b in briefings]
    groups = _groups(briefings, docs, links, clusters, apart)
    drafts = [_draft(g, briefings, placed, items, outlets, desk) for g in groups]
    order = rank_stories([d.facts for d in drafts], desk)
    stories = tuple(replace(drafts[k].story, id=f"story-{n}") for n, k in enumerate(order, 1))
    story_of = {p: n for n, story in enumerate(stories) for p in story.parts}
    parts = _parts(briefings, placed, items, stories, story_of, outlets)
    names = topic_order([s.topic for s in stories], desk)
    topics = tuple(
        (name, tuple(n for n, s in enumerate(stories) if s.topic == name)) for name in names
    )
    top = tuple(n for n, s in enumerate(stories) if s.key_points)[: desk.top]
    left = tuple(p for p in range(len(briefings)) if p not in story_of)
    return DailyBriefing(title, day, issued, top, parts, stories, topics, left)


def _parts(briefings, placed, items, stories, story_of, outlets) -> tuple[Part, ...]:
    """Each article's part: its key points not shown with its story, its sections."""
    shown = {id(i) for story in stories for i in story.key_points}
    return tuple(
        Part(
            p,
            briefings[p],
            tuple(items[i] for i in keys if id(items[i]) not in shown),
            tuple((h, tuple(items[i] for i in ids)) for h, ids in sections if ids),
            story_of.get(p, -1),
            outlets[p],
        )
        for p, (keys, sections) in enumerate(placed)
    )


@dataclass(frozen=True)
class _Draft:
    story: Story
    facts: Facts


def _groups(briefings, docs, links: list[set[int]], clusters=None, apart=()) -> list[tuple]:
    """The stories: articles the clustering groups, joined with those sharing a sentence
    (unless one of the two groups is ``apart``)."""
    from .stories import Doc, cluster, connected

    if docs is None:
        docs = [Doc(b.title, " ".join(s.text for s in _sentences(b))) for b in briefings]
    groups_in = cluster(docs) if clusters is None else clusters
    pairs = [(g[0], j) for g in groups_in for j in g[1:]]
    alone = {i: g[0] for g in apart for i in g}  # an article set apart -> its group
    pairs += [(p, q) for p, others in enumerate(links) for q in others
              if alone.get(p) == alone.get(q)]  # fmt: skip
    return list(connected(len(briefings), pairs))


def _sentences(briefing: Briefing) -> list[Sentence]:
    return [*briefing.key_points, *(s for section in briefing.sections for s in section.bullets)]


def _draft(group, briefings, placed, items, outlets, desk: Desk) -> _Draft:
    """A story of the articles ``group`` (input order), not yet given its id."""
    members = sorted(group, key=lambda p: (tier_of(outlets[p], desk), p))
    sources = tuple(dict.fromkeys(outlets[p] for p in members))
    headline = _headline([briefings[p].title for p in members])
    points = _key_points(members, placed, items, desk.key_points)
    shown = [items[i].sentence.text for p in members for i in _all_ids(placed[p])]
    text = " ".join([headline, *(briefings[p].title for p in members), *shown])
    topic = topic_of(text, [_category(briefings[p]) for p in members], desk)
    dates = tuple((briefings[p].metadata.date or "")[:10] for p in members)
    story = Story("", headline, tuple(members), sources, topic, points)
    return _Draft(story, Facts(text, sources, dates))


def _all_ids(placed_part) -> list[int]:
    keys, sections = placed_part
    return keys + [i for _, ids in sections for i in ids]


def _category(briefing: Briefing) -> str | None:
    return getattr(briefing.metadata, "category", None)


def _headline(titles: list[str]) -> str:
    """The title sharing the most words with the story's other titles (the one its
    outlets agree on), the best outlet's on a tie; a story of one article keeps its own."""
    if len(titles) == 1:
        return titles[0]
    words = [set(_WORD.findall(t.casefold())) for t in titles]

    def agreement(k: int) -> int:
        return sum(len(words[k] & w) for j, w in enumerate(words) if j != k)

    return titles[max(range(len(titles)), key=lambda k: (agreement(k), -k))]


def _key_points(members, placed, items, count: int) -> tuple[Item, ...]:
    """The story's key points across its articles: each article's best first (its first
    key point, then its second ...), a sentence more outlets carried before one fewer did,
    the better outlet's first; a sentence saying what a chosen one says (half its words
    among the chosen one's) is passed over."""
    ranked = [
        (rank, -len(items[i].also_in), m, i)
        for m, p in enumerate(members)
        for rank, i in enumerate(placed[p][0])
    ]
    chosen: list[int] = []
    for *_, i in sorted(ranked):
        if len(chosen) >= count:
            break
        if not any(_says_the_same(items[i], items[j]) for j in chosen):
            chosen.append(i)
    return tuple(items[i] for i in chosen)


def _says_the_same(a: Item, b: Item) -> bool:
    x = {w for w in _WORD.findall(a.sentence.text.casefold()) if len(w) > 3}
    y = {w for w in _WORD.findall(b.sentence.text.casefold()) if len(w) > 3}
    return bool(x and y) and len(x & y) >= 0.5 * min(len(x), len(y))


def _place(sentences, part: int, seen: _Seen, links: list[set[int]]) -> list[int]:
    """Indices of the items for ``sentences``: new ones added, repeats credited."""
    ids = []
    for sentence in sentences:
        grams = trigrams(sentence.text)
        found = seen.match(grams)
        if found is None:
            ids.append(seen.add(sentence, part, grams))
        elif seen.items[found][1] != part:
            seen.items[found][2].add(part)
            links[part].add(seen.items[found][1])
            links[seen.items[found][1]].add(part)
    return ids
