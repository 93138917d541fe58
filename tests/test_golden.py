"""Golden Markdown for whole briefings: any change to the output shows up here.

To change a golden file on purpose, run the tests with BRIEFING_REGENERATE_GOLDEN=1 and
review the diff before committing it.
"""

import os
from pathlib import Path

import pytest

from briefing.read import read_path

from .conftest import SEED, markdown_bullets, markdown_headings, rendered

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
