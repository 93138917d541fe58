"""Every script printed: the PDF's fonts for Korean, Japanese, Hindi and Arabic articles,
read back from the PDF, and one warning line for a character no installed font has."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.cli import main
from briefing.render.fonts import installed_coverage, missing_scripts, script

SCRIPTS = Path(__file__).parent / "scripts"
NOTO = ("Noto Sans CJK JP", "Noto Sans Devanagari", "Noto Naskh Arabic", "Noto Color Emoji")


def installed(family: str) -> bool:
    if not shutil.which("fc-list"):
        return False
    found = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True)
    return bool(found.stdout.strip())


needs_noto = pytest.mark.skipif(
    not all(map(installed, NOTO)),
    reason="Debian's Noto fonts are not installed (the README's apt-get line installs them)",
)


def pdf_fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@needs_noto
@pytest.mark.parametrize(
    ("sample", "font"),
    [
        ("ko", "Noto-Serif-CJK-JP"),  # Hangul, from the CJK font of the stack
        ("ja", "Noto-Serif-CJK-JP"),
        ("hi", "Noto-Serif-Devanagari"),
        ("ar", "Noto-Naskh-Arabic"),
    ],
)
def test_each_script_prints_with_its_noto_font(tmp_path, capsys, sample, font):
    article = SCRIPTS / f"{sample}.txt"
    assert main(["make", str(article), "--out", str(tmp_path), "--format", "pdf"]) == 0
    assert "warning" not in capsys.readouterr().err
    fonts = pdf_fonts(tmp_path / f"{sample}.pdf")
    assert font in fonts, fonts
    assert "DejaVu-Serif" in fonts  # Latin (the report's own words) stays in DejaVu
    assert missing_scripts(article.read_text(encoding="utf-8")) == ()


@needs_noto
def test_digits_stay_in_dejavu_and_emoji_come_from_the_emoji_font(tmp_path):
    """Noto Color Emoji named in the CSS would draw every digit (a keycap base) with it."""
    article = tmp_path / "emoji.txt"
    article.write_text(
        "Emoji in the news\n\nThe minister posted a thumbs-up 👍 on 12 May 2024, aides said.\n"
    )
    assert main(["make", str(article), "--out", str(tmp_path), "--format", "pdf"]) == 0
    reader = PdfReader(tmp_path / "emoji.pdf")
    page = reader.pages[0]
    fonts = {k: str(v.get_object()["/BaseFont"]) for k, v in page["/Resources"]["/Font"].items()}
    emoji = next(k for k, v in fonts.items() if "Emoji" in v)
    drawn: list[str] = []

    def visit(text, cm, tm, font_dict, size):
        if font_dict is not None and "Emoji" in str(font_dict.get("/BaseFont")):
            drawn.append(text)

    page.extract_text(visitor_text=visit)
    assert emoji and "".join(drawn).strip() in ("👍", "")  # only the emoji, never a digit
    assert not any(ch.isdigit() for ch in "".join(drawn))


def test_a_character_no_font_has_is_one_warning_and_the_pdf_still_renders(tmp_path, capsys):
    article = tmp_path / "private.txt"
    article.write_text(
        "A sign\n\nThe sign read \U000f0000 in a private script, officials said on Monday.\n"
        "\nAnother sentence follows here for the record.\n"
    )
    assert main(["make", str(article), "--out", str(tmp_path), "--format", "pdf"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"briefing: warning: {tmp_path / 'private.pdf'}: no installed font has private use "
        "(1 character, e.g. U+F0000): it prints as boxes in the PDF"
    ]
    assert (tmp_path / "private.pdf").read_bytes().startswith(b"%PDF")


def test_without_fc_list_nothing_is_claimed(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert installed_coverage() is None
    assert missing_scripts("\U000f0000 한") == ()


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("한", "Hangul"),
        ("日", "CJK"),
        ("か", "Hiragana"),
        ("क", "Devanagari"),
        ("ب", "Arabic"),
        ("😀", "emoji"),
        ("\U000f0000", "private use"),
        ("é", "Latin"),
        ("→", "symbols"),
    ],
)
def test_script_names(char, name):
    assert script(char) == name
