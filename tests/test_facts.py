"""Key figures and who-said-what: verbatim sentences, their numbers and their speakers."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.errors import BriefingError
from briefing.facts import Figure, key_figures
from briefing.model import Article, Paragraph, Section
from briefing.quotes import Statement, statements
from briefing.read import read_path, read_text
from briefing.read.furniture import _is_page_end

from .conftest import SEED


def article_of(*paragraphs):
    """An Article with one section; each argument is a paragraph: a list of sentences."""
    return Article(
        "t.txt", "T", (Section(None, tuple(Paragraph(" ".join(p), tuple(p)) for p in paragraphs)),)
    )


def figures_of(sentence):
    found = key_figures(article_of([sentence]))
    return found[0].figures if found else ()


def speaker_of(*sentences):
    """The speaker of the last sentence of a one-paragraph article ("-" if it is no statement)."""
    found = {s.sentence.index: s.speaker for s in statements(article_of(list(sentences)), limit=50)}
    return found.get(len(sentences) - 1, "-")


# Key figures: tiny texts with known answers.


def test_quantities_with_units_percent_and_currency():
    assert figures_of("The deal is worth $1.13bn, up 90 per cent on last year.") == (
        "$1.13bn",
        "90 per cent",
    )
    assert figures_of("Turnout rose 4.5% while 1,200 people voted 5 km away.") == (
        "4.5%",
        "1,200 people",
        "5 km",
    )
    assert figures_of("Prices of some items were inflated by three times the usual cost.") == (
        "three times",
    )
    assert figures_of("The fund spent US$5 million on 2.3 million meals.") == (
        "US$5 million",
        "2.3 million meals",
    )


def test_counts_ratios_and_spelled_numbers_that_quantify_a_noun():
    assert figures_of("Only three out of 14 provincial capitals remain.") == (
        "three out of 14 provincial capitals",
    )
    assert figures_of("The storm killed 28 people in two southern provinces.") == (
        "28 people",
        "two southern provinces",
    )
    assert figures_of("Hezbollah once sent thousands of fighters.") == ("thousands of fighters",)
    assert figures_of("Twenty-five soldiers and 10 to 15 civilians were hurt.") == (
        "Twenty-five soldiers",
        "10 to 15 civilians",
    )
    assert figures_of("Officials said 46 were found.") == ("46",)


def test_dates_and_years_are_figures():
    assert figures_of("The offensive began on November 27 and ended in March 2011.") == (
        "November 27",
        "March 2011",
    )
    assert figures_of("Since 2018, nothing has changed.") == ("2018",)
    assert figures_of("It passed on 27 November 2024 and Dec. 8.") == ("27 November 2024", "Dec. 8")


def test_words_and_codes_that_are_not_figures():
    for text in (
        "One of the two said no.",
        "The third-largest city fell.",
        "COVID-19 spread in the 4th week.",
        "Someone ate a dozen.",
        "Ten went home.",
    ):
        assert figures_of(text) == (), text


def test_quantities_outrank_counts_outrank_dates_outrank_years_then_document_order():
    article = article_of(
        ["The resolution was passed in 2015."],
        ["The offensive began on November 27."],
        ["Eight countries met."],
        ["Prices rose 40% in a week."],
        ["Five ministers attended."],
    )
    assert [f.sentence.position for f in key_figures(article, limit=3)] == [2, 3, 4]
    assert [f.sentence.position for f in key_figures(article, limit=4)] == [1, 2, 3, 4]
    assert [f.sentence.position for f in key_figures(article, limit=10)] == [0, 1, 2, 3, 4]
    assert key_figures(article, limit=0) == () and key_figures(article, limit=-1) == ()


def test_a_sentence_with_more_figures_ranks_higher_and_text_is_not_repeated():
    article = article_of(
        ["Five ministers attended."],
        ["Five ministers and 300 troops came."],
        ["Five ministers attended."],
    )
    assert [f.sentence.position for f in key_figures(article, limit=1)] == [1]
    assert [f.sentence.position for f in key_figures(article, limit=5)] == [0, 1]


# Who said what: one tiny text per pattern.


def test_quote_then_name_said_and_said_name():
    assert speaker_of('"We will not leave," Ahmed Hassan said.') == "Ahmed Hassan"
    assert speaker_of('"We will not leave," said Ahmed Hassan, a fighter.') == "Ahmed Hassan"
    assert speaker_of('"He said no to the plan," the minister told reporters.') == "the minister"


def test_name_said_that_and_name_role_said():
    assert speaker_of("Pedersen stated that a date would be made public later.") == "Pedersen"
    assert (
        speaker_of("Geir Pedersen, the U.N.'s special envoy for Syria, urged talks.")
        == "Geir Pedersen"
    )
    assert (
        speaker_of("On Saturday, Rami Abdurrahman, head of the monitor, said troops left.")
        == "Rami Abdurrahman"
    )
    assert speaker_of("Meanwhile, Russian Foreign Minister Sergey Lavrov expressed sympathy.") == (
        "Russian Foreign Minister Sergey Lavrov"
    )
    assert speaker_of("The minister has also warned that talks failed.") == "The minister"
    assert (
        speaker_of("The rebels advanced, surprising Sheikh Mohammed, who stated there is a threat.")
        == "Sheikh Mohammed"
    )


def test_according_to_and_organisations():
    assert (
        speaker_of("According to Rami Abdurrahman, head of the monitor, troops withdrew.")
        == "Rami Abdurrahman"
    )
    assert speaker_of(
        "Assad is in Damascus, according to Syria's state media, which denied rumours."
    ) == ("Syria's state media")
    assert (
        speaker_of("The Syrian Observatory reported that troops pulled back.")
        == "The Syrian Observatory"
    )
    assert (
        speaker_of("The Syrian army announced that it redeployed its troops.") == "The Syrian army"
    )
    assert speaker_of("Prices rose sharply, officials said.") == "officials"


def test_pronouns_resolve_to_the_previous_sentence_of_the_same_paragraph_only():
    named = "Sheikh Mohammed bin Abdulrahman Al Thani, Qatar's top diplomat, criticized Assad."
    quote = '"Assad missed the chance to begin rebuilding," he stated.'
    assert speaker_of(named, quote) == "Sheikh Mohammed bin Abdulrahman Al Thani"
    assert (
        speaker_of("The participants affirmed their support.", "They emphasized aid.")
        == "The participants"
    )
    assert (
        speaker_of("The participants affirmed their support.", "He emphasized aid.") is None
    )  # number disagrees
    assert (
        speaker_of("Assad left the room.", "He stated that all was well.") is None
    )  # no speaker before
    across = statements(article_of([named], [quote]), limit=5)
    assert [s.speaker for s in across] == ["Sheikh Mohammed bin Abdulrahman Al Thani", None]


def test_scare_quotes_and_plain_sentences_are_not_statements():
    assert speaker_of('The "salvation government" runs the north.') == "-"
    assert speaker_of("It was reported that troops left.") == "-"
    assert speaker_of("Troops left the city on Friday.") == "-"
    assert (
        speaker_of('"There is concern about a battle in Damascus."') is None
    )  # a quotation, speaker unknown


def test_named_speakers_first_then_descriptions_then_unknown_and_new_speakers_first():
    article = article_of(
        ['"There is concern about a battle in Damascus."'],
        ["According to a resident, shops were closed."],
        ["Geir Pedersen urged talks."],
        ["Pedersen stated that talks would follow."],
        ["The Syrian army announced a redeployment."],
    )
    assert [(s.sentence.position, s.speaker) for s in statements(article, limit=2)] == [
        (2, "Geir Pedersen"),
        (4, "The Syrian army"),
    ]
    assert [s.sentence.position for s in statements(article, limit=3)] == [2, 3, 4]
    assert [s.sentence.position for s in statements(article, limit=4)] == [1, 2, 3, 4]
    assert [s.speaker for s in statements(article, limit=9)] == [
        None,
        "a resident",
        "Geir Pedersen",
        "Pedersen",
        "The Syrian army",
    ]
    assert statements(article, limit=0) == ()


# The seed article.


def adjacent_text(article, sentence):
    before = [
        s
        for s in article.sentences()
        if (s.section, s.paragraph, s.index + 1)
        == (sentence.section, sentence.paragraph, sentence.index)
    ]
    return before[0].text if before else ""


def check_invariants(article, figures, found, limit):
    """Verbatim sentences of the article, figures/speakers as slices, document order, no repeats, limit."""
    sentences = article.sentences()
    for items in (figures, found):
        assert len(items) <= max(limit, 0)
        assert all(item.sentence in sentences for item in items)
        positions = [item.sentence.position for item in items]
        assert positions == sorted(set(positions))
        assert len({item.sentence.text for item in items}) == len(items)
    for figure in figures:
        assert isinstance(figure, Figure) and figure.figures
        assert all(text and text in figure.sentence.text for text in figure.figures)
    for statement in found:
        assert isinstance(statement, Statement)
        speaker = statement.speaker
        if speaker is not None:
            assert speaker.strip() and speaker.lower() not in ("he", "she", "they", "it")
            assert speaker in statement.sentence.text or speaker in adjacent_text(
                article, statement.sentence
            )


def test_seed_invariants():
    article = read_path(SEED)
    for limit in (0, 1, 3, 5, 8, 100):
        check_invariants(article, key_figures(article, limit), statements(article, limit), limit)


def test_seed_key_figures():
    article = read_path(SEED)
    top = key_figures(article)
    assert [f.figures for f in top] == [
        ("three out of 14 provincial capitals",),
        ("three times",),
        ("thousands of fighters",),
        ("eight significant countries",),
        ("two southern provinces",),
    ]
    weak = {"2018", "2015", "2017", "November 27", "March 2011"}
    assert not any(set(f.figures) <= weak for f in top)  # year- or date-only sentences wait
    everything = {fig for f in key_figures(article, limit=100) for fig in f.figures}
    assert weak <= everything and "thousands" in everything
    assert not everything & {"third", "fourth", "one"}


def test_seed_statements():
    article = read_path(SEED)
    top = statements(article)
    assert [s.speaker for s in top] == [
        "The pro-government Sham FM news outlet",
        "Rami Abdurrahman",
        "Geir Pedersen",
        "Russian Foreign Minister Sergey Lavrov",
        "Syria's state media",
    ]
    assert top[1].sentence.text.startswith("According to Rami Abdurrahman, head of")
    every = {s.sentence.text[:30]: s.speaker for s in statements(article, limit=100)}
    assert every["He stated that the situation i"] == "Geir Pedersen"
    assert every["Pedersen stated that a date fo"] == "Pedersen"
    assert every['"Assad missed the chance to be'] == "Sheikh Mohammed bin Abdulrahman Al Thani"
    assert every["Additionally, he noted that op"] == "Rami Abdurrahman"
    assert every["The Syrian army announced that"] == "The Syrian army"
    assert every["Hassan Abdul-Ghani, a commande"] == "Hassan Abdul-Ghani"
    assert every['"There is concern about the po'] is None
    assert "Russia is currently preoccupie" not in every


# Any text at all: never raise, and keep every promise.

WORDS = st.sampled_from(
    [
        "said",
        "stated",
        "told",
        "he",
        "she",
        "they",
        "it",
        "He",
        "They",
        "The",
        "the",
        "a",
        "according",
        "to",
        "According",
        "Pedersen",
        "Geir",
        "U.N.",
        "three",
        "thousands",
        "of",
        "out",
        "people",
        "per",
        "cent",
        "%",
        "$",
        "2015",
        "November",
        "27",
        "14",
        "1,200",
        "4.5",
        "who",
        "which",
        ",",
        ",",
        ".",
        '"',
        "“",
        "”",
        "'",
        "-",
        "Syrian",
        "army",
        "reported",
        "times",
        "dozen",
        "one,",
        "two-",
        "Mr.",
        ";",
        ":",
    ]
)
TOKEN = st.one_of(
    WORDS, st.from_regex(r"[0-9]{1,5}([.,][0-9]{1,3})?", fullmatch=True), st.text(max_size=6)
)
SENTENCE = st.lists(TOKEN, min_size=1, max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(SENTENCE, min_size=1, max_size=4), min_size=1, max_size=4), st.integers(-2, 7)
)
def test_any_text_keeps_the_promises(paragraphs, limit):
    article = article_of(*paragraphs)
    check_invariants(article, key_figures(article, limit), statements(article, limit), limit)


@settings(max_examples=50, deadline=None)
@given(st.lists(SENTENCE, min_size=1, max_size=6))
def test_any_read_text_keeps_the_promises(lines):
    text = "Title\n" + "\n".join(lines) + "\nThe end came, officials said."
    try:
        article = read_text(text)
    except BriefingError as exc:
        # The one way the closing sentence can go: a copyright or sign-off line before it
        # ends the page for the reader (text.py's trailer rule), and the rest holds none.
        assert str(exc).endswith("no sentences found below the title"), exc
        assert any(_is_page_end(line.strip()) for line in lines), lines
        return
    check_invariants(article, key_figures(article), statements(article), 5)


def test_the_trailer_rule_is_the_only_way_read_text_finds_nothing():
    """The case hypothesis found: a lone "©" ends the page, so its last line goes with it."""
    lines = ["said said said said said", "©", "said"]
    text = "Title\n" + "\n".join(lines) + "\nThe end came, officials said."
    with pytest.raises(BriefingError, match="no sentences found"):
        read_text(text)
    assert read_text(text.replace("©", "Copy")).sentences()[-1].text == (
        "The end came, officials said."
    )
