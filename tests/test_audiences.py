"""Audiences and configuration: search order, extending built-ins, precedence, print design, errors."""

from pathlib import Path

import pytest

from briefing import audiences
from briefing.cli import main

from .conftest import SEED, markdown_bullets


def make_audience(root: Path, name: str, description: str, template: str | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text(f'description = "{description}"\n', encoding="utf-8")
    if template is not None:
        (folder / "briefing.md.j2").write_text(template, encoding="utf-8")
    return folder


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_search_order_flag_then_environment_then_briefing_toml_then_builtin(
    workdir, tmp_path, monkeypatch
):
    for where in ("flag", "env", "conf"):
        make_audience(tmp_path / where, "desk", f"from {where}")
    (workdir / "briefing.toml").write_text(f'templates = "{tmp_path / "conf"}"\n')
    monkeypatch.setenv(audiences.ENV_VAR, str(tmp_path / "env"))
    path = audiences.search_path((tmp_path / "flag",))
    assert path == (
        (tmp_path / "flag").resolve(),
        (tmp_path / "env").resolve(),
        (tmp_path / "conf").resolve(),
        audiences.BUILTIN_DIR,
    )
    described = {row[0]: row[1] for row in audiences.describe_all(path)}
    assert described["desk"] == "from flag"
    assert {r[0]: r[1] for r in audiences.describe_all(path[1:])}["desk"] == "from env"
    assert {r[0]: r[1] for r in audiences.describe_all(path[2:])}["desk"] == "from conf"
    assert audiences.find("executive", path) == audiences.BUILTIN_DIR / "executive"


def test_a_templates_folder_in_the_working_folder_is_used_only_when_named(workdir, capsys):
    make_audience(workdir / "templates", "desk", "from cwd")
    make_audience(workdir / "templates", "base", "a base nobody asked for")
    assert audiences.search_path() == (audiences.BUILTIN_DIR,)
    assert main(["make", str(SEED), "--audience", "desk", "--format", "md"]) == 2
    assert "unknown audience 'desk'" in capsys.readouterr().err
    (workdir / "briefing.toml").write_text('templates = "templates"\n', encoding="utf-8")
    assert audiences.search_path()[0] == (workdir / "templates").resolve()
    assert main(["make", str(SEED), "--audience", "desk", "--format", "md"]) == 0
    assert main(["audiences"]) == 0
    assert "desk\t" in capsys.readouterr().out  # `briefing audiences` reads briefing.toml too


def test_an_override_extends_the_builtin_audience_of_the_same_name(workdir, tmp_path, capsys):
    make_audience(
        tmp_path / "mine",
        "executive",
        "house executive",
        template=(
            '{% extends "!builtin/executive/briefing.md.j2" %}\n'
            "{% block footer %}\nHOUSE RULES: do not forward.\n{% endblock %}\n"
        ),
    )
    out = tmp_path / "out"
    assert (
        main(
            [
                "make",
                str(SEED),
                "--templates",
                str(tmp_path / "mine"),
                "--audience",
                "executive",
                "--out",
                str(out),
                "--format",
                "md",
            ]
        )
        == 0
    )
    markdown = (out / f"{SEED.stem}.md").read_text(encoding="utf-8")
    assert "## Bottom line up front" in markdown  # the built-in executive block
    assert markdown.rstrip().endswith("HOUSE RULES: do not forward.")  # the override


def test_scaffolded_audience_in_another_folder_is_found_and_used(workdir, tmp_path, capsys):
    assert main(["audiences", "new", "field", "--dir", str(tmp_path / "elsewhere")]) == 0
    said = capsys.readouterr()
    created = said.out.split()
    assert [Path(p).name for p in created] == ["audience.toml", "briefing.md.j2", "print.css"]
    # the folder is searched only when named: the hint names it, as the make below does
    assert f"use it with --templates {tmp_path / 'elsewhere'} --audience field" in said.err
    assert main(["audiences", "--templates", str(tmp_path / "elsewhere")]) == 0
    listing = capsys.readouterr().out
    assert f"field\t{tmp_path / 'elsewhere' / 'field'}" in listing and "executive\t" in listing
    out = tmp_path / "out"
    assert (
        main(
            [
                "make",
                str(SEED),
                "--templates",
                str(tmp_path / "elsewhere"),
                "--audience",
                "field",
                "--out",
                str(out),
                "--format",
                "md,pdf",
            ]
        )
        == 0
    )
    assert "## Key points for field" in (out / f"{SEED.stem}.md").read_text(encoding="utf-8")
    assert (
        main(["audiences", "new", "field", "--dir", str(tmp_path / "elsewhere")]) == 2
    )  # never overwrites


@pytest.mark.parametrize("audience", ["base", "executive", "analyst", "email"])
def test_every_builtin_audience_renders_the_seed_with_the_label_on_every_page(
    audience, workdir, tmp_path, capsys
):
    out = tmp_path / audience
    code = main(
        [
            "make",
            str(SEED),
            "--audience",
            audience,
            "--label",
            "TLP:AMBER",
            "--out",
            str(out),
            "--format",
            "md,pdf",
        ]
    )
    assert code == 0, capsys.readouterr().err
    pages = pdf_pages(out / f"{SEED.stem}.pdf")
    assert pages and all(page.count("TLP:AMBER") >= 2 for page in pages)  # header and footer
    if audience == "executive":
        assert len(pages) == 1
    sentences = {
        s.text
        for s in __import__("briefing.read", fromlist=["read_path"]).read_path(SEED).sentences()
    }
    assert all(
        text in sentences for text, _ in markdown_bullets((out / f"{SEED.stem}.md").read_text())
    )


def test_config_organisation_logo_timezone_and_report_number(workdir, tmp_path, capsys):
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    (workdir / "logo.png").write_bytes(png)
    (workdir / "briefing.toml").write_text(
        'organisation = "Example Desk"\nlogo = "logo.png"\ntimezone = "Asia/Tokyo"\nreport_prefix = "EX"\n'
        'formats = ["md", "html"]\n',
        encoding="utf-8",
    )
    assert main(["make", str(SEED), "--out", "out"]) == 0
    written = capsys.readouterr().out.split()
    assert [Path(p).suffix for p in written] == [".md", ".html", ".json"]
    markdown = Path(written[0]).read_text(encoding="utf-8")
    assert "· Example Desk · No. EX-" in markdown and " JST" in markdown
    html = Path(written[1]).read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html and "Example Desk" in html


@pytest.mark.parametrize(
    "files, args, expected",
    [
        (
            {"briefing.toml": 'label = "x"\naudience = \n'},
            [],
            "briefing.toml: invalid TOML: Invalid value (at line 2, column 12)",
        ),
        ({"briefing.toml": 'colour = "red"\n'}, [], "unknown setting 'colour'"),
        (
            {"briefing.toml": 'timezone = "Mars/Olympus"\n'},
            [],
            "timezone must be a time zone name such as Europe/Berlin, not 'Mars/Olympus'",
        ),
        (
            {"t/bad/audience.toml": "key_points = [\n"},
            ["--templates", "t", "--audience", "bad"],
            "audience.toml: invalid TOML",
        ),
        (
            {"t/bad/audience.toml": 'page_size = "B7"\n'},
            ["--templates", "t", "--audience", "bad"],
            "page_size must be one of A4, A5, Letter, Legal",
        ),
        (
            {},
            ["--audience", "ceo"],
            "unknown audience 'ceo'; known audiences: analyst, base, email, executive",
        ),
        (
            {
                "t/x/briefing.md.j2": '{% extends "base/briefing.md.j2" %}\n{% block title %}\n{{ oops }}\n{% endblock %}\n'
            },
            ["--templates", "t", "--audience", "x"],
            "briefing.md.j2:3: template error: 'oops' is undefined",
        ),
    ],
)
def test_template_and_config_errors_are_one_line_and_a_failing_exit(
    files, args, expected, workdir, capsys
):
    for name, text in files.items():
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        (workdir / name).write_text(text, encoding="utf-8")
    code = main(["make", str(SEED), "--out", "out", "--format", "md", *args])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and expected in err and "Traceback" not in err
    assert not list((workdir / "out").glob("*")) if (workdir / "out").exists() else True


def test_section_selection_include_skip_order_max(workdir, tmp_path, capsys):
    folder = tmp_path / "t" / "picky"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text(
        'sentences = 1\n[sections]\ninclude = ["lead", "Diplomacy in Doha", "Assad\'s status"]\n'
        'skip = ["Assad\'s status"]\norder = "importance"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert (
        main(
            [
                "make",
                str(SEED),
                "--templates",
                str(tmp_path / "t"),
                "--audience",
                "picky",
                "--out",
                str(out),
                "--format",
                "md",
            ]
        )
        == 0
    )
    headings = [
        line[3:]
        for line in (out / f"{SEED.stem}.md").read_text().splitlines()
        if line.startswith("## ")
    ]
    assert headings[0] == "Key points" and sorted(headings[1:]) == ["Diplomacy in Doha", "Lead"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a" * 300, "audience names are at most 64 characters (got 300)"),
        ("a" * 65, "at most 64 characters (got 65)"),
        ("desk/../x", "letters, digits, - and _"),
        ("..", "letters, digits, - and _"),
        (".hidden", "letters, digits, - and _"),
        ("desk.v2", "letters, digits, - and _"),
        (
            "desk\x1bx",
            "letters, digits, - and _, starting with a letter or digit (got 'desk\\x1bx')",
        ),
        ("desk\u202ex", "letters, digits, - and _"),
        ("_x", "letters, digits, - and _"),
        ("café", "letters, digits, - and _"),
    ],
)
def test_a_bad_audience_name_is_refused_in_one_line_and_nothing_created(
    name, expected, workdir, capsys
):
    assert main(["audiences", "new", name, "--dir", "here"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and "internal error" not in err, err
    assert not (workdir / "here").exists()
    assert main(["audiences", "new", "a" * 64, "--dir", "here"]) == 0  # the longest allowed
