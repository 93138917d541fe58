"""The daily and the store: briefing from stored articles, and what is new since the last
daily (new, continuing, nothing new, updated, a re-run), on small invented days."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from briefing.api import daily
from briefing.cli import main
from briefing.settings import load_settings
from briefing.store import Incoming, content_hash, open_store

DAY1, DAY2 = date(2026, 12, 1), date(2026, 12, 2)
T1 = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
T2 = T1 + timedelta(days=1)

BRIDGE = (
    "Bridge collapses in Riverton",
    "The Millbrook Bridge in Riverton collapsed on Monday morning, sending three cars into "
    "the Ashford River. Rescue teams pulled four people from the water, and two of them are "
    "in hospital.\n\nMayor Ellen Torres said engineers had inspected the Millbrook Bridge in "
    "March and found nothing wrong. The state transport agency has opened an inquiry into "
    "the collapse of the bridge.",
)
BRIDGE_2 = (
    "Riverton bridge inquiry points to corroded cables",
    "Investigators looking into the Millbrook Bridge collapse in Riverton said on Tuesday "
    "that corroded steel cables were the likely cause. Halvorsen Works, the contractor that "
    "repaired the bridge over the Ashford River in 2019, has been asked for its records."
    "\n\nMayor Ellen Torres called for every bridge in Riverton to be checked this week. "
    "The two people taken to hospital after the Millbrook Bridge collapse are recovering.",
)
FESTIVAL = (
    "Jazz festival opens in Port Elwin",
    "The Port Elwin jazz festival opened on Monday evening with a concert by the Calloway "
    "Quartet on the harbour stage. Organisers expect forty thousand visitors over five days."
    "\n\nTickets for the closing night with singer Mara Lindqvist sold out within an hour. "
    "The festival's director, Jonas Pell, said this year's programme is the largest yet.",
)
CHESS = (
    "Valdor wins the Northern Chess Open",
    "Grandmaster Ilse Valdor won the Northern Chess Open in Tallmark on Tuesday after a "
    "fourteen-move final game against Petr Novak. It is her third title in the tournament."
    "\n\nThe organisers of the Northern Chess Open said a record two hundred players had "
    "entered. Valdor will defend her world ranking in Oslo next month.",
)


def put(store, url: str, article: tuple[str, str], when: datetime, outlet: str) -> str:
    title, body = article
    data = f"{title}\n\n{body}\n".encode()
    text = " ".join(body.split())  # the hash here only has to change when the text does
    incoming = Incoming(url, "", "", outlet, title, None, when, data, "text/plain", False,
                        None, None, text, content_hash(title, text))  # fmt: skip
    return store.put_article(incoming)


def settings(formats=("md",)):
    return load_settings({"formats": formats, "top": 2}, isolated=True)


def day_of(tmp_path, day: date, when: datetime, **kw) -> dict:
    made = daily(
        [], tmp_path / "out", settings().replace(issued=when), day=day,
        store_path=tmp_path / "b.db", **kw,
    )  # fmt: skip
    (record,) = [p for p in made.written if p.suffix == ".json"]
    return json.loads(record.read_text())


def shown(record: dict) -> set[str]:
    texts = {i["text"] for s in record["stories"] for i in s["key_points"]}
    for part in record["parts"]:
        texts |= {i["text"] for i in part["key_points"]}
        texts |= {i["text"] for sec in part["sections"] for i in sec["items"]}
    return texts


def story_of(record: dict, needle: str) -> dict:
    (story,) = [s for s in record["stories"] if needle in s["headline"]]
    return story


@pytest.fixture
def two_days(tmp_path):
    """Day 1: the bridge (Alpha) and the festival (Gamma). Day 2: the bridge from Beta in
    its own words, the festival's page again unchanged, and a chess story."""
    with open_store(tmp_path / "b.db") as store:
        put(store, "https://alpha.test/bridge", BRIDGE, T1 - timedelta(hours=2), "Alpha")
        put(store, "https://gamma.test/jazz", FESTIVAL, T1 - timedelta(hours=1), "Gamma")
    first = day_of(tmp_path, DAY1, T1)
    with open_store(tmp_path / "b.db") as store:
        put(store, "https://beta.test/inquiry", BRIDGE_2, T2 - timedelta(hours=3), "Beta")
        assert put(store, "https://gamma.test/jazz", FESTIVAL, T2 - timedelta(hours=2), "G") == (
            "unchanged"
        )
        put(store, "https://delta.test/chess", CHESS, T2 - timedelta(hours=1), "Delta")
    return tmp_path, first


def test_a_daily_from_the_store_briefs_what_came_in_since_the_last_one(two_days):
    tmp_path, first = two_days
    assert {s["headline"] for s in first["stories"]} == {BRIDGE[0], FESTIVAL[0]}
    assert {p["outlet"] for p in first["parts"]} == {"Alpha", "Gamma"}  # the store's outlets
    assert {p["source"] for p in first["parts"]} == {
        "https://alpha.test/bridge",
        "https://gamma.test/jazz",
    }
    second = day_of(tmp_path, DAY2, T2)
    # the festival's page came back unchanged: it is not new since day 1, so not briefed
    assert {p["source"] for p in second["parts"]} == {
        "https://beta.test/inquiry",
        "https://delta.test/chess",
    }


def test_a_continuing_story_is_marked_and_shows_nothing_told_before(two_days):
    tmp_path, first = two_days
    assert all(s["status"] == "new" for s in first["stories"])
    second = day_of(tmp_path, DAY2, T2)
    bridge = story_of(second, "Riverton")
    assert (bridge["status"], bridge["first_seen"]) == ("continuing", "2026-12-01")
    assert story_of(second, "Valdor")["status"] == "new"
    assert story_of(second, "Valdor")["first_seen"] == "2026-12-02"
    assert not shown(first) & shown(second)  # no sentence of day 1 told again
    markdown = (tmp_path / "out" / "2026-12-02" / "briefing.md").read_text()
    assert "first reported 1 December" in markdown


def test_a_top_development_of_an_earlier_daily_is_not_one_again(two_days):
    tmp_path, first = two_days
    second = day_of(tmp_path, DAY2, T2)
    top_before = {s["headline"] for s in first["stories"] if s["id"] in first["top_developments"]}
    top_now = {s["headline"] for s in second["stories"] if s["id"] in second["top_developments"]}
    assert BRIDGE[0] in top_before
    assert not {"Riverton bridge inquiry points to corroded cables"} & top_now
    assert top_now == {CHESS[0]}


def test_a_story_with_nothing_new_collapses_to_one_line(two_days):
    tmp_path, _ = two_days
    day_of(tmp_path, DAY2, T2)
    # day 3: the festival's article again, from a file of the same text (known by hash)
    article = tmp_path / "jazz.txt"
    article.write_text(f"{FESTIVAL[0]}\n\n{FESTIVAL[1]}\n")
    made = daily(
        [article], tmp_path / "out",
        settings(("md", "html")).replace(issued=T2 + timedelta(days=1)),
        day=date(2026, 12, 3), store_path=tmp_path / "b.db",
    )  # fmt: skip
    record = json.loads(next(p for p in made.written if p.suffix == ".json").read_text())
    (story,) = record["stories"]
    assert story["status"] == "continuing" and record["no_new_developments"] == [story["id"]]
    assert shown(record) == set() and record["top_developments"] == []
    markdown = next(p for p in made.written if p.suffix == ".md").read_text()
    assert "No new developments" in markdown and FESTIVAL[0] in markdown
    assert FESTIVAL[1].split(".")[0] not in markdown
    html = next(p for p in made.written if p.suffix == ".html").read_text()
    assert '<h2 class="quiet-title">No new developments</h2>' in html
    assert "first reported 1 December (day 3)" in html  # the same mark as the Markdown's
    assert FESTIVAL[1].split(".")[0] not in html and 'class="story"' not in html


def test_an_article_changed_since_it_was_briefed_is_an_update(two_days):
    tmp_path, first = two_days
    added = "Rescuers found a fourth car in the Ashford River on Tuesday."
    with open_store(tmp_path / "b.db") as store:
        changed = (BRIDGE[0], BRIDGE[1] + "\n\n" + added)
        assert put(store, "https://alpha.test/bridge", changed, T2 - timedelta(hours=1), "A") == (
            "updated"
        )
    second = day_of(tmp_path, DAY2, T2)
    bridge = story_of(second, "Riverton")
    assert bridge["status"] == "continuing" and bridge["updated"] is True
    assert story_of(second, "Valdor")["updated"] is False
    assert added in shown(second) and not shown(first) & shown(second)


def test_running_the_same_day_again_gives_the_same_statuses(two_days):
    tmp_path, _ = two_days
    once = day_of(tmp_path, DAY2, T2)
    again = day_of(tmp_path, DAY2, T2 + timedelta(minutes=5))
    assert [(s["headline"], s["status"]) for s in once["stories"]] == [
        (s["headline"], s["status"]) for s in again["stories"]
    ]
    with open_store(tmp_path / "b.db") as store:
        days = store.db.execute("SELECT day FROM briefings WHERE kind = 'daily'").fetchall()
    assert sorted(days) == [("2026-12-01",), ("2026-12-02",)]  # replaced, not added


def test_fresh_ignores_the_history_for_one_run(two_days):
    tmp_path, _ = two_days
    second = day_of(tmp_path, DAY2, T2, fresh=True)
    assert {s["status"] for s in second["stories"]} == {"new"}


def test_since_picks_the_window_and_an_empty_one_is_one_line(tmp_path, capsys):
    with open_store(tmp_path / "b.db") as store:
        put(store, "https://alpha.test/bridge", BRIDGE, T1, "Alpha")
    code = main(["daily", "--store", str(tmp_path / "b.db"), "--out", str(tmp_path / "o"),
                 "--since", "2999-01-01", "--format", "md"])  # fmt: skip
    err = capsys.readouterr().err
    assert (
        code == 1 and "no article in the store is new since" in err and len(err.splitlines()) == 1
    )
    code = main(["daily", "--store", str(tmp_path / "b.db"), "--out", str(tmp_path / "o"),
                 "--since", "2026-11-30", "--date", "2026-12-01", "--format", "md"])  # fmt: skip
    assert code == 0 and (tmp_path / "o" / "2026-12-01" / "briefing.md").is_file()


def test_search_lists_stored_articles(tmp_path, capsys):
    with open_store(tmp_path / "b.db") as store:
        put(store, "https://alpha.test/bridge", BRIDGE, T1, "Alpha")
        put(store, "https://delta.test/chess", CHESS, T1, "Delta")
    assert main(["search", "--store", str(tmp_path / "b.db"), "millbrook", "ashford"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.split("\t") == ["2026-12-01", "Alpha", BRIDGE[0], "https://alpha.test/bridge"]
    assert main(["search", "--store", str(tmp_path / "b.db"), "millbrook", "valdor"]) == 1
    assert main(["search", "--store", str(tmp_path / "none.db"), "x"]) == 1
    assert "no article store here yet" in capsys.readouterr().err


QUAKE = (
    "Earthquake kills 12 in northern Zarkan province",
    "An earthquake of magnitude 6.1 struck Zarkan province on Sunday, killing 12 people in "
    "the town of Belmira and injuring 80, officials said. The quake destroyed mud-brick homes "
    "in Belmira and the villages near it. Rescue teams from Tolvar searched the rubble through "
    "the night. Governor Anton Reyes said tents and water had reached Belmira by Monday.",
)
QUAKE_TOLL = (
    "Zarkan earthquake toll rises as rescuers search rubble",
    "The toll from Sunday's earthquake in Zarkan province rose to 15 on Monday, as rescuers "
    "searched the rubble of collapsed homes in Belmira. Governor Anton Reyes said about 80 "
    "people were injured. Rescue teams brought tents and water to the villages.",
)
QUAKE_SHELTER = (
    "Zarkan earthquake survivors wait for shelter",
    "Survivors of Sunday's earthquake in Zarkan province spent a second night outside, as the "
    "toll reached 15 and rescue teams searched collapsed homes in Belmira. Governor Anton "
    "Reyes said tents and water were on the way to the villages.",
)
# another earthquake of the same province, three days later: another town, toll and mayor
SECOND_QUAKE = (
    "Second Zarkan earthquake: rescuers search collapsed homes",
    "A new earthquake hit Zarkan province on Wednesday. Rescuers searched the rubble of "
    "collapsed homes in Ostrava Nova, where 30 people died, and rescue teams brought tents and "
    "water to the villages, Mayor Lidia Fenn said. Some 200 people were injured.",
)
SECOND_QUAKE_TOLL = (
    "Zarkan earthquake toll reaches 30 in Ostrava Nova",
    "At least 30 people died when an earthquake hit Ostrava Nova in Zarkan province on "
    "Wednesday, Mayor Lidia Fenn said. About 200 were injured and rescue teams searched "
    "collapsed homes. Tents and water reached the villages.",
)


def test_a_day_story_joining_two_earthquakes_is_split_by_the_earlier_one(tmp_path):
    """Alone, the day's four articles are one story (two quakes of one province, told in
    the same words, one sentence of the second shared with the first's); the earlier
    daily's article of the first quake sets the second quake's two apart as a new story."""
    from briefing.stories import Doc, cluster

    day2 = [QUAKE_TOLL, SECOND_QUAKE, QUAKE_SHELTER, SECOND_QUAKE_TOLL]
    assert cluster([Doc(t, " ".join(b.split())) for t, b in day2]) == ((0, 1, 2, 3),)
    with open_store(tmp_path / "b.db") as store:
        put(store, "https://alpha.test/quake", QUAKE, T1 - timedelta(hours=2), "Alpha")
    day_of(tmp_path, DAY1, T1)
    with open_store(tmp_path / "b.db") as store:
        for hour, (n, article) in enumerate(enumerate(day2), 1):
            put(store, f"https://beta.test/{n}", article, T2 - timedelta(hours=hour), "Beta")
    second = day_of(tmp_path, DAY2, T2)
    status = {
        second["parts"][p]["source"].rsplit("/", 1)[1]: (s["status"], s["id"])
        for s in second["stories"]
        for p in s["parts"]
    }
    assert {k: v[0] for k, v in status.items()} == {
        "0": "continuing", "2": "continuing", "1": "new", "3": "new"
    }  # fmt: skip
    assert status["0"][1] == status["2"][1] != status["1"][1] == status["3"][1]
