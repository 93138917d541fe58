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
    assert data["stories"] == [[0, 2], [1]]  # the wire story has two sources
    shared = [i for p in data["parts"] for i in p["key_points"] if i["also_in"]]
    assert [(i["part"], i["position"], i["also_in"]) for i in shared] == [
        (0, 0, [2]),
        (0, 1, [2]),
        (0, 2, [2]),
    ]  # the wire's three key points, each credited to the copy; the copy shows none itself
    assert [i["text"] for i in data["top_developments"]] == [
        "A powerful storm closed every port along the northern coast on Monday, officials said.",
        "Parliament passed the budget on Tuesday after a debate that lasted two days.",
    ]
    # parts are numbered story by story: 1 the wire, 2 its copy, 3 the budget
    assert markdown_headings(markdown) == [
        "Top developments",
        "1. Storm closes ports along the coast",
        "2. Storm closes ports along the coast",
        "3. Parliament passes the budget",
        "Sources",
    ]
    storm = "A powerful storm closed every port along the northern coast on Monday, officials said."
    budget = "Parliament passed the budget on Tuesday after a debate that lasted two days."
    assert markdown_bullets(markdown) == [
        (storm, "1, ¶1; also in 2"),
        (budget, "3, ¶1"),
        (storm, "1, ¶1; also in 2"),
        (
            "More than 40 ships were held at anchor as winds reached 120 kilometres an hour.",
            "1, ¶2; also in 2",
        ),
        (
            "The harbour master said the ports would reopen once the winds dropped below gale "
            "force.",
            "1, ¶3; also in 2",
        ),
        ("Fishing crews were told to stay ashore until Wednesday.", "1, ¶4; also in 2"),
        (budget, "3, ¶1"),
        (
            "The finance minister said the plan would cut the deficit by a third within four "
            "years.",
            "3, ¶2",
        ),
        ("Opposition members voted against it, calling the cuts too deep.", "3, ¶3"),
    ]
    assert "*Its key points are the same as an earlier article's, credited there.*" in markdown


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
    outline = [entry.title for entry in reader.outline]
    assert len(outline) == 30 and {t.split(". ", 1)[1] for t in outline} == {
        " ".join(r["title"].split()) for r in rows
    }
    assert "CONTENTS" in text.upper() and all(
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
    markdown = (tmp_path / "out" / "2024-12-08" / "briefing.md").read_text(encoding="utf-8")
    assert "## 2. Ports shut by storm" in markdown
    assert "*Its key points are the same as an earlier article's, credited there.*" in markdown


# --- assembling the day from briefings ---------------------------------------------------------

DAY = date(2024, 12, 8)


def briefing_of(text, source):
    """Every sentence of a short article: three key points, two per section."""
    article = read_text(text, source)
    return compose(article, rank(article, "lead"), key_points=3, sentences=2, issued=ISSUED)


def assembled(*articles):
    briefings = [briefing_of(text, f"{n}.txt") for n, text in enumerate(articles)]
    return assemble(briefings, title="Day", day=DAY, issued=ISSUED)


def test_the_most_covered_story_comes_first_whatever_the_input_order():
    day = assembled(OTHER, WIRE, WIRE.replace("Fishing crews", "Local fishing crews"))
    assert day.stories == ((1, 2), (0,))
    assert [p.index for p in day.ordered_parts()] == [1, 2, 0]
    assert [p.story for p in day.parts] == [1, 0, 0]
    assert [item.sentence.text for item in day.top] == [
        "A powerful storm closed every port along the northern coast on Monday, officials said.",
        "Parliament passed the budget on Tuesday after a debate that lasted two days.",
    ]


def test_stories_with_as_many_sources_keep_the_input_order():
    assert assembled(OTHER, WIRE).stories == ((0,), (1,))
    assert assembled(WIRE, OTHER).stories == ((0,), (1,))


STORM = "A powerful storm closed every port along the northern coast on Monday, officials said."
CUT = "A powerful storm closed every port along the northern coast."  # STORM cut short
SCHOOLS = "Schools in the region stayed open, the education office said."
# all 8 word trigrams of CUT are among the 12 of STORM: 100% of the shorter sentence's, 67%
# of the longer one's; a near duplicate shares 70% of the shorter one's
SHORTENED = f"Ports shut as storm hits\n{CUT}\n{SCHOOLS}\n"


def test_a_sentence_cut_short_is_the_sentence_shown_earlier():
    day = assembled(WIRE, SHORTENED)
    assert day.stories == ((0, 1),)
    first = day.parts[0].key_points[0]
    assert (first.sentence.text, first.part, first.also_in) == (STORM, 0, (1,))
    assert [i.sentence.text for i in day.parts[1].key_points] == [SCHOOLS]


def test_a_sentence_that_goes_on_from_one_shown_earlier_is_the_same_sentence():
    day = assembled(SHORTENED, WIRE)
    assert day.stories == ((0, 1),)
    first = day.parts[0].key_points[0]
    assert (first.sentence.text, first.part, first.also_in) == (CUT, 0, (1,))
    assert [i.sentence.text for i in day.parts[1].key_points] == [
        "More than 40 ships were held at anchor as winds reached 120 kilometres an hour.",
        "The harbour master said the ports would reopen once the winds dropped below gale force.",
    ]


def test_sentences_that_share_a_few_words_are_different_sentences():
    other = "Storm shuts schools\nA powerful storm closed every school in the capital on Tuesday.\n"
    day = assembled(WIRE, other)  # 3 of the 9 trigrams of the shorter sentence shared
    assert day.stories == ((0,), (1,))
    assert day.parts[0].key_points[0].also_in == ()
    assert [i.sentence.text for i in day.parts[1].key_points] == [
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
