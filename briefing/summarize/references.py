"""Sentences that open with a reference they do not carry.

"It certainly is one of the most popular." or "The stock added more than 2% …" read as a
key point on its own leave the reader asking what "it" or "the stock" is: the referent is
named in an earlier sentence. Such a sentence is a good key point only next to the
sentence before it. The first sentence of an article has only the title before it, which
the briefing shows above it, so it never counts as dangling (``loose_openers``). This is a
cheap, language-specific test of the opening words (English in full; for a few other
languages their commonest connectives and pronouns only; the rest never dangle here), used
by the default ranker to keep such a sentence out of the key points unless a sentence it
needs is chosen too (``referents``), and by bench/quality.py to count what slips through.
"""

from __future__ import annotations

import re
from itertools import islice

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
        "indeed",
        "likewise",
        "similarly",
        "additionally",
        "consequently",
        "accordingly",
        "afterwards",
        "afterward",
        "regardless",
        "conversely",
        "alternatively",
        "or",
        "nor",
        "plus",
    ]
)
# A clause put before the subject ("When he arrived …", "Although the bill passed …"):
# the reference after it dangles as it would opening the sentence.
_FRONTING = "although though while whilst when whenever after before as if since once until unless"
_SUBORDINATORS = frozenset(_FRONTING.split()) | {"despite", "with", "without", "like", "unlike"}
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
_PLACES = "state city town village county country province region island"
_GENERIC_NOUNS |= frozenset(_MORE_GENERIC_NOUNS.split()) | frozenset(_PLACES.split())


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun in ("man", "woman"):
        return noun[:-2] + "en"
    return noun + "s"


# "The officers", "The companies": the plurals name a kind as much as the singulars do.
_GENERIC_NOUNS |= frozenset(_plural(noun) for noun in _GENERIC_NOUNS if not noun.endswith("s"))
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
          |in\ (?:that|this)\ case|that\ is\ why|which\ is\ why|for\ (?:example|instance)
          |at\ the\ time(?!\ of)|in\ fact|after\ all|in\ other\ words|as\ such|that\ said
          |on\ top\ of\ that|even\ then|to\ that\ end|in\ the\ meantime)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)


# A full name: two to four capitalised words, the first not a word that opens sentences.
_NAME_RUN = re.compile(
    r"\b(?=[A-Z])(?!(?:The|A|An|In|On|At|By|For|From|With|And|But|Or|As|If|When|While|After|Before"
    r"|This|That|These|Those|It|He|She|They|We|His|Her|Their|Its|Mr|Mrs|Ms|Dr|President"
    r"|Prime|Minister|Senator|Sen|Rep|Gov|General|Gen|Judge|Officer|Chief)\b)"
    r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}\b"
)
# A sentence opening with one capitalised word alone ("Taylor didn't …", "Grisham's …").
_WORD_RUN = re.compile(r"\w+")
_OPENING_NAME = re.compile(r"[\"'“‘(]*([A-Z][a-z]+)(?:['’]s)?\b(?![ -]?[A-Z])")


# A phrase put before the subject, set off by a comma ("On Monday, he said …", "When
# asked, they …", "Speaking to reporters, she …"): the word after the comma is what the
# sentence is about. Only a phrase that opens as such phrases do (a preposition, a
# subordinator, a time word, a participle), not a subject with an apposition ("Stephen
# Kinnock, the husband of …"), and only one that names no one itself ("When Smith arrived,
# he …": a capitalised word inside the phrase that is not a month or a day).
_CAPITALISED = re.compile(r"\s([A-Z]\w*)")  # a name; "Monday" and "May" are dates
_FRONTED = re.compile(
    r"""(?:(?:on|in|at|after|before|when|while|as|since|during|until|despite|with|without
        |for|by|from|under|following|later|earlier|meanwhile|last|yesterday|today|once|if
        |although|though)\b|[a-z]+ing\b)([^,;:.!?"“”(]{0,60}),\ ([A-Za-z]+)(?:\ ([A-Za-z]+))?""",
    re.IGNORECASE | re.VERBOSE,
)
# Other languages: their commonest sentence-opening connectives and pronouns only (a
# pronoun that is also impersonal, as German "Es" or French "Il", is left out; "_" is a
# space).
_FOREIGN = {
    "de": "aber und doch jedoch dennoch allerdings trotzdem deshalb daher er",
    "fr": "mais et cependant pourtant toutefois donc ainsi elle ils elles",
    "es": "pero y sin_embargo además así ella ellos ellas",
    "it": "ma e però tuttavia inoltre quindi lui lei loro",
    "pt": "mas e porém contudo todavia além_disso ela eles elas",
    "nl": "maar en echter toch bovendien daarom hij zij",
    "id": "dan tetapi tapi namun selain_itu ia mereka",
}
_FOREIGN_OPENERS = {
    code: re.compile(r"[\W_]*(?:" + "|".join(words.split()).replace("_", r"\s+") + r")\b", re.I)
    for code, words in _FOREIGN.items()
}


def dangles(sentence: str, language: str | None = None) -> bool:
    """Does ``sentence`` open with a pronoun, a connective or a generic definite
    description whose referent it does not name ("It …", "But …", "The company …", "The
    42-year-old …"), or put one right after a clause fronted before it ("When he …",
    "On Monday, they …")? A contraction is read as its word ("It's" is "it")."""
    if language not in (None, "en"):
        opener = _FOREIGN_OPENERS.get(language.split("-")[0].lower())
        return bool(opener and opener.match(sentence))
    head = sentence[:80]
    words = [_bare(match.group()) for match in islice(_WORD.finditer(head), 2)]
    if not words:
        return False
    first = words[0].lower()
    if _points_back(first, words[1:]) or first in _CONNECTIVES or _OPENERS.match(head):
        return True
    if first in _SUBORDINATORS:
        after = [_bare(w.strip(",;:")) for w in head.split()[1:3]]  # as written
        if after and _points_back(after[0].lower(), after[1:]):
            return True
    fronted = _FRONTED.match(head)
    if not fronted or any(
        word.lower() not in _TIME_WORDS for word in _CAPITALISED.findall(fronted.group(1))
    ):
        return False
    return _points_back(fronted.group(2), [fronted.group(3) or ""])


def _bare(word: str) -> str:
    """``word`` without a contraction's ending ("It's" is "it"); only a word with an
    apostrophe can have one."""
    return _CONTRACTION.sub("", word) if "'" in word or "’" in word else word


def _points_back(word: str, after: list[str]) -> bool:
    """Is ``word`` (lower case), before the words ``after`` it, a reference to something
    named earlier: a pronoun (not a demonstrative of time, "This year"), or "the" before a
    generic noun in lower case ("The State Department" names what it means)?"""
    following = after[0] if after else ""
    if word in ("this", "that", "these", "those") and following.lower() in _TIME_WORDS:
        return False
    return word in _PRONOUNS or (word == "the" and following in _GENERIC_NOUNS)


def referents(
    texts: list[str], language: str | None = None, title: str = ""
) -> list[frozenset[int]]:
    """For each of an article's sentences (in order): the earlier sentences of which one
    must be shown with it for it not to dangle (empty: it stands alone). A sentence that
    ``dangles`` needs the one before it. The first never dangles: nothing comes before it
    but the title, which the briefing shows above it ("The 42-year-old …" under its
    headline). A sentence that opens with a bare surname ("Taylor didn't know …") needs a
    sentence that gave the full name ("Martin Taylor") when neither it nor ``title`` does
    (English, and only text in its own case: the lower-cased train text never shows
    names)."""
    needs = [
        frozenset({i - 1}) if i and dangles(t, language) else frozenset()
        for i, t in enumerate(texts)
    ]
    if language not in (None, "en"):
        return needs
    introduced: dict[str, list[int]] = {}  # surname -> the sentences giving the full name
    in_title = set(_WORD_RUN.findall(title))  # a name (letters only) is in it as a whole word
    for i, text in enumerate(texts):
        surnames = {run.split()[-1] for run in _NAME_RUN.findall(text)}  # named in full here
        opener = _OPENING_NAME.match(text)
        name = opener.group(1) if opener else None
        if i and name in introduced and name not in surnames and name not in in_title:
            needs[i] = needs[i] | frozenset(introduced[name])
        for surname in surnames:
            introduced.setdefault(surname, []).append(i)
    return needs


def loose_openers(texts: list[str], language: str | None = None, title: str = "") -> list[bool]:
    """For each sentence: does it need another shown with it (``referents``)?"""
    return [bool(need) for need in referents(texts, language, title)]


def loose_in(chosen, needs: list[frozenset[int]]) -> list[int]:
    """Those of the positions ``chosen`` whose sentence needs one not chosen."""
    at = set(chosen)
    return [i for i in chosen if needs[i] and not needs[i] & at]


def lede_and_loose(
    texts: list[str], shown: list[str], language: str | None = None, title: str = ""
) -> tuple[bool, list[str]]:
    """What a reader sees of the key points ``shown`` among an article's sentences
    ``texts`` (in order): is the lede (the first of them) shown, and which shown sentences
    dangle without a sentence they need shown too. For the benchmarks' rates."""
    place = {text: i for i, text in reversed(list(enumerate(texts)))}
    at = sorted(place[t] for t in shown if t in place)
    loose = [texts[i] for i in loose_in(at, referents(texts, language, title))]
    return bool(texts) and texts[0] in shown, loose
