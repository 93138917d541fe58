"""Furniture inside a paragraph, and link labels on a line of their own.

``furniture`` removes whole lines. Pages also glue furniture onto the text itself: a
newsletter prompt as a paragraph's last sentence, "[Related: …]" in brackets, a copyright
notice after the last sentence, a sponsor line before the first, and hover cards that the
HTML extractor concatenated into a sentence ("Gov. Kristi NoemKristi Lynn NoemSouth Dakota
governor … MORE (R) is defending"). A bullet must be a verbatim sentence of the source,
so ``strip_inline`` only ever removes whole pieces and never rewrites a word:

* whole sentences (as the project's sentence splitter cuts them) that are a prompt, a
  related-link label, a reprint or copyright notice, or a sponsor or affiliate disclosure;
  each pattern is anchored at the sentence's first word and bounded, so a sentence that
  only mentions a newsletter ("Subscribers to the newsletter rose 20%") or starts with a
  quotation mark stays;
* bracketed related links ("[Related: …]", "(READ MORE: …)") wherever they are;
* hover cards, recognised by two marks together: a name glued with no space to a longer
  name ending in the same word ("NoemKristi Lynn Noem"), and the card's closing link
  " MORE" within 1,500 characters. A glued name without that closing mark stays: where
  its card ends cannot be told from the text.

Every pattern is anchored or bounded (no unbounded ``.*`` after a repeatable start), so
the work is linear in the paragraph's length.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..sentences import split_sentences

_I = re.IGNORECASE | re.VERBOSE
_ATX_MARK = re.compile(r"^#{1,6}\s+")
_REMNANT_WORDS = 3  # what is left of a paragraph cut in two places or more: its remnant
_LONGEST_PIECE = 400  # characters: no furniture sentence is longer (guards the patterns)

# Labels that introduce a link to another story, in the languages of the pages seen.
_LINK_LABEL = r"""(?:related(?:\ (?:stories|articles|coverage|content|reading))?
    | read\ (?:more|also|next) | see\ (?:more|also) | also\ read | more | also | watch
    | listen | recommended | leggi\ anche | lesen\ sie\ auch | (?:à\ )?lire\ aussi
    | lea\ también | leia\ (?:também|mais) | veja\ também | saiba\ mais | ver\ también
    | also\ (?:on|at|from|in)\ [^:]{1,40})"""
_CLICK = r"""(?:click|tap)\ here | clique\ aqui | cliquez\ ici | klicken\ sie\ hier
    | haga\ clic\ aquí | clicca\ qui"""
# A membership, subscription or donation pitch ("If you enjoyed this article, we have a
# proposition for you: Join NRPLUS.", "Members get all of our content …, no paywalls …",
# "NRPLUS members help keep NR going."), a paywall's notice.
_PITCH = r"""(?:
        if\ you\ (?:enjoy(?:ed)?|lik(?:e|ed)|valu(?:e|ed)|appreciat(?:e|ed)|found)\ (?:this|our|reading)\b
          .{0,150}?\b(?:join|subscri|become\ a|support|donat|members?(?:hip)?\b|proposition)
          .{0,120}
      | (?:[\w-]+\ ){0,2}(?:members|subscribers)\ (?:get|enjoy|receive)\ (?:all|unlimited|full
          |exclusive|unique|ad-free|access)\b.{0,300}?\b(?:our|paywalls?|ad-free|advertising)\b.{0,300}
      | (?:and\ )?(?:[\w,]+\ ){0,2}(?:our\ |your\ )?(?:[\w-]+\ )?(?:members(?:hips)?|subscribers
          |subscriptions|donations|support|readers\ like\ you)\ (?:helps?\ )?(?:keep|keeps|make|makes)
          \ (?:us|it|(?-i:[A-Z])[\w-]*|(?:our|this)\ [\w-]+)\ (?:going|possible|alive|afloat|independent)[.!]?
      | (?:please\ )?(?:consider\ )?(?:support(?:ing)?|donat(?:e|ing)\ to|fund(?:ing)?)\ (?:our|independent
          |local|quality)\ (?:[\w-]+\ )?(?:journalism|reporting|newsroom|work)\b.{0,150}
      | (?:become\ a|join\ (?:us\ as\ a|our))\ (?:[\w-]+\ )?(?:member|subscriber|supporter|patron)s?\b.{0,150}
      | you(?:'ve|\ have)\ (?:reached|read|used)\ (?:your|the|all)\ (?:[\w-]+\ ){0,3}(?:limit|free\ (?:articles?|stories))
          \b.{0,150}
    )"""
# A whole sentence that is furniture: prompts, link labels, reprint and copyright
# notices, sponsor lines. Matched with fullmatch on one sentence.
_SENTENCE = re.compile(
    rf"""(?:
        (?:sign\ up|subscribe|register)\b.{{0,100}}?\b(?:newsletters?|(?:our|free)\ e-?mails?
          |inbox|alerts?|updates|briefings?|digest|podcast|youtube|channel)\b.{{0,100}}
      | (?:get|receive)\b.{{0,100}}?\b(?:delivered|sent|right|straight|directly)\b
          .{{0,30}}?\byour\ (?:inbox|mailbox|letterbox|e-?mail)\b.{{0,100}}
      | (?:keep\ an\ eye\ on|check)\ your\ inbox\b.{{0,100}}
      | follow\ (?:us|me|him|her|them|[\w.@'’-]{{1,30}}(?:\ [\w.@'’-]{{1,30}}){{0,3}})
          \ (?:on|at|via)\ (?:twitter|facebook|instagram|linkedin|tiktok|youtube|threads
          |mastodon|bluesky|flipboard|x\b|@).{{0,100}}
      | (?:{_CLICK})\b.{{0,150}}
      | (?:download|get)\ (?:the|our)\b.{{0,60}}?\bapps?\b.{{0,80}}
      | read\ (?:our|the\ full)\b.{{0,100}}
      | (?:for\ more(?:\ (?:information|details|info))?,?\ )?(?:learn|read|find\ out|see)\ more
          (?:\ (?:here|at\ .{{1,40}}))?[.!]?
      | (?:have|got)\ a\ (?:news\ )?tip\?
      | this\ (?:article|story|post|piece|report)\ (?:was|is|has\ been|first)
          \ (?:originally\ |first\ )?(?:published|appeared|posted|reprinted|republished)\b.{{0,150}}
      | (?:originally|first)\ (?:published|appeared|posted)\ (?:on|in|at|by)\b.{{1,100}}
      | (?:reprinted|republished|reproduced|used)\ (?:with|by)\ (?:the\ )?(?:kind\ )?permission\b.{{0,100}}
      | (?:©|\(c\)\s*(?:19|20)\d{{2}}\b).{{0,200}} | copyright\s*(?:©|\(c\))?\s*(?:19|20)\d{{2}}\b.{{0,200}}
      | copyright\ (?-i:[A-Z][^\s.]{{0,29}})(?:\ (?-i:[A-Z&][^\s.]{{0,29}})){{0,3}}
          \ (?:19|20)\d{{2}}\b.{{0,80}}
      | all\ rights\ reserved\.?
      | this\ material\ may\ not\ be\ (?:published|broadcast|rewritten|redistributed)\b.{{0,100}}
      | this\ (?:sponsored\ )?(?:deal|post|article|content|story|review|series|newsletter)
          \ (?:is|was)\ (?:brought\ to\ you|sponsored|paid\ for|presented|supported)\ by\b.{{1,100}}
      | disclosures?\s*:.{{1,300}}
      | (?:this|the)\ (?:shop|post|review|article|content|video|blog(?:\ post)?)\ (?:has|was)
          \ been\ compensated\ by\b.{{0,200}} | i\ (?:was|have\ been|am\ being)\ compensated\b.{{0,200}}
      | (?:add|put|save)\ (?:us|this\ (?:page|site))\ (?:to|in)\ your\ (?:favou?rites|bookmarks)\b.{{0,100}}
      | coloque(?:-nos)?\ (?:nos|em|entre)\ (?:seus|os\ seus)\ favoritos\b.{{0,100}}
      | (?:[\w\ ]{{1,20}}:\s*)?(?:get|find|see|discover|check\ out)\ (?:more|all|our|other)\b.{{0,80}}\bhere[.!]?
      | (?:[\w\ ]{{1,20}}:\s*)(?:learn|read|find\ out)\ more\ about\b.{{0,150}}
      | read\ (?:about\ )?.{{0,60}}\bin\ (?:the|our|my)\ next\ (?:article|post|part|installment|story)\b.{{0,120}}
      | all\ opinions\ (?:are|expressed\ are)\ (?:my|mine|our|ours)(?:\ own|\ alone)?\b.{{0,60}}
      | welcome\ to\ [^,.]{{1,60}},\ (?:your|the)\ (?:[\w-]+\ ){{0,3}}(?:source|home|destination
          |guide|place|spot|hub|go-to)\ (?:for|of|to)\b.{{0,150}}
      | {_PITCH}
    )""",
    _I,
)
# Two more whole-sentence forms, kept apart because they may begin anywhere in the
# sentence, which costs the pattern engine a scan: three quarters of _SENTENCE's time on
# news text. Each holds a literal that a substring test finds first ("@", "coment" or
# "comment"); a sentence is furniture when _SENTENCE or one of these matches it whole.
_CONTACT = re.compile(
    r".{0,60}\b(?:may|can)\ be\ (?:reached|contacted|emailed)\ (?:at|via)\ [\w.+-]+@[\w-]+\.\w.{0,80}",
    _I,
)
_NO_COMMENTS = re.compile(
    r""".{0,100}\b(?:comments?|coment[aá]rios?|comentarios?)\b.{0,150}\b(?:will\ not\ be|won'?t\ be
      |não\ serão|no\ serán)\ (?:approved|published|moderated|aprovados|publicados|aprobados)\b.{0,120}""",
    _I,
)
# A link to another story after its label: "READ MORE: Richard III had roundworm infection."
_LABELLED = re.compile(
    rf"""(?:{_LINK_LABEL}\s*:|(?:leggi\ anche|lesen\ sie\ auch|(?:à\ )?lire\ aussi)\b:?)
    \s*(\S.{{0,250}})""",
    _I,
)
# More words after the label are a headline run into the next sentence ("More: The best
# and worst adaptations of "Cinderella" Liam Neeson, Ed Harris and Joel Kinnaman star in
# …"): where the headline ends cannot be told, so all of it stays.
_HEADLINE_WORDS = 20
# An affiliate disclosure: "may earn a commission" together with the links or the page.
_COMMISSION = re.compile(
    r"\bmay\ (?:earn|receive|get|collect)\ (?:an?\ )?(?:small\ )?(?:affiliate\ )?"
    r"(?:commission|share\ of\ (?:the\ )?(?:sale|revenue)|compensation)\b",
    _I,
)
_COMMISSION_CONTEXT = re.compile(
    r"\b(?:links?|this\ (?:page|post|article|story|site)|our\ site|purchases?|buy|featured)\b",
    _I,
)
_BRACKETED = re.compile(
    rf"[\[(]\s*{_LINK_LABEL}\s*:[^\[\]()]{{1,300}}[\])]",
    _I,
)


def strip_inline(text: str, language: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Return ``(text, removed)``: the paragraph without the furniture pieces in it, and
    those pieces in order. What is left is the paragraph minus whole pieces (sentences,
    bracketed links, hover cards), the space at each cut collapsed to one; an unchanged
    paragraph comes back as it was given. May return ``""`` when all of it is furniture.
    ``text`` is one paragraph, whitespace already normalised; ``language`` its ISO code,
    for the sentence splitter."""
    removed: list[str] = []
    text = _cut(text, _card_spans(text), removed)
    text = _cut(text, [m.span() for m in _BRACKETED.finditer(text)], removed)
    text = _cut(text, _sentence_spans(text, language), removed)
    if len(removed) >= 2 and len(text.split()) <= _REMNANT_WORDS:
        removed.append(text)  # "Consider it?", all that is left of a pitch
        text = ""
    return text, tuple(removed)


def _cut(text: str, spans: list[tuple[int, int]], removed: list[str]) -> str:
    """``text`` without the (ordered, disjoint) spans, recorded in ``removed``. At each cut
    one space is kept if there was a space on either side ("hit [x] on" is "hit on"), none
    if neither ("said [x]." is "said.")."""
    if not spans:
        return text
    out: list[str] = []
    start = 0
    for begin, end in spans:
        removed.append(text[begin:end])
        out.append(text[start:begin])
        start = end
    out.append(text[start:])
    result = out[0]
    for piece in out[1:]:
        spaced = result[-1:].isspace() or piece[:1].isspace()
        result, piece = result.rstrip(), piece.lstrip()
        result += " " + piece if spaced and result and piece else piece
    return result.strip()


def _sentence_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """Where the sentences of ``text`` that are furniture are."""
    spans: list[tuple[int, int]] = []
    position = 0
    for sentence in split_sentences(text, language):
        begin = text.find(sentence, position)
        if begin < 0:  # not a verbatim slice (cannot happen on normalised text): keep all
            return []
        position = begin + len(sentence)
        if is_furniture_sentence(sentence):
            spans.append((begin, position))
    return spans


# A disclosure that the text is an advert: "This sponsored deal is brought to you by
# Dashlane.", "Sponsored by Acme.", "This content is paid for by …". Its section is not
# the site's own editorial (``blocks.build`` takes it out of ranking).
_SPONSOR = re.compile(
    r"""(?:this\ (?:sponsored\ )?(?:deal|post|article|content|story|review|series|newsletter
        |section|feature|guide|page|offer)\ (?:is|was|has\ been)\ (?:brought\ to\ you|sponsored
        |paid\ for|presented|supported|produced|created)\ (?:by|in\ partnership\ with)\b.{1,100}
      | (?:sponsored|paid\ for|brought\ to\ you)\ by\ [^,;]{1,60}
      | (?:this\ is\ (?:a|an)\ )?(?:sponsored|paid|partner|promoted)\ (?:post|content|article|story
        |feature|deal)(?:\ (?:by|from|for|with)\ .{1,60})?[.!]?)""",
    _I,
)
# A word each of _SPONSOR's forms holds: a substring test finds them far faster than the
# pattern below can look for its openings.
_SPONSOR_WORDS = (
    "sponsor", "paid", "brought", "partner", "promoted", "presented", "supported", "produced",
    "created",
)  # fmt: skip
# The opening of each of _SPONSOR's forms, across any spacing: only text holding one is
# split to be checked ("paid" or "partner" alone are everyday news words).
_SPONSOR_HINT = re.compile(
    r"""this\s+(?:sponsored\s+)?(?:deal|post|article|content|story|review|series|newsletter
        |section|feature|guide|page|offer)\s+(?:is|was|has\s+been)\s
      | (?:sponsored|paid\s+for|brought\s+to\s+you)\s+by\s
      | (?:sponsored|paid|partner|promoted)\s+(?:post|content|article|story|feature|deal)""",
    re.VERBOSE,  # searched in the lower-cased text: far faster than ignoring case
)


def is_sponsor_disclosure(text: str, language: str | None = None) -> bool:
    """Whether a sentence of ``text`` says the text around it is sponsored or paid for."""
    lowered = text.lower()
    if not any(word in lowered for word in _SPONSOR_WORDS) or not _SPONSOR_HINT.search(lowered):
        return False
    return any(
        len(s) <= _LONGEST_PIECE and _SPONSOR.fullmatch(s.strip())
        for s in split_sentences(text, language)
    )


def is_furniture_sentence(sentence: str) -> bool:
    """One sentence that is a prompt, a link label, a notice or a disclosure, not news."""
    sentence = sentence.strip()
    if len(sentence) > _LONGEST_PIECE:
        return False
    lowered = sentence.lower()
    if (
        _SENTENCE.fullmatch(sentence)
        or ("@" in sentence and _CONTACT.fullmatch(sentence))
        or (("coment" in lowered or "comment" in lowered) and _NO_COMMENTS.fullmatch(sentence))
    ):
        return True
    labelled = _LABELLED.fullmatch(sentence)
    if labelled:
        return len(labelled.group(1).split()) <= _HEADLINE_WORDS
    return bool(
        "may" in lowered  # _COMMISSION's one literal
        and _COMMISSION.search(sentence)
        and _COMMISSION_CONTEXT.search(sentence)
    )


# A capitalised word glued to the capital that starts the next name: "NoemKristi".
_GLUE = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]{0,30}[a-z](?=[A-Z])")
_CARD_END = re.compile(r"(?<![A-Z])MORE(?![\w'’-])")
_CARD_CHARS = 1500  # the longest card: a name and three headlines
_CARD_NAME_WORDS = 6  # words in the card's name, "Addison (Mitch) Mitchell McConnell"


def _card_spans(text: str) -> list[tuple[int, int]]:
    """Where the hover cards glued into ``text`` are: from the card's name to its " MORE".
    The ends are found once for the whole text, so each glued name costs O(1) to check."""
    ends = [m.end() for m in _CARD_END.finditer(text)]
    if not ends:
        return []
    spans: list[tuple[int, int]] = []
    position = 0
    for glue in _GLUE.finditer(text):
        begin = glue.end()
        if begin < position or not _repeats_name(text, begin, glue.group()):
            continue
        k = bisect.bisect_left(ends, begin)
        if k < len(ends) and ends[k] - begin <= _CARD_CHARS:
            spans.append((begin, ends[k]))
            position = ends[k]
    return spans


def _repeats_name(text: str, begin: int, last: str) -> bool:
    """Whether the name starting at ``begin`` ends, within a few capitalised words, in the
    word ``last`` glued before it: "Kristi Lynn Noem" after "Noem", "Alexandria
    Ocasio-Cortez" (glued to the card's first headline) after "Ocasio-Cortez"."""
    words = text[begin : begin + 40 * _CARD_NAME_WORDS].split(" ", _CARD_NAME_WORDS)
    for word in words[:_CARD_NAME_WORDS]:
        if word.startswith(last) and not word[len(last) : len(last) + 1].islower():
            return True
        if not word[:1].isupper() and not word.startswith("("):
            return False
    return False


_MINUTES = r"(?:min(?:ute)?s?|minutos?|minuti|minuten)"
# A line that is a link, a reading-time label or a promo: it labels the page, not a part
# of the article, so it is no subhead.
_LINK_LINE = re.compile(
    rf"""(?:
        {_LINK_LABEL}\s*:(?:\s*\S.{{0,200}})? | related | more | see\ more | read\ more
      | (?:{_CLICK})\b.{{0,150}}
      | (?:tempo\ de\ leitura|tiempo\ de\ lectura|tempo\ di\ lettura|temps\ de\ lecture
          |lesezeit|leestijd|(?:estimated\ )?read(?:ing)?\ time)\s*:?\s*(?:about\ |approx\.?\ |cerca\ de\ |ca\.\ )?
          \d{{1,3}}(?:\s*[-–]\s*\d{{1,3}})?\s*{_MINUTES}\.?
      | \d{{1,3}}[\s-]*{_MINUTES}\.?\ (?:read|reading|de\ leitura|de\ lectura|lesezeit)
      | story\ continues\ (?:below|after)\b.{{0,40}}
      | (?:from\ )?(?:staff|wire)\ reports? | staff\ writer
      | listen\ to\ (?:this|the)\ (?:article|story)\b.{{0,40}} | listen\ now
      | (?:see|view|buy|shop|get)\ it\ (?:now|here)\b.{{0,60}}
      | advertisement|advert|sponsored(?:\ content)?|paid\ content|promoted(?:\ content)?
    )[.!]?""",
    _I,
)


def is_link_label(line: str) -> bool:
    """A whole line (a ``## `` heading too) that labels a link, the reading time or a
    promotion ("SEE MORE: …", "3 min read", "Story continues below gallery", "CLICK HERE
    …"), or whose every sentence is furniture: it is not a subhead, and nothing of it is
    news. Sentence by sentence, as a pattern's bounded tail could take in a sentence of
    news after a prompt ("Get X delivered to your door. 12 issues for £11.99.")."""
    line = _ATX_MARK.sub("", line.strip(), count=1).strip()
    if not line or len(line) > 2 * _LONGEST_PIECE:
        return False
    return bool(_LINK_LINE.fullmatch(line)) or _all_furniture(line)


@lru_cache(maxsize=4096)
def _all_furniture(line: str) -> bool:
    """Whether every sentence of ``line`` is furniture; cached, as the furniture rules ask
    of one line several times and splitting it into sentences is the costly part."""
    return all(is_furniture_sentence(sentence) for sentence in split_sentences(line))
