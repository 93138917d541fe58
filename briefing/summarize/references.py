"""Sentences that open with a reference they do not carry.

"It certainly is one of the most popular." or "The stock added more than 2% …" read as a
key point on its own leave the reader asking what "it" or "the stock" is: the referent is
named in an earlier sentence. Such a sentence is a good key point only next to the
sentence before it. The first sentence of an article has only the title before it, which
the briefing shows above it, so it never counts as dangling (``loose_openers``). This is a
cheap, language-specific test of the opening words (English only; other languages never
dangle here), used by the default ranker to keep such a sentence out of the key points
unless the sentence before it is chosen too, and by bench/quality.py to count what slips
through.
"""

from __future__ import annotations

import re

_PRONOUNS = frozenset(
    [
        "it",
        "he",
        "she",
        "they",
        "him",
        "them",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "such",
        "both",
    ]
)
_CONNECTIVES = frozenset(
    [
        "but",
        "however",
        "and",
        "so",
        "because",
        "which",
        "yet",
        "also",
        "still",
        "meanwhile",
        "instead",
        "nevertheless",
        "nonetheless",
        "moreover",
        "furthermore",
        "besides",
        "otherwise",
        "then",
        "thus",
        "hence",
        "therefore",
    ]
)
# "This year", "That night": a demonstrative before a time word points at the calendar,
# not at an earlier sentence.
_TIME_WORDS = frozenset(
    [
        "year",
        "years",
        "week",
        "weeks",
        "month",
        "months",
        "day",
        "days",
        "morning",
        "afternoon",
        "evening",
        "night",
        "time",
        "season",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "weekend",
        "decade",
        "century",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
# "The company", "The stock": a definite description of a kind of thing, named before.
_GENERIC_NOUNS = frozenset(
    [
        "company",
        "firm",
        "group",
        "stock",
        "shares",
        "business",
        "carrier",
        "airline",
        "bank",
        "retailer",
        "brand",
        "agency",
        "organisation",
        "organization",
        "move",
        "deal",
        "decision",
        "report",
        "study",
        "plan",
        "bill",
        "measure",
        "man",
        "woman",
        "boy",
        "girl",
        "couple",
        "pair",
        "victim",
        "suspect",
        "player",
        "club",
        "team",
        "star",
        "singer",
        "actor",
        "actress",
        "former",
        "latter",
        "two",
        "three",
        "same",
        "device",
        "phone",
        "product",
        "service",
        "site",
        "app",
    ]
)
_MORE_GENERIC_NOUNS = """teenager teen youngster child children father mother son daughter brother sister
    husband wife family officer soldier driver pilot passenger student teacher doctor
    patient gunman attacker shooter killer prisoner inmate defendant singer rapper
    footballer striker manager coach champion winner incident attack crash
    accident case project scheme proposal policy law rule claim claims allegation
    allegations statement announcement film movie show series book album song game match
    event festival vehicle car ship aircraft plane drug vaccine treatment software system
    model update feature"""
_GENERIC_NOUNS |= frozenset(_MORE_GENERIC_NOUNS.split())
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_CONTRACTION = re.compile(r"['’](?:s|re|ve|ll|d|m)$")
# "The 42-year-old …", "The former champion …", "The Briton …" (a nationality), "Another
# man …", "Others …", and connectives of more than one word.
_OPENERS = re.compile(
    r"""^[\W_]*(?:
        the\ \d+-year-old\b
      | the\ (?:[a-z]+\ ){0,2}?(?:former|latter|pair|duo|trio|couple)\b
      | the\ (?:briton|american|frenchman|german|australian|russian|israeli|spaniard|
          italian|dutchman|swede|canadian|brazilian|argentine|nigerian|indian|chinese)\b
      | another\ | others\b | the\ others?\b | the\ rest\b
      | (?:as\ a\ result|in\ addition(?!\ to)|in\ response|in\ turn|by\ contrast|even\ so
          |on\ the\ other\ hand|at\ the\ same\ time|for\ (?:his|her|their|its)\ part
          |despite\ (?:this|that|these)|after\ that|since\ then|until\ then|by\ then
          |in\ (?:that|this)\ case|that\ is\ why|which\ is\ why)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# A full name: two to four capitalised words, the first not a word that opens sentences.
_NAME_RUN = re.compile(
    r"\b(?!(?:The|A|An|In|On|At|By|For|From|With|And|But|Or|As|If|When|While|After|Before"
    r"|This|That|These|Those|It|He|She|They|We|His|Her|Their|Its|Mr|Mrs|Ms|Dr|President"
    r"|Prime|Minister|Senator|Sen|Rep|Gov|General|Gen|Judge|Officer|Chief)\b)"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}\b"
)
# A sentence opening with one capitalised word alone ("Taylor didn't …", "Grisham's …").
_OPENING_NAME = re.compile(r"[\"'“‘(]*([A-Z][a-z]+)(?:['’]s)?\b(?![ -]?[A-Z])")


def dangles(sentence: str, language: str | None = None) -> bool:
    """Does ``sentence`` open with a pronoun, a connective or a generic definite
    description whose referent it does not name ("It …", "But …", "The company …", "The
    42-year-old …")? A contraction is read as its word ("It's" is "it")."""
    if language not in (None, "en"):
        return False
    head = sentence[:80]
    words = [_CONTRACTION.sub("", w) for w in _WORD.findall(head)[:2]]
    if not words:
        return False
    first = words[0].lower()
    second = words[1] if len(words) > 1 else ""
    if first in ("this", "that", "these", "those") and second.lower() in _TIME_WORDS:
        return False
    if first in _PRONOUNS or first in _CONNECTIVES or _OPENERS.match(head):
        return True
    # a generic noun in lower case: "The State Department" names what it means
    return first == "the" and second in _GENERIC_NOUNS


def loose_openers(texts: list[str], language: str | None = None, title: str = "") -> list[bool]:
    """For each of an article's sentences (in order): does it dangle when shown without
    the sentence before it? The first never does: nothing comes before it but the title,
    which the briefing shows above it ("The 42-year-old …" under its headline). Besides
    ``dangles``, a sentence that opens with a bare surname ("Taylor didn't know …") whose
    full name ("Martin Taylor") an earlier sentence gave, and neither it nor ``title`` does,
    dangles too (English, and only text in its own case: the lower-cased train text never
    shows names, so the models are trained as before)."""
    flags = [i > 0 and dangles(text, language) for i, text in enumerate(texts)]
    if language not in (None, "en"):
        return flags
    introduced: dict[str, int] = {}  # surname -> the first sentence giving the full name
    for i, text in enumerate(texts):
        surnames = [run.split()[-1] for run in _NAME_RUN.findall(text)]  # named in full here
        opener = _OPENING_NAME.match(text)
        name = opener.group(1) if opener else None
        if i and name in introduced and not re.search(rf"\b{name}\b", title):
            flags[i] = flags[i] or name not in surnames
        for surname in surnames:
            introduced.setdefault(surname, i)
    return flags


def lede_and_loose(
    texts: list[str], shown: list[str], language: str | None = None, title: str = ""
) -> tuple[bool, list[str]]:
    """What a reader sees of the key points ``shown`` among an article's sentences
    ``texts`` (in order): is the lede (the first of them) shown, and which shown sentences
    dangle without the sentence before them shown too. For the benchmarks' rates."""
    place = {text: i for i, text in reversed(list(enumerate(texts)))}
    at = sorted(place[t] for t in shown if t in place)
    flags = loose_openers(texts, language, title)
    loose = [texts[i] for i in at if flags[i] and (i - 1) not in at]
    return bool(texts) and texts[0] in shown, loose
