"""[[feeds]], [[pages]] and [fetch] in briefing.toml: checked key by key, file and key named."""

from __future__ import annotations

import pytest

from briefing.errors import UsageError
from briefing.model import Source
from briefing.settings import load_settings

GOOD = """
[fetch]
contact = "desk@example.org"
delay = 0.5
max_size = 2

[[feeds]]
url = "https://news.example.org/world.rss"
name = "Example World"
tier = 1
topic = "World"
include = ["Syria", "Gaza"]
exclude = ["football"]
headers = { Authorization = "Bearer x" }

[[feeds]]
url = "http://10.0.0.5/intranet.atom"
name = "Intranet"
full_text = false
allow_private = true

[[pages]]
url = "https://example.org/statement.html"
name = "Example Ministry"
"""


def _load(workdir, text: str):
    (workdir / "briefing.toml").write_text(text, encoding="utf-8")
    return load_settings()


def test_sources_and_fetch_settings_are_read(workdir):
    settings = _load(workdir, GOOD)
    first, second, page = settings.sources
    assert first == Source(
        kind="feed",
        url="https://news.example.org/world.rss",
        name="Example World",
        tier=1,
        topic="World",
        include=("Syria", "Gaza"),
        exclude=("football",),
        headers=(("Authorization", "Bearer x"),),
    )
    assert (second.full_text, second.allow_private, second.tier) == (False, True, None)
    assert (page.kind, page.name, page.full_text) == ("page", "Example Ministry", True)
    assert settings.fetching.user_agent == "briefing/0.1 (+desk@example.org)"
    assert settings.fetching.delay == 0.5
    assert settings.fetching.max_bytes == 2 * 1024 * 1024


def test_defaults_without_a_config(workdir):
    settings = load_settings()
    assert settings.sources == ()
    assert settings.fetching.user_agent == "briefing/0.1"
    assert (settings.fetching.retries, settings.fetching.timeout) == (2, 60.0)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('url = "https://a.example/f"\nname = "A"\ntier = 7', "feeds[2].tier must be a whole number from 1 to 5, not 7"),
        ('url = "file:///etc/passwd"\nname = "A"', "feeds[2].url must be an http or https URL"),
        ('url = "https://a.example/f"\nname = "A"\nfull_text = "yes"', "feeds[2].full_text must be true or false, not 'yes'"),
        ('url = "https://a.example/f"\nname = "A"\nincldue = ["x"]', "unknown setting feeds[2].incldue; did you mean 'include'?"),
        ('url = "https://a.example/f"', "feeds[2] has no name"),
        ('name = "A"', "feeds[2] has no url"),
        ('url = "https://a.example/f"\nname = "A"\nheaders = { Host = "evil" }', "feeds[2].headers may not set the Host header"),
        ('url = "https://a.example/f"\nname = "A"\nallow_private = 1', "feeds[2].allow_private must be true or false"),
        ('url = "https://a.example/f"\nname = "A\\u202e"', "feeds[2].name has a control character"),
        ('url = "https://a.example/f"\nname = "B"\n[[feeds]]\nurl = "https://a.example/f"\nname = "C"', "feeds[3].url is already feeds[2]'s"),
    ],
)  # fmt: skip
def test_a_wrong_feed_key_names_the_file_the_key_and_what_was_expected(workdir, table, message):
    text = f'[[feeds]]\nurl = "https://ok.example/f"\nname = "OK"\n\n[[feeds]]\n{table}\n'
    with pytest.raises(UsageError) as caught:
        _load(workdir, text)
    assert str(caught.value).startswith(str(workdir / "briefing.toml") + ": ")
    assert message in str(caught.value)


def test_a_page_has_no_full_text_or_filters(workdir):
    with pytest.raises(UsageError, match=r"unknown setting pages\[1\]\.include"):
        _load(workdir, '[[pages]]\nurl = "https://a.example/p"\nname = "A"\ninclude = ["x"]\n')


def test_feeds_must_be_an_array_of_tables(workdir):
    with pytest.raises(UsageError, match=r"feeds must be an array of tables: \[\[feeds\]\]"):
        _load(workdir, 'feeds = "https://a.example/f"\n')


def test_feeds_belong_in_briefing_toml_not_an_audience(workdir):
    folder = workdir / "templates" / "desk"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text('[[feeds]]\nurl = "https://a.example/f"\nname = "A"\n')
    (folder / "briefing.md.j2").write_text('{% extends "base/briefing.md.j2" %}')
    with pytest.raises(UsageError, match=r"feeds cannot be set in audience\.toml"):
        load_settings({"audience": "desk"}, templates=[workdir / "templates"])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("delay = -1", "fetch.delay must be seconds from 0 to 3600"),
        ("timeout = 0", "fetch.timeout must be seconds from 0.1 to 3600"),
        ("retries = 1.5", "fetch.retries must be a whole number"),
        ("max_size = 0", r"fetch\.max_size must be a size in MB"),
        ("user_agnet = 'x'", "did you mean 'fetch.user_agent'?"),
    ],
)
def test_a_wrong_fetch_setting_is_refused(workdir, line, message):
    with pytest.raises(UsageError, match=message):
        _load(workdir, f"[fetch]\n{line}\n")
