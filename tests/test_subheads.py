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
