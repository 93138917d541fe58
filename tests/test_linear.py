"""Reading, ranking and composing do linear work (issue 12, point 1).

Two kinds of test, and no timing asserted:

* operation counts: every read of an element of the line list given to strip_furniture is
  counted (by index, slice or iteration), and must stay a small multiple of its length;
* pathological inputs run in a subprocess with ``timeout=`` 60 s, sized so that the
  quadratic code they replaced ran for many minutes (measured: each says how long) while
  the linear code takes well under a second. The bound is only a guard against hanging;
  a slow machine stays far inside it.

The replacements for regular expressions (emphasis, ATX headings, timestamps) are checked
against the patterns they replaced, kept here as the reference, on short random strings.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.read import read_bytes
from briefing.read.furniture import _has_meta, strip_furniture
from briefing.read.markdown import _EMPHASIS, _STRONG, _plain, _unwrap
from briefing.read.text import atx_heading


class CountedLines(list):
    """A list of lines that counts every element handed out or copied, however it is read."""

    reads = 0

    def __getitem__(self, key):
        item = super().__getitem__(key)
        if isinstance(key, slice):
            CountedLines.reads += len(item)  # a slice copies its elements
            return CountedLines(item)  # and reading the copy is counted in its turn
        CountedLines.reads += 1
        return item

    def __iter__(self):
        for item in super().__iter__():
            CountedLines.reads += 1
            yield item


def reads_per_line(lines: list[str]) -> float:
    CountedLines.reads = 0
    strip_furniture(CountedLines(lines))
    return CountedLines.reads / len(lines)


BODY = "The council approved the plan on Monday after a long debate."
PAGES = {
    # _next_line copied lines[i + 1:] for every line: n²/2 reads.
    "one word a line": [f"word{i}" for i in range(3000)],
    # Each trailer marker scanned to the end of the page for body text: n²/4 reads.
    "markers with the article resuming only at the end": ["Share this article", "world"] * 1500
    + [BODY] * 3,
    # _drop_inner_list re-read every item above the current one: n²/2 reads.
    "a long list inside the body": [BODY, "Most read in world news"]
    + [f"Headline number {i}" for i in range(3000)]
    + [BODY] * 3,
}


@pytest.mark.parametrize("name", PAGES)
def test_furniture_reads_each_line_a_few_times(name):
    """Catches any per-line look-ahead that scans or copies the rest of the page (the old
    code read 750 to 1,500 elements per line here)."""
    assert reads_per_line(PAGES[name]) < 12


def test_furniture_lookaheads_still_decide_the_same():
    """The O(1) look-aheads keep the rules: a caption above a credit goes, a trailer after
    which the article does not resume goes, one it resumes after stays."""
    kept, dropped = strip_furniture(
        [BODY, "Flooded streets in the old town", "Photo: AP", BODY, "Related stories", "A"]
    )
    assert kept == [BODY, BODY] and "Flooded streets in the old town" in dropped
    kept, _ = strip_furniture([BODY, "Related stories", "world", BODY, BODY, BODY])
    assert kept.count(BODY) == 4


# Each snippet runs in a fresh interpreter; the comment says what the replaced code took.
PATHOLOGICAL = {
    # 1 MB of "**x " on one line: 128 KB took 84 s, quadratic, so hours.
    "strong markers": "from briefing.read.markdown import _plain; _plain('**x ' * 250_000)",
    "emphasis markers": "from briefing.read.markdown import _plain; _plain('_x ' * 300_000)",
    # Unclosed brackets and tags: each attempt scanned to the end of the line.
    "unclosed brackets": "from briefing.read.markdown import _plain; _plain('[a](' * 200_000)",
    "unclosed tags": "from briefing.read.markdown import _plain; _plain('<a' * 400_000)",
    # "12:34:" repeated: 30 KB took 25 s in is_meta; 240 KB, about 30 minutes.
    "times in one token": "from briefing.read.furniture import is_meta; is_meta('12:34:' * 40_000)",
    # A long run of spaces in an ATX heading: 10 KB took 1.2 s; 400 KB, about 30 minutes.
    "spaces in a heading": "from briefing.read.text import atx_heading; atx_heading('# a' + ' ' * 400_000 + 'b')",
    # A hard-wrapped paragraph of 40,000 lines (2.8 MB): the join searched all of the
    # growing text for every line, about 50 GB of scanning.
    "one long wrapped paragraph": (
        "from briefing.read.text import _join_wrapped; _join_wrapped(['w' * 70] * 40_000)"
    ),
    # 60,000 attributed sentences, each a new speaker: 4,000 took 0.5 s, quadratic, so 2 min.
    "many speakers": (
        "from briefing.model import Article, Paragraph, Section; from briefing.quotes import statements\n"
        "p = Paragraph('', tuple(f'Officer{i} Name{i} said the plan would work.' for i in range(60_000)))\n"
        "statements(Article('x', 'T', (Section(None, (p,)),)))"
    ),
    # 30,000 sections of two sentences: every section filtered all 60,000 ranked sentences.
    "many sections": (
        "from datetime import UTC, datetime\n"
        "from briefing.model import Article, Paragraph, Ranking, Section; from briefing.compose import compose\n"
        "s = tuple(Section(f'H{i}', (Paragraph('', (f'A{i}.', f'B{i}.')),)) for i in range(30_000))\n"
        "compose(Article('x', 'T', s), Ranking(tuple(range(60_000)), 'Lead'), issued=datetime.now(UTC))"
    ),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_input_finishes(name):
    """Catches the quadratic code each snippet's comment names: it would run for minutes to
    hours; the linear code takes under a second. 60 s is a guard, not a measurement."""
    run = subprocess.run([sys.executable, "-c", PATHOLOGICAL[name]], timeout=60)
    assert run.returncode == 0


def test_markdown_inline_markup_goes_as_before():
    """Normal Markdown reads as it did with the old patterns (the cases they handled)."""
    cases = {
        "The **river** flooded the [old town](http://x.example).": "The river flooded the old town.",
        "A ![map](m.png) and a [ref][1] and <https://a.example/b>.": "A  and a ref and https://a.example/b.",
        "**a *b* c** and _snake_case_ and ***both***": "a b c and snake_case and both",
        "2 * 3 * 4 and a*b and **not closed": "2 * 3 * 4 and a*b and **not closed",
        "Use `code` and \\[brackets\\] and <b>tags</b>.": "Use code and [brackets] and tags.",
    }
    assert {line: _plain(line) for line in cases} == cases


STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
ATX = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
META = re.compile(
    r"""^(?:(?:first\ )?published|updated|posted|last\ (?:updated|modified))\b
      | {d}.*{y} | {y}.*{d}
      | \b\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)
      | ^\d+\s*(?:s|m|h|d|mins?|minutes?|hours?|hrs?|days?|weeks?)\s+ago$""".format(
        d=r"(?:\b(?:jan|may|sept?|nov(?:ember)?)\.?\s+\d{1,2}\b(?!:)|\b\d{1,2}\s+(?:jan|may|sept?|nov(?:ember)?)\.?(?!\w))",
        y=r"(?:\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b)",
    ),
    re.IGNORECASE | re.VERBOSE,
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="*_ ax.\t", max_size=14))
def test_unwrap_is_the_emphasis_patterns(line):
    """Catches any difference from the patterns _unwrap replaced (which closer an opener
    takes, where scanning resumes, the lookarounds)."""
    assert _unwrap(line, *_STRONG) == STRONG.sub(r"\2", line)
    assert _unwrap(line, *_EMPHASIS) == EMPHASIS.sub(r"\2", line)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="# \tab\u00a0", max_size=12))
def test_atx_heading_is_the_pattern(line):
    match = ATX.match(line)
    assert atx_heading(line) == (match.group(1) if match else None)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Jan", "12", "1:23", "2019", "pm", "Nov", "19,", ":", "Sept", "May", "x"]),
        max_size=7,
    ).map(" ".join)
)
def test_timestamps_are_the_pattern(line):
    """_has_meta against the one pattern it replaced (its months cut to those drawn here)."""
    assert _has_meta(line) == bool(META.search(line))


def test_markdown_file_of_unclosed_markers_reads():
    """The shape of the adversarial run, through the reader: a title and its text."""
    article = read_bytes(b"# Markers\n\n" + b"**x " * 2000 + b"end.\n", "m.md")
    assert article.title == "Markers" and article.sentences()[0].text.startswith("**x **x")
