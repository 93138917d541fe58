"""The article store: a real SQLite file; articles, versions, search, the lock, schema."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from briefing.errors import BriefingError
from briefing.store import (
    Incoming,
    SourceState,
    briefing_home,
    content_hash,
    default_store_path,
    open_store,
)
from briefing.store.history import Reading, identify
from briefing.store.schema import VERSION

T0 = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def incoming(url="https://example.com/a", text="One sentence here.", **kw) -> Incoming:
    values = dict(
        url=url,
        guid=kw.pop("guid", ""),
        source_url="https://example.com/feed",
        outlet="Example",
        title=kw.pop("title", "A title"),
        published=None,
        fetched=kw.pop("fetched", T0),
        data=text.encode(),
        media_type="text/plain",
        from_summary=False,
        topic=None,
        tier=None,
        text=text,
        hash=content_hash("A title", text),
    )
    values.update(kw)
    return Incoming(**values)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "b.db") as opened:
        yield opened


def test_home_comes_from_the_variable_and_the_store_lives_in_it(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "h"))
    assert briefing_home() == tmp_path / "h"
    assert default_store_path() == tmp_path / "h" / "briefing.db"
    monkeypatch.setenv("BRIEFING_HOME", "")
    assert briefing_home().name == "briefing"  # the platform's folder, not ""


def test_an_article_is_new_then_unchanged_then_updated_as_a_new_version(store):
    assert store.put_article(incoming()) == "new"
    assert store.put_article(incoming(fetched=T0 + timedelta(hours=1))) == "unchanged"
    changed = incoming(text="One sentence here. And a second one.", fetched=T0 + timedelta(hours=2))
    assert store.put_article(changed) == "updated"
    (row,) = store.changed_since(EPOCH)
    assert row.versions == 2 and row.data == changed.data
    # only the versions seen after a time come back, at their latest
    assert store.changed_since(T0 + timedelta(hours=3)) == []
    assert [r.data for r in store.changed_since(T0 + timedelta(minutes=30))] == [changed.data]


def test_one_page_is_one_article_whatever_its_spelling_or_its_guid(store):
    assert store.put_article(incoming("https://Example.com/a#top")) == "new"
    assert store.put_article(incoming("https://example.com/a?utm_source=x")) == "unchanged"
    assert store.put_article(incoming("https://example.com/b", guid="g1")) == "new"
    moved = incoming("https://example.com/b-renamed", guid="g1", text="Now it says more.")
    assert store.put_article(moved) == "updated"
    assert len(store.changed_since(EPOCH)) == 2


def test_fetch_state_and_robots_come_back_as_saved(store):
    state = SourceState(
        "https://e.com/f", "E", '"v1"', "Tue, 01 Dec 2026 06:00:00 GMT", T0, "ok", 0
    )
    store.save_source(state)
    assert store.source("https://e.com/f") == state
    assert store.source("https://e.com/other") is None
    store.save_robots("https://e.com", 200, "User-agent: *\nCrawl-delay: 0.5\n", 1.5e9)
    assert store.robots("https://e.com") == (200, "User-agent: *\nCrawl-delay: 0.5\n", 1.5e9)


def test_search_finds_words_of_the_latest_text_accents_ignored(store):
    store.put_article(incoming("https://e.com/1", "The rebels entered Damascus at dawn."))
    store.put_article(incoming("https://e.com/2", "Markets in São Paulo fell."))
    assert [r[3] for r in store.search("damascus")] == ["https://e.com/1"]
    assert [r[3] for r in store.search("sao paulo")] == ["https://e.com/2"]
    assert store.search("damascus paulo") == []  # every word must be there
    # FTS syntax in a query is taken as words, never as an operator or an error
    assert store.search('NEAR( "dawn* OR -x') == []
    with pytest.raises(BriefingError):
        store.search('  "" ')


def test_a_second_fetch_is_told_who_holds_the_lock(tmp_path):
    with open_store(tmp_path / "b.db") as one, open_store(tmp_path / "b.db") as two:
        held = r"another fetch is running \(pid \d+\)"
        with one.fetch_lock(), pytest.raises(BriefingError, match=held), two.fetch_lock():
            pass
        with two.fetch_lock():  # released when the first ended
            pass


def test_a_file_that_is_not_a_store_is_one_error_naming_it(tmp_path):
    bad = tmp_path / "b.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BriefingError) as caught, open_store(bad):
        pass
    assert str(bad) in str(caught.value) and "\n" not in str(caught.value)


def test_a_store_of_a_newer_schema_is_refused_not_guessed_at(tmp_path):
    path = tmp_path / "b.db"
    with open_store(path):
        pass
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
        db.execute(f"PRAGMA user_version = {VERSION + 1}")
    with pytest.raises(BriefingError, match="newer briefing"), open_store(path):
        pass


def test_file_inputs_are_known_by_content_hash_and_by_url(store):
    text = "A sentence of the file."
    first = Reading("a.txt", content_hash("T", text), "T", text)
    one = identify(store, first, T0)
    again = identify(store, Reading("copy-of-a.txt", first.hash, "T", text), T0)
    assert (again.article, again.version, again.new_version) == (one.article, one.version, False)
    with_url = Reading("b.html", content_hash("T", "x"), "T", "x", url="https://e.com/b")
    b = identify(store, with_url, T0)
    changed = Reading("b2.html", content_hash("T", "y"), "T", "y", url="https://e.com/b#x")
    b2 = identify(store, changed, T0)
    assert b2.article == b.article and b2.version != b.version and b2.new_version
    assert b.article != one.article
    inputs = store.db.execute("SELECT path FROM inputs ORDER BY path").fetchall()
    assert [p for (p,) in inputs] == ["a.txt", "b.html", "b2.html", "copy-of-a.txt"]


def _writer(path, start: int) -> None:
    with open_store(path) as store:
        for n in range(start, start + 40):
            store.put_article(incoming(f"https://e.com/{n}", f"Sentence number {n}."))


def test_two_processes_writing_at_once_both_land_whole(tmp_path):
    path = tmp_path / "b.db"
    with open_store(path):
        pass
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(path, s)) for s in (0, 1000)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    with open_store(path) as store:
        assert len(store.changed_since(EPOCH)) == 80
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_make_records_each_input_and_what_its_briefing_showed(tmp_path, seed_path, capsys):
    from briefing.cli import main

    store = tmp_path / "b.db"
    args = ["make", str(seed_path), "--out", str(tmp_path / "o"), "--format", "md"]
    assert main([*args, "--store", str(store)]) == 0
    assert main([*args, "--store", str(store)]) == 0  # the same file again: the same article
    with open_store(store) as opened:
        db = opened.db
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM versions").fetchone() == (1,)
        assert db.execute("SELECT path FROM inputs").fetchall() == [(str(seed_path),)]
        briefings = db.execute("SELECT id FROM briefings WHERE kind = 'make'").fetchall()
        assert len(briefings) == 2
        shown = db.execute(
            "SELECT sentence FROM briefing_items WHERE briefing = ? ORDER BY position",
            briefings[0],
        ).fetchall()
    markdown = next((tmp_path / "o").glob("*.md")).read_text()
    assert shown and all(s.split()[0] in markdown for (s,) in shown)
    out = capsys.readouterr()
    assert "warning" not in out.err


def test_make_with_a_store_it_cannot_write_warns_and_still_writes(tmp_path, seed_path, capsys):
    from briefing.cli import main

    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = tmp_path / "o"
    code = main(["make", str(seed_path), "--out", str(out), "--format", "md",
                 "--store", str(blocker / "b.db")])  # fmt: skip
    assert code == 0 and list(out.glob("*.md"))
    err = capsys.readouterr().err
    assert "warning:" in err and "not recorded" in err
