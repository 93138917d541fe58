"""What matters first: the day's stories ranked, filed under topics, and given outlets.

    rank_stories(stories, desk)  -> the stories in the day's order, the excluded left out
    topic_of(texts, categories, desk) -> the topic a story is filed under

An editor's order, from what the inputs carry and what an audience said it follows:

1. stories that mention a term of the audience's ``watch`` list come first;
2. then the stories told by more distinct outlets (an outlet counted once however many
   of its articles a story holds);
3. then the stories whose best outlet has the better ``tier`` (1 is the highest; an outlet
   not given a tier in ``briefing.toml`` is tier ``DEFAULT_TIER``);
4. then the more recent (the latest article date a story carries; undated last);
5. then input order, so the same inputs always give the same day.

A story that mentions a term of the ``exclude`` list is left out of the day. Terms match
whole words, case ignored ("HTS" is not found in "shts"). A story's topic is the first of
the audience's ``[topics]`` rules whose terms it mentions, else the category its pages
carry (the commonest), else "Other".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import urlsplit

DEFAULT_TIER = 3
OTHER = "Other"


@dataclass(frozen=True)
class Desk:
    """An audience's editorial settings for the daily (``briefing.toml``, ``audience.toml``)."""

    top: int = 7  # top developments on the front page
    watch: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (topic, terms), in rule order
    topic_order: tuple[str, ...] = ()  # topics named here first, in this order
    tiers: tuple[tuple[str, int], ...] = ()  # (outlet, tier), 1 the highest
    key_points: int = 3  # a story's key points, chosen across its articles
    history: int = 7  # days of earlier dailies a daily's stories are matched with


@dataclass(frozen=True)
class Facts:
    """What ranking needs to know of one story."""

    text: str  # headline, titles and shown sentences, for the watch and exclude lists
    outlets: tuple[str, ...]  # distinct outlet names
    dates: tuple[str, ...] = field(default=())  # ISO dates of its articles, where known


def outlet_of(site: str | None, url: str | None, source: str) -> str:
    """The outlet an article came from: the site's name, else its web address's host
    (without "www."), else the name of the file it was read from, less its extension
    ("reuters.txt" is the outlet "reuters")."""
    if site and site.strip():
        return site.strip()
    host = (urlsplit(url).hostname or "") if url else ""
    if host:
        return host.removeprefix("www.")
    return PurePosixPath(source.replace("\\", "/")).stem or source


def tier_of(outlet: str, desk: Desk) -> int:
    wanted = outlet.casefold()
    return next((t for name, t in desk.tiers if name.casefold() == wanted), DEFAULT_TIER)


@lru_cache(maxsize=256)
def _terms(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [re.escape(t.strip()) for t in terms if t.strip()]
    if not words:
        return None
    return re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)", re.I
    )


def mentions(text: str, terms: tuple[str, ...]) -> bool:
    pattern = _terms(terms)
    return bool(pattern and pattern.search(text))


def rank_stories(stories: Sequence[Facts], desk: Desk) -> list[int]:
    """Indices of ``stories`` in the day's order, those the exclude list names left out."""
    kept = [i for i, s in enumerate(stories) if not mentions(s.text, desk.exclude)]

    def key(i: int) -> tuple:
        story = stories[i]
        latest = max((d for d in story.dates if d), default="")
        best_tier = min((tier_of(o, desk) for o in story.outlets), default=DEFAULT_TIER)
        return (
            not mentions(story.text, desk.watch),
            -len(story.outlets),
            best_tier,
            _descending(latest),
            i,
        )

    return sorted(kept, key=key)


def _descending(day: str) -> tuple:
    """A sort key putting later ISO dates first and undated ones last."""
    return (day == "", tuple(-ord(c) for c in day))


def topic_of(text: str, categories: Sequence[str | None], desk: Desk) -> str:
    """The first topic rule whose terms ``text`` mentions, else the commonest category."""
    for topic, terms in desk.topics:
        if mentions(text, terms):
            return topic
    counted = Counter(c.strip() for c in categories if c and c.strip())
    if counted:
        return min(counted, key=lambda c: (-counted[c], c))
    return OTHER


def topic_order(topics: Sequence[str], desk: Desk) -> list[str]:
    """The topics present, as the audience ordered them: those named in ``topic_order``
    first, then its rules' topics in rule order, then categories A to Z, "Other" last."""
    present = set(topics)
    named = [t for t in desk.topic_order if t in present]
    ruled = [t for t, _ in desk.topics if t in present and t not in named]
    rest = sorted(present - set(named) - set(ruled) - {OTHER}, key=str.casefold)
    return named + ruled + rest + ([OTHER] if OTHER in present and OTHER not in named else [])
