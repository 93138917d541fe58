"""Rankers: one name -> one way of ordering an article's sentences by importance.

Every ranker is called the same way, ``ranker(article) -> tuple of positions, best
first``, like sumy's ``summarizer(document, count)``. The sumy summarizers are wrapped
so that they rank *all* sentences in one pass: sumy's ``sentences_count`` may be a
callable that receives every sentence sorted by rating, which is exactly the ranking.

This package is the only place that imports sumy and NLTK; both are imported when a
ranker is first built, never at start-up.
"""

from __future__ import annotations

import random
import re
import warnings
from collections.abc import Callable
from functools import cache

from ..language import base_code, sumy_language
from ..model import Article

Ranker = Callable[[Article], tuple[int, ...]]
_WORD = re.compile(r"\w", re.UNICODE)


# Scripts written without spaces: a "word" of NLTK's tokenizer there is a whole clause, so
# runs of these characters are read as overlapping character pairs instead (the usual
# dictionary-free stand-in for words in Chinese and Japanese retrieval).
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class SumyTokenizer:
    """The tokenizer object sumy needs: our Punkt sentences in the article's language (an
    ISO 639-1 code; None is English), NLTK's data-free words."""

    def __init__(self, language: str | None = None) -> None:
        from nltk.tokenize.destructive import NLTKWordTokenizer

        self._code = language
        self.language = sumy_language(language)
        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from ..sentences import split_sentences

        return split_sentences(paragraph, self._code)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        words: list[str] = []
        for word in self._words.tokenize(sentence):
            if not _WORD.search(word):
                continue
            if _UNSPACED.search(word):
                words.extend(_character_pairs(word))
            else:
                words.append(word)
        return tuple(words)


def _character_pairs(word: str) -> list[str]:
    """A token holding Chinese or Japanese text as its runs' character pairs (a lone
    character as itself), and whatever else it holds as it is."""
    pieces: list[str] = []
    at = 0
    for run in _UNSPACED.finditer(word):
        if run.start() > at and _WORD.search(word[at : run.start()]):
            pieces.append(word[at : run.start()])
        text = run.group()
        pieces.extend([text] if len(text) == 1 else (text[i : i + 2] for i in range(len(text) - 1)))
        at = run.end()
    if at < len(word) and _WORD.search(word[at:]):
        pieces.append(word[at:])
    return pieces


def _nlp(language: str | None = None) -> tuple[SumyTokenizer, Callable[[str], str], frozenset[str]]:
    """Tokenizer, stemmer and stop words for an article in ``language`` (ISO code)."""
    return _nlp_for(sumy_language(language), base_code(language))


@cache  # keyed by sumy's name and the bare ISO code: a bounded set
def _nlp_for(name: str, code: str | None):
    return SumyTokenizer(code), _stemmer(name), _stop_words(name)


def _stemmer(name: str) -> Callable[[str], str]:
    """sumy's stemmer for the language if it works offline, else the English one: Greek and
    Polish need packages not installed, Turkish and Thai have none; the others are NLTK's
    Snowball stemmers, plain code with no data to download."""
    from sumy.nlp.stemmers import Stemmer

    try:
        stemmer = Stemmer(name)
        stemmer("test")  # Greek and Polish fail only when first used
    except (LookupError, ValueError, ImportError):
        stemmer = Stemmer("english")
    return stemmer


def _stop_words(name: str) -> frozenset[str]:
    """sumy's stop words for the language, English where sumy has none (Russian, Dutch):
    they cost nothing in another language and keep English insertions in check."""
    from sumy.utils import get_stop_words

    try:
        return frozenset(get_stop_words(name))
    except LookupError:
        return frozenset(get_stop_words("english"))


def sumy_document(article: Article):
    """The article as sumy's document model: title and subheads as headings."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _nlp(article.metadata.language)[0]
    paragraphs = []
    if article.title:
        paragraphs.append(Paragraph([Sentence(article.title, tokenizer, is_heading=True)]))
    for section in article.sections:
        heading = [Sentence(section.heading, tokenizer, is_heading=True)] if section.heading else []
        for p_i, paragraph in enumerate(section.paragraphs):
            texts = (paragraph.sentences[i] for i in paragraph.candidates())
            sentences = [Sentence(text, tokenizer) for text in texts]
            paragraphs.append(Paragraph((heading if p_i == 0 else []) + sentences))
    return ObjectDocumentModel(paragraphs)


# Edmundson's cue method needs words that signal (bonus) or discount (stigma) a sentence.
# Edmundson (1969) chose them for scientific papers; these are for news: reporting verbs,
# the actors and numbers of hard news up, hedges, first/second person and page prompts down.
EDMUNDSON_BONUS = frozenset(
    [
        "said",
        "announced",
        "confirmed",
        "reported",
        "according",
        "officials",
        "authorities",
        "police",
        "government",
        "president",
        "minister",
        "killed",
        "arrested",
        "charged",
        "died",
        "injured",
        "million",
        "billion",
        "percent",
        "first",
        "new",
        "major",
        "agreed",
        "warned",
    ]
)
EDMUNDSON_STIGMA = frozenset(
    [
        "perhaps",
        "maybe",
        "might",
        "hardly",
        "allegedly",
        "rumor",
        "rumour",
        "speculated",
        "opinion",
        "i",
        "me",
        "my",
        "you",
        "your",
        "click",
        "subscribe",
        "photo",
        "video",
        "watch",
    ]
)


def _plain(summarizer, stop_words) -> None:
    summarizer.stop_words = stop_words  # sumy's only way to pass them


def _edmundson(summarizer, stop_words) -> None:
    summarizer.bonus_words = EDMUNDSON_BONUS
    summarizer.stigma_words = EDMUNDSON_STIGMA
    summarizer.null_words = stop_words


def _sumy_ranker(class_path: str, configure=_plain, **options) -> Ranker:
    """A ranker from a sumy summarizer class, built and configured in one place."""
    module_name, class_name = class_path.rsplit(".", 1)

    def rank(article: Article) -> tuple[int, ...]:
        import importlib

        summarizer_class = getattr(importlib.import_module(module_name), class_name)
        _, stemmer, stop_words = _nlp(article.metadata.language)
        summarizer = summarizer_class(stemmer, **options)
        configure(summarizer, stop_words)
        order: list[int] = []

        def capture(infos):  # infos arrive sorted by rating, best first
            order.extend(info.order for info in infos)
            return infos

        with (
            warnings.catch_warnings()
        ):  # LexRank divides 0/0 on degenerate texts; order stays whole
            warnings.simplefilter("ignore", RuntimeWarning)
            summarizer(sumy_document(article), capture)
        return tuple(order)

    return rank


def lead(article: Article) -> tuple[int, ...]:
    """Document order: the news baseline (Lead-N)."""
    return tuple(range(len(article.sentences())))


def seeded_random(article: Article) -> tuple[int, ...]:
    """A random order that is the same for the same article (a floor to beat)."""
    order = list(range(len(article.sentences())))
    random.Random(f"{article.title}|{len(order)}").shuffle(order)
    return tuple(order)


def _default(article: Article) -> tuple[int, ...]:
    from .default import rank_default

    return rank_default(article)


RANKERS: dict[str, tuple[str, Ranker]] = {
    "default": ("Learned ranker", _default),
    "lexrank": ("LexRank", _sumy_ranker("sumy.summarizers.lex_rank.LexRankSummarizer")),
    "textrank": ("TextRank", _sumy_ranker("sumy.summarizers.text_rank.TextRankSummarizer")),
    "lsa": ("LSA", _sumy_ranker("sumy.summarizers.lsa.LsaSummarizer")),
    "luhn": ("Luhn", _sumy_ranker("sumy.summarizers.luhn.LuhnSummarizer")),
    "sumbasic": ("SumBasic", _sumy_ranker("sumy.summarizers.sum_basic.SumBasicSummarizer")),
    "kl": ("KL-Sum", _sumy_ranker("sumy.summarizers.kl.KLSummarizer")),
    "reduction": ("Reduction", _sumy_ranker("sumy.summarizers.reduction.ReductionSummarizer")),
    "edmundson": (
        "Edmundson",
        _sumy_ranker(
            "sumy.summarizers.edmundson.EdmundsonSummarizer",
            _edmundson,
            cue_weight=1.0,
            key_weight=1.0,
            title_weight=1.0,
            location_weight=1.0,
        ),
    ),
    "lead": ("Lead", lead),
    "random": ("Random", seeded_random),
}
