"""Settings: one schema for briefing.toml, audience.toml and flags; one precedence; no cache."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import UsageError
from briefing.schema import KEYS, settings_table
from briefing.settings import load_settings

from .conftest import ROOT, SEED


def audience(root: Path, name: str, toml: str) -> Path:
    folder = root / "templates" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "audience.toml").write_text(toml, encoding="utf-8")
    return folder / "audience.toml"


def make_fails(workdir, capsys, *extra) -> str:
    """Run make on the seed; it must exit 2 with one line on stderr and write nothing."""
    code = main(["make", str(SEED), "--out", "out", "--format", "md", *extra])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert not (workdir / "out").exists()
    return err


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("key_pionts = 2\n", "unknown setting 'key_pionts'; did you mean 'key_points'?"),
        ("[section]\nmax = 2\n", "unknown setting 'section'; did you mean 'sections'?"),
        (
            "[sections]\nordr = 'importance'\n",
            "unknown setting 'sections.ordr'; did you mean 'sections.order'?",
        ),
        ("method = 3\n", "method must be one of default, lexrank"),
        (
            '[sections]\ninclude = "lead"\n',
            'sections.include must be a list of text such as ["lead", "Background"], not \'lead\'',
        ),
        (
            'extras = "figures"\n',
            "extras must be a list from figures, statements such as [\"figures\"], not 'figures'",
        ),
        ('title_prefix = ["a"]\n', "title_prefix must be text in quotes, not ['a']"),
        (
            'key_points = "two"\n',
            "key_points must be a count like 3 or a share like 20%, not 'two'",
        ),
        ("sentences = -1\n", "sentences must be a count like 3 or a share like 20%, not -1"),
        ('page_size = "A3"\n', "page_size must be one of A4, A5, Letter, Legal, not 'A3'"),
        (
            'timezone = "Europe/Berlin"\n',
            "timezone cannot be set in audience.toml; set it in briefing.toml",
        ),
        ("words = 1.5\n", "words must be a whole number like 120, not 1.5"),
    ],
)
def test_audience_toml_is_checked_against_the_schema(toml, expected, workdir, capsys):
    path = audience(workdir, "desk", toml)
    err = make_fails(workdir, capsys, "--audience", "desk", "--templates", "templates")
    assert err.startswith(f"briefing: {path}: ") and expected in err


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('organization = "X"\n', "unknown setting 'organization'; did you mean 'organisation'?"),
        (
            'description = "x"\n',
            "description cannot be set in briefing.toml; set it in audience.toml",
        ),
        ("[smtp]\nport = 0\n", "smtp.port must be a port number from 1 to 65535, not 0"),
        (
            '[smtp]\nsecurity = "tls"\n',
            "smtp.security must be one of none, starttls, ssl, not 'tls'",
        ),
        (
            "[audiences.base]\nkey_pionts = 1\n",
            "unknown setting 'key_pionts'; did you mean 'key_points'?",
        ),
        ("[audiences]\nbase = 1\n", "audiences must hold one table per audience"),
        (
            "max_size = inf\n",
            "max_size must be a size in MB such as 5 or 0.5 (at most 1024), not inf",
        ),
        ('formats = "md"\n', "formats must be a list from md, html, pdf"),
    ],
)
def test_briefing_toml_is_checked_against_the_same_schema(toml, expected, workdir, capsys):
    (workdir / "briefing.toml").write_text(toml, encoding="utf-8")
    err = make_fails(workdir, capsys)
    assert err.startswith(f"briefing: {workdir / 'briefing.toml'}: ") and expected in err


def test_a_library_caller_is_checked_too(workdir):
    with pytest.raises(UsageError, match="unknown setting 'keypoints'; did you mean 'key_points'"):
        load_settings({"keypoints": 2})
    with pytest.raises(UsageError, match="key_points must be a count"):
        load_settings({"key_points": "two"})
    assert load_settings({"key_points": 2, "sections.max": 1}).selection.max_sections == 1


def test_an_org_default_never_replaces_an_audience_own_label(workdir):
    (workdir / "briefing.toml").write_text(
        'label = "TLP:GREEN"\norganisation = "Org"\ntemplates = "templates"\n'
        "[audiences.desk]\nsentences = 4\n",
        encoding="utf-8",
    )
    audience(workdir, "desk", 'label = "CONFIDENTIAL"\nsentences = 1\norganisation = "Desk"\n')
    desk = load_settings({"audience": "desk"})
    assert (desk.label, desk.organisation) == ("CONFIDENTIAL", "Desk")  # audience over org default
    assert desk.sentences.count == 4  # [audiences.desk] in briefing.toml over audience.toml
    assert (
        load_settings({"audience": "desk", "label": "TLP:RED"}).label == "TLP:RED"
    )  # flag over all
    base = load_settings()
    assert (base.label, base.organisation, base.sentences.count) == ("TLP:GREEN", "Org", 2)


def test_the_audience_table_in_briefing_toml_wins_over_the_audience_folder(workdir):
    (workdir / "briefing.toml").write_text(
        '[audiences.executive]\nlabel = "EYES ONLY"\n', encoding="utf-8"
    )
    assert load_settings({"audience": "executive"}).label == "EYES ONLY"
    assert load_settings({"audience": "analyst"}).label is None


def test_no_process_wide_cache_an_edited_audience_is_seen(workdir):
    path = audience(workdir, "desk", "key_points = 2\n")
    assert load_settings({"audience": "desk"}, templates=["templates"]).key_points.count == 2
    path.write_text("key_points = 5\n", encoding="utf-8")
    assert load_settings({"audience": "desk"}, templates=["templates"]).key_points.count == 5


def test_verbose_says_where_each_setting_came_from(workdir, capsys):
    (workdir / "briefing.toml").write_text('label = "TLP:GREEN"\n', encoding="utf-8")
    own = audience(workdir, "desk", "key_points = 2\n")
    assert (
        main(
            [
                "make",
                str(SEED),
                "--out",
                "out",
                "--format",
                "md",
                "--audience",
                "desk",
                "--templates",
                "templates",
                "--sentences",
                "1",
                "--verbose",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err.splitlines()
    assert f"briefing: setting key_points = 2  ({own}: key_points)" in err
    assert f"briefing: setting label = TLP:GREEN  ({workdir / 'briefing.toml'}: label)" in err
    assert "briefing: setting sentences = 1  (--sentences)" in err
    assert "briefing: setting method = default  (built-in)" in err
    assert (
        sum(line.startswith("briefing: setting ") for line in err) == len(KEYS) - 1
    )  # all but description


def test_readme_table_of_settings_is_the_schema(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"<!-- settings table: .*? -->\n(.*?)<!-- end of settings table -->", readme, re.S
    )
    assert found, "README has no generated settings table"
    assert found[1] == settings_table(), (
        "regenerate: python -c 'from briefing.schema import settings_table as t; print(t())'"
    )
    assert all(f"| `{key.name}` |" in found[1] for key in KEYS)


def test_readme_library_example_runs(workdir, capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("## Library\n", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    assert len(code.strip().splitlines()) <= 12
    shutil.copytree(
        ROOT / "seeds", workdir / "seeds"
    )  # the example's relative paths, not the checkout's out/
    exec(compile(code, "README.md", "exec"), {})
    assert sorted(p.name for p in (workdir / "out").iterdir()) == [
        f"{SEED.stem}.{f}" for f in ("html", "json", "md", "pdf")
    ]
    printed = capsys.readouterr().out
    assert "# Executive brief: Damascus regime faces threat" in printed and "TLP:AMBER" in printed


@pytest.mark.parametrize("command", ["make", "daily", "read"])
@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ("inf", "max_size must be a size in MB such as 5 or 0.5 (at most 1024), not 'inf'"),
        ("nan", "not 'nan'"),
        ("1e-9", "max_size of '1e-9' MB is under one byte"),
        ("0", "not '0'"),
    ],
)
def test_a_max_size_flag_that_means_no_bytes_or_no_limit_is_refused(
    command, size, expected, workdir, capsys
):
    with pytest.raises(SystemExit) as exit:
        main([command, str(SEED), "--max-size", size])
    err = capsys.readouterr().err
    assert exit.value.code == 2 and expected in err and "Traceback" not in err
    assert err.splitlines()[-1].startswith(f"briefing {command}: error: argument --max-size:")


def test_read_max_size_is_the_limit_it_reads_with(workdir, capsys):
    assert main(["read", str(SEED), "--max-size", "5"]) == 0  # was an internal error
    assert capsys.readouterr().out.startswith("# Damascus regime")
    assert main(["read", str(SEED), "--max-size", "0.001"]) == 1  # 1048 bytes: the seed is over
    assert "file is over the 1,048-byte limit" in capsys.readouterr().err


def test_a_max_size_under_one_byte_in_briefing_toml_is_refused_not_one_byte(workdir, capsys):
    (workdir / "briefing.toml").write_text("max_size = 1e-9\n", encoding="utf-8")
    assert "max_size of 1e-09 MB is under one byte" in make_fails(workdir, capsys)
    with pytest.raises(UsageError, match="max_size must be a size"):
        load_settings({"max_size": 10**400})  # beyond a float: refused, not OverflowError


@pytest.mark.parametrize(
    "toml",
    [
        "key_points = inf",
        "sentences = nan",
        "words = inf",
        "method = 5",
        "method = inf",
        "page_size = 5",
        "[sections]\nmax = inf",
        "label = inf",
        "extras = [inf]",
    ],
)
def test_inf_nan_and_numbers_in_audience_toml_are_settings_errors(toml, workdir, capsys):
    path = audience(workdir, "desk", toml + "\n")
    err = make_fails(workdir, capsys, "--audience", "desk", "--templates", "templates")
    assert err.startswith(f"briefing: {path}: ") and " must be " in err


CONTROLS = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u200f"]


@pytest.mark.parametrize("char", CONTROLS)
@pytest.mark.parametrize(
    ("where", "key"),
    [
        ("audience", "label"),
        ("audience", "organisation"),
        ("audience", "title_prefix"),
        ("audience", "description"),
        ("config", "report_prefix"),
        ("config", "smtp.sender"),
        ("audience", "sections.skip"),
    ],
)
def test_a_control_character_in_a_text_setting_is_refused_naming_file_and_key(
    char, where, key, workdir, capsys
):
    import json

    table, _, name = key.rpartition(".")
    value = json.dumps(f"A{char}B") if table != "sections" else json.dumps([f"A{char}B"])
    toml = (f"[{table}]\n" if table else "") + f"{name} = {value}\n"
    if where == "config":
        path = workdir / "briefing.toml"
        path.write_text(toml, encoding="utf-8")
        err = make_fails(workdir, capsys)
    else:
        path = audience(workdir, "desk", toml)
        err = make_fails(workdir, capsys, "--audience", "desk", "--templates", "templates")
    code = f"U+{ord(char[0]):04X}"
    assert err == f"briefing: {path}: {key} has a control character ({code}); remove it\n"


def test_a_control_character_in_a_flag_is_refused_and_whitespace_still_made_one_space(
    workdir, capsys
):
    assert "label has a control character (U+001B)" in make_fails(
        workdir, capsys, "--label", "TLP\x1b[2J:RED"
    )
    assert load_settings({"label": "TLP:\tAMBER\n"}).label == "TLP: AMBER "
