"""Plain text (a saved or pasted article) to an Article.

The shape of news text as it arrives:

* the title is the first non-empty line, unless that line reads as a paragraph (a pasted
  story, one line per story as data sets keep it): see ``has_title_line``;
* paragraphs are one per line (wire feeds, copied pages) or blocks separated by blank
  lines, possibly hard-wrapped at a fixed width (mail, saved text): wrapped lines are
  joined, nothing else is;
* a subhead is a short, title-like line without closing punctuation that introduces body
  text ("Assad's status", "THE RESPONSE"); text before the first one is the lead;
  Markdown ATX headings (``## Diplomacy``) are subheads whatever their length;
* site furniture is removed first (see ``furniture``); control characters become spaces
  and a list item's leading bullet ("- ", "• ") is dropped: layout, not text.
"""

from __future__ import annotations

import re
from statistics import median

from ..model import Article
from ..sentences import normalize_space, split_sentences
from .blocks import CONTROL, build, shape
from .subheads import looks_like_heading

_CLOSED = re.compile(r"""[.!?…。！？](?:\s?['"”’)\]」』])*$""")
_ATX_OPEN = re.compile(r"#{1,6}(\s+)")
_HYPHEN_END = re.compile(r"\w-$")
# Headlines are short. Of 2,225 BBC titles (at most 9 words), the 91 extraction-benchmark
# page titles (at most 26) and the seven in seeds/ and tests/articles/ (at most 19), none
# ending in a full stop has more than 13 words and none the splitter cuts in two more than
# 18 ("The VW ID. SPACE VIZZION is a weird EV sports wagon…"); CNN and BBC opening
# paragraphs are longer (BBC's one-sentence leads: median 21 words).
_LEAD_WORDS = 15  # a line ending in "." or "!" with more words is a lead sentence
_PARAGRAPH_WORDS = 20  # a line of two or more sentences with more words is a paragraph
_FULL_STOP = re.compile(r"""[.!。！](?:\s?['"”’)\]」』])*$""")


def parse_text(text: str, source: str, *, has_title: bool = True) -> Article:
    """Split ``text`` into title, sections and paragraphs; drop site furniture.

    With ``has_title`` False (data sets of bare article bodies) every line is body text.
    """
    lines = _lines(text)
    if not lines:
        return Article(source=source, title="", sections=())
    title = _heading_text(lines.pop(0)) if has_title else ""
    return build(title, [block for unit in _units(lines) for block in shape(unit)], source)


def has_title_line(text: str) -> bool:
    """Whether the first non-empty line of ``text`` is a title rather than the opening
    paragraph of a text without one: it is a paragraph when it is longer than a headline
    gets (see ``_LEAD_WORDS``) and reads as prose, ending in a full stop or holding two
    sentences. A Markdown heading, a short line or a long unpunctuated one is a title."""
    lines = _lines(text)
    line = lines[0] if lines else ""
    words = len(line.split())
    if atx_heading(line) is not None or words <= _LEAD_WORDS:
        return True
    if _FULL_STOP.search(line):
        return False
    return words <= _PARAGRAPH_WORDS or len(split_sentences(line)) < 2


def _lines(text: str) -> list[str]:
    """The stripped lines of ``text`` from its first non-empty one; control characters
    become spaces."""
    text = CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    return lines[next((i for i, line in enumerate(lines) if line), len(lines)) :]


def _heading_text(line: str) -> str:
    text = atx_heading(line)
    return normalize_space(line if text is None else text)


def atx_heading(line: str) -> str | None:
    """The text of a Markdown ATX heading ("## Title ##" -> "Title"), or None if ``line``
    (one line, no newline) is not one: what ``^#{1,6}\\s+(.+?)\\s*#*$`` captures, without
    that pattern's backtracking, quadratic on a long run of spaces inside the line."""
    match = _ATX_OPEN.match(line)
    if not match:
        return None
    rest = line[match.end() :]
    if not rest:  # the pattern gives the text a space of its own, if there are two
        return match.group(1)[-1] if len(match.group(1)) > 1 else None
    return rest.rstrip("#").rstrip() or rest[0]


def _units(lines: list[str]) -> list[str]:
    """Paragraph-or-heading units, blank lines kept between them: in hard-wrapped text
    the lines of a paragraph are joined; otherwise every line is a unit."""
    width = _wrap_width(lines)
    if width is None:
        return list(lines)
    units: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if (
            not line
            or atx_heading(line) is not None
            or not current
            or _breaks_before(current[-1], line, width)
        ):
            if current:
                units.append(_join_wrapped(current))
            current = [line] if line else []
            if not line:
                units.append("")
        else:
            current.append(line)
    return units


def _join_wrapped(lines: list[str]) -> str:
    """Join wrapped lines; a line broken after a word's hyphen ("third-" / "largest")
    joins without a space."""
    parts = [lines[0]]
    end = lines[0][-2:]  # the joined text's last two characters: what the glue depends on
    for line in lines[1:]:
        glue = "" if _HYPHEN_END.search(end) else " "
        parts += [glue, line]
        end = (end + glue + line)[-2:]
    return "".join(parts)


def _breaks_before(previous: str, line: str, width: int) -> bool:
    """In wrapped text, whether ``line`` starts a new unit: the previous line stopped short
    (a paragraph's last line, or a subhead), or closed a sentence and ``line`` is a short
    heading-like line (a subhead right after a full-width last line)."""
    if len(previous) < 0.6 * width:
        return True
    return bool(_CLOSED.search(previous)) and len(line) < 0.6 * width and looks_like_heading(line)


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None if lines are paragraphs."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 6:
        return None
    longest = max(lengths)
    if longest > 100:
        return None
    near_edge = sum(1 for n in lengths if n >= 0.75 * longest)
    if near_edge / len(lengths) < 0.5 or median(lengths) < 40:
        return None
    return longest
