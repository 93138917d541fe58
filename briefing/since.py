"""What is new since the last briefing: a day's stories matched to earlier dailies'.

``follow(day, docs, past)`` marks each story of ``day`` **new** or **continuing** (an
earlier daily of the last days told it) and leaves out of it every sentence an earlier
daily showed, near-repeats included (the 70%-trigram rule that merges wire copy within a
day). A continuing story with nothing new left is *quiet*: one line under "No new
developments". A story that was a top development before is not one again.

A day's article continues an earlier story when it is an article that story showed (the
store knows it by URL, guid or content hash), when it repeats a sentence that story
showed, or when the day's clustering (``threads.joint``: ``stories``' average linkage over
the day's articles and the earlier ones together, a group of the day's joining an earlier
story's only at the stricter ``threads.CROSS``) puts it with that story's articles; an
article that clustering left alone, when its nearest article's group holds that story's
articles. A story takes the thread most of its articles continue; the thread carries the
day it was first reported. The groups the stricter rule set apart are stories of their
own (``daily.assemble``'s ``apart``), so two events of the same kind told on one day, one
of them told before, get a status each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .agenda import Desk
from .daily import DailyBriefing, Item, Story, _says_the_same, _Seen, trigrams
from .stories import Doc

if TYPE_CHECKING:
    from .store.history import EarlierStory
    from .threads import Joint


@dataclass(frozen=True)
class Past:
    """What earlier dailies told, and how the day's articles stand to it."""

    stories: Sequence[EarlierStory] = ()  # the earlier dailies' stories, newest day first
    docs: dict[int, Doc] = field(default_factory=dict)  # earlier articles, to cluster with
    articles: Sequence[int | None] = ()  # per part of the day: its article in the store
    changed: Sequence[bool] = ()  # per part: a daily showed another version of it


def clusters(docs: Sequence[Doc], past: Past) -> Joint:
    """The day's articles (0 .. len(docs) - 1) clustered together with the articles of
    the earlier stories (len(docs) + k: the k-th of ``past_docs(past)``): an earlier
    story's articles give its event more weight, so an article of another event of the
    same kind is less likely to be joined to it (``threads.joint``)."""
    from .threads import joint

    return joint(docs, past_docs(past)[1])


def past_docs(past: Past) -> tuple[list[int], list[Doc]]:
    """The earlier articles to cluster with (those an earlier story showed), and their docs."""
    shown = {a for e in past.stories for a in e.articles}
    ids = [a for a in past.docs if a in shown]
    return ids, [past.docs[a] for a in ids]


def today_only(joint: Joint, n: int) -> list[tuple[int, ...]]:
    """The joint clustering's groups cut down to the day's articles."""
    return [kept for g in joint.groups if (kept := tuple(i for i in g if i < n))]


def follow(
    day: DailyBriefing, docs: Sequence[Doc], past: Past, desk: Desk, joint=None
) -> DailyBriefing:
    """``day`` with its stories marked new or continuing, and only what is new in them;
    ``joint`` is ``clusters(docs, past)`` when already made."""
    if not past.stories:
        return day
    old, told_in = _told(past)
    threads = _threads(day, past, clusters(docs, past) if joint is None else joint, old, told_in)
    is_new = {id(i): old.match(trigrams(i.sentence.text)) is None for i in _items(day)}
    first = {}
    for earlier in past.stories:
        first[earlier.thread] = min(earlier.first_seen, first.get(earlier.thread, earlier.day))
    was_top = {e.thread for e in past.stories if e.top}
    stories, parts = list(day.stories), list(day.parts)
    for n, story in enumerate(stories):
        fresh = [i for i in story.key_points if is_new[id(i)]]
        for p in story.parts:
            parts[p] = replace(
                parts[p],
                key_points=tuple(i for i in parts[p].key_points if is_new[id(i)]),
                sections=tuple(
                    (h, tuple(i for i in items if is_new[id(i)])) for h, items in parts[p].sections
                ),
            )
        fresh = _refill(fresh, [parts[p] for p in story.parts], desk.key_points)
        moved = {id(i) for i in fresh}
        for p in story.parts:
            kept = tuple(i for i in parts[p].key_points if id(i) not in moved)
            parts[p] = replace(parts[p], key_points=kept)
        thread = threads.get(n)
        stories[n] = replace(
            story,
            key_points=tuple(fresh),
            status="new" if thread is None else "continuing",
            first_seen=None if thread is None else first[thread],
            updated=any(past.changed[p] for p in story.parts if p < len(past.changed)),
            thread=thread,
        )
    return _arranged(day, stories, parts, was_top, desk.top)


def _items(day: DailyBriefing) -> list[Item]:
    out = [i for story in day.stories for i in story.key_points]
    for part in day.parts:
        out.extend(part.key_points)
        out.extend(i for _, items in part.sections for i in items)
    return out


def _refill(chosen: list[Item], parts, count: int) -> list[Item]:
    """The story's new key points, topped up from its articles' own new ones (each
    article's best first) when earlier dailies had shown some of them."""
    pool = [i for rank in range(max((len(p.key_points) for p in parts), default=0))
            for p in parts if rank < len(p.key_points) for i in (p.key_points[rank],)]  # fmt: skip
    for item in pool:
        if len(chosen) >= count:
            break
        if item not in chosen and not any(_says_the_same(item, c) for c in chosen):
            chosen.append(item)
    return chosen


def _arranged(day, stories: list[Story], parts, was_top: set[int], count: int) -> DailyBriefing:
    """Quiet stories (continuing, nothing new) out of the topics; top developments that
    were never top before."""
    quiet = tuple(
        n
        for n, s in enumerate(stories)
        if s.status == "continuing" and not s.key_points and not _any_shown(s, parts)
    )
    topics = tuple(
        (name, tuple(n for n in ids if n not in quiet))
        for name, ids in day.topics
        if any(n not in quiet for n in ids)
    )
    top = tuple(
        n
        for n, s in enumerate(stories)
        if s.key_points and n not in quiet and (s.thread is None or s.thread not in was_top)
    )
    return replace(day, stories=tuple(stories), parts=tuple(parts), topics=topics,
                   top=top[:count], quiet=quiet)  # fmt: skip


def _any_shown(story: Story, parts) -> bool:
    return any(parts[p].key_points or any(items for _, items in parts[p].sections)
               for p in story.parts)  # fmt: skip


def _told(past: Past) -> tuple[_Seen, list[int]]:
    """Every sentence the earlier stories showed, indexed, and the thread of each."""
    old, threads = _Seen(), []
    for earlier in past.stories:
        for sentence in earlier.sentences:
            old.add(None, -1, trigrams(sentence))
            threads.append(earlier.thread)
    return old, threads


def _threads(day: DailyBriefing, past: Past, joint, old: _Seen, told_in) -> dict[int, int]:
    """Story index -> the earlier thread it continues (most of its articles' votes)."""
    thread_of_article: dict[int, int] = {}
    for earlier in sorted(past.stories, key=lambda e: e.day):  # the latest day wins
        for article in earlier.articles:
            thread_of_article[article] = earlier.thread
    votes: list[Counter] = [Counter() for _ in day.parts]
    for p, article in enumerate(past.articles):
        if article is not None and article in thread_of_article:
            votes[p][thread_of_article[article]] += 3  # the same article: the surest sign
    _sentence_votes(day, old, told_in, votes)
    _joint_votes(joint, past_docs(past)[0], thread_of_article, votes)
    out = {}
    for n, story in enumerate(day.stories):
        tally = sum((votes[p] for p in story.parts), Counter())
        if tally:
            out[n] = min(tally, key=lambda t: (-tally[t], -t))
    return out


def _joint_votes(joint: Joint, earlier_ids, thread_of_article, votes: list[Counter]) -> None:
    """A day's article clustered with earlier articles votes for their thread; one left
    alone, for the thread of its nearest article's group."""
    n = joint.n
    group_of = {i: g for g in joint.groups for i in g}
    for group in joint.groups:
        nearest = joint.nearest.get(group[0]) if len(group) == 1 else None
        among = group if nearest is None else group_of[nearest]
        found = Counter(thread_of_article[earlier_ids[g - n]] for g in among if g >= n)
        for g in group:
            if g < n and found:
                votes[g][found.most_common(1)[0][0]] += 1


def _sentence_votes(day: DailyBriefing, old: _Seen, told_in, votes: list[Counter]) -> None:
    """A day's article repeating a sentence an earlier story showed votes for its thread."""
    for p, part in enumerate(day.parts):
        for item in [*part.key_points, *(i for _, items in part.sections for i in items)]:
            found = old.match(trigrams(item.sentence.text))
            if found is not None:
                votes[p][told_in[found]] += 1
    for story in day.stories:
        for item in story.key_points:
            found = old.match(trigrams(item.sentence.text))
            if found is not None:
                votes[item.part][told_in[found]] += 1
