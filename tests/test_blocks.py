"""Paragraph kinds (briefing/read/blocks.py): what each block of a page is, and which are
ranked. tests/pages/bridge-kinds.html is a small page with a dek, a list of findings (whole
sentences), a list of names and a table; its text is made up for these tests."""

from __future__ import annotations

from pathlib import Path

from briefing.read import read_path, read_text
from briefing.read.html import _captions, _is_caption

PAGE = Path(__file__).parent / "pages" / "bridge-kinds.html"


def kinds(article):
    return [(p.kind, p.ranked, p.text) for s in article.sections for p in s.paragraphs]


def test_an_html_page_marks_lists_and_tables_and_ranks_only_lists_of_sentences():
    article = read_path(PAGE)
    found = kinds(article)
    findings = [t for k, r, t in found if k == "item" and r]
    names = [t for k, r, t in found if k == "item" and not r]
    cells = [t for k, r, t in found if k == "cell"]
    assert findings[0] == "The east pier has a crack more than two metres long."
    assert len(findings) == 3
    assert names == ["Commuters", "School buses", "Delivery firms"]
    assert cells == ["Daily vehicles", "12,000", "Built", "1898"]
    assert not any(r for k, r, _ in found if k == "cell")
    ranked = {s.text for s in article.sentences()}
    assert "Commuters" not in ranked and "12,000" not in ranked
    assert "The deck has sunk by four centimetres since March." in ranked


def test_the_dek_is_a_paragraph_and_the_dateline_metadata():
    article = read_path(PAGE)
    assert [s.heading for s in article.sections] == [
        None,
        "What the engineers found",
        "Who is affected",
    ]
    first, second = article.sections[0].paragraphs[:2]
    assert first.text.startswith("Engineers found deep cracks") and first.ranked
    assert second.text.startswith("The council of the northern town voted")
    assert article.metadata.dateline == "BUFFALO, N.Y."
    assert article.metadata.site == "The Town Gazette"


def test_plain_text_kinds_come_from_the_shape_of_the_lines():
    text = "\n\n".join(
        [
            "Title",
            "The council met on Monday and agreed a budget for the year.",
            "- Oranges\n- Apples",
            '> "We will act," the mayor said after the vote.',
            "- Taxes will rise by 2% in April.\n- Parking will cost more from May.",
            "| Votes for | 12 |",
            "The vote was close, and the opposition said it would appeal.",
        ]
    )
    found = [(k, r) for k, r, _ in kinds(read_text(text))]
    assert found == [
        ("body", True),
        ("item", False),
        ("item", False),
        ("quote", True),
        ("item", True),
        ("item", True),
        ("cell", False),
        ("cell", False),
        ("body", True),
    ]


def test_the_pages_own_caption_elements_make_captions():
    html = (
        b"<html><body><figure><figcaption>The WeWork logo is displayed outside of a"
        b" co-working space in New York.</figcaption></figure></body></html>"
    )
    captions = _captions(html)
    assert _is_caption("The WeWork logo is displayed outside of a co-working space", captions)
    assert not _is_caption(
        "WeWork is to cut thousands of jobs this week, staff were told.", captions
    )


LINKED = b"""<html><head><title>Van Der Beek eliminated</title></head><body><article>
<h1>Van Der Beek eliminated</h1>
<p>James Van Der Beek has been eliminated from the dance show, a week after his wife lost a
baby, the network said on Tuesday.</p>
<p><a href="/a">SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'</a></p>
<p>The former star, 42, was voted off the popular show in what the host described as the
hardest decision of the season.</p>
<p><b>What the judges said</b></p>
<p>The judges were split, and the head judge said it was the hardest verdict she had given in
years of the show.</p>
<p>Viewers had voted in record numbers, the network said, and the final is next week.</p>
</article></body></html>"""


def test_a_linked_headline_goes_and_a_bold_paragraph_is_a_subhead():
    """Fox News's related links are paragraphs that are one link (7dfc3e35); bold
    paragraphs are subheads. (A linked paragraph that ends like a sentence stays: see
    ``html._headline``; trafilatura drops this page's one for its link density.)"""
    from briefing.read import read_bytes

    article = read_bytes(LINKED, "page.html")
    texts = [p.text for s in article.sections for p in s.paragraphs]
    assert not any("SPICER" in t for t in texts)
    assert "SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'" in article.dropped
    assert [s.heading for s in article.sections] == [None, "What the judges said"]


def test_a_boxs_label_run_into_its_text_goes():
    """e593d7fe: Healthline's "Summary" box reads "Summary Drinking more water …"."""
    text = "Title\n\nSummary Drinking more water can keep you feeling full between meals.\n"
    article = read_text(text)
    assert article.sentences()[0].text.startswith("Drinking more water")
    assert "Summary" in article.dropped


def test_a_heading_over_links_or_an_address_is_no_subhead():
    """9cb8224b: Billboard's promo rail "2019 American Music Awards" titles linked
    headlines; 7837c9d6: a cited piece's title over its bare address. Both go, and the
    text after them stays in the section before. A subhead over text stays, and so does
    one over a single related link and then text."""
    from briefing.read.blocks import Block, build

    story = "A half century on, The Doobie Brothers are still smoking, the band said."
    blocks = [
        Block("## 2019 American Music Awards", "head"),
        Block("Jonas Brothers Added to 2019 American Music Awards Performance Lineup", "link"),
        Block("Ciara to Host 2019 American Music Awards, Plus New Performers Announced", "link"),
        Block(story),
        Block("## Khamenei: Haram Menghina Istri Nabi dan Simbol Ahlusunah", "head"),
        Block("http://syiahali.wordpress.com/2011/09/07/fatwa-para-ulama/", "link"),
        Block("Sekarang kita lihat asal muasal penghinaan terhadap istri dan sahabat Nabi."),
        Block("## The tour dates", "head"),
        Block("Live Nation Announces More Shows", "link"),
        Block("The four-time Grammy winning band will kick off the jaunt June 9, 2020."),
    ]
    article = build("The Doobie Brothers Set 50th Anniversary Tour", blocks, "x.html", shaped=False)
    assert [s.heading for s in article.sections] == [None, "The tour dates"]
    lead = [p.text for p in article.sections[0].paragraphs]
    assert lead == [story, blocks[6].text]
    assert "2019 American Music Awards" in article.dropped
    assert "Khamenei: Haram Menghina Istri Nabi dan Simbol Ahlusunah" in article.dropped


CALL_TO_ACTION = b"""<html><head><title>Business focus</title></head><body><article>
<h1>Business focus</h1>
<p>Business focus is why some people are able to build the online business they dream of
while others only think about it, and it is the subject of this whole series.</p>
<p>Now that you know your business stage, you can tap into the power of focused attention and
make fast progress in the months ahead.</p>
<p><a href="https://example.com/roadmap/">Get the Online Business Success Roadmap</a> for an
overview and a handy checklist of all the Plan &amp; Grow BIG stages.</p>
<p><a href="https://example.com/film/">Get Out</a> won the award for best original screenplay
that year, and its director spoke about it at length.</p>
<p>The Grow stage is where you build on what works, and where most businesses stall for
lack of a plan they can keep to.</p>
</article></body></html>"""


def test_a_call_to_action_that_opens_with_its_offer_link_goes():
    """c582d3b7: "Get the Online Business Success Roadmap" is a link to the site's own
    offer, opening a one-sentence paragraph; a paragraph that opens with a linked title
    ("Get Out won …") is text."""
    from briefing.read import read_bytes

    article = read_bytes(CALL_TO_ACTION, "page.html")
    texts = [p.text for s in article.sections for p in s.paragraphs]
    assert not any(t.startswith("Get the Online Business") for t in texts)
    assert any(t.startswith("Get the Online Business") for t in article.dropped)
    assert any(t.startswith("Get Out won") for t in texts)
