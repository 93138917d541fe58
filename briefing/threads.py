"""The day's articles clustered together with the earlier dailies' (``since.clusters``).

The earlier articles are evidence the day's own clustering lacks: they tell which of the
day's articles carry on an event already told. Two things are added to ``stories``'
average linkage over all of them (the day's articles first, 0 .. n - 1, then the earlier
ones):

* A group of the day's articles joins a group holding earlier articles only when its
  mean similarity to those earlier articles is ``cross`` or more, stricter than the
  day's ``threshold`` (met by the mean over the whole group, its day's articles too):
  two events of the same kind (two fights of one boxer, two quakes in one region) are
  often joined at just above the day's threshold, and the day's articles of the other
  event would then be told as the earlier event's continuation. Such a merge is not
  made; the group of the day's articles stays a story of its own (a sentence it shares
  with another story does not join them: ``daily.assemble``'s ``apart``) and the rest of
  the tree goes on without it.
* A day's article left alone by the clustering has its nearest article (the candidate
  pair of highest similarity, if at least the day's ``threshold``: the two would have
  been joined had they been alone): ``since`` lets it continue the thread of that
  article's group, if any. Such an article is often one told in few words, or from
  another side, whose mean similarity to a large group stays under the threshold.

``cross`` was chosen on ECB+ (``bench/since.py``, which also gives its 5-fold
cross-validated figure) from 0.21-0.40 by 0.01: every fold chose 0.28, and 0.28-0.31
scored within 5 of 545 articles of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .stories import Doc, Merge, StorySettings, average_linkage, connected, similarities

CROSS = 0.28  # least mean similarity for the day's articles to join an earlier story's


@dataclass(frozen=True)
class Joint:
    """The day's ``n`` articles and the earlier ones clustered together: ``groups`` of
    indices (the day's 0 .. n - 1, the earlier n ..), and for each day's article alone in
    its group the index of its nearest other article."""

    n: int
    groups: tuple[tuple[int, ...], ...]
    nearest: Mapping[int, int] = field(default_factory=dict)
    apart: tuple[tuple[int, ...], ...] = ()  # groups of the day's set apart from earlier ones


def joint(
    docs: Sequence[Doc],
    earlier: Sequence[Doc],
    cross: float = CROSS,
    settings: StorySettings | None = None,
) -> Joint:
    """``docs`` (the day's) and ``earlier`` clustered together; the same input gives the
    same output."""
    settings = settings or StorySettings()
    n, total = len(docs), len(docs) + len(earlier)
    edges = similarities([*docs, *earlier], settings)
    merges = average_linkage(total, edges, settings.threshold)
    groups, apart = cut_across(n, total, merges, edges, cross)
    lone = {g[0] for g in groups if len(g) == 1 and g[0] < n}
    return Joint(n, groups, _nearest(lone, edges, settings.threshold), apart)


def cut_across(n: int, total: int, merges: Sequence[Merge], edges, cross: float) -> tuple:
    """The groups once every merge is made but those joining a group of items below ``n``
    only to a group holding items ``n`` or above whose mean similarity (``edges``) to
    those items is under ``cross``, and the groups those merges left apart. After such a
    merge the tree's group stands for its part with the earlier items."""
    members = [[i] for i in range(total)]  # by the tree's group name
    old = [i >= n for i in range(total)]  # by the tree's group name: holds an earlier item
    anchor = list(range(total))  # by the tree's group name: an item of its kept part
    left: list[int] = []
    links: list[tuple[int, int]] = []
    for merge in merges:
        a, b = merge.kept, merge.absorbed
        day, other = (a, b) if old[b] else (b, a)
        if old[a] != old[b] and _to_earlier(members[day], members[other], n, edges) < cross:
            left.append(anchor[day])
            anchor[a] = anchor[other]
        else:
            links.append((anchor[a], anchor[b]))
        members[a] += members[b]
        members[b] = []
        old[a] = old[a] or old[b]
    groups = connected(total, links)
    of = {i: g for g in groups for i in g}
    return groups, tuple(sorted(of[i] for i in left))


def _to_earlier(day: list[int], other: list[int], n: int, edges) -> float:
    """The mean similarity of the day's items ``day`` to the earlier items of ``other``."""
    old = [j for j in other if j >= n]
    return sum(edges.get((i, j), 0.0) for i in day for j in old) / (len(day) * len(old))


def _nearest(items: set[int], edges: Mapping[tuple[int, int], float], floor: float) -> dict:
    """Each of ``items`` -> the other end of its heaviest edge (a tie to the lower index),
    if that edge weighs ``floor`` or more."""
    best: dict[int, tuple[float, int]] = {}
    for (i, j), s in edges.items():
        for a, b in ((i, j), (j, i)):
            if a in items and s >= floor and (a not in best or (s, -b) > (best[a][0], -best[a][1])):
                best[a] = (s, b)
    return {a: b for a, (_, b) in sorted(best.items())}
