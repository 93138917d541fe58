"""Which headings are subheads (briefing/read/subheads.py): the audit's false subheads
(../shared/audits/real-pages.md, by page key) must not open a section; real subheads of the
same pages must."""

from __future__ import annotations

import pytest

from briefing.read import read_text
from briefing.read.subheads import (
    BODY,
    CAPTION,
    DATELINE,
    DROP,
    SUBHEAD,
    looks_like_heading,
    verdict,
)

TITLE = "10 things in tech you need to know today"
NAMES = ("Business Insider Deutschland", "www.businessinsider.de")

CASES = [
    ("## More:", DROP),  # 7916ecca, a link label
    ("## SEE MORE: Hong Kong protests: 800 students under siege in university", DROP),  # 624fcd90
    ("## Also: See Black Friday coverage at CNET", DROP),  # 5fbc7ccb
    ("## CLICK HERE TO GET THE FOX NEWS APP", DROP),  # 7dfc3e35
    ("## Tempo de leitura: 1 minuto", DROP),  # 23aaecd1, reading time
    ("## Staff Reports", DROP),  # 961bd85c, a byline
    ("## Story continues below gallery", DROP),  # 961bd85c
    ("## Subscribe to the Morning Review newsletter", DROP),  # c13b9c0e
    ("## 225.86", DROP),  # 51374560, a ticker's cell
    ("## 10 things in tech you need to know today", DROP),  # fde930b0, the title again
    ("## BusinessInsiderDe", DROP),  # fde930b0, the site's name
    ("## Jewels after Jewels after Jewels, installation views, photos © Inexhibit, 2018", CAPTION),
    ("## BAAR, SWITZERLAND", DATELINE),  # 5ae11e58
    (
        "## CHINA has sent troops to Hong Kong in a bid to restore order following the months"
        " of violent riots, warnings it will not allow the city to spiral into chaos.",
        BODY,  # 624fcd90, a dek
    ),
    ("## 5 Tips to Enjoy Game Day Parties While Staying on Track:", BODY),  # ec3878db, a lead-in
    ("## Power and Performance", SUBHEAD),  # 3cb22bfa
    ("## How is the plague spread?", SUBHEAD),  # 8b194530
    ("## NISSAN SENTRA", SUBHEAD),  # 05844573
    ("## 1. Ditch the diet", SUBHEAD),  # e593d7fe
    ("## Kindle for PCの起動ホットキーがKeePassと被る", SUBHEAD),  # f105de6e
    ("## 再起動して完了", SUBHEAD),  # f105de6e
    ("## 대통령 선거 결과", SUBHEAD),
    ("Assad's status", SUBHEAD),  # the seed
]


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_each_heading_is_what_it_is(line, expected):
    assert verdict(line, TITLE, NAMES) == expected


@pytest.mark.parametrize("line", ["대통령 선거 결과", "再起動して完了", "Kindle for PCの起動"])
def test_caseless_scripts_can_be_subheads_in_plain_text(line):
    """Catches the old rule (a capital or a digit first), never true for Hangul or Kana."""
    assert looks_like_heading(line)


@pytest.mark.parametrize(
    "line",
    ["Shares closed up 3% on Friday, traders said. -12.99", "by the way of", "- A list item"],
)
def test_lines_that_are_not_heading_like(line):
    assert not looks_like_heading(line)


def test_a_text_with_false_subheads_keeps_only_the_real_one():
    text = "\n\n".join(
        [
            "Bridge closed after cracks found",
            "## Bridge closed after cracks found",
            "The council voted on Tuesday to close the bridge to all traffic.",
            "## More:",
            "Engineers found deep cracks in two of the piers last week.",
            "## What the engineers found",
            "The east pier has a crack more than two metres long, the report said.",
            "## Staff Reports",
            "Repairs will take at least six months, the chief engineer said.",
        ]
    )
    article = read_text(text)
    assert [s.heading for s in article.sections] == [None, "What the engineers found"]
    assert "## More:" in article.dropped and "## Staff Reports" in article.dropped
    assert len(article.sentences()) == 4


MORE_CASES = [
    ("## CLICK FOR FULL STATE SWIM RESULTS", DROP),  # 3ce1c8fd, a promo
    ("## Pick Six Newsletter", DROP),  # 08f79376, a sign-up widget
    ("## immunology", DROP),  # bdb56ac8, the site's topic label above the headline
    ("## (I know, radical statement, right?)", BODY),  # c582d3b7, an aside
    ("## Aug. 2 -- DTE Energy Music Theatre, Clarkston, MI", BODY),  # 9cb8224b, a tour date
    ("## 10 things in tech,10 things in tech SAI", DROP),  # fde930b0, a teaser's tags
    ("## iPhone 11 Pro review", SUBHEAD),  # a name in lower case first is still a subhead
    ("## Decision 12 and its critics", SUBHEAD),  # "Dec" is no month here
    ("## Rockledge 14 11 6 15 — 44", BODY),  # c81e134e, a line score's row
    ("## Viera d. Melbourne 1-0", BODY),  # c81e134e, a game's result
    ("## Merritt Island d. Titusville", BODY),  # c81e134e, a result without the score
    ("## Wild 4, Sabres 1", BODY),  # a result's other form
    ("## Broncos beat Raiders 24-17", BODY),
    ("## Broncos vs. Raiders: the rivalry at 60", SUBHEAD),  # no score: a subhead
    ("## Girls basketball", SUBHEAD),
    ('## Use code "50OFF699"', DROP),  # 287e4d9f, a deal's instruction in bold
    ("## Clip the $10 off coupon on the product page", DROP),  # 287e4d9f
]


@pytest.mark.parametrize(("line", "expected"), MORE_CASES)
def test_promos_kickers_asides_and_listings_are_not_subheads(line, expected):
    assert verdict(line, TITLE, NAMES) == expected


def test_a_press_release_about_section_goes_with_its_heading():
    """Catches keeping "About my6sense" (57e2e988, dfd43bc0) as a section of the news."""
    from briefing.read.blocks import Block, build

    blocks = [
        Block("The company named a new chief strategy officer on Monday, it said."),
        Block("## About my6sense", "head"),
        Block("my6sense is a native advertising platform for publishers, it says."),
        Block("## Contact", "head"),
        Block("Press enquiries are answered within a day, the company said."),
    ]
    article = build("my6sense names officer", blocks, "x.html", ("My6Sense",), shaped=False)
    assert [s.heading for s in article.sections] == [None, "Contact"]
    assert "About my6sense" in article.dropped


def test_a_long_heading_before_the_first_paragraph_is_the_dek():
    """ecb46e3e: the subtitle above the story is no section heading."""
    from briefing.read.blocks import Block, build

    dek = "N.Y. completes frantic comeback to extend unbeaten streak to 15"
    blocks = [
        Block(f"## {dek}", "head"),
        Block("The Islanders scored twice in the last two minutes to force overtime."),
        Block("## Late drama", "head"),
        Block("Nelson scored the winner two minutes into overtime, the league said."),
    ]
    article = build("Nelson's OT goal lifts Isles", blocks, "x.html", shaped=False)
    assert [s.heading for s in article.sections] == [None, "Late drama"]
    assert article.sections[0].paragraphs[0].text == dek
    assert not article.sections[0].paragraphs[0].candidates()  # no stop: not a bullet
