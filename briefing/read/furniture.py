"""Site furniture: the lines of a pasted or saved page that are not the article.

General rules, tested on real pages (tests/articles/), not one site's strings:

* **Prompts** go wherever they appear: "Share this article", social buttons, newsletter
  sign-ups, "Follow us on ...", copyright and policy lines, embed residue ("Report"); and
  **inline furniture**, which goes without ending the article: "Advertisement",
  affiliate disclosures, photo credits (with the caption line they close), "(AP Photo/…)"
  captions, "Read more: …" lines, image and video remnants.
* **Meta lines** go too: short lines that are a timestamp, a byline or a dateline
  ("By Sandee LaMotte, CNN", "Nov 19, 2019, 8:15 pm CST", "1 day ago").
* **The trailer**: the article ends before the first marker (a page-end prompt or a list header
  such as "You might also like", "Related stories", "Topics", "More from X") after which
  the article does not resume (no paragraph right after it, no run of three later). Everything from there goes, with the short
  labels just above it (category names such as "world").
* **Lists inside the body** ("Most read in world news" and its headlines) go from the
  header to the next run of body text.
* Short labels left dangling at the very end go last. (Furniture inside a line: ``inline``.)
"""

from __future__ import annotations

import re

from .inline import is_link_label

_I = re.IGNORECASE | re.VERBOSE
_PROMPT = re.compile(
    r"""^(?:
        (?:click\ to\ )?share(?:\ this)?(?:\ (?:article|story|page|post))?(?:\ (?:on|via)\ .{1,40})?
      | share\ this\ (?:article|story)\ .{0,40} | about\ sharing
      | facebook|twitter|x|reddit|linkedin|whatsapp|pinterest|flipboard|telegram|e-?mail|print
      | copy\ (?:link|url)|tweet|comments?|report|embed|skip\ \w+\ post|end\ of\ \w+\ post
      | view\ this\ post\ on\ instagram|allow\ \w+\ content\?
      | (?:sign\ up|subscribe)\b.{0,80}\b(?:newsletters?|e-?mails?|inbox|alerts?|updates|free|today|now|here|our)\b.{0,80}
      | (?:get|receive|join)\b.{0,80}\bnewsletters?\b.{0,80}
      | follow\ (?:us|[\w\ ]{1,30})\ on\ .{1,80} | follow\ us
      | listen\ to\ .{1,60}\ live\b.{0,80} | like\ us\ on\ facebook.{0,40}
      | .{0,120}(?:©|\(c\)|copyright|\b(?:19|20)\d{2}\b).{0,60}\ball\ rights\ reserved\.?
      | privacy(?:\ (?:policy|notice|&\ cookies|and\ cookies))?|cookie\ (?:policy|settings)
      | terms\ (?:of\ (?:use|service)|and\ conditions)|contact\ us|visit\ site
    )$""",
    _I,
)
# Furniture inside the article: goes, but does not mean the article has ended.
_INLINE = re.compile(
    r"""^(?:
        advertisement|advert|ad|sponsored(?:\ content)?|story\ continues\ below(?:\ advertisement)?
      | .{0,60}\bmay\ earn\ an?\ (?:affiliate\ )?commission\b.{0,160}
      | (?:image|photo|picture|video)\ (?:copyright|caption|credit|source)s?\b.{0,120}
      | (?:credit|photo|picture|image|source)s?\s*:\s*[^.!?]{1,60}
      | \(?(?:ap|afp|reuters|getty)\ (?:photo|images?)\b.{0,80}
      | .{0,60}\b(?:getty\ images|shutterstock|ap\ photo|afp\ via\ getty|reuters/)\b.{0,60}
      | .{0,400}\((?:ap|afp|reuters|getty|epa|photo)\b[^()]{0,80}\)
      | (?:read\ more|read\ also|related|see\ also|more|watch|listen)\s*:.{1,200}
      | \[?(?:image|photo|picture|video|graphic|gallery|audio)\]? | (?:play|watch)\ video
      | media\ playback\ is\ (?:unsupported|not\ supported)\ on\ your\ device
      | (?:image|photo|slide)\ \d+\ of\ \d+ | \d+\ (?:photos|images|pictures)
    )$""",
    _I,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\))?\s*\d{4})", re.I)
_LIST_HEADER = re.compile(
    r"""^(?:
        you\ (?:might|may)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)
      | related(?:\ (?:stories|articles|news|content|coverage|links|reading|topics|posts))?
      | read\ (?:more|next|also)(?:\ (?:on|about|from)\ .{1,60})? | see\ also
      | more\ (?:from|on|in|about)\ .{1,60} | more\ (?:stories|news|to\ read|like\ this)
      | (?:most\ (?:read|popular|viewed|shared))(?:\ (?:in|on|from)\ .{1,40})?
      | (?:trending(?:\ now)?|popular\ (?:now|articles|stories))
      | (?:recommended|recommended\ for\ you|editor'?s\ picks|top\ stories|latest\ news)
      | (?:what\ to\ read\ next|don'?t\ miss|also\ read|further\ reading|in\ other\ news)
      | must[\ -]reads?(?:\ .{1,40})? | story\ timeline | topics | tags
      | (?:\d+\ comments?|join\ the\ conversation|leave\ a\ comment)
      | (?:tags?|topics?|filed\ under|categories|keywords)\s*:.{0,200}
    )\s*(?::|…|\.\.\.)?$""",
    _I,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = rf"(?:\b{_MONTH}\s+\d{{1,2}}\b(?!:)|\b\d{{1,2}}\s+{_MONTH}(?!\w))"
_YEAR_OR_TIME = r"(?:\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b)"
_META_ANY = re.compile(
    r"""^(?:(?:first\ )?published|updated|posted|last\ (?:updated|modified))\b
      | \b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)
      | ^\d+\s*(?:s|m|h|d|mins?|minutes?|hours?|hrs?|days?|weeks?)\s+ago$""",
    _I,
)
_DATE_RE = re.compile(_DATE, _I)
_YEAR_OR_TIME_RE = re.compile(_YEAR_OR_TIME, _I)
_BYLINE = re.compile(r"^by\s+[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]*){0,7}$", re.I)
_BULLET = re.compile(r"^(?:[-*•·▪►>])\s+")
_TERMINAL = re.compile(r"""[.!?…。！？](?:\s?['"”’)\]」』])*$""")
_NO_WORDS = re.compile(r"^[^\w]*$")
_ATX_MARK = re.compile(r"^#{1,6}\s+")


def is_prompt(line: str) -> bool:
    """A stand-alone furniture line that goes wherever it appears (prompts are short), in
    a ``## `` head too (as the HTML reader writes heads); a link label too, unless it heads
    a list (which goes with it in strip_furniture)."""
    line = _ATX_MARK.sub("", line.strip(), count=1).strip()
    if _NO_WORDS.match(line) or _is_inline(line):
        return True  # separators and decoration ("* * *", "---"), adverts, captions
    return _is_page_end(line) or (is_link_label(line) and not is_list_header(line))


def _is_inline(line: str) -> bool:
    return len(line.split()) <= 80 and bool(_INLINE.match(line))


def _is_page_end(line: str) -> bool:
    """A prompt of the page's end: share, follow, newsletter, copyright, policies."""
    return bool(_COPYRIGHT.match(line)) or (len(line.split()) <= 80 and bool(_PROMPT.match(line)))


def is_list_header(line: str) -> bool:
    """A header that introduces a list of other stories or tags (also as a ``##`` heading)."""
    return bool(_LIST_HEADER.match(_ATX_MARK.sub("", line.strip())))


def is_meta(line: str) -> bool:
    """A byline, timestamp or dateline on a line of its own."""
    words = line.split()
    if _BYLINE.match(line):
        return True
    return len(words) <= 12 and not _TERMINAL.search(line) and _has_meta(line)


def _has_meta(line: str) -> bool:
    """A timestamp's words: "Published", "8:15 pm", "1 day ago", or a date and a year or
    time in either order. As ``DATE.*YEAR|YEAR.*DATE`` in one pattern, but each order is
    one search after the other's first match: the pattern retried ``.*`` from every time
    in a long token ("12:34:12:34:..."), quadratic."""
    if _META_ANY.search(line):
        return True
    for first, then in ((_DATE_RE, _YEAR_OR_TIME_RE), (_YEAR_OR_TIME_RE, _DATE_RE)):
        match = first.search(line)
        if match and then.search(line, match.end()):
            return True
    return False


def is_body(line: str) -> bool:
    """Text that reads like a paragraph: a sentence with its closing punctuation, or long."""
    words = len(line.split())
    if not line or _BULLET.match(line) or is_prompt(line):
        return False
    closed = bool(_TERMINAL.search(line)) or (words >= 4 and line.endswith(":"))
    return (words >= 3 and closed) or words >= 20


def is_label(line: str) -> bool:
    """A short line with no sentence in it: a category, a tag, a dangling subhead."""
    return len(line.split()) <= 4 and not _TERMINAL.search(line)


def _closes(line: str) -> bool:
    return bool(_TERMINAL.search(line)) or line.endswith(":")


def _unclosed_caption(line: str) -> bool:
    """A short line with no closing punctuation that is not a quotation: a caption, or a
    headline left over from a list."""
    return (
        not _closes(line)
        and len(line.split()) <= 30
        and not line.rstrip().endswith(tuple("\"”’'»"))
    )


def strip_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """Return ``(kept, dropped)``; blank lines are kept as paragraph separators."""
    dropped: list[str] = []
    lines = _cut_trailer(lines, dropped)
    following = _following(lines)
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and (is_prompt(line) or is_meta(line)):
            dropped.append(line)
        elif (
            line
            and following[i] is not None
            and _is_credit(following[i])
            and not _TERMINAL.search(line)
        ):
            dropped.append(line)  # a caption: the line a photo credit closes
        elif line and is_list_header(line):
            i = _drop_inner_list(lines, i, dropped, following)
            continue
        else:
            kept.append(line)
        i += 1
    _drop_trailing_labels(kept, dropped)
    return kept, dropped


def _following(lines: list[str]) -> list[str | None]:
    """For each line, the first non-blank line after it (None if there is none): one pass
    from the end, so each look-ahead costs O(1), not a scan of the rest of the page."""
    out: list[str | None] = [None] * len(lines)
    after: str | None = None
    for i in range(len(lines) - 1, -1, -1):
        out[i] = after
        if lines[i]:
            after = lines[i]
    return out


_CREDIT = re.compile(
    r"^(?:credit|photo|picture|image)s?\s*:|^\(?(?:ap|afp|reuters|getty)\b"
    r"|\b(?:getty images|shutterstock|ap photo)\b",
    re.I,
)


def _is_credit(line: str) -> bool:
    """A photo credit line (which closes the caption above it)."""
    return len(line.split()) <= 12 and bool(_CREDIT.search(line))


def _resumptions(lines: list[str], start: int) -> list[bool]:
    """For every line from ``start`` on, whether the article resumes after it: a paragraph
    comes first (or right after a prompt), or a run of three paragraphs comes anywhere
    later. One pass from the end, so each marker's answer costs O(1), not a scan of the
    rest of the page."""
    out = [False] * len(lines)
    resumes = pair = triple = False  # about the lines after the current one
    next_body = second_body = False  # the next two non-blank lines are paragraphs
    for i in range(len(lines) - 1, start - 1, -1):
        out[i] = resumes
        line = lines[i]
        if not line:
            continue
        body = is_body(line) and not is_meta(line)
        pair = pair or (next_body and is_prompt(line))
        triple = triple or (body and next_body and second_body)
        resumes = body or pair or triple
        next_body, second_body = body, next_body
    return out


def _cut_trailer(lines: list[str], dropped: list[str]) -> list[str]:
    """Drop the page's trailer; return the lines before it."""
    resumes: list[bool] | None = None  # computed at the first marker
    for i, line in enumerate(lines):
        if not (line and (is_list_header(line) or _is_page_end(line))):
            continue
        if resumes is None:
            resumes = _resumptions(lines, i)
        if not resumes[i]:
            start = i
            while start > 0 and (not lines[start - 1] or is_label(lines[start - 1])):
                start -= 1
            if not any(lines[:start]):
                return lines  # nothing would be left: not a trailer
            dropped.extend(line for line in lines[start:] if line)
            return lines[:start]
    return lines


def _drop_inner_list(
    lines: list[str], start: int, dropped: list[str], following: list[str | None]
) -> int:
    """Drop a list header inside the body and its items; return where body text resumes."""
    dropped.append(lines[start])
    first = True  # no non-blank line yet since the header
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if (
            line
            and is_body(line)
            and (first or len(line.split()) >= 30 or is_body(following[i] or ""))
        ):
            break
        if line:
            dropped.append(line)
            first = False
        i += 1
    return i


def _drop_trailing_labels(kept: list[str], dropped: list[str]) -> None:
    """Remove from the end what cannot close an article: blank lines, labels, and short
    lines without closing punctuation (captions, headlines left from a list). A run of
    more than four such lines is a list the article ends with (tour dates, results) and
    stays."""
    end = len(kept)
    while end and (
        not kept[end - 1] or is_label(kept[end - 1]) or _unclosed_caption(kept[end - 1])
    ):
        end -= 1
    tail = [line for line in kept[end:] if line]
    if len(tail) > 4:
        return
    del kept[end:]
    dropped.extend(tail)
