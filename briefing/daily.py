"""Many briefings -> one daily briefing: top developments, one part per article, stories
grouped, and every sentence shown once.

The same wire story often arrives from several sites. A sentence that appears in two
articles (the same words, or nearly: at least 70% of its word trigrams shared) is shown
once, where it first appears, crediting every source it came from. Articles that share
such sentences are the same story: they are grouped together, and the story counts as
covered by that many sources when the top developments are ordered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .model import Briefing, Sentence

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
    """One article of the day."""

    index: int
    briefing: Briefing
    key_points: tuple[Item, ...]
    sections: tuple[tuple[str | None, tuple[Item, ...]], ...]  # (heading, items)
    story: int  # index of the story (group of parts) it belongs to


@dataclass(frozen=True)
class DailyBriefing:
    title: str
    day: date
    issued: datetime
    top: tuple[Item, ...]
    parts: tuple[Part, ...]
    stories: tuple[tuple[int, ...], ...]  # part indices per story, most covered first

    def ordered_parts(self) -> tuple[Part, ...]:
        """Parts story by story (most covered stories first), input order within a story."""
        return tuple(self.parts[i] for story in self.stories for i in story)


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
    briefings: list[Briefing], *, title: str, day: date, issued: datetime, top: int = 7
) -> DailyBriefing:
    """The day's briefing from the briefings of its articles, in input order."""
    seen = _Seen()
    placed: list[tuple[list[int], list[tuple[str | None, list[int]]]]] = []
    links: list[set[int]] = [set() for _ in briefings]
    for p, briefing in enumerate(briefings):
        keys = _place(briefing.key_points, p, seen, links)
        sections = [(s.heading, _place(s.bullets, p, seen, links)) for s in briefing.sections]
        placed.append((keys, sections))
    items = [Item(s, part, tuple(sorted(also))) for s, part, also, _ in seen.items]
    parts = []
    stories = _stories(links)
    story_of = {p: i for i, story in enumerate(stories) for p in story}
    for p, (keys, sections) in enumerate(placed):
        parts.append(
            Part(
                p,
                briefings[p],
                tuple(items[i] for i in keys),
                tuple((h, tuple(items[i] for i in ids)) for h, ids in sections if ids),
                story_of[p],
            )
        )
    tops = tuple(parts[story[0]].key_points[0] for story in stories if parts[story[0]].key_points)[
        :top
    ]
    return DailyBriefing(title, day, issued, tops, tuple(parts), tuple(tuple(s) for s in stories))


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


def _stories(links: list[set[int]]) -> list[list[int]]:
    """Connected groups of parts that share sentences, most covered first."""
    story: dict[int, int] = {}
    groups: list[list[int]] = []
    for start in range(len(links)):
        if start in story:
            continue
        stack, group = [start], []
        while stack:
            p = stack.pop()
            if p in story:
                continue
            story[p] = len(groups)
            group.append(p)
            stack.extend(links[p] - set(group))
        groups.append(sorted(group))
    return sorted(groups, key=lambda g: (-len(g), g[0]))
