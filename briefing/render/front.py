"""The daily's front-page story list as two explicit halves, balanced by estimated lines.

CSS multi-column layout costs WeasyPrint a fifth of the PDF's time; two floated halves
cost far less but do not balance themselves, so the split is chosen here. Each story line
is estimated in rendered lines from its characters (long headlines wrap), each topic
header in lines too; the halves of a row differ by at most about one story. A topic split
across the halves repeats its header, marked continued. A list longer than a page is cut
into rows of one page each, so the reading order stays: left half, right half, next page.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

# Measured on A4 in WeasyPrint: a half holds 62 characters of 7pt DejaVu Serif a line, a
# line is 8.05 pt (7pt x 1.15), a topic header 9.7 pt; the text is 728 pt high, of which
# the title, masthead and headings take 120 pt and each line of a top development 11 pt.
CHARS_PER_LINE = 62
LINES_PER_PAGE = 90
HEADER_LINES = 1.2
FRONT_LINES = 15  # title, masthead, the two headings
TOP_LINE = 1.36  # one line of a top development (8pt x 1.25, and the list's padding)
OUTLET_RATIO = 6 / 7  # the outlets are set at 6pt against the headline's 7pt
# page size -> (text width, text height) in mm, margins taken off
TEXT_MM = {"A4": (174, 257), "A5": (112, 170), "Letter": (180, 239), "Legal": (180, 316)}
TOP_LINE_CHARS = 115  # characters per line of a top development (8pt, full width, A4)


@dataclass(frozen=True)
class Chunk:
    """A topic's stories (or some of them) in one half."""

    topic: str
    ids: tuple[int, ...]
    continued: bool = False


def story_lines(headline: str, outlets: str, width: float = 1.0) -> int:
    """Rendered lines of one story line: "12. Headline · p. 4 Outlets · 2 articles"."""
    chars = len(headline) + len(" · p. 12 ") + len(outlets) * OUTLET_RATIO
    return max(1, ceil(chars / (CHARS_PER_LINE * width)))


def half_lines(chunks: list[Chunk], cost: dict[int, int]) -> float:
    """Estimated lines of one half: each chunk's header and its stories."""
    return sum(HEADER_LINES + sum(cost[n] for n in c.ids) for c in chunks)


def split(
    flow: list[tuple[str, int]], cost: dict[int, int], before: str | None = None
) -> tuple[list[Chunk], list[Chunk]]:
    """The (topic, story) flow cut where the taller half is lowest (then the halves
    closest); ``before`` is the topic the row before ended with."""

    def halves(k: int) -> tuple[list[Chunk], list[Chunk]]:
        return chunks(flow[:k], before), chunks(flow[k:], flow[k - 1][0] if k else before)

    def key(k: int) -> tuple[float, float]:
        tall, short = sorted((half_lines(h, cost) for h in halves(k)), reverse=True)
        return tall, tall - short

    return halves(min(range(len(flow) + 1), key=key))


def chunks(flow: list[tuple[str, int]], continues: str | None = None) -> list[Chunk]:
    """Consecutive stories of one topic as one chunk; the first is ``continued`` when it
    carries on the topic ``continues`` names (the one the half before ended with)."""
    out: list[Chunk] = []
    for topic, n in flow:
        if out and out[-1].topic == topic:
            out[-1] = Chunk(topic, (*out[-1].ids, n), out[-1].continued)
        else:
            out.append(Chunk(topic, (n,), not out and topic == continues))
    return out


def rows(
    topics: tuple[tuple[str, tuple[int, ...]], ...],
    lines: dict[int, int],
    first_page: float,
    per_page: float,
) -> list[tuple[list[Chunk], list[Chunk]]]:
    """The story list in rows of two halves: the first row fills what ``first_page`` lines
    leave on the front page, each further row a page of ``per_page`` lines."""
    flow = [(topic, n) for topic, ids in topics for n in ids]
    out, start, room = [], 0, max(first_page, 2 * HEADER_LINES + 2)
    while start < len(flow):
        end, used = start, 0.0
        while end < len(flow):
            add = lines[flow[end][1]] + (HEADER_LINES if _new_topic(flow, start, end) else 0)
            if end > start and used + add > 2 * room - HEADER_LINES:  # a (continued) header
                break
            used, end = used + add, end + 1
        before = flow[start - 1][0] if start else None
        row = split(flow[start:end], lines, before)
        # the taller half would run past the page: a story less, for the next row (the
        # last row keeps it: the estimate errs, and a row of one story would not help)
        last = end == len(flow)
        while not last and end > start + 1 and max(half_lines(h, lines) for h in row) > room:
            end -= 1
            row = split(flow[start:end], lines, before)
        out.append(row)
        start, room = end, per_page
    return out


def _new_topic(flow: list[tuple[str, int]], start: int, k: int) -> bool:
    return k == start or flow[k][0] != flow[k - 1][0]


def front_rows(story_texts: dict[int, tuple[str, str]], topics, top_texts, page_size: str):
    """Rows of halves for a page size: ``story_texts`` maps each story to its headline and
    outlets line, ``top_texts`` are the top developments' lines (they come first)."""
    width_mm, height_mm = TEXT_MM.get(page_size, TEXT_MM["A4"])
    width, height = width_mm / TEXT_MM["A4"][0], height_mm / TEXT_MM["A4"][1]
    lines = {n: story_lines(h, o, width) for n, (h, o) in story_texts.items()}
    per_page = LINES_PER_PAGE * height
    top = sum(ceil(len(t) / (TOP_LINE_CHARS * width)) for t in top_texts) * TOP_LINE
    first = per_page - FRONT_LINES - top - (1 if top_texts else 0)
    if sum(lines.values()) + HEADER_LINES * (len(topics) + 1) > 2 * first:
        first -= 3  # a list that goes on past the front page: lines spare, lest it spill
    return rows(topics, lines, first, per_page - 2)
