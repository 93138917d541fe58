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

from ..model import Article, Metadata, Paragraph, Section
from ..sentences import normalize_space, split_sentences
from .furniture import strip_furniture

# A heading never ends like a sentence or a clause ("?" is handled apart: short questions can be subheads).
_NOT_HEADING_END = re.compile(r"""[.!…:;,。！](?:\s?['"”’)\]])*$""")
_CLOSED = re.compile(r"""[.!?…。！？](?:\s?['"”’)\]」』])*$""")
_LIST_MARKER = re.compile(r"^[-*•·▪►]\s+(?=\w)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Greedy to the last non-space: a lazy (.+?)\s*$ retries \s* at every character, quadratic.
_BYLINE = re.compile(r"^by\s+(.*\S)\s*$", re.I)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Za-z.'-]+){0,3}\s*)?\((?:AP|AFP|CNN|Reuters|UPI|dpa|[A-Z][A-Za-z&. ]{1,20})\)"
    r"\s*(?:[—–]|--?)?\s*"
)
_QUESTION = re.compile(r"""\?['"”’)\]]*$""")
_ATX_OPEN = re.compile(r"#{1,6}(\s+)")
_BULLET = re.compile(r"^[-*•·▪►]\s+")
_HYPHEN_END = re.compile(r"\w-$")
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "but",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "that",
        "than",
        "into",
        "about",
    ]
)
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 90
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
    kept, dropped = strip_furniture(_units(lines))
    units = [unit for unit in kept if unit]
    dateline = _take_dateline(units)
    author = next((m.group(1) for m in map(_BYLINE.match, dropped) if m), None)
    metadata = Metadata(author=author, dateline=dateline)
    return Article(source, title, _sections(units), tuple(dropped), metadata)


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
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    return lines[next((i for i, line in enumerate(lines) if line), len(lines)) :]


def _take_dateline(units: list[str]) -> str | None:
    """Take "BEIRUT (AP) —" or "(CNN)" off the first paragraph; return it."""
    for i, unit in enumerate(units):
        if looks_like_heading(unit):
            continue
        match = _DATELINE.match(unit)
        if match and unit[match.end() :].strip():
            units[i] = unit[match.end() :].strip()
            return " ".join(match.group(0).rstrip(" —–-").split())
        return None
    return None


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


def _sections(units: list[str]) -> tuple[Section, ...]:
    """Group units under subheads (see ``_subhead_indices``)."""
    subheads = _subhead_indices(units)
    sections: list[Section] = []
    heading: str | None = None
    paragraphs: list[Paragraph] = []
    for i, unit in enumerate(units):
        if i in subheads:
            if paragraphs or heading is not None:  # a subhead with nothing under it is kept
                sections.append(Section(heading, tuple(paragraphs)))
            heading, paragraphs = _heading_text(unit), []
            continue
        unit = _LIST_MARKER.sub("", unit)  # a list item's bullet is layout, not text
        paragraph = Paragraph(normalize_space(unit), split_sentences(unit))
        if paragraph.sentences:
            paragraphs.append(paragraph)
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)


def _subhead_indices(units: list[str]) -> set[int]:
    """Which units are subheads. Heading-like lines come in runs; a run followed by body
    text holds one subhead: its Markdown heading, else its ALL-CAPS line, else its first
    line. The others are kickers, embed titles or captions and stay text."""
    found: set[int] = set()
    i = 0
    while i < len(units):
        if not looks_like_heading(units[i]):
            i += 1
            continue
        end = i
        while end < len(units) and looks_like_heading(units[end]):
            end += 1
        if end < len(units):  # body text follows the run
            run = range(i, end)
            atx = [j for j in run if atx_heading(units[j]) is not None]
            caps = [j for j in run if _is_all_caps(units[j])]
            found.update(atx or caps[:1] or [i])
        i = end
    return found


def _is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def looks_like_heading(line: str) -> bool:
    """Short, starts like a title, no closing punctuation, not a list item or byline."""
    words = line.split()
    if atx_heading(line) is not None:
        return True
    if not words or len(words) > _MAX_HEADING_WORDS or len(line) > _MAX_HEADING_CHARS:
        return False
    if _NOT_HEADING_END.search(line) or _BULLET.match(line):
        return False
    if _QUESTION.search(line) and (len(words) > 8 or line[0] in "\"'“‘"):
        return False
    first = line.lstrip("\"'“‘(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return words[-1].lower().strip("\"'”’") not in _FUNCTION_WORDS
