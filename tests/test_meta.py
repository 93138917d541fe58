"""Titles and metadata cleaned (issue 13, point 5): each rule on real page text, with the
titles, bylines and openings it must leave alone. The strings are copied from the saved news
pages of the extraction benchmark, the CNN/Daily Mail, BBC and ECB+ data sets."""

import pytest

from briefing.read.meta import (
    best_date,
    clean_title,
    date_from_url,
    is_salutation,
    is_site_name,
    take_dateline,
    take_salutation,
    valid_author,
    valid_site,
)

SENTENCE = "The minister said on Tuesday that talks would resume."


@pytest.mark.parametrize(
    "title, site, url, expected",
    [
        (
            "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay - WSJ",
            "Wall Street Journal",
            "https://www.wsj.com/articles/google-stadia",
            "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay",
        ),
        (
            "New York State Attorney General reportedly investigating WeWork – TechCrunch",
            "TechCrunch",
            "http://social.techcrunch.com/2019/11/18/new-york",
            "New York State Attorney General reportedly investigating WeWork",
        ),
        (
            "The Guardian view on Hong Kong: a city on the brink | Editorial | Opinion | The Guardian",
            "the Guardian",
            "http://www.theguardian.com/commentisfree/2019/nov/18/x",
            "The Guardian view on Hong Kong: a city on the brink",
        ),
        (
            "Hong Kong chaos: China deploys troops and warns SURRENDER is only option | World | News | Express.co.uk",
            "Express.co.uk",
            "https://www.express.co.uk/news/world/1206313/x",
            "Hong Kong chaos: China deploys troops and warns SURRENDER is only option",
        ),
        (
            "Son of former German president stabbed to death in Berlin - Breaking News - The Jerusalem post",
            "jpost.com",
            "https://www.jpost.com/Breaking-News/x",
            "Son of former German president stabbed to death in Berlin",
        ),
        (
            "South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign | TheHill",
            "The Hill",
            "https://thehill.com/homenews/news/471033-x",
            "South Dakota governor doubles down on 'meth, we're on it' anti-drug campaign",
        ),
        (
            "What is the value of drugs that come to the U.S. border? | PolitiFact West Virginia",
            "@politifact",
            "https://www.politifact.com/west-virginia/statements/2019/nov/18/x/",
            "What is the value of drugs that come to the U.S. border?",
        ),
        (
            "Dare to Play 3 / October pack – Vortex Cannon Entertainment",
            None,
            "https://vortexcannon.org/dare-to-play-3-october-pack-2/",
            "Dare to Play 3 / October pack",
        ),
        (
            "LinkNaija | Nigeria's popular news platform: BREAKING NEWS: Chelsea Activate £71.6m Release Clause To Sign Kepa Arrizabalaga From Athletic Bilbao",
            "LinkNaija | Nigeria's popular news platform",
            "http://www.linknaija.com/2018/08/breaking-news-chelsea-activate-716m.html",
            "Chelsea Activate £71.6m Release Clause To Sign Kepa Arrizabalaga From Athletic Bilbao",
        ),
        (
            "Classificação NASCAR | Autoracing | F1 | Indy | MotoGP | StockCar",
            "Autoracing | F1 | Indy | MotoGP | StockCar",
            "http://www.autoracing.com.br/classificacao-nascar/",
            "Classificação NASCAR",
        ),
        (
            "Introducing Junior Gaspard, New CEO at Experience - Experience",
            "Experience",
            "https://www.expapp.com/blog/x/",
            "Introducing Junior Gaspard, New CEO at Experience",
        ),
        (  # the site's name opens the headline too: only the tail goes
            "9to5Mac Gift Guide: What do you buy for the person who already has the latest technology? - 9to5Mac",
            "9To5Mac",
            "https://9to5mac.com/2019/11/18/techy-gift-guide/",
            "9to5Mac Gift Guide: What do you buy for the person who already has the latest technology?",
        ),
        (
            "Пожар на складе в Подмосковье: новости, фото 2018",
            None,
            None,
            "Пожар на складе в Подмосковье",
        ),
    ],
)
def test_titles_lose_the_site_sections_and_seo_tails(title, site, url, expected):
    assert clean_title(title, site, url) == expected


@pytest.mark.parametrize(
    "title, expected",
    [  # no site known: the generic shapes of a site's name
        (
            "Nadal keeps Spain alive against Russia in Davis Cup Finals - Sportsnet.ca",
            "Nadal keeps Spain alive against Russia in Davis Cup Finals",
        ),
        (
            "Esper accuses China of intimidating smaller Asian nations - Houston Chronicle",
            "Esper accuses China of intimidating smaller Asian nations",
        ),
        ("Best tech gadgets of 2019 | ZDNet", "Best tech gadgets of 2019"),
        (
            "Three Cases of Plague Diagnosed in China | Smart News | Smithsonian",
            "Three Cases of Plague Diagnosed in China",
        ),
        (
            "Breaking News - Three People Shot in Office Shooting in Suburban Detroit",
            "Three People Shot in Office Shooting in Suburban Detroit",
        ),
    ],
)
def test_titles_lose_site_shaped_tails_when_no_site_is_known(title, expected):
    assert clean_title(title) == expected


@pytest.mark.parametrize(
    "title, site, url",
    [
        ("Tevez - an Argentine in Brazil", "BBC News", "https://www.bbc.com/news/x"),
        ("Wood - Ireland can win Grand Slam", "BBC News", "https://www.bbc.com/news/x"),
        ("Choose hope over fear - Kennedy", None, None),
        ("Red Sox - Teixeira Rumor", None, None),
        ("Lindsay Lohan Checks Into Court - Ordered Rehab", None, None),
        ("Woman Killed In Queens Hit - And - Run, Driver Charged", None, None),
        ("Take C.A.R.E. - comwrap auf der DMEXCO 2018", "Comwrap", "https://blog.comwrap.com/x"),
        (
            "Milan Design Week 2018 | Anastassiades' light installation for FLOS",
            "Inexhibitmagazine",
            "https://www.inexhibit.com/x",
        ),
        (
            "Die elektronische Patientenakte (ePA) – der lange Marsch ins Digitale Gesundheitswesen",
            "Comwrap",
            "https://blog.comwrap.com/x",
        ),
        (
            "US-China trade war developments leave investors with mixed feelings -- Asian market latest",
            "CNN",
            "https://www.cnn.com/x",
        ),
        (
            "Our BI Research Shows - A Mix of Native Ad Units Generate the Highest Engagement Metrics for Marketers and the Greatest Revenue for Publishers",
            "My6Sense",
            "https://my6sense.com/x",
        ),
        (
            "Column: The Gannett/GateHouse merger sends a dismal signal about the future of local news",
            "Los Angeles Times",
            "https://www.latimes.com/x",
        ),
        (
            "Business Focus: Do You Have What It Takes to Build a Business Online?",
            "BIG Brand System",
            "https://www.bigbrandsystem.com/business-focus/",
        ),
        (
            "Anthony Lynn: “We needed to win this game”",
            "ProFootballTalk",
            "https://profootballtalk.nbcsports.com/x",
        ),
    ],
)
def test_real_headlines_with_dashes_pipes_and_colons_stay_whole(title, site, url):
    assert clean_title(title, site, url) == title


def test_a_title_that_is_only_the_site_comes_back_and_is_flagged():
    assert clean_title("Quanta Magazine", "Quanta Magazine") == "Quanta Magazine"
    assert clean_title("The Hill | TheHill", "The Hill") == "The Hill | TheHill"
    assert is_site_name("Quanta Magazine", "Quanta Magazine", "https://www.quantamagazine.org/x")
    assert not is_site_name("Cells That ‘Taste’ Danger Set Off Immune Responses", "Quanta Magazine")
    assert clean_title("") == ""


@pytest.mark.parametrize(
    "author, expected",
    [
        ("Carrie Arnold November", "Carrie Arnold"),
        ("JERUSALEM POST STAFF NOVEMBER", None),
        ("Staff Reports", None),
        ("STAFF", None),
        ("Science X staff", None),
        ("Admin", None),
        ("Jdadmin", None),
        ("Editorial", None),
        ("Copyright 2014", None),
        ("https://www.example.com/authors/jane", None),
        ("jane.doe@example.com", None),
        ("Jane Doe is a reporter for The Times of Israel.", "Jane Doe"),
        ("Tom Krisher; Ap Auto Writer", "Tom Krisher"),
        ("ROBERT BURNS; AP National Security Writer", "ROBERT BURNS"),
        ("Ilana Muhlstein; MS; RDN", "Ilana Muhlstein"),
        ("Troy Smith; Troy L Smith; Cleveland com", "Troy Smith; Troy L Smith"),
        ("Detroit News wire services Published", "Detroit News wire services"),
        ("By Sarah E Needleman", "Sarah E Needleman"),
        ("one two three four five six seven eight", None),
        (None, None),
    ],
)
def test_authors_that_are_not_names_are_dropped(author, expected):
    assert valid_author(author) == expected


@pytest.mark.parametrize(
    "author",
    [
        "Lia Eustachewich; Yaron Steinbuch",
        "David Jeans; Kevin Rebong; Kevin-R",
        "Sandee LaMotte; CNN",
        "Amy Kuperinsky; NJ Advance Media",
        "DANICA KIRKA, JILL LAWLESS",
        "Tom Johnston and Pat Simmons",
        "Martin Luther King, Jr.",
        "Ryan May",
        "Associated Press",
        "PTI",
        "Michael David Smith",
    ],
)
def test_real_bylines_stay(author):
    assert valid_author(author) == author


@pytest.mark.parametrize(
    "site, expected",
    [
        ("https://www.politifact.com/", None),
        ("Copyright 2014 Example Media", None),
        ("© 2019 Gannett. All rights reserved.", None),
        ("@politifact", None),
        (" The Jerusalem Post | JPost.com ", "The Jerusalem Post"),
        ("LinkNaija | Nigeria's popular news platform", "LinkNaija"),
        ("livescience.com", "livescience.com"),
        ("San Antonio Express-News", "San Antonio Express-News"),
        ("Business Insider Deutschland", "Business Insider Deutschland"),
        (None, None),
    ],
)
def test_sites(site, expected):
    assert valid_site(site) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "https://www.politifact.com/west-virginia/statements/2019/nov/18/david-mckinley/what-value/",
            "2019-11-18",
        ),
        ("https://www.cnbc.com/2019/11/20/emirates-inks-order.html", "2019-11-20"),
        (
            "https://www.latimes.com/business/story/2019-11-19/gannett-gatehouse-merger",
            "2019-11-19",
        ),
        (
            "https://www.quantamagazine.org/tuft-cells-that-taste-danger-set-off-immune-responses-20191115/",
            "2019-11-15",
        ),
        ("https://www.spokesman.com/stories/2019/nov/19/meth-were-on-it/", "2019-11-19"),
        ("https://phys.org/news/2019-11-hibernating-astronauts-smaller-spacecraft.html", None),
        (
            "https://sputniknews.com/columnists/201911181077343476-royal-self-indicting-arrogance/",
            None,
        ),
        (
            "https://www.businessinsider.de/10-things-in-tech-you-need-to-know-today-november-19-2019-11",
            None,
        ),
        ("https://www.wsj.com/articles/so-many-ways-to-playand-pay-11574168580", None),
        ("https://example.com/2019/02/30/not-a-day/", None),
        ("https://example.com/2019/novel/18/", None),
        (None, None),
    ],
)
def test_dates_in_urls(url, expected):
    assert date_from_url(url) == expected


def test_the_urls_date_wins_over_a_metadata_date_far_from_it():
    url = "https://www.politifact.com/west-virginia/statements/2019/nov/18/david-mckinley/x/"
    assert best_date("2019-10-13", url) == "2019-11-18"  # the quoted statement's date
    assert best_date("2019-11-19", "https://www.cnbc.com/2019/11/18/x.html") == "2019-11-19"
    assert (
        best_date("2019-11-14", "https://www.msn.com/en-us/Health/other/x/ar-BBWXwNX")
        == "2019-11-14"
    )
    assert best_date(None, "https://www.cnbc.com/2019/11/20/x.html") == "2019-11-20"
    assert best_date(None, None) is None


@pytest.mark.parametrize(
    "opening, dateline",
    [
        ("NEW DELHI:", "NEW DELHI"),
        ("BUFFALO, N.Y. —", "BUFFALO, N.Y."),
        ("VIENNA —", "VIENNA"),
        ("BERLIN --", "BERLIN"),
        ("WASHINGTON –", "WASHINGTON"),
        ("(Reuters) -", "(Reuters)"),
        ("(CNN)", "(CNN)"),
        ("BEIRUT (AP) —", "BEIRUT (AP)"),
        ("SANTA FE, N.M. (AP) — ", "SANTA FE, N.M. (AP)"),
        ("DUBAI, United Arab Emirates — ", "DUBAI, United Arab Emirates"),
        ("New York, NY – ", "New York, NY"),
        ("LONDON (Reuters) - ", "LONDON (Reuters)"),
        ("PARIS, Nov 19 (Reuters) - ", "PARIS, Nov 19 (Reuters)"),
        ("Nov. 19, 2019 /PRNewswire/ --", "Nov. 19, 2019 /PRNewswire/"),
        ("CLEVELAND, Ohio –", "CLEVELAND, Ohio"),
        ("Dekalb, Ill. —", "Dekalb, Ill."),
        ("Washington, DC, United States:", "Washington, DC, United States"),
        ("Hong Kong (CNN Business)", "Hong Kong (CNN Business)"),
        ("Washington  (CNN)", "Washington (CNN)"),
        ("Sanaa, Yemen (CNN)", "Sanaa, Yemen (CNN)"),
        ("THE HAGUE, Netherlands (AP) —", "THE HAGUE, Netherlands (AP)"),
        ("WINSTON-SALEM, N.C. —", "WINSTON-SALEM, N.C."),
        ("SÃO PAULO —", "SÃO PAULO"),
    ],
)
def test_datelines_are_taken_off_the_first_paragraph(opening, dateline):
    assert take_dateline(f"{opening} {SENTENCE}") == (dateline, SENTENCE)


def test_the_rest_after_a_dateline_is_a_verbatim_suffix():
    text = "  (CNN)Share, and your gift will be multiplied.  "
    line, rest = take_dateline(text)
    assert line == "(CNN)" and rest == "Share, and your gift will be multiplied."
    assert text.rstrip().endswith(rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "US President Donald Trump has claimed victory as the Democratic Party-controlled House of Representatives concluded its third public hearing.",
        "The U.N. — which has 193 members — met on Tuesday.",
        "Kim Jong Un: the leader who would not talk.",
        "Two hostages — an American and an Australian — who had been held by the Taliban were released Tuesday.",
        "Beauty company Coty is breaking out — in a good way.",
        "A HUNTER who killed and ate a wild rabbit in China has been hit by the deadly bubonic plague.",
        "FTC: We use income earning auto affiliate links.",
        "PEPA – Universitätsklinikum Heidelberg (UKHD)",
        "Summary: 5-1A: Salina South diver Keetan Munsell (junior) won the state championship.",
        "Victor N. Burton: Dealing in methamphetamine, possession of methamphetamine.",
        "Hey, Jamal Williams: Hire a Driver!",
        "Reviews of Call of Duty, Splinter Cell - Pandora Tomorrow, Lord of the Rings and Pocket Kingdom will follow on Monday.",
        "CHARGED WITH MURDER: What most of the liberal media won't tell you about the employee who shot three co-workers.",
        "MUST SEE: Navy pins down Somali pirates in heroic face-off",
        "POSTED: December 08, 2010",
        "Q: What is the best way to store coffee beans at home?",
        "U.S. Rep. David McKinley, R-W.Va.: We need a wall and we need it now.",
        "Apple (AAPL) — The stock rose 2% on Tuesday after the launch.",
        "VIENNA — which the minister visited on Tuesday, was calm.",
        "DEAR ABBY: My husband snores.",
        "BAAR, SWITZERLAND",
    ],
)
def test_sentence_openings_are_not_datelines(paragraph):
    assert take_dateline(paragraph) == (None, paragraph)


@pytest.mark.parametrize(
    "paragraph, salutation, rest",
    [
        ("DEAR ABBY: My husband snores.", "DEAR ABBY", "My husband snores."),
        ("Dear Annie: I am 40 and single.", "Dear Annie", "I am 40 and single."),
        ("DEAR DOCTOR K: What is gout?", "DEAR DOCTOR K", "What is gout?"),
        ("Dear Prudence, My sister is rude.", "Dear Prudence", "My sister is rude."),
        ("DEAR ABBY:", "DEAR ABBY", ""),
    ],
)
def test_salutations_open_no_key_point(paragraph, salutation, rest):
    assert take_salutation(paragraph) == (salutation, rest)
    assert is_salutation(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Dear friends, we gathered here to remember him.",
        "Dear John letters are rarer in the age of texting.",
        "Dear Leader Kim Jong Un visited the plant on Tuesday.",
        "The letter began with Dear Abby.",
    ],
)
def test_sentences_with_dear_are_not_salutations(paragraph):
    assert take_salutation(paragraph) == (None, paragraph)
    assert not is_salutation(paragraph)


HUGE = 100_000


@pytest.mark.parametrize(
    "text",
    [
        " " * HUGE,
        "A" * HUGE,
        "A " * (HUGE // 2),
        "a | " * (HUGE // 4),
        "Headline" + " - News" * (HUGE // 7),
        ", " * (HUGE // 2),
        "1-" * (HUGE // 2),
        "staffadmin" * (HUGE // 10),
        "NEW YORK, " * (HUGE // 10),
        "(" * HUGE,
        "Dear " * (HUGE // 5),
        ": новости" * (HUGE // 9),
    ],
)
def test_pathological_inputs_return(text):
    """Each function on 100 KB of a shape its patterns scan; it must return (no timing)."""
    assert isinstance(clean_title(text, text[:1000], "https://" + text[:1000]), str)
    assert is_site_name(text, "Site") in (True, False)
    valid_author(text)
    valid_site(text)
    date_from_url("https://example.com/" + text)
    best_date(text, "https://example.com/" + text)
    assert take_dateline(text)[1] in (text, text.strip()) or text.strip().endswith(
        take_dateline(text)[1]
    )
    take_salutation(text)
    is_salutation(text)
