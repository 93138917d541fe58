"""Stories, not files (issue 15): one event told by many outlets is one story, ranked by
how many outlets told it, the audience's watch and exclude lists, topics and tiers."""

from __future__ import annotations

import json
import shutil

import pytest

from briefing.agenda import (
    DEFAULT_TIER,
    Desk,
    Facts,
    mentions,
    outlet_of,
    rank_stories,
    tier_of,
    topic_of,
    topic_order,
)
from briefing.cli import main
from briefing.errors import UsageError
from briefing.settings import load_settings

from .conftest import SHARED
from .test_settings import audience, make_fails

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:section" content="{section}">
<meta property="article:published_time" content="{date}">
</head><body><article><h1>{title}</h1>
{paragraphs}
</article></body></html>
"""


def page(site, title, paragraphs, *, date="2024-12-08", section="World"):
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE.format(site=site, title=title, section=section, date=date, paragraphs=body)


KARVANA = "Karvana earthquake: 12 killed as magnitude 6.4 tremor hits"  # BBC's title
LOMARIS = "Earthquake of magnitude 5.1 shakes coastal Lomaris"
CHESS = "Teenager Mira Solenne wins the Aldergrove chess open"

# One event (an earthquake in Karvana) told by three outlets in their own words: the same
# names, places and numbers, hardly a sentence in common. A second earthquake elsewhere
# (the same kind of event, another story) and an unrelated story, one outlet each.
DAY = {
    "afp-chess.html": page(
        "AFP",
        CHESS,
        [
            "Mira Solenne, 16, won the Aldergrove chess open on Sunday after beating the top "
            "seed in a final game that lasted six hours.",
            "She is the youngest winner in the tournament's 40-year history, the organisers said.",
            "Solenne collected a prize of 25,000 euros and a place in next year's candidates "
            "event.",
            "Her coach said she had prepared for the final with a new opening.",
        ],
        section="Sport",
    ),
    "ap-karvana.html": page(
        "AP",
        "Deadly quake rocks Karvana, at least 12 dead",
        [
            "At least 12 people died when a strong earthquake shook Karvana before dawn on "
            "Sunday, and some 80 others were hurt.",
            "Governor Ilse Marrow said rescuers were digging through the rubble of apartment "
            "blocks in the town's old quarter.",
            "The national seismic institute measured the quake at magnitude 6.4, with its "
            "centre under the Derra valley.",
            "Residents of Karvana spent the night outdoors for fear of aftershocks.",
        ],
    ),
    "bbc-karvana.html": page(
        "BBC",
        KARVANA,
        [
            "A magnitude 6.4 earthquake has killed 12 people in Karvana, with more than 80 "
            "injured, according to officials in the region.",
            "Ilse Marrow, the regional governor, said teams were working through the night in "
            "the old quarter, where several apartment blocks collapsed.",
            "The tremor struck the Derra valley at 4:10 a.m., the seismic institute said.",
            "Karvana lies in one of the most active seismic zones in the country.",
        ],
    ),
    "reuters-karvana.html": page(
        "Reuters",
        "Magnitude 6.4 earthquake kills 12 in Karvana",
        [
            "An earthquake of magnitude 6.4 struck the mountain town of Karvana early on "
            "Sunday, killing at least 12 people and injuring more than 80, regional officials "
            "said.",
            "The quake hit at 4:10 a.m. local time, about 15 kilometres beneath the Derra "
            "valley, according to the national seismic institute.",
            "Rescue teams were searching collapsed apartment blocks in the old quarter of "
            "Karvana, governor Ilse Marrow told reporters.",
            "Aftershocks of up to magnitude 4.8 shook the area through the morning.",
        ],
    ),
    "reuters-lomaris.html": page(
        "Reuters",
        LOMARIS,
        [
            "An earthquake of magnitude 5.1 shook the coastal city of Lomaris on Saturday "
            "evening, cracking walls and cutting power to 3,000 homes, the city council said.",
            "No deaths were reported, and two people were treated for minor injuries at the "
            "Lomaris general hospital.",
            "Mayor Tobias Fenn said engineers would inspect the harbour bridge before it reopened.",
            "The quake's centre was 30 kilometres offshore, the seismic institute said.",
        ],
        date="2024-12-07",
    ),
}
# the parts are the files in name order
AFP, AP, BBC, REUTERS, REUTERS_LOMARIS = range(5)


@pytest.fixture
def day_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, html in DAY.items():
        (folder / name).write_text(html, encoding="utf-8")
    return folder


def brief_day(folder, workdir, *, toml="", formats="md"):
    """The day briefed by the CLI with ``toml`` as briefing.toml: (Markdown, JSON record)."""
    (workdir / "briefing.toml").write_text(toml, encoding="utf-8")
    out = workdir / "out"
    args = ["daily", str(folder), "--out", str(out), "--date", "2024-12-08", "--jobs", "1"]
    assert main([*args, "--format", formats]) == 0
    day = out / "2024-12-08"
    markdown = (day / "briefing.md").read_text(encoding="utf-8") if "md" in formats else ""
    return markdown, json.loads((day / "briefing.json").read_text(encoding="utf-8"))


def headlines(data):
    return [s["headline"] for s in data["stories"]]


def test_one_event_from_three_outlets_is_one_story_and_the_same_kind_elsewhere_another(
    day_folder, workdir, capsys
):
    markdown, data = brief_day(day_folder, workdir)
    stories = [(s["headline"], s["parts"], s["sources"]) for s in data["stories"]]
    assert stories == [
        (KARVANA, [AP, BBC, REUTERS], ["AP", "BBC", "Reuters"]),  # most outlets first
        (CHESS, [AFP], ["AFP"]),  # dated the 8th: before the story of the 7th
        (LOMARIS, [REUTERS_LOMARIS], ["Reuters"]),
    ]
    assert data["top_developments"] == ["story-1", "story-2", "story-3"]
    assert [p["outlet"] for p in data["parts"]] == ["AFP", "AP", "BBC", "Reuters", "Reuters"]
    assert "5 articles in 3 stories" in markdown
    lines = markdown.splitlines()
    assert f"1. **{KARVANA}** · AP, BBC, Reuters: 3 sources  " in lines  # top developments
    assert f"## 1. {KARVANA}" in lines and f"## 3. {LOMARIS}" in lines
    assert "AFP: 1 source · 1 article" in markdown
    # the story's key points come from more than one of its outlets, each credited to it
    karvana = data["stories"][0]["key_points"]
    assert len(karvana) == 3 and len({k["part"] for k in karvana}) >= 2


def test_the_watch_list_puts_a_one_outlet_story_first(day_folder, workdir, capsys):
    _, data = brief_day(day_folder, workdir, toml='watch = ["lomaris"]\n')
    assert headlines(data) == [LOMARIS, KARVANA, CHESS]
    assert data["top_developments"][0] == "story-1"


def test_the_exclude_list_leaves_a_story_out_and_says_so(day_folder, workdir, capsys):
    markdown, data = brief_day(day_folder, workdir, toml='exclude = ["Chess"]\n')
    assert headlines(data) == [KARVANA, LOMARIS]
    assert data["left_out"] == [AFP] and data["parts"][AFP]["story"] is None
    assert "4 articles in 2 stories · 1 left out by the exclude list" in markdown
    assert "Solenne" not in markdown


def test_topic_rules_file_stories_in_the_order_the_rules_and_topic_order_give(
    day_folder, workdir, capsys
):
    toml = '[topics]\nQuakes = ["earthquake"]\nGames = ["chess", "tournament"]\n'
    _, data = brief_day(day_folder, workdir, toml=toml)
    assert [(t["topic"], t["stories"]) for t in data["topics"]] == [
        ("Quakes", ["story-1", "story-3"]),
        ("Games", ["story-2"]),
    ]
    assert [s["topic"] for s in data["stories"]] == ["Quakes", "Games", "Quakes"]
    _, data = brief_day(day_folder, workdir, toml=f'topic_order = ["Games"]\n{toml}')
    assert [t["topic"] for t in data["topics"]] == ["Games", "Quakes"]
    # no rules: the pages' own sections (article:section), A to Z
    _, data = brief_day(day_folder, workdir)
    assert [(t["topic"], t["stories"]) for t in data["topics"]] == [
        ("Sport", ["story-2"]),
        ("World", ["story-1", "story-3"]),
    ]


def test_tiers_break_a_tie_between_stories_told_by_as_many_outlets(day_folder, workdir, capsys):
    _, data = brief_day(day_folder, workdir, toml="[tiers]\nReuters = 1\n")
    # Reuters' Lomaris story (tier 1) before AFP's (tier 3, though dated a day later);
    # Reuters' article leads its Karvana story, and its title wins the headline's tie
    # with BBC's (each shares 8 words with the other titles)
    assert headlines(data) == ["Magnitude 6.4 earthquake kills 12 in Karvana", LOMARIS, CHESS]
    assert data["stories"][0]["parts"] == [REUTERS, AP, BBC]  # the best outlet's first
    _, data = brief_day(day_folder, workdir, toml="[tiers]\nAFP = 5\n")
    assert headlines(data) == [KARVANA, LOMARIS, CHESS]  # AFP now below the default tier


def test_json_story_objects_point_at_valid_parts_and_key_points(day_folder, workdir, capsys):
    _, data = brief_day(day_folder, workdir, toml='exclude = ["chess"]\n')
    parts = data["parts"]
    seen = []
    for story in data["stories"]:
        assert set(story) == {
            *("id", "headline", "parts", "sources", "topic", "key_points"),
            *("status", "first_seen", "updated"),  # what is new since the last daily
        }
        assert (story["status"], story["first_seen"], story["updated"]) == (
            "new",
            data["date"],
            False,
        )  # the first daily of a fresh home: everything new
        assert story["parts"] and all(0 <= p < len(parts) for p in story["parts"])
        assert all(parts[p]["story"] == story["id"] for p in story["parts"])
        assert story["sources"] == list(dict.fromkeys(parts[p]["outlet"] for p in story["parts"]))
        for point in story["key_points"]:
            assert point["part"] in story["parts"]
            assert all(0 <= p < len(parts) for p in point["also_in"])
            assert point["text"] in " ".join(DAY[sorted(DAY)[point["part"]]].split())
        seen += story["parts"]
    assert sorted(seen + data["left_out"]) == list(range(len(parts)))  # each article once
    assert {s["id"] for s in data["stories"]} >= set(data["top_developments"])


def test_a_title_outlet_and_topic_are_escaped_in_markdown_and_html(tmp_path, workdir, capsys):
    cmarkgfm = pytest.importorskip("cmarkgfm")
    folder = tmp_path / "in"
    folder.mkdir()
    html = page(
        "Evil *News* &lt;img src=x onerror=alert(1)&gt;",
        "Bridge [closed](javascript:alert(1)) &lt;script&gt;x()&lt;/script&gt;",
        ["The bridge over the Aare river closed on Sunday after engineers found a crack."],
        section="&lt;b&gt;World",
    )
    (folder / "a.html").write_text(html, encoding="utf-8")
    markdown, data = brief_day(folder, workdir, formats="md,html")
    story = data["stories"][0]
    assert "<script>" in story["headline"] and "<img" in story["sources"][0]  # read as text
    assert story["topic"] == "<b>World"
    page_html = (workdir / "out" / "2024-12-08" / "briefing.html").read_text(encoding="utf-8")
    shown = cmarkgfm.github_flavored_markdown_to_html(markdown)
    for out in (page_html, shown):
        assert "<script>" not in out and "<img" not in out and "<b>World" not in out
        assert 'href="javascript' not in out and "<em>News</em>" not in out
    assert "&lt;script&gt;" in page_html and "&lt;b&gt;World" in page_html


# --- agenda.py on tiny inputs ------------------------------------------------------------


def test_mentions_matches_whole_words_ignoring_case():
    assert mentions("Rebels of HTS took the city", ("hts",))
    assert not mentions("The shts were", ("HTS",))
    assert mentions("Assad's forces", ("Assad",))  # an apostrophe ends a word
    assert not mentions("Assadi", ("Assad",))
    assert mentions("talks in New York today", ("new york",))
    assert not mentions("anything", ()) and not mentions("anything", ("  ",))
    assert mentions("a (1+1) b", ("(1+1)",))  # terms are text, not patterns


def test_topic_order_named_then_rules_then_categories_then_other():
    desk = Desk(topics=(("Syria", ("Assad",)), ("Markets", ("bank",))), topic_order=("Sport",))
    present = ["Other", "Markets", "world", "Sport", "Business", "Syria"]
    assert topic_order(present, desk) == ["Sport", "Syria", "Markets", "Business", "world", "Other"]
    assert topic_order(["Other", "A"], Desk(topic_order=("Other",))) == ["Other", "A"]
    assert topic_order([], desk) == []


def test_topic_of_first_rule_then_commonest_category_then_other():
    desk = Desk(topics=(("Syria", ("Assad",)), ("War", ("Assad", "troops"))))
    assert topic_of("Assad's troops", ["World"], desk) == "Syria"  # the first rule
    assert topic_of("troops", ["World"], desk) == "War"
    assert topic_of("rain", ["World", "Weather", "Weather", None], desk) == "Weather"
    assert topic_of("rain", ["b", "a"], desk) == "a"  # a tie: A to Z
    assert topic_of("rain", [None, " "], desk) == "Other"


def test_rank_stories_watch_then_outlets_then_tier_then_date_then_input_order():
    stories = [
        Facts("a", ("X",), ("2024-12-08",)),
        Facts("b", ("X", "Y"), ("2024-12-01",)),
        Facts("c watched", ("Z",), ()),
        Facts("d", ("Y",), ("2024-12-09",)),
        Facts("e", ("W",), ("2024-12-09",)),
        Facts("f excluded", ("X", "Y", "Z"), ()),
        Facts("g", ("V",), ()),
    ]
    desk = Desk(watch=("watched",), exclude=("excluded",), tiers=(("w", 1),))
    # c (watched), b (2 outlets), e (tier 1), d (the 9th), a (the 8th), g (undated)
    assert rank_stories(stories, desk) == [2, 1, 4, 3, 0, 6]
    assert rank_stories(stories, Desk()) == [5, 1, 3, 4, 0, 2, 6]
    assert tier_of("Reuters", Desk(tiers=(("reuters", 1),))) == 1
    assert tier_of("AP", Desk()) == DEFAULT_TIER


def test_outlet_of_site_then_host_then_file_name():
    assert outlet_of(" Reuters ", "https://www.reuters.com/x", "a.html") == "Reuters"
    assert outlet_of(None, "https://www.reuters.com/world/x", "a.html") == "reuters.com"
    assert outlet_of("", "https://apnews.com/article/y", "a.html") == "apnews.com"
    assert outlet_of(None, None, "/in/reuters.txt") == "reuters"
    assert outlet_of(None, "", "C:\\in\\bbc.html") == "bbc"


# --- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[topic]\nSyria = ['Assad']\n", "unknown setting 'topic'; did you mean 'topics'?"),
        ("[tier]\nReuters = 1\n", "unknown setting 'tier'; did you mean 'tiers'?"),
        ('topics = ["Assad"]\n', "topics must be a table of lists: [topics] Syria = "),
        (
            '[topics]\nSyria = "Assad"\n',
            "topics must give each topic a list of terms such as [\"Assad\"], not Syria = 'Assad'",
        ),
        ("[topics]\nSyria = []\n", "not Syria = []"),
        ("tiers = 1\n", "tiers must be a table of whole numbers: [tiers] Reuters = 1, not 1"),
        (
            '[tiers]\nReuters = "1"\n',
            "tiers must give each outlet a whole number from 1 to 5, not Reuters = '1'",
        ),
        ("[tiers]\nReuters = 9\n", "not Reuters = 9"),
        ("[tiers]\nReuters = true\n", "not Reuters = True"),
        ('watch = "Assad"\n', "watch must be a list of text"),
        ("top = -1\n", "top must be a whole number like 120, not -1"),
    ],
)
def test_a_wrong_daily_setting_in_briefing_toml_is_one_line(toml, expected, workdir, capsys):
    (workdir / "briefing.toml").write_text(toml, encoding="utf-8")
    err = make_fails(workdir, capsys)
    assert err.startswith(f"briefing: {workdir / 'briefing.toml'}: ") and expected in err, err


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[topics]\nSyria = [1]\n", "topics must give each topic a list of terms"),
        ("[tiers]\nReuters = 1\n", "tiers cannot be set in audience.toml; set it in briefing.toml"),
        ('topic_order = "Syria"\n', "topic_order must be a list of text"),
    ],
)
def test_a_wrong_daily_setting_in_audience_toml_is_one_line(toml, expected, workdir, capsys):
    path = audience(workdir, "desk", toml)
    err = make_fails(workdir, capsys, "--audience", "desk", "--templates", "templates")
    assert err.startswith(f"briefing: {path}: ") and expected in err, err


def test_the_daily_settings_reach_the_desk(workdir):
    desk = load_settings(
        {
            "top": 2,
            "watch": ["Assad"],
            "exclude": ["sport"],
            "topics": {"Syria": [" Assad ", "HTS"], "Markets": ["bank"]},
            "topic_order": ["Markets"],
            "tiers": {"Reuters": 1, " AP ": 2},
        }
    ).desk
    assert (desk.top, desk.watch, desk.exclude, desk.topic_order) == (
        2,
        ("Assad",),
        ("sport",),
        ("Markets",),
    )
    assert desk.topics == (("Syria", ("Assad", "HTS")), ("Markets", ("bank",)))
    assert desk.tiers == (("Reuters", 1), ("AP", 2))
    with pytest.raises(UsageError, match="tiers must give each outlet"):
        load_settings({"tiers": {"Reuters": 0}})


# --- the daily HTML in a real headless browser ----------------------------------------------

CHROMIUM = shutil.which("chromium")
IN_VIEW = """id => { const r = document.getElementById(id).getBoundingClientRect();
  return r.top >= -1 && r.top < window.innerHeight; }"""


@pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (the README's apt-get line)"
)
def test_every_front_page_link_lands_on_its_story_in_chromium(day_folder, workdir, capsys):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra)")
    _, data = brief_day(day_folder, workdir, formats="html")
    url = (workdir / "out" / "2024-12-08" / "briefing.html").as_uri()
    headline = {s["id"]: s["headline"] for s in data["stories"]}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        try:
            page_ = browser.new_page(viewport={"width": 900, "height": 400})
            # file: only; anything else the page asked for would fail the test
            asked = []
            page_.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if r.request.url.startswith("file:")
                    else (asked.append(r.request.url), r.abort())
                ),
            )
            page_.goto(url)
            for group in ("ol.top", ".toc"):
                links = page_.locator(f"{group} a.toc-link")
                assert links.count() == len(data["stories"]), group
                for k in range(links.count()):
                    link = links.nth(k)
                    target = link.get_attribute("href").removeprefix("#")
                    page_.evaluate("window.scrollTo(0, 0)")
                    assert not page_.evaluate(IN_VIEW, target)  # below the front page
                    link.click()
                    page_.wait_for_function(f"location.hash === '#{target}'")
                    assert page_.evaluate(IN_VIEW, target), (group, target)
                    landed = page_.locator(f"[id='{target}']")
                    assert landed.evaluate("e => e.tagName") == "H3"
                    assert landed.inner_text().split(". ", 1)[1] == headline[target]
                    assert headline[target] in link.inner_text()
            assert asked == []
        finally:
            browser.close()


# --- the PDF of a 50-article day ---------------------------------------------------------

BBC_DATA = SHARED / "eval" / "bbc_news_summary.jsonl"


@pytest.mark.skipif(
    not BBC_DATA.is_file(),
    reason=f"optional data {BBC_DATA} is missing (../shared not beside the project)",
)
def test_fifty_articles_front_page_fits_page_one_and_the_outline_has_each_story_and_article(
    tmp_path, workdir, capsys
):
    from pypdf import PdfReader

    rows = [json.loads(line) for _, line in zip(range(50), BBC_DATA.open(encoding="utf-8"))]
    folder = tmp_path / "bbc"
    folder.mkdir()
    for row in rows:
        (folder / f"{row['id']}.txt").write_text(
            f"{row['title']}\n\n{row['article']}", encoding="utf-8"
        )
    _, data = brief_day(folder, workdir, formats="pdf")
    reader = PdfReader(str(workdir / "out" / "2024-12-08" / "briefing.pdf"))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    front = pages[0]
    assert "TOP DEVELOPMENTS" in front.upper() and "STORIES BY TOPIC" in front.upper()
    for story in data["stories"]:  # every line of the story list on the first page
        assert " ".join(story["headline"].split()) in front, story["headline"]
    # one topic in two halves: its header again over the second
    assert front.count("Other") == 1 + front.count("Other (continued)") == 2
    stories_title, stories, annex_title, annex = reader.outline
    assert (stories_title.title, annex_title.title) == ("Stories", "The articles")
    assert reader.get_destination_page_number(stories_title) == 1  # the detail: page 2 on
    assert [e.title for e in stories] == [
        f"{n}. {' '.join(s['headline'].split())}" for n, s in enumerate(data["stories"], 1)
    ]
    assert len(annex) == 50
    assert {e.title.split("] ", 1)[1] for e in annex} == {
        " ".join(r["title"].split()) for r in rows
    }
    assert all("DAILY BRIEFING" in page for page in pages)
    assert not any("SITUATION REPORT" in page.upper() for page in pages)
