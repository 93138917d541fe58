"""Titles and metadata cleaned (issue 13, point 5): pure functions over strings.

Pages label their ``<title>`` with the site and section ("Headline | World | Site"), their
author fields hold job titles, months and "Staff Reports", their metadata date is sometimes
a quoted statement's, and their first paragraph opens with a dateline ("BEIRUT (AP) —") or
an advice column's salutation ("DEAR ABBY:"). None of that is the article's text or a key
point, so it is taken off here. Each pattern is anchored or bounded (repetitions with a fixed
ceiling, whitespace collapsed first, openings matched on a bounded prefix), so every
function is linear in its input.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from ..sentences import normalize_space

_UP = "A-ZÀ-ÖØ-ÞА-ЯЁ"  # capitals of the Latin-1 and Cyrillic alphabets
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*"
_HEAD = 240  # a dateline or salutation is at most this long: patterns see only this much

# --- titles ----------------------------------------------------------------------------
_SEPARATOR = re.compile(r"\s([|•·»«]|::|--?|[–—])\s")
_PIPES = frozenset("|•·»«") | {"::"}
_SEO_WORD = r"(?:новости|новость|фото|видео|последние|сегодня|news|photos?|videos?|pictures|latest)"
_SEO_TAIL = re.compile(
    rf"\s?[:|–—-]\s{_SEO_WORD}(?:(?:,\s|\s(?:и|and|&)\s|\s){_SEO_WORD}){{0,4}}(?:,?\s(?:19|20)\d\d)?$",
    re.I,
)
_BREAKING = re.compile(
    rf"^(?:BREAKING(?: NEWS)?|Breaking(?: [Nn]ews)?)\s?[:|–—-]\s(?=[{_UP}\d'‘“\"])"
)
_SITE_WORDS = re.compile(
    r"(?:News|Times|Post|Online|Magazine|Daily|Journal|Herald|Tribune|Today|Reporter|Chronicle"
    r"|Gazette|Telegraph|Express|Examiner|Observer|Independent|Review|Weekly|Network|Media|TV"
    r"|Radio|International|Insider|Wire|Press|Standard|Courier|Register|Blog)$"
    r"|\.(?:com|org|net|co\.uk|ca|de|in|au|ru|fr|br|info|io)$",
    re.I,
)
_TLD = re.compile(r"\.(?:com|org|net|co\.uk|co|uk|ca|de|in|au|ru|br|fr|it|es|info|biz|io)$")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_HOST_NOISE = _set("www m mobile amp blog blogs news social edition en hosted")


def _keys(name: str) -> set[str]:
    """A name as the site keys it can match: lower case, letters and digits only, with and
    without a leading "The" ("The Hill", "TheHill") and a domain's ending ("Space.com")."""
    name = _TLD.sub("", name.strip().lower())
    full = re.sub(r"[\W_]+", "", name)
    return {key for key in (full, re.sub(r"[\W_]+", "", re.sub(r"^the\s", "", name))) if key}


def _site_keys(site: str | None, url: str | None) -> set[str]:
    """Keys of the site's names: each ``|`` part of the site name, and the URL host's labels
    but its ending and generic subdomains ("www.nbcnews.com" -> "nbcnews")."""
    keys: set[str] = set()
    for name in re.split(r"\s\|\s", normalize_space(site or "")):
        keys |= _keys(name)
    host = urlsplit(url if "//" in (url or "") else f"//{url or ''}").hostname or ""
    labels = host.split(".")[:-1]
    if len(labels) > 1 and labels[-1] in {"co", "com", "org", "net", "gov", "ac"}:
        labels.pop()  # "express.co.uk"
    for i, label in enumerate(labels):
        if label and label not in _HOST_NOISE and (i == len(labels) - 1 or len(label) >= 4):
            keys.add(label)
    return keys


def _capitalised(word: str) -> bool:
    return not word[0].isalpha() or word[0].isupper()


def _short_forms(part: str) -> set[str]:
    """A name's short forms as hosts spell them: its initials ("Wall Street Journal" -> "wsj")
    and its initials before its last word ("The Jerusalem Post" -> "jpost"), three letters on."""
    words = [word for word in re.findall(r"[^\W_]+", part.lower()) if word != "the"]
    if len(words) < 2:
        return set()
    forms = {"".join(w[0] for w in words), "".join(w[0] for w in words[:-1]) + words[-1]}
    return {form for form in forms if len(form) >= 3}


def _is_site(part: str, keys: set[str], loose: bool) -> bool:
    """Whether a title part names the site. Loosely (a title's tail) also the site's name and
    capitalised words after it ("PolitiFact West Virginia", "Vortex Cannon Entertainment")."""
    if _keys(part) & keys:
        return True
    words = part.split()
    if not loose or len(words) > 5:
        return False
    if _short_forms(part) & keys:
        return True
    return any(
        _keys(" ".join(words[:n])) & keys and all(map(_capitalised, words[n:]))
        for n in range(1, len(words))
    )


def _is_label(part: str) -> bool:
    """A section label: one to three capitalised words without digits ("World", "Smart News")."""
    words = part.split()
    return len(words) <= 3 and all(map(_capitalised, words)) and not re.search(r"\d", part)


def _droppable_tail(part: str, sep: str, keys: set[str], head_words: int, after_site: bool) -> bool:
    """Whether the title's last part is furniture: the site, a section after the site, a short
    part after a pipe, or after a dash a part shaped like a site's name."""
    words = part.split()
    if _is_site(part, keys, loose=True) or (after_site and _is_label(part)):
        return True
    if sep in _PIPES:
        return len(words) <= 4 and head_words > len(words)
    return len(words) <= 5 and all(map(_capitalised, words)) and bool(_SITE_WORDS.search(part))


def clean_title(title: str, site: str | None = None, url: str | None = None) -> str:
    """The headline without the site's name, section labels and SEO tails, so the report's
    title is the story's. Never empty and never only the site: then the input comes back."""
    original = normalize_space(title or "")
    keys = _site_keys(site, url)
    parts = _SEPARATOR.split(_BREAKING.sub("", _SEO_TAIL.sub("", original)))
    heads, seps = parts[0::2], parts[1::2]
    cut, head_words = False, len(heads[0].split())
    while len(heads) > 1 and _droppable_tail(heads[-1], seps[-1], keys, head_words, cut):
        cut = _is_site(heads.pop(), keys, loose=True) or cut
        seps.pop()
    first = next(
        i
        for i, part in enumerate(heads)
        if i == len(heads) - 1 or not _is_site(part, keys, loose=False)
    )
    heads, seps = heads[first:], seps[first:]
    head, colon, rest = heads[0].partition(": ")
    if colon and rest and _is_site(head, keys, loose=False):
        heads[0] = rest
    heads[0] = _BREAKING.sub("", heads[0])
    text = heads[0] + "".join(f" {sep} {part}" for sep, part in zip(seps, heads[1:]))
    return original if not text or _is_site(text, keys, loose=False) else text


def is_site_name(title: str, site: str | None = None, url: str | None = None) -> bool:
    """Whether a title is only the site's name ("Quanta Magazine"): then a page's ``<h1>`` or
    ``og:title`` names the story better."""
    return _is_site(clean_title(title, site, url), _site_keys(site, url), loose=False)


# --- authors and sites -----------------------------------------------------------------
_AUTHOR_SPLIT = re.compile(r"(\s?[;,]\s?|\s(?:and|&)\s)")
_BY = re.compile(r"^(?:by|von|par|por)\s", re.I)
_IS_A = re.compile(r"^(.{1,60}?)\s(?:is|was)\s(?:a|an|the)\s", re.I)
_DATE_WORD = re.compile(
    r"\s(?:(?:January|February|September|October|November|December)|(?i:published|updated|posted)"
    r"|(?-i:(?:JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT|NOV|DEC)[A-Z]*))\.?$"
)
_STAFF = re.compile(
    r"\bstaff(?:\s(?:reports?|writers?|reporters?))?$|^(?:\w*admin\w*|editorial|editors?|webmaster|guest|anonymous|unknown|none|null)$",
    re.I,
)
_JOB = re.compile(
    r"\s(?:writer|reporter|correspondent|editor|columnist|contributor|producer)$", re.I
)
_CREDENTIAL = re.compile(r"^(?:MS|MSc|MD|PhD|RDN|RD|RN|MPH|MBA|MA|BA|BSc|DO|CPT|CSCS|JD)\.?$")
_EMAIL = re.compile(r"\S+@\S+")
_URLISH = re.compile(r"https?:|www\.|\w\.(?:com|org|net|co\.uk)\b|\s(?:com|org|net)$", re.I)
_NAME = re.compile(rf"^[{_UP}][\w.'’-]*(?:\s[{_UP}][\w.'’-]*){{1,3}}$")


def _author_part(part: str, first: bool) -> str | None:
    """One author's name, or None if it is a job title, a credential, "Staff", a date, a URL."""
    part = _BY.sub("", _EMAIL.sub("", part)).strip()
    match = _IS_A.match(part)
    if match:  # "Jane Doe is a reporter for The Times"
        part = match.group(1) if _NAME.match(match.group(1)) else ""
    part = _DATE_WORD.sub("", part) if len(part.split()) > 2 else part
    words = part.split()
    if not words or len(words) > 6 or re.search(r"\d", part) or _URLISH.search(part):
        return None
    if _STAFF.search(part) or (len(words) > 1 and _JOB.search(part)):
        return None
    return None if not first and _CREDENTIAL.match(part) else part


def valid_author(author: str | None) -> str | None:
    """The author field as names, so a byline never reads "STAFF" or "Copyright 2014"; parts
    that are not names are dropped (the separators between the kept ones are the input's)."""
    author = normalize_space(author or "")
    if len(author) > 300:  # no byline is this long: a paragraph taken for one
        return None
    pieces = _AUTHOR_SPLIT.split(author)
    kept: list[str] = []
    for i in range(0, len(pieces), 2):
        name = _author_part(pieces[i], first=not kept)
        if name:
            kept += [pieces[i - 1], name] if kept else [name]
    return "".join(kept) or None


_NOT_SITE = re.compile(r"^(?:https?:|www\.)|/|©|\bcopyright\b|all rights reserved|^@", re.I)


def valid_site(site: str | None) -> str | None:
    """The site's name, or None when the field holds a URL, a handle, a copyright line or a
    tagline; of "Name | tagline" the name. A bare host stays: better than nothing."""
    name = re.split(r"\s\|\s", normalize_space(site or ""))[0]
    if not name or _NOT_SITE.search(name) or len(name.split()) > 8:
        return None
    return name


# --- dates -----------------------------------------------------------------------------
_URL_DATES = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)([/_.-])(\d{1,2}|[A-Za-z]{3,9})\2(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d\d)()(\d\d)(\d\d)(?!\d)"),
)
_ISO = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)


def _date(year: str, month: str, day: str) -> date | None:
    """A real calendar date, the month a number or an English month name or its first three
    letters or more ("nov", "sept"; "/2019/novel/18/" is no month), else None."""
    names = _MONTH_NAMES.split()
    number = int(month) if month.isdigit() else 0
    if not number and len(month) >= 3:
        number = next((i for i, name in enumerate(names, 1) if name.startswith(month.lower())), 0)
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    """The publication date in a URL's path (/2019/11/18/, /2019/nov/18/, -20191115/), as
    YYYY-MM-DD: news sites file stories by day, and that date is the page's own."""
    path = urlsplit(url or "").path[:2000]
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            day = _date(match.group(1), match.group(3), match.group(4))
            if day:
                return day.isoformat()
    return None


def best_date(meta_date: str | None, url: str | None) -> str | None:
    """The metadata date, unless the URL's differs from it by more than two days: a page's
    metadata date was sometimes a quoted statement's, the URL's is where the story was filed."""
    from_url = date_from_url(url)
    match = _ISO.match(meta_date or "")
    meta = _date(*match.groups()) if match else None
    if from_url and (meta is None or abs((date.fromisoformat(from_url) - meta).days) > 2):
        return from_url
    return meta_date or None


# --- openings: datelines and salutations -----------------------------------------------
_WORD = rf"[{_UP}][\w.'’&-]*"
_NOT_DATE = rf"(?!{_MONTH}\.?\s\d)"
_DATELINE = re.compile(
    rf"""(?P<line>
      (?:(?P<place>{_WORD}(?:\s(?:of\s|de\s|la\s)?{_WORD}){{0,3}})
         (?P<region>(?:,\s{_NOT_DATE}{_WORD}(?:\s(?:and\s|of\s)?{_WORD}){{0,2}}){{0,2}}))?
      (?P<date>,?\s?{_MONTH}\.?\s\d{{1,2}}(?:,\s(?:19|20)\d\d)?)?
      (?:\s{{0,3}}(?P<agency>\([{_UP}][\w&.' ]{{0,24}}\))|\s?(?P<wire>/[A-Za-z][\w .-]{{1,30}}/))?
    )(?:(?P<sep>\s?(?:[—–]|--)\s?|\s-\s?|-\s|:\s)|(?<=\)))""",
    re.X,
)
_AGENCIES = re.compile(
    r"\((?:AP|AFP|CNN(?:\s\w+)?|Reuters|UPI|dpa|DPA|IANS|PTI|ANI|Xinhua|Bloomberg)\)"
)
# First words of a sentence's subject, not of a place ("THE HAGUE" is one: "the" only in
# title case), and labels that open a paragraph in any case ("UPDATE:", "POSTED:").
_NOT_PLACE = _set("the and but so yet still however meanwhile now then also in on at for from hey")
_LABELS = _set(
    "a an by dear update updated posted published breaking exclusive watch warning note"
    " correction editor's live video photos opinion analysis review must"
)
_KICKER_WORDS = _set("A AN THE WITH FOR TO IN ON AT BY IS ARE WAS MUST NOT")
_SENTENCE_END = re.compile(r"""[.!?…](?:\s?['"”’)\]])*$""")


def _colon_dateline(place: str, regions: int, caps: bool, rest: str) -> bool:
    """Before a colon, a dateline is a place in capitals ("NEW DELHI:") or a title-case place
    with two regions ("Washington, DC, United States:"), then a sentence: in capitals a
    kicker ("CHARGED WITH MURDER:") or an acronym ("FTC:") heads a label or a headline."""
    if not caps and regions < 2:
        return False
    kicker = any(word in _KICKER_WORDS for word in place.split())
    if caps and (kicker or len(place) < 4 or not re.search("[AEIOUY]", place)):
        return False
    return len(rest.split()) >= 12 or bool(_SENTENCE_END.search(rest) and len(rest.split()) >= 4)


def _is_dateline(match: re.Match[str], rest: str) -> bool:
    """Whether a matched opening is a dateline: a place in capitals, or in title case with a
    state or country; an agency; or a press release's date and wire; then the article's
    first sentence. A title-case name before a dash or colon is a sentence's subject."""
    place, region, agency, sep = (
        match.group(g) or "" for g in ("place", "region", "agency", "sep")
    )
    if not rest or rest[0].islower() or (not sep and not _AGENCIES.fullmatch(agency)):
        return False
    if len(rest.split()) < 4 and not _SENTENCE_END.search(rest):
        return False  # "PEPA – Universitätsklinikum Heidelberg (UKHD)": a list's item
    caps = bool(place) and place.upper() == place and len(re.sub(r"\W", "", place)) >= 2
    first = place.split()[0].lower() if place else ""
    if first in _LABELS or (first in _NOT_PLACE and not caps) or re.search(r",\s[RDI]-", region):
        return False
    if place and not caps and len(place.split()) > 3:
        return False  # "Reviews of Call of Duty, Splinter Cell - …": a title-case phrase
    if sep.strip() == ":":
        return bool(place) and _colon_dateline(place, region.count(","), caps, rest)
    if place:  # "Apple (AAPL) —" is a company and its ticker
        return caps or bool(region) or bool(_AGENCIES.fullmatch(agency))
    return bool(agency) or bool(match.group("date") and match.group("wire"))


def take_dateline(text: str) -> tuple[str | None, str]:
    """Take a dateline ("BEIRUT (AP) —", "(CNN)", "NEW DELHI:") off an article's first
    paragraph: it is metadata, not part of the first sentence. Returns the dateline without
    its separator and the rest (a verbatim suffix of ``text``), or (None, ``text``)."""
    start = len(text) - len(text.lstrip())
    match = _DATELINE.match(text[start : start + _HEAD])
    if not match or not match.group("line").strip():
        return None, text
    rest = text[start + match.end() :].strip()
    if not _is_dateline(match, rest):
        return None, text
    return normalize_space(match.group("line")), rest


_SALUTATION = re.compile(rf"(?:DEAR|Dear)\s{_WORD}(?:\s{_WORD}){{0,3}}(?=\s?([:,]))")


def take_salutation(text: str) -> tuple[str | None, str]:
    """Take an advice column's salutation ("DEAR ABBY:", "Dear Annie:") off a paragraph, so
    it never opens a key point. Returns it without the colon and the rest, or (None, text)."""
    start = len(text) - len(text.lstrip())
    match = _SALUTATION.match(text[start : start + _HEAD])
    if not match:
        return None, text
    rest = text[start + match.end() :].lstrip()[1:].strip()
    if match.group(1) == "," and (not rest or not rest[0].isupper()):
        return None, text  # "Dear friends, we gathered": a sentence, not a salutation
    return normalize_space(match.group(0)), rest


def is_salutation(text: str) -> bool:
    """Whether a paragraph opens with an advice column's salutation."""
    return take_salutation(text)[0] is not None
