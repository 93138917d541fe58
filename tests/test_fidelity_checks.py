"""The checks of bench/fidelity.py, each on one string it must flag and one it must not.

bench/ is not a package: the module is loaded from its path. No data of ../shared is read.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "fidelity.py"


def _load():
    spec = importlib.util.spec_from_file_location("bench_fidelity", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


fidelity = _load()

CASES = [
    # (check, flagged, not flagged)
    ("lacks_end_punctuation", "Here are some of the highlights:", "He said: “It is over.”"),
    ("lacks_end_punctuation", "Arrowhead bottled water", "東京で会議が開かれた。"),
    ("too_short", "Top 5", "The council voted against it."),
    ("bare_url", "www.jeongdongtheater.com", "The theatre opened in 1995."),
    ("bare_url", "More at https://example.com/a.", "It cost $5.50 per ticket."),
    ("opens_with_dateline", "BERLIN -- The agency says so.", "Berlin is a city."),
    ("opens_with_dateline", "DUBAI, United Arab Emirates — A deal.", "A deal was signed."),
    ("opens_with_dateline", "SANTA FE, N.M. (AP) — A cat was found.", "A cat was found."),
    ("opens_with_dateline", "(Reuters) - Oil fell on Monday.", "Oil (Brent) fell."),
    ("opens_with_dateline", "NEW DELHI: India said so.", "India said so: no."),
    ("opens_with_dateline", "New York, NY – Ad spending rose.", "New York spending rose."),
    ("opens_with_dateline", "DEAR ABBY: My husband snores.", "Abby wrote back."),
    ("furniture", "Follow us on Twitter @Spacedotcom.", "He will follow the rules."),
    ("furniture", "Sign up for our newsletter.", "The bill was sponsored by two senators."),
    ("furniture", "Related: Ten things to know", "The two cases are related."),
    ("furniture", "Leggi anche: il governo cade", "Il governo cade."),
    ("hover_glued", "Gov. Kristi NoemKristi Lynn Noem said so.", "MacBook Air and MacBook Pro."),
]


@pytest.mark.parametrize(("name", "flagged", "clean"), CASES)
def test_each_bullet_check_flags_one_and_not_the_other(name, flagged, clean):
    check = getattr(fidelity, name)
    assert check(flagged), flagged
    assert not check(clean), clean


def test_too_short_skips_scripts_without_spaces():
    assert not fidelity.too_short("会議が開かれた。")
    assert not fidelity.too_short("การประชุมเริ่มแล้ว")


def test_title_as_heading_is_found_when_equal_or_a_near_repeat():
    title = "Cat found in New Mexico after going missing in Oregon"
    assert fidelity.title_heading(title, ["Lead", "Cat found in New Mexico after going missing"])
    assert fidelity.title_heading(title, ["cat found in new mexico after going missing in oregon"])
    assert not fidelity.title_heading(title, ["Cat", "The owners", "New Mexico"])


@pytest.mark.parametrize(
    ("heading", "reason"),
    [
        ("More:", "ends in a colon"),
        ("CLICK HERE TO GET THE APP", "click here"),
        ("Tempo de leitura: 1 minuto", "reading time"),
        ("5 min read", "reading time"),
        ("Jewels, installation views, photos © Inexhibit, 2018", "caption ©"),
        ("By Jane Smith", "byline"),
        ("WASHINGTON — The vote", "dateline"),
        ("One member of the defense did not hold back on Monday when asked", "over 12 words"),
        ("The vote in the Senate", None),
    ],
)
def test_heading_oddity(heading, reason):
    assert fidelity.heading_oddity(heading) == reason


def test_escaped_urls_in_markdown():
    assert fidelity.escaped_urls("See https\\://example.com and www\\.example.com")
    assert len(fidelity.escaped_urls("a https\\: b www\\. c")) == 2
    assert not fidelity.escaped_urls("See `https://example.com` and `www.example.com`.")


def test_unprintable_names_a_script_no_font_has(monkeypatch):
    from briefing.render import fonts

    monkeypatch.setattr(fonts, "installed_coverage", lambda: ((0x20, 0x7E),))
    assert fidelity.unprintable("Seoul 서울") and "Hangul" in fidelity.unprintable("서울")[0]
    assert fidelity.unprintable("Seoul, plain ASCII.") == ()
