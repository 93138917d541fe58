"""Which heading-like lines are subheads, and what the others are.

A page's headings are not all subheads: trafilatura marks as ``head`` a caption ("…,
photos © Inexhibit, 2018"), a dek (a sentence-long lead-in), a dateline ("BAAR,
SWITZERLAND"), a byline ("Staff Reports"), a link label ("More:", "SEE MORE: …"), a
reading-time label, a ticker's cell ("225.86"), the site's name and the title again. A
subhead is short and title-like, is none of those, and introduces body text. Plain text
gives no markup at all, so a subhead there is a short line shaped like one.

``verdict`` says what a heading-like line is: SUBHEAD, BODY (text that reads as a
sentence or a lead-in: a paragraph, for the sentence gate to judge), CAPTION, DATELINE,
DROP (furniture: promos, labels, kickers in lower case) or BOILERPLATE (a press release's
"About <the site>": it and its section go). Case is asked of cased scripts only: Hangul, Kana and Han lines pass.
"""

from __future__ import annotations

import re

from ..sentences import split_sentences
from .furniture import is_list_header, is_meta, is_prompt

SUBHEAD, BODY, CAPTION, DATELINE, DROP = "subhead", "body", "caption", "dateline", "drop"
BOILERPLATE = "boilerplate"  # the heading and the section under it go

MAX_WORDS = 12
MAX_CHARS = 90
_NOT_END = re.compile(r"""[.!…:;,。！](?:\s?['"”’)\]」』])*$""")
_QUESTION = re.compile(r"""[?？]['"”’)\]]*$""")
_BULLET = re.compile(r"^[-*•·▪►]\s+")
_ATX = re.compile(r"^#{1,6}\s+")
_CAPTION = re.compile(
    r"©|\b(?:photo(?:graph)?s?|image|picture|credit)\s*(?::|by\b)|\((?:AP|AFP|Getty|Reuters)\b"
    r"|\b(?:Getty Images|Shutterstock|AP Photo)\b",
    re.I,
)
_BYLINE = re.compile(r"^(?:by\s+\S|staff\s+(?:reports?|writers?)$|\S+\s+staff$)", re.I)
# "BAAR, SWITZERLAND": an upper-case place and its region or country, on a line alone.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}, [A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}$"
)
_TOKEN = re.compile(r"\w+")
_PROMO = re.compile(
    r"\bclick(?:ing)?\b|\bnewsletters?$|\bsign(?:ing)? up\b|\bsubscri|\bcoupon\b|\b(?:use|promo) code\b",
    re.I,
)
_ABOUT = re.compile(r"^about\s+", re.I)
_DATE_FIRST = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}\b",
    re.I,
)
# A game's result on a line: "Viera d. Melbourne 1-0", "Merritt Island d. Titusville",
# "Wild 4, Sabres 1", "Broncos beat Raiders 24-17": a box score's heading, not a subhead.
_DEFEATED = re.compile(r"^[A-Z][^\s:]*(?: \S+){0,5} (?:d|def)\. [A-Z]")
_VERSUS = re.compile(r"\s(?:vs?\.?|beat|beats|defeated|defeats|over|tops|edges)\s", re.I)
_SCORE = re.compile(r"\s\d{1,3}-\d{1,3}(?:-\d{1,3})?(?: \(\w+\))?$")
_TEAM_SCORES = re.compile(r"^[A-Z][^,]{0,40} \d{1,3}, [A-Z][^,]{0,40} \d{1,3}$")
_INNER_STOP = re.compile(r"[.!?]\s")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
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


def heading_text(line: str) -> str:
    """The text of a heading line, its Markdown marks taken off."""
    return _ATX.sub("", line).rstrip("#").strip() if _ATX.match(line) else line.strip()


def looks_like_heading(line: str) -> bool:
    """Short, starts like a title, no closing punctuation, not a list item or byline."""
    if _ATX.match(line):
        return True
    words = line.split()
    if not words or len(words) > MAX_WORDS or len(line) > MAX_CHARS:
        return False
    if _NOT_END.search(line) or _BULLET.match(line):
        return False
    if _QUESTION.search(line) and (len(words) > 8 or line[0] in "\"'“‘"):
        return False
    first = line.lstrip("\"'“‘(")[:1]
    caseless = first.isalpha() and not (first.isupper() or first.islower())
    if not (first.isupper() or first.isdigit() or caseless):
        return False
    if words[-1].lower().strip("\"'”’") in _FUNCTION_WORDS:
        return False
    rest = _NUMBERED.sub("", line)  # "2. Never urged Ukraine …": a numbered subhead
    return not (_INNER_STOP.search(rest) and len(split_sentences(rest)) > 1)  # "… said. -12.99"


def verdict(line: str, title: str = "", names: tuple[str, ...] = ()) -> str:
    """What a heading-like ``line`` is; ``names`` are the site's names (its name, host)."""
    text = heading_text(line)
    if not any(c.isalpha() for c in text):
        return DROP  # "225.86", "2018.04.05": a figure, not a subhead
    if near(text, title) or _squashed(text) in {_squashed(n) for n in names if n}:
        return DROP
    if _BYLINE.match(text) or is_meta(text) or is_prompt(text) or is_list_header(text):
        return DROP
    if _PROMO.search(text) or _lower_first(text):
        return DROP  # "CLICK FOR FULL RESULTS", "Pick Six Newsletter", a kicker ("immunology")
    if _ABOUT.match(text) and _squashed(_ABOUT.sub("", text)) in {_squashed(n) for n in names if n}:
        return BOILERPLATE  # a press release's "About my6sense": the company's own blurb
    if _score_line(text):
        return BODY  # "Viera d. Melbourne 1-0": a result, text for the gate (no sentence)
    digits = sum(1 for w in text.split() if any(c.isdigit() for c in w))
    if digits * 2 > len(text.split()):
        return BODY  # "Rockledge 14 11 6 15 — 44": a table's row, not a subhead
    if text.startswith("(") or _DATE_FIRST.match(text):
        return BODY  # an aside, "(I know, radical statement, right?)"; a listing's date
    if _CAPTION.search(text):
        return CAPTION
    if _DATELINE.match(text):
        return DATELINE
    words = text.split()
    if len(words) > MAX_WORDS or len(text) > MAX_CHARS or _NOT_END.search(text):
        return BODY  # a dek, a lead-in ending in ":", a sentence: text, not a subhead
    return SUBHEAD


def _score_line(text: str) -> bool:
    """A game's result: "Viera d. Melbourne 1-0", "Merritt Island d. Titusville", "Wild 4,
    Sabres 1", "Broncos beat Raiders 24-17"; "Broncos vs. Raiders: the rivalry" is not."""
    if _DEFEATED.match(text) or _TEAM_SCORES.match(text):
        return True
    return bool(_VERSUS.search(text) and _SCORE.search(text))


def near(text: str, title: str) -> bool:
    """Whether ``text`` repeats the title: four in five of the words of both, or a heading
    of three words or more made of the title's words (a teaser's tags: "10 things in tech,
    10 things in tech SAI")."""
    a, b = set(_TOKEN.findall(text.casefold())), set(_TOKEN.findall(title.casefold()))
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= 0.8 * max(len(a), len(b)) or (len(a) >= 3 and shared >= 0.8 * len(a))


def _lower_first(text: str) -> bool:
    """A heading of a cased script that starts in lower case: a label, not a subhead."""
    first = next((w for w in text.split() if any(c.isalpha() for c in w)), "")
    return first.islower()  # "iPhone 11 review" and "eBay's year" are names


def _squashed(text: str) -> str:
    """Letters and digits only, and no "www"/top-level domain: "BusinessInsiderDe" and
    "www.businessinsider.de" squash alike."""
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.casefold())
    return re.sub(r"\W|_", "", text)


def subhead_indices(units: list[str], is_heading) -> set[int]:
    """Which units are subheads. Heading-like lines come in runs; a run followed by body
    text holds one subhead: its Markdown headings, else its ALL-CAPS line, else its first
    line. The others are kickers, embed titles or captions and stay text."""
    found: set[int] = set()
    i = 0
    while i < len(units):
        if not is_heading(i):
            i += 1
            continue
        end = i
        while end < len(units) and is_heading(end):
            end += 1
        if end < len(units):  # body text follows the run
            run = range(i, end)
            atx = [j for j in run if _ATX.match(units[j])]
            caps = [j for j in run if _is_all_caps(units[j])]
            found.update(atx or caps[:1] or [i])
        i = end
    return found


def _is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
