"""Article text into Markdown that stays text: escaping, code spans, and back again.

escape_markdown(text)    what a template prints: markers escaped, link-like words in
                         code spans (no renderer links them), so text never becomes
                         markup or a link, and a reader sees the same characters
unescape_markdown(md)    the text a reader sees (subjects, tests)
without_controls(text)   titles and headers without bidi and control characters
"""

from __future__ import annotations

import re
import unicodedata

# A value's first character opens a line (a bullet's text, a heading, a paragraph): block
# markers there; an ordered-list marker only with the space or end a list item needs.
_MD_LINE_START = re.compile(r"(?:[#>]|[-+=*_~](?=[\s\-+=*_~]|$)|\d+[.)](?=\s|$))")
_HASH_START = re.compile(r"#")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A second wall behind the code spans: what is left of the autolink triggers.
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(?:[:](?=//))|\bwww[.]|(?<=\w)@(?=\w)")
MARKDOWN_EXTRA_ESCAPES = (":", "@", "~")
# What some renderer links in plain text: GFM's extended autolinks (www., http(s)://,
# ftp://, e-mail, mailto:, xmpp:) and markdown-it's linkify (any scheme://, //host, a host
# with a TLD: notes.md, пример.рф, xn--...). Backslash escapes do not stop either, so a
# word holding one of these goes into a code span, which no renderer links: "scheme://",
# a scheme that needs no "//" (mailto:, xmpp:, tel:, javascript:, ...), "//",
# "www.", "@" between two characters, a last label that may be a TLD (two letters or more,
# not a file suffix that is no TLD), an IPv4 address.
_NO_TLD = r"(?:txt|html?|json|jsonl|pdf|eml|csv|xml|css|js|toml|ya?ml)(?![^\W\d_])"
_SCHEMES = (
    "mailto|xmpp|tel|sms|callto|sip|sips|im|irc|news|urn|magnet|geo|data|file|javascript|vbscript"
)
_LINKISH = re.compile(
    r"[\w+.-]://|//\w|www[.]\S|\S@\S"
    rf"|(?<![\w+.-])(?:{_SCHEMES}):(?=\S)"
    rf"|(?:[^\W_]|[^\s\x00-\x7f])[.](?!{_NO_TLD})(?:xn--|[^\W\d_][^\W\d_\x00-\x7f]|[^\W\d_]{{2}}|[^\s\x00-\x7f]{{2}})"
    r"|\d{1,3}(?:[.]\d{1,3}){3}",
    re.IGNORECASE,
)
# What every _LINKISH match holds, found ten times faster: ":", "/", "@", "www", a full
# stop before a letter (a TLD, "xn--") or between digits (an IPv4 address).
_LINK_HINT = re.compile(r"[:/@]|www|[.](?:[^\W\d_]|[^\s\x00-\x7f])|\d[.]\d")
_LEAD = "([{<\"'“‘«"
_TRAIL = ".,;:!?)]}>\"'”’»"
_BACKTICKS = re.compile(r"`+")


# Characters that change how text is shown without being seen: the Unicode Bidi_Control
# set (embeddings, overrides, isolates, marks) and C0/C1 controls such as ESC.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


class MarkdownSafe(str):
    """Markdown written by a template or filter, printed without escaping."""


def without_controls(value: object) -> str:
    """``value`` on one line without bidi controls or control characters: the same letters
    in their stored order, which an override or an ESC sequence could otherwise disguise."""
    text = " ".join(str(value).split())
    return "".join(c for c in text if c not in _BIDI_CONTROLS and unicodedata.category(c) != "Cc")


def escape_markdown(value: object, *, line_start: bool = True) -> MarkdownSafe:
    """Make ``value`` literal text in Markdown: no emphasis, link, code, tag or heading.

    A word that a renderer could auto-link (URL, "www.", e-mail address, host name) goes
    into a code span, shown verbatim and linked by none. The rest is escaped only where
    it could otherwise be markup (see ``_markers``): plain prose keeps its characters.
    ``line_start`` False: the value follows other text on its line (an ATX heading's
    "## ", a mark's "*("), where "2." cannot start a list: "## 2. Ditch the diet".
    """
    if isinstance(value, MarkdownSafe):
        return value
    text = " ".join(str(value).split())
    return MarkdownSafe(text if _plain(text) else _escaped(text, line_start))


def _escaped(text: str, line_start: bool) -> str:
    pieces = _split_links(text)
    # The text a reader's renderer parses: a code span reads as its fence, punctuation.
    text = _with_fences(pieces)
    marked = _markers(text, line_start)
    changed = marked | {m.start() for m in _TAG_START.finditer(text)}
    changed |= {m.start() for m in _ENTITY.finditer(text)}
    spans = iter(code_span(piece) for piece in pieces[1::2])
    places = _fence_places(pieces)
    shown, done = [], 0
    for index in sorted(changed | places):
        shown.append(text[done:index])
        char = text[index]
        if index in places:
            shown.append(next(spans))
        elif index in marked:
            shown.append("\\" + char)
        else:  # a tag's "<" or an entity's "&"
            shown.append("&lt;" if char == "<" else "&amp;")
        done = index + 1
    shown.append(text[done:])
    return "".join(shown)


# Text with none of these, not opening with a digit or a line-start marker, holds nothing
# any rule below would escape (tests/test_markup.py checks it against the full rules).
_MAYBE_MARKUP = re.compile(r"[`\\*_~\[#<&]|" + _LINK_HINT.pattern)


def _plain(text: str) -> bool:
    """Whether ``text`` is shown as it is: most prose, and tested first since it is."""
    return not (text[:1].isdigit() or text[:1] in "-+=>" or _MAYBE_MARKUP.search(text))


def _with_fences(pieces: list[str]) -> str:
    """Plain pieces joined with one "`" where each link-like piece stands."""
    return "".join(piece if i % 2 == 0 else "`" for i, piece in enumerate(pieces))


def _fence_places(pieces: list[str]) -> set[int]:
    """Where the link-like pieces stand in ``_with_fences(pieces)``."""
    places, at = set(), 0
    for i, piece in enumerate(pieces):
        if i % 2:
            places.add(at)
            at += 1
        else:
            at += len(piece)
    return places


def code_span(text: str) -> str:
    """``text`` as a Markdown code span: fenced by more backticks than any run inside it,
    padded with a space when it starts or ends with a backtick."""
    fence = "`" * (max(map(len, _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _split_links(text: str) -> list[str]:
    """``text`` cut into plain, link-like, plain, ... pieces (odd count, ends plain): each
    word holding a link trigger, without the brackets and punctuation around it."""
    if not (_LINK_HINT.search(text) and _LINKISH.search(text)):  # no match spans a space
        return [text]
    pieces, done = [], 0
    for word in re.finditer(r"\S+", text):
        if not _LINKISH.search(word.group()):
            continue
        start, end = word.start(), word.end()
        while start < end - 1 and text[start] in _LEAD:
            start += 1
        while end > start + 1 and text[end - 1] in _TRAIL and not _closes(text[start:end]):
            end -= 1
        pieces += [text[done:start], text[start:end]]
        done = end
    return [*pieces, text[done:]]


def _closes(run: str) -> bool:
    """Whether the ")" ending ``run`` closes a "(" inside it, as in a Wikipedia URL."""
    return run.endswith(")") and run.count("(") >= run.count(")")


_SHOWN = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>=|:@~])|(?<!`)(`+)(?!`)(.*?)(?<!`)\2(?!`)|&(lt|amp);")


def unescape_markdown(text: str) -> str:
    """The text ``escape_markdown`` output shows: escapes undone, code spans opened."""

    def shown(match: re.Match) -> str:
        if match[1] is not None:
            return match[1]
        if match[4] is not None:
            return "<" if match[4] == "lt" else "&"
        inner = match[3]
        return inner[1:-1] if inner[:1] == inner[-1:] == " " and inner.strip() else inner

    return _SHOWN.sub(shown, text)


# --- where text could become markup ---------------------------------------------------

_BACKTICK_OR_BACKSLASH = re.compile(r"[`\\]")  # every one: names.py shows bytes as "\\xff"
_LINK_CLOSE = re.compile(r"\](?= ?[(\[]|:|$)")  # ](  ][  ] (  ] [  ]:  or the value's end
_LINK_OPEN = re.compile(r"\[")
_CLOSING_HASHES = re.compile(r"#+$")
_RUNS = {mark: re.compile(re.escape(mark) + "+") for mark in "*_~"}


def _markers(text: str, line_start: bool = True) -> set[int]:
    """Where ``text`` (one line, a code span read as "`") needs a backslash: each rule is
    CommonMark's or GFM's condition for markup, widened where python-markdown's is wider
    (its emphasis, its "#" headings) and where the value's neighbours are unknown.

    - "`" always: a run can pair with any later one, a code span's fence among them.
    - "\\" always (tests/test_names.py pins "\\\\xff"; before punctuation or at the end it
      would be an escape or a line break).
    - "*" in a run that could open or close emphasis (left- or right-flanking, or at an end
      of the value): the templates wrap values in "*(...)*", which such a run would pair with.
    - "_" and "~" (GFM strike-through, one or two) likewise, when the value holds two such
      runs or more: no template uses them; "_" inside a word is never emphasis.
    - "[" before a "]" that a link, image, reference or definition needs next: "(" "[" ":"
      (a space between, for python-markdown), or the end of the value.
    - at the start (a line's): "#", ">", a "-+=*_~" marker and a list number's
      "." or ")" followed by a space (not after other text on the line: ``line_start``
      False, an ATX heading's text, where no list starts; "#" still, for python-markdown's
      headings); "#"s at the end (closing hashes of a heading).
    """
    marked = {m.start() for m in _BACKTICK_OR_BACKSLASH.finditer(text)}
    for mark, runs in _RUNS.items():
        found = [range(*m.span()) for m in runs.finditer(text) if _delimiter(text, *m.span())]
        if mark == "*" or len(found) > 1:
            marked.update(i for run in found for i in run)
    last_close = max((m.start() for m in _LINK_CLOSE.finditer(text)), default=0)
    marked |= {m.start() for m in _LINK_OPEN.finditer(text, 0, last_close)}
    if ":" in text or "@" in text or "www" in text:  # what _AUTOLINK needs, found faster
        marked |= {m.end() - 1 for m in _AUTOLINK.finditer(text)}
    start = (_MD_LINE_START if line_start else _HASH_START).match(text)
    if start:
        marked.add(start.end() - 1)
    end = _CLOSING_HASHES.search(text)
    if end:
        marked.update(range(*end.span()))
    return marked


def _delimiter(text: str, start: int, end: int) -> bool:
    """Whether the run ``text[start:end]`` could open or close emphasis: left- or
    right-flanking (CommonMark 6.2), at an end of the value, or longer than three."""
    if start == 0 or end == len(text) or end - start > 3:
        return True
    before, after = text[start - 1], text[end]
    if text[start] == "_" and before.isalnum() and after.isalnum():
        return False  # inside a word: never emphasis, in CommonMark or python-markdown
    left = not after.isspace() and (not _punctuation(after) or not _letter(before))
    right = not before.isspace() and (not _punctuation(before) or not _letter(after))
    return left or right


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _letter(char: str) -> bool:
    """Neither whitespace nor punctuation (a letter, digit, mark) in CommonMark's terms."""
    return not char.isspace() and not _punctuation(char)
