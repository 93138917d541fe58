"""Golden Markdown for whole briefings: any change to the output shows up here.

To change a golden file on purpose, run the tests with BRIEFING_REGENERATE_GOLDEN=1 and
review the diff before committing it.
"""

import json
import os
import re
from pathlib import Path

import pytest

from briefing.model import Sentence
from briefing.read import read_path
from briefing.summarize import rank

from .conftest import SEED, markdown_bullets, markdown_headings, rendered, unescape_markdown

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "seed": (SEED, {}),
    "seed-lead-1-1": (SEED, {"method": "lead", "key_points": 1, "sentences": 1}),
    "slashgear": (Path(__file__).parent / "articles" / "slashgear.txt", {}),
    "seed-executive": (SEED, {"audience": "executive", "label": "TLP:AMBER"}),
    "seed-analyst": (SEED, {"audience": "analyst"}),
    "seed-email": (SEED, {"audience": "email"}),
}


@pytest.mark.parametrize("name", CASES)
def test_golden_markdown(name):
    path, given = CASES[name]
    markdown = rendered(read_path(path), **given)["md"].decode()
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("BRIEFING_REGENERATE_GOLDEN"):
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8")


def test_seed_golden_is_a_briefing_of_the_seed():
    """The golden file itself says what the issue asks: sections, verbatim bullets, no trailer."""
    markdown = (GOLDEN / "seed.md").read_text(encoding="utf-8")
    assert markdown_headings(markdown) == [
        "Key points",
        "Lead",
        "Assad's status",
        "The insurgents' march",
        "Diplomacy in Doha",
    ]
    sentences = {s.text for s in read_path(SEED).sentences()}
    bullets = markdown_bullets(markdown)
    assert len(bullets) == 11 and all(text in sentences for text, _ in bullets)
    assert "Extractive summary: 11 of 55 sentences, Learned ranker" in markdown
    for furniture in ("You might also like", "SDF commander", "NATO chief", "\nworld"):
        assert furniture not in markdown


def test_readme_excerpt_matches_the_golden_briefing():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```markdown\n", 1)[1].split("```", 1)[0]
    golden = (GOLDEN / "seed.md").read_text(encoding="utf-8").splitlines()
    bullets = [line for line in block.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 5 and all(line in golden for line in bullets)


# --- what each golden file means ---------------------------------------------------------------
# The tests below read only the golden files and the source articles, so they hold whatever
# made the Markdown: a regenerated golden file must still be a briefing of its source.

SLASHGEAR = Path(__file__).parent / "articles" / "slashgear.txt"
_MARK = re.compile(r"^(?:(?P<section>.+), )?¶(?P<paragraph>[1-9]\d*)$")
_LABEL = re.compile(r"^- \*\*(?P<label>.+?):\*\* ")
_NUMBER = re.compile(  # a figure: digits or a number word
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|dozens?|hundreds?|thousands?|millions?|billions?)\b",
    re.I,
)


def golden(name: str) -> str:
    return (GOLDEN / f"{name}.md").read_text(encoding="utf-8")


def blocks(markdown: str) -> dict[str, list[str]]:
    """The lines under each ``## heading``, by heading (in order)."""
    found: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            lines = found.setdefault(unescape_markdown(line[3:]), [])
        elif found:
            lines.append(line)
    return found


def located(markdown: str, article) -> dict[str, list[Sentence]]:
    """The sentences each block quotes, after checking every bullet's mark: a section's own
    block says "¶N", any other block "Section, ¶N" ("Lead" for the text before the first
    subhead); that paragraph exists and holds the bullet verbatim; a block lists its
    sentences in document order."""
    names = [section.heading or "Lead" for section in article.sections]
    out = {}
    for heading, lines in blocks(markdown).items():
        out[heading] = []
        bullets = markdown_bullets("\n".join(lines))
        if heading != "Source":  # "- Title: ...": the one block of plain list items
            assert len(bullets) == sum(line.startswith("- ") for line in lines), heading
        for text, mark in bullets:
            match = _MARK.match(mark)
            assert match, f"malformed provenance mark {mark!r} under {heading!r}"
            if heading in names:
                assert match["section"] is None, (heading, mark)
            name = match["section"] or heading
            assert names.count(name) == 1, f"{mark!r} under {heading!r}: no such section"
            section, paragraph = names.index(name), int(match["paragraph"]) - 1
            assert paragraph < len(article.sections[section].paragraphs), f"{mark!r}: no ¶"
            here = [
                s
                for s in article.sentences()
                if (s.section, s.paragraph, s.text) == (section, paragraph, text)
            ]
            assert here, f"{text!r} is not a sentence of {mark!r}"
            out[heading].append(here[0])
        positions = [s.position for s in out[heading]]
        assert positions == sorted(positions), heading
    return out


def labels(lines: list[str]) -> list[str]:
    return [unescape_markdown(m["label"]) for m in map(_LABEL.match, lines) if m]


def best_first(article, method: str = "default") -> list[Sentence]:
    """The article's sentences, best-ranked first."""
    sentences = article.sentences()
    return [sentences[i] for i in rank(article, method).order]


def test_executive_golden_is_bottom_line_first_and_three_sections_at_most():
    """Executive: the three best sentences, then at most three sections in one sentence each:
    those whose best sentence left ranks highest, in the article's order."""
    markdown = golden("seed-executive")
    article = read_path(SEED)
    lines = markdown.splitlines()
    assert lines[0] == f"# Executive brief: {article.title}"
    assert next(line for line in lines[1:] if line).rstrip() == "**TLP:AMBER**"  # on top
    assert "Situation report" not in markdown and "**Method:**" not in markdown
    found = located(markdown, article)
    headings = list(found)
    assert headings[0] == "Bottom line up front" and 1 <= len(headings[1:]) <= 3
    ranked = best_first(article)
    keys = found["Bottom line up front"]
    assert sorted(keys, key=ranked.index) == ranked[:3]
    left = [s for s in ranked if s not in keys]
    best_left = {}  # each section's best sentence that is not a key point, best first
    for sentence in left:
        best_left.setdefault(sentence.section, sentence)
    shown = sorted(sorted(best_left, key=lambda i: ranked.index(best_left[i]))[:3])
    names = [section.heading or "Lead" for section in article.sections]
    assert headings[1:] == [names[i] for i in shown]
    assert [found[names[i]] for i in shown] == [[best_left[i]] for i in shown]
    quoted = sum(len(sentences) for sentences in found.values())
    total = len(article.sentences())
    assert f"*{quoted} of {total} sentences of the source, quoted verbatim" in markdown


def test_analyst_golden_has_every_section_figures_statements_and_the_source():
    markdown = golden("seed-analyst")
    article = read_path(SEED)
    sections = [s.heading or "Lead" for s in article.sections]
    found = located(markdown, article)
    assert list(found) == ["Key points", *sections, "Key figures", "Who said what", "Source"]
    assert len(found["Key points"]) == 3 and all(len(found[h]) == 3 for h in sections)
    assert found["Key points"] == sorted(best_first(article)[:3], key=lambda s: s.position)
    quoted = [s.position for h in ["Key points", *sections] for s in found[h]]
    assert len(quoted) == len(set(quoted)) == 15  # nothing twice
    for heading in ("Key figures", "Who said what"):
        lines = blocks(markdown)[heading]
        bullets = found[heading]
        assert bullets and len(labels(lines)) == len(bullets)
        # the figure or the speaker is words of the sentence it labels
        assert all(label in s.text for label, s in zip(labels(lines), bullets))
    assert all(_NUMBER.search(label) for label in labels(blocks(markdown)["Key figures"]))
    assert found["Source"] == [] and blocks(markdown)["Source"][:4] == [
        "",
        f"- Title: {article.title}",
        f"- File: {SEED.name}",
        f"- Sentences: {len(article.sentences())}, of which 15 quoted above (Learned ranker)",
    ]
    assert f"Extractive summary: 15 of {len(article.sentences())} sentences" in markdown


def test_email_golden_is_compact_without_a_masthead():
    markdown = golden("seed-email")
    article = read_path(SEED)
    lines = markdown.splitlines()
    assert lines[0] == f"# {article.title}"
    assert lines[2] == f"Issued 8 December 2024, 09:30 UTC · {SEED.name}"
    for masthead in ("**Situation report**", "**Source:**", "**Method:**", "No. SR-", "---"):
        assert masthead not in markdown
    found = located(markdown, article)
    sections = [s.heading or "Lead" for s in article.sections]
    assert list(found) == ["Key points", *sections]
    assert len(found["Key points"]) == 3 and all(len(found[h]) == 1 for h in sections)
    assert lines[-2:] == [
        "-- ",  # the signature delimiter, with its space
        "7 sentences quoted verbatim from the source (Learned ranker); ¶ = paragraph.",
    ]


def test_lead_1_1_golden_is_each_sections_first_sentence():
    markdown = golden("seed-lead-1-1")
    article = read_path(SEED)
    found = located(markdown, article)
    sections = [s.heading or "Lead" for s in article.sections]
    assert list(found) == ["Key points", *sections]
    # the key point is the article's first sentence; each section then shows its first
    # sentence that is not the key point
    first = article.sentences()[0]
    assert found["Key points"] == [first]
    for s_i, heading in enumerate(sections):
        rest = [s for s in article.sentences() if s.section == s_i and s != first]
        assert found[heading] == rest[:1]
    assert f"Extractive summary: 5 of {len(article.sentences())} sentences, Lead" in markdown


def test_slashgear_golden_is_a_briefing_of_the_page_without_its_furniture():
    markdown = golden("slashgear")
    article = read_path(SLASHGEAR)
    expect = json.loads(SLASHGEAR.with_suffix(".expect.json").read_text(encoding="utf-8"))
    assert markdown.splitlines()[0] == f"# {expect['title']}"
    found = located(markdown, article)
    assert list(found) == ["Key points", "Lead", *expect["subheads"]]
    assert len(found["Key points"]) == 3 and all(len(found[h]) == 2 for h in list(found)[1:])
    assert found["Key points"] == sorted(best_first(article)[:3], key=lambda s: s.position)
    quoted = [s.text for sentences in found.values() for s in sentences]
    assert len(quoted) == len(set(quoted)) == 11
    assert f"Extractive summary: 11 of {len(article.sentences())} sentences" in markdown
    shown = quoted + list(found)
    for furniture in expect["must_drop"] + expect["furniture_inside"]:
        line = furniture.removeprefix("- ")
        assert line not in shown, furniture  # no tag, share button or list header as a line
        if len(line.split()) >= 4:  # nor a headline of another story inside a bullet
            assert not any(line in text for text in quoted), furniture
