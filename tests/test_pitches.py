"""Membership pitches, series taglines and sponsored sections (hand read of the 91 pages).

Each rule has a real example that must go (keyed by the page) and a real sentence that
must stay. A disclosure that a section is sponsored takes the section's text out of
ranking; ``briefing read`` still shows it, not ranked."""

from __future__ import annotations

import pytest

from briefing.read.blocks import Block, build
from briefing.read.inline import is_furniture_sentence, is_sponsor_disclosure, strip_inline

GOES = [
    # f5c90a6d: National Review's NRPLUS box
    "If you enjoyed this article, we have a proposition for you: Join NRPLUS.",
    "If you enjoyed this article, and were stimulated by its contents, we have a proposition "
    "for you: Join NRPLUS.",
    "Members get all of our content (including the magazine), no paywalls or content meters, "
    "an advertising-minimal experience, and unique access to our writers and editors "
    "(conference calls, social-media groups, etc.).",
    "And importantly, NRPLUS members help keep NR going.",
    # 287e4d9f: a deals series' standing tagline
    "Welcome to IGN's Daily Deals, your source for the best deals on the stuff you actually "
    "want to buy.",
    # the common forms of the same pitches
    "Please consider supporting our journalism.",
    "Your support makes our journalism possible.",
    "Become a member today.",
    "You have reached your limit of free articles this month.",
]
STAYS = [
    "Members get a vote on the board, the club said.",
    "Members of the club get access to the pool.",
    "Donations help keep the shelter going through winter, its director said.",
    "Welcome to Paris, the city of light.",
    "If you enjoyed this article, you will love the sequel.",
    "Subscribers to the newsletter rose 20%.",
    "The union's members voted to support the strike, officials said.",
]


@pytest.mark.parametrize("sentence", GOES)
def test_a_pitch_or_tagline_is_furniture(sentence):
    assert is_furniture_sentence(sentence)


@pytest.mark.parametrize("sentence", STAYS)
def test_news_about_members_and_welcomes_stays(sentence):
    assert not is_furniture_sentence(sentence)


def test_a_pitch_paragraph_goes_with_its_remnant():
    """f5c90a6d: "Consider it?" is all that is left of the pitch: it goes too; a sentence
    of news after one cut piece stays."""
    pitch = (
        "If you enjoyed this article, we have a proposition for you: Join NRPLUS. Members get "
        "all of our content (including the magazine), no paywalls or content meters, an "
        "advertising-minimal experience, and unique access to our writers and editors "
        "(conference calls, social-media groups, etc.). And importantly, NRPLUS members help "
        "keep NR going. Consider it?"
    )
    text, removed = strip_inline(pitch, "en")
    assert text == "" and removed[-1] == "Consider it?"
    text, _ = strip_inline("Become a member today. He died.", "en")
    assert text == "He died."


DISCLOSURES = [
    "This sponsored deal is brought to you by Dashlane.",  # 287e4d9f
    "Sponsored by Acme.",
    "This content was paid for by the Tourism Board of Malta.",
    "Partner content.",
]
NOT_DISCLOSURES = [
    "Employer-sponsored retirement plans and IRAs provide unparalleled tax advantages.",  # f81c6c05
    "Sponsored by the city, the festival runs until Sunday.",
    "The fact that Andrew was sponsoring a campaign against child cruelty doesn’t seem like a "
    "point in his favor.",  # 87bf6057
]


@pytest.mark.parametrize("text", DISCLOSURES)
def test_sponsor_disclosures(text):
    assert is_sponsor_disclosure(text)


@pytest.mark.parametrize("text", NOT_DISCLOSURES)
def test_sentences_that_mention_sponsors_are_no_disclosure(text):
    assert not is_sponsor_disclosure(text)


def test_a_sponsored_section_is_shown_but_not_ranked():
    """287e4d9f: the disclosure opens the Dashlane section; the advert under it must not
    read as editorial. The sections before and after are ranked as before."""
    blocks = [
        Block("The Crystal is the best looking of all the DualShock controllers, we think."),
        Block("## Get Dashlane Password Manager for Free", "head"),
        Block("This sponsored deal is brought to you by Dashlane."),
        Block("A good password manager can help protect you by generating strong passwords."),
        Block("## 4 Month of Amazon Music Unlimited for $0.99", "head"),
        Block("Normally you'd be paying $9.99/month for this service."),
    ]
    article = build("Daily Deals", blocks, "x.html", shaped=False)
    sponsored = article.sections[1]
    assert sponsored.heading == "Get Dashlane Password Manager for Free"
    assert [p.text for p in sponsored.paragraphs] == [blocks[3].text]
    assert not any(p.ranked for p in sponsored.paragraphs)
    assert "This sponsored deal is brought to you by Dashlane." in article.dropped
    assert [s.text for s in article.sentences()] == [blocks[0].text, blocks[5].text]


def test_a_heading_left_with_nothing_goes():
    """f5c90a6d: "Something to Consider" heads only the NRPLUS pitch; with the pitch gone
    the heading goes too, not shown as text."""
    blocks = [
        Block("Schiff has already lied about his staff’s prior contacts, the author says."),
        Block("## Something to Consider", "head"),
        Block("If you enjoyed this article, we have a proposition for you: Join NRPLUS."),
    ]
    article = build("Schiff", blocks, "x.html", shaped=False)
    assert [s.heading for s in article.sections] == [None]
    assert [p.text for p in article.sections[0].paragraphs] == [blocks[0].text]
    assert any(line.endswith("Something to Consider") for line in article.dropped)


@pytest.mark.parametrize(
    "verb", ["brought to you", "sponsored", "paid for", "presented", "supported", "produced",
             "created"],
)  # fmt: skip
def test_every_disclosure_verb_passes_the_quick_checks(verb):
    """Speed (issue 14): the substring and opening checks before the full pattern let
    each of its forms through."""
    from briefing.read.inline import is_sponsor_disclosure

    assert is_sponsor_disclosure(f"Read on.\nThis article was {verb} by\nAcme Corp.")
    assert is_sponsor_disclosure(f"This guide has been {verb} in partnership with Acme.")
