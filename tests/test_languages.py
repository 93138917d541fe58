"""Languages (issue 13, point 6): detection, the splitter's and sumy's names for a language,
and splitting that stays linear with the new rules. Sentence answers are in test_sentences.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.language import detect, punkt_name, sumy_language
from briefing.model import Article, Metadata, Paragraph, Section
from briefing.summarize.rankers import RANKERS, SumyTokenizer, _nlp

SCRIPTS = Path(__file__).parent / "scripts"

# Short news paragraphs written for these tests, in the register of a wire story.
SAMPLES = {
    "en": "The city council approved the new flood defences on Monday after a long debate, "
    "and officials said work on the river banks would begin in the spring.",
    "de": "Der Stadtrat hat am Montag nach langer Debatte den neuen Hochwasserschutz "
    "beschlossen. Die Arbeiten an den Flussufern sollen im Frühjahr beginnen.",
    "fr": "Le conseil municipal a approuvé lundi les nouvelles digues après un long débat. "
    "Les travaux sur les berges du fleuve commenceront au printemps.",
    "es": "El ayuntamiento aprobó el lunes las nuevas defensas contra las inundaciones tras "
    "un largo debate. Las obras en las orillas del río comenzarán en primavera.",
    "it": "Il consiglio comunale ha approvato lunedì le nuove difese contro le alluvioni dopo "
    "un lungo dibattito. I lavori sugli argini del fiume inizieranno in primavera.",
    "pt": "A câmara municipal aprovou na segunda-feira as novas defesas contra cheias depois "
    "de um longo debate. As obras nas margens do rio começam na primavera.",
    "ru": "Городской совет в понедельник после долгих споров утвердил новую защиту от "
    "наводнений. Работы на берегах реки начнутся весной.",
    "zh": "市议会周一经过长时间辩论后批准了新的防洪工程。官员表示，河岸工程将于明年春天开始。",
    "ja": (SCRIPTS / "ja.txt").read_text(encoding="utf-8"),
    "ko": (SCRIPTS / "ko.txt").read_text(encoding="utf-8"),
    "hi": (SCRIPTS / "hi.txt").read_text(encoding="utf-8"),
    "ar": (SCRIPTS / "ar.txt").read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("code", SAMPLES)
def test_detects_the_language_of_a_news_paragraph(code):
    assert detect(SAMPLES[code]) == code


@pytest.mark.parametrize("text", ["", "OK", "Hello", "Paris, 12 May", "123 456 789 000", "!!! ..."])
def test_too_little_text_has_no_language(text):
    """Catches a detector that always answers: py3langid calls "Hello" Breton."""
    assert detect(text) is None


def test_only_the_start_of_a_long_text_is_examined():
    """Catches examining the whole text (cost unbounded): German first, then far more English."""
    text = SAMPLES["de"] * 40 + SAMPLES["en"] * 400
    assert len(SAMPLES["de"] * 40) > 5_000
    assert detect(text) == "de"


def test_importing_the_splitter_does_not_load_the_detector():
    """Start-up stays light: py3langid and its model load on the first detect() only."""
    code = (
        "import sys, briefing.language, briefing.sentences\n"
        "assert 'py3langid' not in sys.modules\n"
        "briefing.language.detect('Der Stadtrat hat am Montag den Hochwasserschutz beschlossen.')\n"
        "assert 'py3langid' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize(
    "code, name",
    [
        ("de", "german"),
        ("de-AT", "german"),
        ("pt_BR", "portuguese"),
        ("EN", "english"),
        ("ja", "japanese"),
        ("zh", "chinese"),
        ("hi", "hindi"),
        ("nb", "norwegian"),
        (None, "english"),
        ("", "english"),
        ("th", "english"),  # Thai is out of scope
        ("xx", "english"),
    ],
)
def test_punkt_names(code, name):
    assert punkt_name(code) == name


def test_every_punkt_name_is_one_the_package_can_build():
    """Catches a misspelt name in the table: it would silently split as an empty model."""
    import punkt
    from punkt.rules.presets import for_language

    from briefing.language import _PUNKT_NAMES

    known = set(punkt.available_languages()) | set(punkt.PREFIX_LANGUAGES)
    for name in set(_PUNKT_NAMES.values()):
        if name not in known:
            for_language(name)  # a rule preset, or LookupError


@pytest.mark.parametrize(
    "code, word, stem",
    [
        ("de", "Häuser", "haus"),
        ("fr", "continuellement", "continuel"),
        ("es", "corriendo", "corr"),
        ("ru", "книгами", "книг"),
        (None, "running", "run"),
    ],
)
def test_sumy_stems_in_the_article_language(code, word, stem):
    """Catches English stemming of every article (the old fixed Stemmer("english"))."""
    assert _nlp(code)[1](word.lower()) == stem


def test_sumy_stop_words_follow_the_language_with_english_where_it_has_none():
    assert "und" in _nlp("de")[2] and "the" not in _nlp("de")[2]
    assert "the" in _nlp("ru")[2]  # sumy has no Russian list
    assert "the" in _nlp(None)[2]


@pytest.mark.parametrize("code", ["el", "pl", "tr", "th"])
def test_sumy_languages_whose_stemmer_needs_more_fall_back_to_english(code):
    """Greek and Polish need packages not installed, Turkish and Thai have no stemmer."""
    assert _nlp(code)[1]("running") == "run"


def test_sumy_tokenizer_passes_the_language_on():
    tokenizer = SumyTokenizer("de")
    assert tokenizer.language == "german" and sumy_language("de-CH") == "german"
    assert tokenizer.to_sentences("Das ist bzw. Digital gut. Und dann.") == (
        "Das ist bzw. Digital gut.",
        "Und dann.",
    )
    assert SumyTokenizer().to_sentences("Gen. Smith left. He came back.") == (
        "Gen. Smith left.",
        "He came back.",
    )


def test_unspaced_text_is_read_in_character_pairs():
    """Catches whole clauses as sumy "words" (no two sentences would share one)."""
    words = SumyTokenizer("ja").to_words("大雪の影響で、東北新幹線 JR東日本")
    assert words == (
        "大雪",
        "雪の",
        "の影",
        "影響",
        "響で",
        "東北",
        "北新",
        "新幹",
        "幹線",
        "JR",
        "東日",
        "日本",
    )


@pytest.mark.parametrize("method", ["lexrank", "luhn", "edmundson"])
def test_a_german_article_ranks_with_german_nlp(method):
    sentences = (
        "Der Stadtrat hat den Hochwasserschutz beschlossen.",
        "Die Arbeiten am Hochwasserschutz beginnen im Frühjahr.",
        "Das Wetter war gut.",
    )
    article = Article(
        "x",
        "Hochwasserschutz beschlossen",
        (Section(None, (Paragraph(" ".join(sentences), sentences),)),),
        metadata=Metadata(language="de"),
    )
    order = RANKERS[method][1](article)
    assert sorted(order) == [0, 1, 2]


# Each snippet runs in a fresh interpreter, as in test_linear.py; any per-candidate scan of
# the rest of the text (or of a growing joined sentence) would take minutes on these.
PATHOLOGICAL = {
    "glued stops in one token": "'ab.Cd' * 200_000",
    "glued stops in words": "'word.Next ' * 150_000",
    "ideographic stops": "'字。' * 300_000",
    "dandas": "'शब्द। ' * 200_000",
    "unclosed quotations": "'\"Go on. ' * 150_000",
    "open typographic quotes": "'“We go. ' * 150_000",
    "German abbreviations": "'Es gilt bzw. Digital. ' * 100_000",
}
LANGUAGES = {"ideographic stops": "ja", "dandas": "hi", "German abbreviations": "de"}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_splitting_stays_linear(name):
    code = (
        "from briefing.sentences import split_sentences\n"
        f"split_sentences({PATHOLOGICAL[name]}, {LANGUAGES.get(name)!r})\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_default_rankers_stop_words_can_follow_the_language():
    """features.sentence_features(..., language=) for the default ranker: English as before
    without a language; German stop words for German (the English list removes nothing)."""
    from briefing.summarize.features import FEATURES, sentence_features, stop_words

    assert stop_words() == stop_words("en") == stop_words("tr") and "the" in stop_words()
    assert "und" in stop_words("de") and "the" not in stop_words("de")
    sentence = ["Der Rat und die Stadt haben den Plan beschlossen."]
    ratio = FEATURES.index("stop_ratio")
    assert sentence_features(sentence)[0][ratio] == 0.0
    assert sentence_features(sentence, language="de")[0][ratio] > 0.3


def test_english_is_told_without_loading_the_model():
    """Start-up (issue 14's speed): py3langid takes 0.8 s to load; English prose is told by
    its function words, so a briefing of English text never loads it."""
    code = (
        "import sys, briefing.language as L\n"
        "text = 'The council said on Monday that it would vote on the plan in March, after "
        "a year of talks with the residents who had asked for it. The mayor, who has "
        "backed the plan since it was first put forward, was not there.'\n"
        "assert L.detect(text) == 'en'\n"
        "assert 'py3langid' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize("code", sorted(set(SAMPLES) - {"en"}))
def test_no_other_language_passes_for_plain_english(code):
    from briefing.language import _plainly_english

    assert not _plainly_english(SAMPLES[code] * 3)


# A sports story dense with names: a fifth of its words are English function words, not
# the quarter of most prose (CNN and BBC's first percentile is 15%).
NAMES_DENSE = (
    "Manchester United and skipper Wayne Rooney boosted their own Champions League chances "
    "on Sunday, beating Tottenham Hotspur 3-0 at Old Trafford. Marouane Fellaini, Michael "
    "Carrick and Rooney scored inside 34 minutes as Louis van Gaal's side moved four points "
    "clear of Liverpool in fourth place. Manager Van Gaal said the win was deserved."
)
# Spanish quoting English: as many English function words, but Spanish's own beside them.
QUOTING_ENGLISH = (
    'El presidente dijo el lunes que "the war is over and we have won it, but the peace will '
    'be harder than the war" antes de viajar a la capital, donde se reunirá con los ministros '
    "de la región para hablar de la reconstrucción y de las elecciones del próximo año."
)


def test_english_dense_with_names_is_told_without_the_model():
    from briefing.language import _ENGLISH, _WORD, _plainly_english

    words = _WORD.findall(NAMES_DENSE.lower())
    assert 0.15 <= sum(w in _ENGLISH for w in words) / len(words) < 0.25
    assert _plainly_english(NAMES_DENSE)


def test_another_language_quoting_english_is_left_to_the_model():
    from briefing.language import _ENGLISH, _WORD, _plainly_english

    words = _WORD.findall(QUOTING_ENGLISH.lower())
    assert sum(w in _ENGLISH for w in words) / len(words) >= 0.15
    assert not _plainly_english(QUOTING_ENGLISH)
    assert detect(QUOTING_ENGLISH) == "es"
