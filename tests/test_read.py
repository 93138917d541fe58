"""The plain-text reader: title, paragraphs, subheads, furniture, decoding, bad input."""

import codecs
import gzip

import pytest

from briefing.errors import BriefingError
from briefing.read import read_bytes, read_path, read_text
from briefing.read.decode import decode
from briefing.read.furniture import strip_furniture

from .conftest import SHARED

BODY = "The council met on Monday and agreed a new budget for the city."
BODY2 = "Officials said the vote was close, with five members voting against it."
BODY3 = "The mayor welcomed the result and promised faster repairs to the roads."


def headings(article):
    return [s.heading for s in article.sections]


def paragraphs(article):
    return [p.text for s in article.sections for p in s.paragraphs]


def test_title_is_first_non_empty_line_and_lead_has_no_heading():
    article = read_text(f"\n\n  Budget passes  \n{BODY}\n{BODY2}\n")
    assert article.title == "Budget passes"
    assert headings(article) == [None]
    assert paragraphs(article) == [BODY, BODY2]


def test_one_paragraph_per_line_and_blank_line_blocks_read_the_same():
    one_per_line = f"Title\n{BODY}\n{BODY2}\n{BODY3}\n"
    blocks = f"Title\n\n{BODY}\n\n{BODY2}\n\n\n{BODY3}\n"
    assert (
        paragraphs(read_text(one_per_line)) == paragraphs(read_text(blocks)) == [BODY, BODY2, BODY3]
    )


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "Wrapped story\n\n"
        "The council met on Monday and agreed a new budget for the city after a\n"
        "long debate that lasted well into the evening, officials said later on.\n"
        "The vote was close, with five members of the council voting against it.\n\n"
        "The mayor welcomed the result and promised faster repairs to the roads\n"
        "and more money for the libraries that had been closed for a whole year.\n"
        "Critics said the plan would not survive the first winter of the cuts.\n"
    )
    article = read_text(wrapped)
    assert len(paragraphs(article)) == 2
    assert (
        paragraphs(article)[0].startswith("The council met")
        and "officials said later on. The vote" in paragraphs(article)[0]
    )


def test_subheads_split_sections_and_are_never_glued_into_sentences():
    text = f"Title\n{BODY}\nAssad's status\n{BODY2}\nTHE RESPONSE\n{BODY3}\n## Diplomacy in the Gulf region today\n{BODY}\n"
    article = read_text(text)
    assert headings(article) == [
        None,
        "Assad's status",
        "THE RESPONSE",
        "Diplomacy in the Gulf region today",
    ]
    sentences = [s.text for s in article.sentences()]
    assert all("status" not in s and "RESPONSE" not in s for s in sentences)


@pytest.mark.parametrize(
    "line",
    [
        "The talks ended without agreement.",  # closing punctuation: a paragraph
        "- a list item without a full stop",  # a bullet
        "this line starts in lower case",  # not title-like
        "A very long line that has no full stop but runs on far past any subhead length ever",
        "Officials met with the",  # ends with a function word: a wrapped line
    ],
)
def test_lines_that_are_not_subheads(line):
    article = read_text(f"Title\n{BODY}\n{line}\n{BODY2}\n")
    assert headings(article) == [None]


def test_a_short_line_with_no_body_after_it_is_not_a_subhead():
    article = read_text(f"Title\n{BODY}\n{BODY2}\nClosing label\n")
    assert headings(article) == [None]
    assert "Closing label" in article.dropped


def test_only_the_first_of_consecutive_heading_like_lines_is_a_subhead():
    article = read_text(
        f"Title\n{BODY}\nMy fears were realized\nVideo: Envoy testifies at hearing\n{BODY2}\n"
    )
    assert headings(article) == [None, "My fears were realized"]
    assert "Video: Envoy testifies at hearing" in paragraphs(article)


def test_provenance_indices():
    article = read_text(f"Title\n{BODY} {BODY2}\n{BODY3}\nNext part\n{BODY}\n")
    located = [(s.section, s.paragraph, s.index, s.position) for s in article.sentences()]
    assert located == [(0, 0, 0, 0), (0, 0, 1, 1), (0, 1, 0, 2), (1, 0, 0, 3)]


# --- furniture -------------------------------------------------------------------------


def kept_and_dropped(text):
    kept, dropped = strip_furniture(text.splitlines())
    return [k for k in kept if k], dropped


def test_seed_shaped_trailer_category_label_and_headline_list():
    kept, dropped = kept_and_dropped(
        f"{BODY}\n{BODY2}\n{BODY3}\nworld\nYou might also like\n- First other headline\n- Second one, with a comma.\n"
    )
    assert kept == [BODY, BODY2, BODY3]
    assert dropped == [
        "world",
        "You might also like",
        "- First other headline",
        "- Second one, with a comma.",
    ]


def test_related_stories_without_bullets_and_copyright():
    kept, dropped = kept_and_dropped(
        f"{BODY}\n{BODY2}\nRelated Stories\nMayor faces recall vote\nRoad repairs delayed again\n"
        "© 2024 Example News Ltd. All rights reserved.\n"
    )
    assert kept == [BODY, BODY2]
    assert "Mayor faces recall vote" in dropped and dropped[-1].startswith("©")


def test_share_newsletter_follow_prompts_in_a_trailer():
    kept, _ = kept_and_dropped(
        f"{BODY}\n{BODY2}\n\nShare this article\n\nSign up for our daily newsletter\n"
        "Follow us on Twitter and Facebook\nCopyright 2024 Example Media\n"
    )
    assert kept == [BODY, BODY2]


def test_read_more_header_with_a_run_of_body_after_it_is_not_a_trailer():
    kept, dropped = kept_and_dropped(
        f"{BODY}\nRead more\n- Other story\n{BODY2}\n{BODY3}\n{BODY}\n"
    )
    assert kept == [BODY, BODY2, BODY3, BODY]
    assert dropped == ["Read more", "- Other story"]


def test_advertisement_inside_the_body_goes_and_body_stays():
    kept, dropped = kept_and_dropped(f"{BODY}\nAdvertisement\n{BODY2}\n")
    assert kept == [BODY, BODY2] and dropped == ["Advertisement"]


def test_caption_closed_by_photo_credit_goes():
    kept, dropped = kept_and_dropped(
        f"{BODY}\nThe mayor at the town hall on Monday\nCredit: Getty Images\n{BODY2}\n"
    )
    assert kept == [BODY, BODY2]
    assert dropped == ["The mayor at the town hall on Monday", "Credit: Getty Images"]


def test_byline_and_timestamp_lines_go():
    kept, dropped = kept_and_dropped(
        f"By Jane Doe and John Roe\nNov 19, 2019, 8:15 pm CST\n{BODY}\n{BODY2}\n"
    )
    assert kept == [BODY, BODY2]
    assert dropped == ["By Jane Doe and John Roe", "Nov 19, 2019, 8:15 pm CST"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The newsletter was published on Monday by the opposition group.",
        "Copyright law was changed by the parliament in 2019, the minister said.",
        "Share prices fell sharply in early trading on Tuesday.",
        "Follow-up talks are planned for next week in Geneva.",
    ],
)
def test_body_sentences_that_mention_furniture_words_stay(sentence):
    kept, dropped = kept_and_dropped(f"{BODY}\n{sentence}\n{BODY2}\n")
    assert kept == [BODY, sentence, BODY2] and dropped == []


# A closing list: the end of a Billboard story (from the extraction benchmark's page
# 9cb8224b660f), 30 tour dates, short lines without closing punctuation.
DOOBIES = (
    "The Doobie Brothers Set 50th Anniversary Tour of North America\n"
    "A half century on, The Doobie Brothers are still smoking.\n"
    "To celebrate 50 years since the band’s formation, founding members Tom Johnston, Michael "
    "McDonald, Pat Simmons and John McFee will reunite for a special North American tour next "
    "year.\n"
    "Live Nation is producing the tour, tickets for which go on sale Friday, Dec. 6 at "
    "LiveNation.com.\n"
    "Long considered one of the Rock & Roll Hall of Fame great slights, the Doobies last month "
    "were finally nominated for induction.\n"
    "The Doobie Brothers 50th Anniversary Tour 2020 dates:\n"
)
TOUR_DATES = [
    "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
    "June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL",
    "June 14 -- Ameris Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta, GA",
    "June 17 -- Bridgestone Arena, Nashville, TN",
    "June 19 -- PNC Music Pavilion, Charlotte, NC",
    "June 20 -- Coastal Credit Union Music Park at Walnut Creek, Raleigh, NC",
    "June 23 -- Veterans United Home Loans Amphitheater at Virginia Beach, Virginia Beach, VA",
    "June 24 -- Jiffy Lube Live, Bristow, VA",
    "June 26 -- PPL Center, Allentown, PA",
    "June 27 -- BB&T Pavilion, Camden, NJ",
    "June 29 -- PNC Bank Arts Center, Holmdel, NJ",
    "June 30 -- Northwell Health at Jones Beach Theater, Wantagh, NY",
    "July 2 -- Mohegan Sun Arena, Uncasville, CT",
    "July 3 -- Xfinity Center, Mansfield, MA",
    "July 19 -- Budweiser Stage, Toronto, ON",
    "July 22 -- Blossom Music Center, Cuyahoga Falls, OH",
    "July 26 -- Saratoga Performing Arts Center, Saratoga Springs, NY",
    "July 30 -- Ruoff Home Mortgage Music Center, Noblesville, IN",
    "Aug. 2 -- DTE Energy Music Theatre, Clarkston, MI",
    "Aug. 4 -- Riverbend Music Center, Cincinnati, OH",
    "Aug. 8 -- Hollywood Casino Amphitheatre - Chicago, Tinley Park, IL",
    "Aug. 14 -- Hollywood Casino Amphitheatre – St. Louis, St. Louis, MO",
    "Aug. 30 -- Pepsi Center, Denver, CO",
    "Sept. 2 -- USANA Amphitheatre, Salt Lake City, UT",
    "Sept. 5 -- White River Amphitheatre. Seattle, WA",
    "Sept. 12 -- Shoreline Amphitheatre, Mountain View, CA",
    "Sept. 18 -- The Forum, Los Angeles, CA",
    "Oct. 3 -- Ak-Chin Pavilion, Phoenix, AZ",
    "Oct. 9 -- Toyota Music Factory, Irving, TX",
    "Oct. 10 -- The Cynthia Woods Mitchell Pavilion, Houston, TX",
]


def text_lines(article):
    """Every subhead and paragraph the reader kept, in order."""
    lines = []
    for section in article.sections:
        lines += [section.heading] if section.heading else []
        lines += [p.text for p in section.paragraphs]
    return lines


@pytest.mark.parametrize("n", [5, 12, 30])
def test_a_closing_list_of_more_than_four_short_lines_stays(n):
    """Tour dates or results an article ends with are its text, not leftover headlines."""
    article = read_text(DOOBIES + "\n".join(TOUR_DATES[:n]) + "\n")
    assert text_lines(article)[-n - 1 :] == [
        "The Doobie Brothers 50th Anniversary Tour 2020 dates:",
        *TOUR_DATES[:n],
    ]
    assert not set(TOUR_DATES) & set(article.dropped)


def test_up_to_four_short_lines_at_the_end_go():
    """Fewer are what a page leaves below an article: captions, a list's headlines."""
    article = read_text(DOOBIES + "\n".join(TOUR_DATES[:4]) + "\n")
    assert text_lines(article)[-1] == "The Doobie Brothers 50th Anniversary Tour 2020 dates:"
    assert list(article.dropped) == TOUR_DATES[:4]


EXTRACTION = SHARED / "eval" / "extraction"
DOOBIES_PAGE = "9cb8224b660f36c932823ab613fb76a07928fcbc41956c4c1f96f4ecab9202aa"


@pytest.mark.skipif(
    not (EXTRACTION / "html" / f"{DOOBIES_PAGE}.html.gz").is_file(),
    reason=f"optional data {EXTRACTION}/html/{DOOBIES_PAGE}.html.gz is missing "
    "(../shared not beside the project)",
)
def test_the_real_page_keeps_its_thirty_tour_dates():
    data = gzip.decompress((EXTRACTION / "html" / f"{DOOBIES_PAGE}.html.gz").read_bytes())
    article = read_bytes(data, f"{DOOBIES_PAGE}.html", kind="html")
    assert text_lines(article)[-30:] == TOUR_DATES


# --- decoding and bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("Café déjà vu".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Café".encode(), "utf-8"),
        ("Café".encode("utf-16"), "utf-16"),
        ("Café — “quoted”".encode("cp1252"), "windows-1252"),
    ],
)
def test_decode(data, encoding):
    text, found = decode(data)
    assert found == encoding and text.startswith("Caf")
    assert "é" in text


def test_decode_cp1252_reads_undefined_bytes_as_latin1():
    text, encoding = decode(b"caf\xe9 \x81")
    assert encoding == "windows-1252" and text == "café \x81"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, cause",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n  ", "empty file"),
        ("binary.txt", bytes(range(256)) * 4, "binary file"),
        ("only-title.txt", b"Just a title line\n", "no sentences"),
        ("furniture.txt", b"Title\nAdvertisement\nShare this article\n", "no sentences"),
        ("utf16-broken.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid utf-16"),
    ],
)
def test_bad_files_raise_one_line_naming_the_file(tmp_path, name, data, cause):
    path = write(tmp_path, name, data)
    with pytest.raises(BriefingError) as info:
        read_path(path)
    message = str(info.value)
    assert message.startswith(str(path)) and cause in message and "\n" not in message


def test_missing_file_and_folder_and_size_limit(tmp_path):
    with pytest.raises(BriefingError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(BriefingError, match="is a folder"):
        read_path(tmp_path)
    big = write(tmp_path, "big.txt", b"Title\n" + b"A sentence. " * 100)
    with pytest.raises(BriefingError, match="over the 100-byte limit"):
        read_path(big, max_bytes=100)


def test_a_long_last_paragraph_without_closing_punctuation_stays():
    last = (
        "The story ends with a related headline glued on "
        + "and many more words " * 6
        + "without a stop"
    )
    article = read_text(f"Title\n{BODY}\n{last}\n")
    assert paragraphs(article) == [BODY, last]


def test_closing_quotes_separated_by_a_space_still_close_a_paragraph():
    line = "He said, \"I thought, 'this is better than a paycheck.' \""
    article = read_text(f"Title\n{line}\n")
    assert paragraphs(article) == [line]


def test_text_without_a_title_line():
    article = read_text(f"{BODY}\n{BODY2}\n", has_title=False)
    assert article.title == "" and paragraphs(article) == [BODY, BODY2]


@pytest.mark.parametrize("width", [60, 66, 72, 79])
def test_hard_wrapped_seed_reads_as_the_seed(seed_path, width):
    import textwrap

    seed = read_path(seed_path)
    lines = [seed.title, ""]
    for section in seed.sections:
        lines += [section.heading, ""] if section.heading else []
        for paragraph in section.paragraphs:
            lines += textwrap.wrap(paragraph.text, width) + [""]
    wrapped = read_text("\n".join(lines))
    assert headings(wrapped) == headings(seed)
    assert paragraphs(wrapped) == paragraphs(seed)


@pytest.mark.parametrize(
    "subhead", ["After the October 7 attacks", "Decision 12 and its critics", "Follow the money"]
)
def test_subheads_that_look_like_dates_or_prompts_stay_subheads(subhead):
    article = read_text(f"Title\n{BODY}\n{subhead}\n{BODY2}\n{BODY3}\n")
    assert headings(article) == [None, subhead] and paragraphs(article) == [BODY, BODY2, BODY3]


@pytest.mark.parametrize(
    "sentence",
    [
        "Source: the finance ministry said the deficit would fall to 3 percent next year.",
        "Sign up rates for the army reserve rose by a fifth last year.",
        "The publisher said all rights reserved.",
        "Updates to the plan were announced on Friday by the minister.",
    ],
)
def test_body_lines_that_start_like_prompts_stay(sentence):
    article = read_text(f"Title\n{BODY}\n{sentence}\n{BODY2}\n")
    assert paragraphs(article) == [BODY, sentence, BODY2]


def test_a_closing_quotation_without_a_stop_stays():
    last = 'He ended with a promise: "we will not give up"'
    assert paragraphs(read_text(f"Title\n{BODY}\n{last}\n")) == [BODY, last]


def test_separators_and_list_bullets_are_layout_not_text():
    article = read_text(
        f"Title\n{BODY}\n* * *\n- Key facts: 40 killed in the flood\n---\n{BODY2}\n"
    )
    assert paragraphs(article) == [BODY, "Key facts: 40 killed in the flood", BODY2]


def test_control_characters_become_spaces():
    article = read_text(f"Title\n{BODY[:20]}\x1b[31m\x07{BODY[20:]}\n")
    assert "\x1b" not in paragraphs(article)[0] and "\x07" not in paragraphs(article)[0]


def test_cjk_sentences_are_read():
    article = read_text(
        "标题\n今天上午，河水淹没了老城区。数百个家庭离开了家园。\n市长请求军队提供帮助。\n"
    )
    assert len(paragraphs(article)) == 2


def test_a_pipe_or_device_is_refused_without_reading_it(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(BriefingError, match="not a regular file"):
        read_path(fifo)
    with pytest.raises(BriefingError, match="not a regular file"):
        read_path("/dev/zero")


def test_file_names_with_control_characters_stay_on_one_line(tmp_path):
    with pytest.raises(BriefingError) as info:
        read_path(tmp_path / "bad\nname.txt")
    assert "\n" not in str(info.value) and "bad\\nname.txt" in str(info.value)


@pytest.mark.parametrize(
    "text, encoding, label",
    [
        ("Le père a déclaré que la réforme était nécessaire à Paris.", "cp1252", "windows-1252"),
        ("El niño comió piñata en España durante la fiesta.", "latin-1", "windows-1252"),
        ("Привет, мир. Это новости дня, написанные по-русски.", "cp1251", "cp1251"),
        ("Łódź: Prezydent Wałęsa przemówił do tłumu w Gdańsku.", "cp1250", "cp1250"),
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.", "cp1253", "cp1253"),
    ],
)
def test_non_utf8_text_is_detected(text, encoding, label):
    assert decode(text.encode(encoding)) == (text, label)


@pytest.mark.parametrize(
    "furniture",
    [
        "Syrian rebels stand on a tank in Homs, Syria, Saturday, Dec. 7, 2024. (AP Photo/Omar Sanadiki)",
        "(AP Photo/Hussein Malla)",
        "Omar Sanadiki/Getty Images",
        "Advertisement",
        "Share this article",
        "Updated 3:04 PM EST, Sat December 7, 2024",
        "Sign up for our morning newsletter and get the news in your inbox",
        "Follow us on X and Facebook",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "Image",
        "Image 3 of 12",
        "Media playback is unsupported on your device",
        "Read more: Rebels take Aleppo in surprise offensive",
        "READ MORE: Who are the Syrian rebels?",
    ],
)
def test_furniture_anywhere_in_the_article_goes(furniture):
    article = read_text(f"Title\n{BODY}\n{furniture}\n{BODY2}\n{BODY3}\n")
    assert paragraphs(article) == [BODY, BODY2, BODY3]
    assert furniture in article.dropped


def test_text_with_more_than_one_control_byte_in_twenty_is_refused_as_binary():
    prose = b"The storm closed every port on Monday, officials said. " * 4
    with pytest.raises(BriefingError, match=r"binary file \(control bytes\)"):
        decode(prose + b"\x01\x02\x1b\x7f\x03" * 3 + b"\x04" * 10)
    # tabs, new lines, form feeds and carriage returns are text, however many
    assert "storm" in decode(prose + b"\t\n\x0c\r" * 40)[0]
    # a few stray controls (an ESC in a pasted terminal line) are not a binary file
    assert "storm" in decode(prose + b"\x1b[0m")[0]
