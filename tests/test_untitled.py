"""Text without a title line: a first line that reads as a paragraph is body, not title.

A pasted story kept on one line (as data sets keep it), or a text that opens with its lead
paragraph, must be briefed whole; a real headline, even one ending in a full stop, stays
the title. The rule is ``has_title_line`` in briefing/read/text.py.
"""

import json
import re

import pytest

from briefing.cli import main
from briefing.read import read_path, read_text
from briefing.read.gate import is_sentence
from briefing.read.inline import is_furniture_sentence
from briefing.read.text import has_title_line
from briefing.sentences import split_sentences

from .conftest import SHARED, markdown_bullets

CNNDM = SHARED / "eval" / "cnndm_val1000.jsonl"
ISSUED = "2024-12-08T09:30+00:00"
STORY = (
    "The city council voted on Monday to close the old bridge over the river for repairs. "
    "Engineers had warned for years that its steel supports were rusting. "
    "Traffic will be sent over the new bridge two miles to the north. "
    '"We cannot wait any longer," the mayor said after the vote.'
)
STORY_SENTENCES = split_sentences(STORY)
LEAD = (
    "BEIRUT (AP) — Syrian insurgents reached the edge of the capital on Saturday after "
    "government forces pulled out of the central city of Homs."
)
HEADLINES = [
    "Damascus regime faces threat from Syrian insurgents at gates.",  # the seed's: a full stop
    # two sentences to the splitter, both real page titles of the extraction benchmark
    "The VW ID. SPACE VIZZION is a weird EV sports wagon with a secret message",
    "South Dakota doubles down on ‘Meth. We’re on it.’ They just might be.",
    # long (19 words), from tests/articles/thesun.txt, no closing punctuation
    "Hunter diagnosed with bubonic plague after eating a rabbit making him third Beijing "
    "local to contract medieval disease",
    "Could Yukos be a blessing in disguise?",  # a BBC title: a question
]


def sentences(article):
    return [s.text for s in article.sentences()]


def paragraphs(article):
    return [p.text for s in article.sections for p in s.paragraphs]


def test_a_one_line_story_is_all_body_and_titled_by_its_first_sentence():
    """Catches the old reader (the line is the title, then "no sentences found below the
    title"), a title taken out of the body, and an empty or file-name title."""
    article = read_text(STORY + "\n", "story.txt")
    assert len(STORY_SENTENCES) == 4
    assert sentences(article) == list(STORY_SENTENCES)
    assert article.title == STORY_SENTENCES[0]


def test_a_one_line_story_is_briefed_whole_by_make(workdir, tmp_path, capsys):
    """Catches the old failure (exit 1, nothing written) and a sentence lost on the way."""
    story = tmp_path / "story.txt"
    story.write_text(STORY + "\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["make", str(story), "--out", str(out), "--format", "md", "--issued", ISSUED]
    assert main([*argv, "--key-points", "100%", "--sentences", "0"]) == 0, capsys.readouterr()
    markdown = (out / "story.md").read_text(encoding="utf-8")
    assert markdown.startswith("# The city council voted on Monday")
    assert [text for text, _ in markdown_bullets(markdown)] == list(STORY_SENTENCES)
    assert "4 of 4 sentences" in markdown


def test_a_text_opening_with_a_paragraph_keeps_it_and_its_dateline():
    """A one-sentence wire lead (over 15 words, ending in a full stop) is body: catches a
    rule that needs two sentences; the dateline is still taken off it."""
    text = f"{LEAD}\n\n{STORY}\n\nWhat comes next\n\nThe bridge will reopen in the spring.\n"
    article = read_text(text, "lead.txt")
    assert paragraphs(article) == [
        LEAD.split("— ", 1)[1],
        STORY,
        "The bridge will reopen in the spring.",
    ]
    assert [s.heading for s in article.sections] == [None, "What comes next"]
    assert article.metadata.dateline == "BEIRUT (AP)"
    assert article.title == LEAD.split("— ", 1)[1]
    untitled = read_text(text, "lead.txt", has_title=False)
    assert untitled.sections == article.sections and untitled.title == ""


@pytest.mark.parametrize("headline", HEADLINES)
def test_a_real_headline_stays_the_title(headline):
    """Catches a rule of "two sentences" alone (the VW and South Dakota titles), "ends in a
    full stop" alone (the seed's) or "long" alone (The Sun's, 19 words)."""
    assert has_title_line(headline)
    article = read_text(f"{headline}\n{STORY}\n", "news.txt")
    assert article.title == " ".join(headline.split())
    assert paragraphs(article) == [STORY]


def test_the_full_stop_rule_starts_past_fifteen_words():
    """Pins the boundary measured on real titles: catches a threshold moved either way."""
    fifteen = (
        "One two three four five six seven eight nine ten eleven twelve thirteen fourteen end."
    )
    assert has_title_line(fifteen) and not has_title_line("Sixteen " + fifteen)
    assert has_title_line(f"{fifteen[:-1]} sixteen seventeen eighteen nineteen twenty")


def test_the_seed_keeps_its_title_and_first_paragraph(seed_path):
    """Catches any rule that demotes the seed's headline; the goldens check the rest."""
    article = read_path(seed_path)
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    assert article.title == lines[0] and paragraphs(article)[0] == lines[1]


@pytest.mark.skipif(not CNNDM.is_file(), reason=f"{CNNDM} (the shared CNN stories) is missing")
def test_fifty_cnn_stories_as_files_give_all_their_sentences(workdir, tmp_path, capsys):
    """Every sentence of each real one-line story that passes the sentence gate is read, the first without its "(CNN)"
    dateline, and make briefs them all: catches the old reader (49 of 50 lose their text to
    the title or fail) and any sentence dropped as a title."""
    with CNNDM.open(encoding="utf-8") as handle:
        stories = [json.loads(next(handle))["article"] for _ in range(50)]
    folder = tmp_path / "stories"
    folder.mkdir()
    for i, story in enumerate(stories):
        (folder / f"{i:02}.txt").write_text(story + "\n", encoding="utf-8")
        article = read_path(folder / f"{i:02}.txt")
        want, got = split_sentences(story), sentences(article)
        # The gate's refusals (tests/test_gate.py) and furniture cut out of paragraphs
        # (tests/test_furniture_inline.py) are not the article's sentences.
        kept = [s for s in want if is_sentence(s) and not is_furniture_sentence(s)]
        assert got[1:] == kept[1:] and kept[0].endswith(got[0]), i
        assert article.title == got[0]
    out = tmp_path / "out"
    argv = ["make", str(folder), "--out", str(out), "--format", "md", "--issued", ISSUED]
    assert main([*argv, "--key-points", "100%", "--sentences", "0", "--jobs", "2"]) == 0
    for i, story in enumerate(stories):
        markdown = (out / f"{i:02}.md").read_text(encoding="utf-8")
        n = sum(
            1 for s in split_sentences(story) if is_sentence(s) and not is_furniture_sentence(s)
        )
        assert re.search(rf"\b{n} of {n} sentences", markdown), i
