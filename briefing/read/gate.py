"""The sentence gate: which pieces of a paragraph are sentences a reader can be shown.

Punkt cuts text at every plausible boundary, so what it returns from a page is not always a
sentence: a table cell ("-12.99"), a label ("Tested by: John Milbank RRP: 49.95 Euro"), a
headline or caption without a full stop, a timestamp, a bare address, an emoji. A bullet
must be a whole sentence of the source, so a piece is a candidate only when it

* ends in sentence punctuation (. ! ? … and the CJK and Devanagari stops), allowing closing
  quotes and brackets after it;
* has at least ``MIN_WORDS`` words in scripts that separate words with spaces, or
  ``MIN_CHARS`` letters in scripts that do not (Han, Kana, Thai);
* is not an address (its words are counted without the addresses in it), a timestamp, a run of figures (prices, scores, tables), a menu
  ("Home | News | Sport") or a chain of labels ("Price: $5 Colour: red");
* is not a box score's line ("Heritage (1-0): Armani Sheffield 19 points and 3 steals."):
  names and "N <stat unit>" items with no verb. A page made of nothing else is still
  briefed from its longer lines (``build`` asks again with ``box_scores=True``);
* in English, is not a Q&A answer that is a noun phrase ("A: Trip to Disney World.",
  "A: Watching NBA League Pass, reading, travel, and spending time with my family."):
  an answer labelled "A:" is a candidate only when it is a clause (``is_clause``).

Pieces that fail stay in their paragraph (``Paragraph.fragments``): ``briefing read`` shows
them, the rankers never see them. Plain regular expressions, each linear in the text.
"""

from __future__ import annotations

import re

MIN_WORDS = 2  # "Roads closed." passes; "Sorry!", "Security." and "0." do not
_STAT_WORDS = 6
MIN_CHARS = 6  # letters, for scripts written without spaces

_END = re.compile(r"""[.!?…。！？।॥](?:[\s]?['"”’)\]」』»›）〕】])*$""")
_URL = re.compile(r"(?i)^\S*(?:https?://|www\.\w|\w\.(?:com|org|net|html?|php)\b)\S*$")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_WORDISH = re.compile(r"[^\s\w]*\w\S*")  # a run of non-space holding a word character
_FIGURE = re.compile(r"\d")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}(?:T\d)?")
_LABEL = re.compile(r"(?:^|\s)[A-Z][\w'’-]*(?: [\w'’-]+){0,2}:(?:\s|$)")
_MENU = re.compile(r"\s[|•·»]\s")
_MENU_MARKS = ("|", "•", "·", "»")  # one of them is in any text _MENU finds


def is_sentence(text: str, language: str | None = None, *, box_scores: bool = False) -> bool:
    """Whether ``text`` (one piece of a paragraph, as the splitter cut it) is a sentence;
    ``language`` its ISO code. ``box_scores``: a box score's line of seven words or more
    passes (a results page that holds nothing else)."""
    text = text.strip()
    if not _END.search(text):
        return False
    unspaced = 0 if text.isascii() else len(_UNSPACED.findall(text))
    if unspaced:  # counting letters only where it can matter: most text has none of these
        letters = sum(1 for c in text if c.isalpha())
        if unspaced * 2 >= letters:
            return letters >= MIN_CHARS
    # no address without "." or ":": the substring tests spare the pattern most words
    words = [w for w in _WORDISH.findall(text) if not (("." in w or ":" in w) and _URL.match(w))]
    figures = bool(_FIGURE.search(text))  # most sentences have none: their checks are moot
    if len(words) < MIN_WORDS or _continues(text) or _trails_off(text):
        return False
    if figures and (_stat(words) or _info_line(text)):
        return False
    if not box_scores and is_box_score(text):
        return False
    if language == "en" and _noun_answer(text):
        return False
    return not ((figures and _figures_only(words)) or _stamped(text, words) or _listing(text))


def fragments(
    sentences: tuple[str, ...], language: str | None = None, *, box_scores: bool = False
) -> tuple[int, ...]:
    """The indices of ``sentences`` that are not sentences."""
    return tuple(
        i for i, s in enumerate(sentences) if not is_sentence(s, language, box_scores=box_scores)
    )


# English clause cues: an auxiliary or modal, a common past or present verb form, a
# subject pronoun, a contraction ("I'm", "don't"). Cheap, and enough to tell "Smith
# scored 19 points." and "A: I spend most weekends at the lake." from a list of names
# and figures or an answer that is a noun phrase.
_CLAUSE_LIST = """is are was were am be been being has have had do does did will would can could
    shall should may might must said says say got gets get made makes make went goes go
    took takes take gave gives give came comes come saw sees see knew knows know thought
    thinks think told tells tell found finds find became becomes become left leaves felt
    feels brought brings began begins kept keeps held holds wrote writes stood heard
    hears meant means met ran runs paid pays sat spoke speaks led leads grew grows lost
    loses fell falls sent sends built builds won wins threw throws hit hits put puts let
    lets set sets beat beats love loves like likes want wants need needs hope hopes live
    lives work works enjoy enjoys spend spends try tries i you he she it we they"""
_CLAUSE_WORDS = frozenset(_CLAUSE_LIST.split())
_CONTRACTION = re.compile(r"(?i)\w(?:['’](?:m|re|ve|ll|d)|n['’]t)\b")
_CLAUSE_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PARENTHESIS = re.compile(r"\([^()]*\)")


def is_clause(text: str) -> bool:
    """Whether English ``text`` reads as a clause: it holds an auxiliary or modal, a
    common verb form, a lower-case word in -ed ("scored", "humbled"), a subject pronoun or
    a contraction; a capitalised word counts only first ("Will Smith" is a name). An aside
    in brackets does not count ("St. Croix … (I am biased)")."""
    text = _PARENTHESIS.sub(" ", text)
    if _CONTRACTION.search(text):
        return True
    for i, word in enumerate(_CLAUSE_TOKEN.findall(text)):
        cased = word.islower() or word == "I" or (i == 0 and word[1:].islower())
        if cased and word.lower() in _CLAUSE_WORDS and word != "i":
            return True
        if word.islower() and len(word) >= 5 and word.endswith("ed"):
            return True
    return False


_ANSWER = re.compile(r"^A\s*:\s+(?=\S)")


def _noun_answer(text: str) -> bool:
    """A Q&A answer labelled "A:" whose text is no clause: "A: Trip to Disney World.",
    "A: Broncos vs. Raiders at Mile High Stadium in the Peyton Manning record breaking
    season."; "A: I spend most weekends at the lake." is a sentence."""
    label = _ANSWER.match(text)
    return bool(label) and not is_clause(text[label.end() :])


# A box score's line: an optional team label ("Heritage (1-0):", "Astronaut (NR):"),
# then names and "N <unit>" items joined by commas and "and".
_TEAM_LABEL = re.compile(r"^[A-Z][\w.'’&-]*(?: [\w.'’&-]+){0,4}(?: \([\w.,/ -]{1,15}\))?:\s+")
_STAT_LIST = """point points pts rebound rebounds reb rebs assist assists ast steal steals stl block
    blocks blk goal goals save saves yard yards yds touchdown touchdowns td tds tackle
    tackles sack sacks interception interceptions int ints hit hits run runs rbi rbis
    strikeout strikeouts walk walks kill kills dig digs ace aces carry carries reception
    receptions catch catches completion completions fumble fumbles birdie birdies
    three-pointers 3-pointers threes total"""
_STAT_UNITS = frozenset(_STAT_LIST.split())
_STAT_JOINS = frozenset(["and", "&", "of", "for", "with", "plus"])
_NUMBER = re.compile(r"^\d[\d.,/-]*$")
_NAME = re.compile(r"^(?:[A-Z][\w.'’-]*|\([\w.,/ -]{1,15}\))$")


def is_box_score(text: str) -> bool:
    """A box score's line, whatever its length: names and "N <stat unit>" items and no
    verb ("Heritage (1-0): Armani Sheffield 19 points and 3 steals.", "Melbourne (3-0):
    Osas Osaro 3 goals, 1 assist.", "Jordan Spira and Megan Cook 4 total."). "Smith
    scored 19 points as Heritage won." is a sentence."""
    if not _FIGURE.search(text):  # no "N <stat unit>" item without a figure
        return False
    label = _TEAM_LABEL.match(text)
    rest = text[label.end() :] if label else text
    items, previous = 0, None  # the token before, once there is one
    for token in (t.strip(",;") for t in rest.rstrip(".!").split()):
        if not token:
            continue
        if _NUMBER.match(token):
            previous = token
            continue
        if token.lower() in _STAT_UNITS and previous is not None and _NUMBER.match(previous):
            items += 1
        elif token.lower() not in _STAT_JOINS and not _NAME.match(token):
            return False  # most lines of prose end here, at their first lower-case word
        previous = token
    return items > 0 and not is_clause(rest)


def _stat(words: list[str]) -> bool:
    """A box score's line ("Davis 17 points.", "Megan Cook 4 total."):
    up to ``_STAT_WORDS`` words of names and figures, a lower-case word only right after a
    figure (its unit) or "and", one word at most after the last figure. "Prices rose 6%.",
    "He was 59." and "In 2019, 1,200 people died." are sentences. Longer lines stay: a
    results page made only of them would have nothing left to brief."""
    if len(words) > _STAT_WORDS:
        return False
    last = max((i for i, w in enumerate(words) if _FIGURE.search(w)), default=None)
    if last is None or len(words) - last > 2:
        return False
    for i, word in enumerate(words[:last]):
        lower = word[:1].isalpha() and not word[:1].isupper()
        if lower and word != "and" and not (i and _FIGURE.search(words[i - 1])):
            return False
    return True


def _info_line(text: str) -> bool:
    """A label and figures with no word of prose after it: "Portion Fix Containers: 1
    Green, 1 Red, 1 Yellow, 1 tsp."; "Summary: The council met on Monday." is a sentence."""
    label = _LABEL.match(text)
    if not label or not _FIGURE.search(text, label.end()):
        return False
    return not any(len(w) >= 4 and w.isalpha() and w.islower() for w in text[label.end() :].split())


def _trails_off(text: str) -> bool:
    """Trails off into what follows: an ellipsis after a space ("If you are …", "So
    frustrating …"), an intro to a list or a teaser; "It says I work here..." is a
    sentence."""
    return text.endswith((" …", " ..."))


def _continues(text: str) -> bool:
    """The piece opens in the middle of a sentence: with an ellipsis ("… stick around.")
    or an all-lower-case word ("dressing), 1 Tbsp."); "iPhone" and "eBay" are names."""
    first = text.lstrip("\"'“‘([").split(maxsplit=1)[0] if text.strip("\"'“‘([") else ""
    return first.startswith(("…", "...")) or (first[:1].isalpha() and first.islower())


def _figures_only(words: list[str]) -> bool:
    """More than half the words are figures (a price list, a score line, a table row), or
    figures with no lower-case word at all ("9.30 A.M. / 7.00 P.M.": opening hours)."""
    figures = sum(1 for w in words if _FIGURE.search(w))
    if figures and not any(c.islower() for w in words for c in w):
        return True
    return figures * 2 > len(words)


def _stamped(text: str, words: list[str]) -> bool:
    """A short line carrying a clock time or an ISO date and hardly a lower-case word: a
    timestamp ("Updated 10:32 a.m. ET, Nov. 19, 2019."), not a sentence ("The meeting
    starts at 10:30 a.m.")."""
    if len(words) > 8 or not _TIME.search(text):
        return False
    return not any(len(w) >= 3 and w.isalpha() and w.islower() for w in words)


def _listing(text: str) -> bool:
    """A menu ("Home | News | Sport") or a chain of labels that opens the piece ("Tested
    by: … RRP: …", "Passengers: 150 … Airline: …"); a sentence with two colons in it
    ("In 2002 … relating to Jesus: …") is not one."""
    if any(mark in text for mark in _MENU_MARKS) and len(_MENU.findall(text)) >= 2:
        return True
    return bool(_LABEL.match(text)) and len(_LABEL.findall(text)) >= 2
