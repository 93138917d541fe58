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

_MD_ALWAYS = re.compile(r"([\\`*\[\]]|(?<![^\W_])_|_(?![^\W_]))")  # "_" inside a word is literal
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)])")
_MD_TRAILING_HASH = re.compile(r"(#+)\s*$")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# "~" (strike-through) and, as a second wall, what is left of the autolink triggers.
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(?:[:](?=//))|\bwww[.]|(?<=\w)@(?=\w)|~")
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


def escape_markdown(value: object) -> MarkdownSafe:
    """Make ``value`` literal text in Markdown: no emphasis, link, code, tag or heading.

    A word that a renderer could auto-link (URL, "www.", e-mail address, host name) goes
    into a code span, shown verbatim and linked by none. In the rest, inline markup
    characters are backslash-escaped; a tag-like ``<`` becomes ``&lt;`` and an entity-like
    ``&`` becomes ``&amp;``; "~" is escaped; block markers at the start and ATX closing
    hashes at the end are escaped.
    """
    if isinstance(value, MarkdownSafe):
        return value
    pieces = _split_links(" ".join(str(value).split()))
    plain = [_escape_inline(piece) for piece in pieces[::2]]
    plain[0] = _MD_LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), plain[0])
    plain[-1] = _MD_TRAILING_HASH.sub(lambda m: "\\#" * len(m.group(1)), plain[-1])
    code = [code_span(piece) for piece in pieces[1::2]]
    return MarkdownSafe("".join(p + c for p, c in zip(plain, [*code, ""])))


def code_span(text: str) -> str:
    """``text`` as a Markdown code span: fenced by more backticks than any run inside it,
    padded with a space when it starts or ends with a backtick."""
    fence = "`" * (max(map(len, _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _split_links(text: str) -> list[str]:
    """``text`` cut into plain, link-like, plain, ... pieces (odd count, ends plain): each
    word holding a link trigger, without the brackets and punctuation around it."""
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


def _escape_inline(text: str) -> str:
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _TAG_START.sub("&lt;", text)
    return _AUTOLINK.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


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


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
