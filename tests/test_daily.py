"""The daily briefing: one report from many articles, sentences once with every source."""

import json
from datetime import date

import pytest

from briefing.cli import main
from briefing.compose import compose
from briefing.daily import assemble
from briefing.read import read_text
from briefing.summarize import rank

from .conftest import ISSUED, SHARED, markdown_bullets, markdown_headings

WIRE = (
    "Storm closes ports along the coast\n"
    "A powerful storm closed every port along the northern coast on Monday, officials said.\n"
    "More than 40 ships were held at anchor as winds reached 120 kilometres an hour.\n"
    "The harbour master said the ports would reopen once the winds dropped below gale force.\n"
    "Fishing crews were told to stay ashore until Wednesday.\n"
)
OTHER = (
    "Parliament passes the budget\n"
    "Parliament passed the budget on Tuesday after a debate that lasted two days.\n"
    "The finance minister said the plan would cut the deficit by a third within four years.\n"
    "Opposition members voted against it, calling the cuts too deep.\n"
)


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "b-budget.txt").write_text(OTHER, encoding="utf-8")
    # the same wire copy on another site, lightly edited
    (folder / "c-wire-copy.txt").write_text(
        WIRE.replace("on Monday", "on Monday morning").replace(
            "Fishing crews", "Local fishing crews"
        ),
        encoding="utf-8",
    )
    return folder


def run_daily(inbox, out, *extra):
    return main(
        ["daily", str(inbox), "--out", str(out), "--date", "2024-12-08", "--jobs", "1", *extra]
    )


def test_one_dated_briefing_with_each_sentence_once_crediting_both_sources(
    inbox, tmp_path, capsys, workdir
):
    out = tmp_path / "out"
    assert run_daily(inbox, out, "--format", "md") == 0
    day = out / "2024-12-08"
    assert capsys.readouterr().out.split() == [str(day / "briefing.md"), str(day / "briefing.json")]
    markdown = (day / "briefing.md").read_text(encoding="utf-8")
    assert (
        markdown.count("A powerful storm closed every port") == 2
    )  # top developments + its part, never the copy's
    assert "Monday morning" not in markdown
    data = json.loads((day / "briefing.json").read_text(encoding="utf-8"))
    assert data["date"] == "2024-12-08" and len(data["parts"]) == 3
    # the wire story has two sources, each its outlet (the file's name without .txt)
    assert [(s["id"], s["parts"], s["sources"]) for s in data["stories"]] == [
        ("story-1", [0, 2], ["a-wire", "c-wire-copy"]),
        ("story-2", [1], ["b-budget"]),
    ]
    assert [p["story"] for p in data["parts"]] == ["story-1", "story-2", "story-1"]
    assert [(i["part"], i["position"], i["also_in"]) for i in data["stories"][0]["key_points"]] == [
        (0, 0, [2]),
        (0, 1, [2]),
        (0, 2, [2]),
    ]  # the wire's three key points, each credited to the copy; the copy shows none itself
    assert data["parts"][2]["key_points"] == [] and all(
        not i["also_in"] for p in data["parts"] for i in p["key_points"]
    )
    assert data["top_developments"] == ["story-1", "story-2"]
    assert [data["stories"][n]["key_points"][0]["text"] for n in (0, 1)] == [
        "A powerful storm closed every port along the northern coast on Monday, officials said.",
        "Parliament passed the budget on Tuesday after a debate that lasted two days.",
    ]
    assert "3 articles in 2 stories" in markdown
    assert markdown_headings(markdown) == [
        "Top developments",
        "Stories by topic",
        "1. Storm closes ports along the coast",
        "2. Parliament passes the budget",
        "The articles",
        "Sources",
    ]
    # articles are numbered story by story: 1 the wire, 2 its copy, 3 the budget
    assert [line for line in markdown.splitlines() if line.startswith("### ")] == [
        "### [1] Storm closes ports along the coast",
        "### [2] Storm closes ports along the coast",
        "### [3] Parliament passes the budget",
    ]
    storm = "A powerful storm closed every port along the northern coast on Monday, officials said."
    budget = "Parliament passed the budget on Tuesday after a debate that lasted two days."
    wire = "a-wire [1], ¶{}; also c-wire-copy [2]"
    assert markdown_bullets(markdown) == [
        (storm, wire.format(1)),
        (
            "More than 40 ships were held at anchor as winds reached 120 kilometres an hour.",
            wire.format(2),
        ),
        (
            "The harbour master said the ports would reopen once the winds dropped below gale "
            "force.",
            wire.format(3),
        ),
        (budget, "b-budget [3], ¶1"),
        (
            "The finance minister said the plan would cut the deficit by a third within four "
            "years.",
            "b-budget [3], ¶2",
        ),
        ("Opposition members voted against it, calling the cuts too deep.", "b-budget [3], ¶3"),
        ("Fishing crews were told to stay ashore until Wednesday.", wire.format(4)),
    ]  # each sentence once: the stories' key points, then what the articles add
    assert "*Its key points are shown with its story, or were shown earlier, credited there.*" in (
        markdown
    )


def test_a_bad_article_is_reported_and_the_rest_briefed(inbox, tmp_path, capsys, workdir):
    (inbox / "d-empty.txt").write_text("", encoding="utf-8")
    assert run_daily(inbox, tmp_path / "out", "--format", "md") == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "d-empty.txt: empty file" in captured.err
    assert (
        len(json.loads((tmp_path / "out" / "2024-12-08" / "briefing.json").read_text())["parts"])
        == 3
    )


def test_running_again_replaces_that_day_and_leaves_other_days(inbox, tmp_path, capsys, workdir):
    out = tmp_path / "out"
    other = out / "2024-12-07"
    other.mkdir(parents=True)
    (other / "briefing.md").write_text("yesterday", encoding="utf-8")
    assert run_daily(inbox, out, "--format", "md") == 0
    (inbox / "b-budget.txt").unlink()
    assert run_daily(inbox, out, "--format", "md") == 0
    assert len(json.loads((out / "2024-12-08" / "briefing.json").read_text())["parts"]) == 2
    assert (other / "briefing.md").read_text() == "yesterday"
    assert sorted(p.name for p in (out / "2024-12-08").iterdir()) == [
        "briefing.json",
        "briefing.md",
    ]


def test_nothing_briefable_is_one_line_and_nothing_written(tmp_path, capsys, workdir):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text("", encoding="utf-8")
    assert run_daily(tmp_path / "in", tmp_path / "out") == 1  # the inputs failed, not the usage
    assert capsys.readouterr().err.count("\n") == 1 and not (tmp_path / "out").exists()


BBC = SHARED / "eval" / "bbc_news_summary.jsonl"


@pytest.mark.skipif(
    not BBC.is_file(), reason=f"optional data {BBC} is missing (../shared not beside the project)"
)
def test_thirty_bbc_articles_pdf_has_every_title_contents_and_an_outline_entry_each(
    tmp_path, capsys, workdir
):
    from pypdf import PdfReader

    rows = [json.loads(line) for _, line in zip(range(30), BBC.open(encoding="utf-8"))]
    inbox = tmp_path / "bbc"
    inbox.mkdir()
    for row in rows:
        (inbox / f"{row['id']}.txt").write_text(
            f"{row['title']}\n\n{row['article']}", encoding="utf-8"
        )
    out = tmp_path / "out"
    assert (
        main(
            [
                "daily",
                str(inbox),
                "--out",
                str(out),
                "--date",
                "2005-01-01",
                "--format",
                "pdf",
                "--label",
                "TLP:GREEN",
            ]
        )
        == 0
    )
    reader = PdfReader(str(out / "2005-01-01" / "briefing.pdf"))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for row in rows:
        assert " ".join(row["title"].split()) in text, row["title"]
    # the outline: "Stories" with one entry per story, "The articles" with one per article
    stories_title, stories, annex_title, annex = reader.outline
    assert (stories_title.title, annex_title.title) == ("Stories", "The articles")
    titles = {" ".join(r["title"].split()) for r in rows}
    assert len(annex) == 30 and {e.title.split("] ", 1)[1] for e in annex} == titles
    headlines = {e.title.split(". ", 1)[1] for e in stories}
    assert len(stories) == len(headlines) and headlines <= titles  # each the title of one
    assert "STORIES BY TOPIC" in reader.pages[0].extract_text().upper() and all(
        "TLP:GREEN" in page.extract_text() for page in reader.pages
    )


def test_an_article_whose_key_points_were_all_shown_says_so(tmp_path, capsys, workdir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(WIRE, encoding="utf-8")
    (folder / "b.txt").write_text(
        WIRE.replace("Storm closes ports", "Ports shut by storm"), encoding="utf-8"
    )
    assert run_daily(folder, tmp_path / "out", "--format", "md,html") == 0
    day = tmp_path / "out" / "2024-12-08"
    markdown = (day / "briefing.md").read_text(encoding="utf-8")
    assert "### [2] Ports shut by storm" in markdown
    said = "Its key points are shown with its story, or were shown earlier, credited there."
    part = markdown.split("### [2] Ports shut by storm", 1)[1].split("\n## ", 1)[0]
    assert f"*{said}*" in part and "- " not in part  # nothing of its own to show
    assert said in (day / "briefing.html").read_text(encoding="utf-8")


# --- assembling the day from briefings ---------------------------------------------------------

DAY = date(2024, 12, 8)


def briefing_of(text, source):
    """Every sentence of a short article: three key points, two per section."""
    article = read_text(text, source)
    return compose(article, rank(article, "lead"), key_points=3, sentences=2, issued=ISSUED)


def assembled(*articles):
    briefings = [briefing_of(text, f"{n}.txt") for n, text in enumerate(articles)]
    return assemble(briefings, title="Day", day=DAY, issued=ISSUED)


def parts_of(day):
    return [story.parts for story in day.stories]


def key_points_of(day, part):
    """The texts of the key points an article gave the day, wherever they are shown (its
    story's or its own), each once."""
    items = [i for s in day.stories for i in s.key_points]
    items += [i for p in day.parts for i in p.key_points]
    assert len({id(i) for i in items}) == len(items)  # no key point shown twice
    return [i.sentence.text for i in items if i.part == part]


def test_the_most_covered_story_comes_first_whatever_the_input_order():
    day = assembled(OTHER, WIRE, WIRE.replace("Fishing crews", "Local fishing crews"))
    assert parts_of(day) == [(1, 2), (0,)]
    assert [p.index for p in day.ordered_parts()] == [1, 2, 0]
    assert [p.story for p in day.parts] == [1, 0, 0]
    assert day.top == (0, 1)
    assert [day.stories[n].key_points[0].sentence.text for n in day.top] == [
        "A powerful storm closed every port along the northern coast on Monday, officials said.",
        "Parliament passed the budget on Tuesday after a debate that lasted two days.",
    ]


def test_stories_with_as_many_sources_keep_the_input_order():
    assert parts_of(assembled(OTHER, WIRE)) == [(0,), (1,)]
    assert parts_of(assembled(WIRE, OTHER)) == [(0,), (1,)]


STORM = "A powerful storm closed every port along the northern coast on Monday, officials said."
CUT = "A powerful storm closed every port along the northern coast."  # STORM cut short
SCHOOLS = "Schools in the region stayed open, the education office said."
# all 8 word trigrams of CUT are among the 12 of STORM: 100% of the shorter sentence's, 67%
# of the longer one's; a near duplicate shares 70% of the shorter one's
SHORTENED = f"Ports shut as storm hits\n{CUT}\n{SCHOOLS}\n"


def test_a_sentence_cut_short_is_the_sentence_shown_earlier():
    day = assembled(WIRE, SHORTENED)
    assert parts_of(day) == [(0, 1)]
    first = day.stories[0].key_points[0]
    assert (first.sentence.text, first.part, first.also_in) == (STORM, 0, (1,))
    assert key_points_of(day, 1) == [SCHOOLS]


def test_a_sentence_that_goes_on_from_one_shown_earlier_is_the_same_sentence():
    day = assembled(SHORTENED, WIRE)
    assert parts_of(day) == [(0, 1)]
    first = day.stories[0].key_points[0]
    assert (first.sentence.text, first.part, first.also_in) == (CUT, 0, (1,))
    assert key_points_of(day, 1) == [
        "More than 40 ships were held at anchor as winds reached 120 kilometres an hour.",
        "The harbour master said the ports would reopen once the winds dropped below gale force.",
    ]


def test_sentences_that_share_a_few_words_are_different_sentences():
    other = "Storm shuts schools\nA powerful storm closed every school in the capital on Tuesday.\n"
    day = assembled(WIRE, other)  # 3 of the 9 trigrams of the shorter sentence shared
    # (one storm, so the clustering may tell them as one story; the sentences stay two)
    assert all(i.also_in == () for s in day.stories for i in s.key_points)
    assert key_points_of(day, 1) == [
        "A powerful storm closed every school in the capital on Tuesday."
    ]


def test_a_tie_between_two_earlier_sentences_goes_to_the_first_on_every_run():
    """A sentence as near to two sentences shown before (as many trigrams shared with
    each) is credited to the first of them, whatever the process's hash seed: which set
    member Python iterates first must not decide it."""
    import os
    import subprocess
    import sys

    code = (
        "from briefing.daily import _Seen\n"
        "first = {('a', 'b', str(i)) for i in range(10)}\n"
        "second = {('c', 'd', str(i)) for i in range(10)}\n"
        "seen = _Seen()\n"
        "seen.add('first', 0, frozenset(first))\n"
        "seen.add('second', 1, frozenset(second))\n"
        "print(seen.match(frozenset(first | second)))\n"
    )
    answers = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
        )
        answers.add(done.stdout.strip())
    assert answers == {"0"}
