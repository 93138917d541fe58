"""In-process tests of the ``briefing`` command: arguments, stdout/stderr contract, exit codes.

Every test calls ``briefing.cli.main([...])`` in an empty working folder (``workdir``)
and reads what it printed with ``capsys``. Most use ``--format md`` to stay fast; exactly
one renders md,html,pdf.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import briefing
from briefing.cli import build_parser, main
from briefing.markup import escape_markdown
from briefing.model import FORMATS
from briefing.read import read_path

from .conftest import SEED, markdown_bullets

STEM = SEED.stem  # 000_382a75be208f75a2


# --------------------------------------------------------------------------- helpers


def copy_seed(dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, dest)
    return dest


def all_entries(folder: Path) -> list[str]:
    """Every file and folder below ``folder`` (dotfiles included), relative, sorted."""
    if not folder.exists():
        return []
    found = []
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            found.append(str((Path(root) / name).relative_to(folder)))
    return sorted(found)


def all_files(folder: Path) -> list[str]:
    """Every non-folder entry below ``folder`` (dotfiles and temp files included)."""
    if not folder.exists():
        return []
    return sorted(
        str((Path(root) / name).relative_to(folder))
        for root, _dirs, files in os.walk(folder)
        for name in files
    )


def lines(text: str) -> list[str]:
    return text.splitlines()


# --------------------------------------------------------------------------- 1. happy path


def test_make_md_pdf_prints_exactly_the_written_paths(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["make", str(SEED), "--out", str(out), "--format", "md,pdf"])
    captured = capsys.readouterr()

    assert code == 0
    md, pdf, record = out / f"{STEM}.md", out / f"{STEM}.pdf", out / f"{STEM}.json"
    assert captured.out == f"{md}\n{pdf}\n{record}\n"
    assert captured.err == ""
    assert md.is_file() and md.stat().st_size > 0
    assert pdf.is_file() and pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert md.read_text(encoding="utf-8").startswith("# Damascus regime faces threat")
    assert all_files(out) == sorted([md.name, pdf.name, f"{STEM}.json"])  # no html, no temp files


def test_make_all_three_formats(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["make", str(SEED), "--out", str(out), "--format", "md,html,pdf"])
    captured = capsys.readouterr()

    assert code == 0
    expected = [out / f"{STEM}.{fmt}" for fmt in ("md", "html", "pdf", "json")]
    assert lines(captured.out) == [str(p) for p in expected]
    assert captured.err == ""
    md, html, pdf, _ = expected
    assert md.read_text(encoding="utf-8").startswith("# ")
    html_text = html.read_text(encoding="utf-8")
    assert "<html" in html_text.lower() and "Damascus regime faces threat" in html_text
    assert pdf.read_bytes().startswith(b"%PDF")
    assert all_files(out) == sorted(p.name for p in expected)


def test_default_formats_are_md_html_pdf(workdir):
    from briefing.settings import load_settings

    args = build_parser().parse_args(["make"])
    assert args.formats is None  # not given: briefing.toml, then the built-in default decide
    assert load_settings().formats == ("md", "html", "pdf") == FORMATS
    assert args.out == "out"


def test_format_list_is_deduplicated_and_case_insensitive(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["make", str(SEED), "--out", str(out), "--format", "MD, md"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == f"{out / (STEM + '.md')}\n{out / (STEM + '.json')}\n"
    assert all_files(out) == [f"{STEM}.json", f"{STEM}.md"]


# --------------------------------------------------------------------------- 2. default inputs


def test_no_input_uses_local_seeds_folder(workdir, capsys):
    copy_seed(workdir / "seeds" / "a.txt")
    code = main(["make", "--format", "md"])
    captured = capsys.readouterr()

    assert code == 0
    assert captured.out == f"{Path('out') / 'a.md'}\n{Path('out') / 'a.json'}\n"
    assert captured.err == ""
    assert (workdir / "out" / "a.md").is_file()
    assert (workdir / "out" / "a.md").read_text(encoding="utf-8").startswith("# Damascus regime")
    assert all_files(workdir / "out") == ["a.json", "a.md"]


def test_no_input_and_no_seeds_uses_packaged_sample(workdir, capsys):
    assert all_entries(workdir) == []
    code = main(["make", "--format", "md"])
    captured = capsys.readouterr()

    assert code == 0
    assert lines(captured.out) == [
        str(Path("out") / f"000_382a75be208f75a2.{f}") for f in ("md", "json")
    ]
    assert captured.err == ""
    written = workdir / "out" / "000_382a75be208f75a2.md"
    assert written.is_file() and written.stat().st_size > 0
    assert all_files(workdir) == [
        str(Path("out") / f"000_382a75be208f75a2.{f}") for f in ("json", "md")
    ]


# --------------------------------------------------------------------------- 3. folder input


def test_folder_input_briefs_txt_and_md_sorted_and_ignores_others(workdir, tmp_path, capsys):
    folder = tmp_path / "in"
    copy_seed(folder / "b.txt")
    copy_seed(folder / "a.md")
    (folder / "c.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    (folder / "d.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "out"

    code = main(["make", str(folder), "--out", str(out), "--format", "md"])
    captured = capsys.readouterr()

    assert code == 0
    assert lines(captured.out) == [str(out / n) for n in ("a.md", "a.json", "b.md", "b.json")]
    assert captured.err == (
        "briefing: 2 files left out, not of a kind briefing reads (.csv, .jpg); --verbose lists them\n"
    )
    assert all_files(out) == ["a.json", "a.md", "b.json", "b.md"]
    assert main(["make", str(folder), "--out", str(out), "--format", "md", "--verbose"]) == 0
    err = lines(capsys.readouterr().err)
    left_out = [line for line in err if "left out: not an article file" in line]
    assert left_out == [
        f"briefing: {folder / n}: left out: not an article file (.txt, .md, .html)"
        for n in ("c.jpg", "d.csv")
    ]
    assert sum("files left out" in line for line in err) == 1


# --------------------------------------------------------------------------- 4. bad inputs


def _missing(folder: Path) -> Path:
    return folder / "missing.txt"


def _empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def _whitespace(folder: Path) -> Path:
    path = folder / "blank.txt"
    path.write_text("  \n\t\n   \n\n", encoding="utf-8")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _title_only(folder: Path) -> Path:
    path = folder / "title.txt"
    path.write_text(
        "Damascus regime faces threat from Syrian insurgents at gates\n", encoding="utf-8"
    )
    return path


def _no_articles(folder: Path) -> Path:
    path = folder / "pictures"
    path.mkdir()
    (path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (path / "table.csv").write_text("a,b\n", encoding="utf-8")
    return path


BAD_INPUTS = {
    "missing": (_missing, "no such file"),
    "empty": (_empty, "empty"),
    "whitespace": (_whitespace, "empty"),
    "binary": (_binary, "binary"),
    "title-only": (_title_only, "no sentences"),
    "folder-without-articles": (_no_articles, "no article files"),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_fails_with_one_clean_line(kind, workdir, tmp_path, capsys):
    make_input, cause = BAD_INPUTS[kind]
    folder = tmp_path / "in"
    folder.mkdir()
    bad = make_input(folder)
    out = tmp_path / "out"

    code = main(["make", str(bad), "--out", str(out), "--format", "md"])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    err_lines = lines(captured.err)
    assert len(err_lines) == 1, captured.err
    assert captured.err.endswith("\n")
    line = err_lines[0]
    assert line.startswith("briefing: ")
    assert str(bad) in line
    assert cause in line.lower()
    assert "Traceback" not in captured.err + captured.out
    assert all_files(out) == []
    # nothing written anywhere but the inputs: no partial, no temp files
    outside_inputs = [
        e for e in all_entries(workdir) if e != "in" and not e.startswith("in" + os.sep)
    ]
    assert outside_inputs in ([], ["out"])


# --------------------------------------------------------------------------- 5. batch


def test_batch_with_one_bad_input_goes_on(workdir, tmp_path, capsys):
    folder = tmp_path / "in"
    one = copy_seed(folder / "one.txt")
    bad = folder / "bad.txt"
    bad.write_bytes(b"")
    two = copy_seed(folder / "two.txt")
    out = tmp_path / "out"

    code = main(["make", str(one), str(bad), str(two), "--out", str(out), "--format", "md"])
    captured = capsys.readouterr()

    assert code == 1
    assert lines(captured.out) == [
        str(out / n) for n in ("one.md", "one.json", "two.md", "two.json")
    ]
    err_lines = lines(captured.err)
    assert len(err_lines) == 1, captured.err
    assert err_lines[0].startswith("briefing: ")
    assert str(bad) in err_lines[0] and "empty" in err_lines[0]
    assert "Traceback" not in captured.err
    assert (out / "one.md").is_file() and (out / "one.md").stat().st_size > 0
    assert (out / "two.md").is_file() and (out / "two.md").stat().st_size > 0
    assert all_files(out) == ["one.json", "one.md", "two.json", "two.md"]


# --------------------------------------------------------------------------- 6. same stem


def test_same_stem_from_two_folders_gets_a_suffix(workdir, tmp_path, capsys):
    first = copy_seed(tmp_path / "a" / "x.txt")
    second = copy_seed(tmp_path / "b" / "x.txt")
    out = tmp_path / "out"

    code = main(["make", str(first), str(second), "--out", str(out), "--format", "md"])
    captured = capsys.readouterr()

    assert code == 0
    assert lines(captured.out) == [str(out / n) for n in ("x.md", "x.json", "x-2.md", "x-2.json")]
    assert captured.err == ""
    assert all_files(out) == ["x-2.json", "x-2.md", "x.json", "x.md"]


# --------------------------------------------------------------------------- 7. usage errors


def test_unknown_method_is_a_usage_error(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exit_:
        main(["make", str(SEED), "--out", str(out), "--format", "md", "--method", "nosuch"])
    captured = capsys.readouterr()

    assert exit_.value.code == 2 and not out.exists()
    assert captured.out == ""
    err_lines = lines(captured.err)
    assert err_lines[0].startswith("usage: briefing make"), captured.err
    assert "argument --method" in err_lines[-1] and "nosuch" in err_lines[-1]
    for known in ("lexrank", "textrank", "lead"):
        assert known in err_lines[-1]
    assert not out.exists()
    assert all_entries(workdir) == []


def test_unknown_format_is_an_argparse_error(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        main(["make", str(SEED), "--out", str(out), "--format", "doc"])
    captured = capsys.readouterr()
    assert exc.value.code == 2
    assert captured.out == ""
    assert "--format" in captured.err and "md,html,pdf" in captured.err
    assert not out.exists()


@pytest.mark.parametrize("option", ["--sentences", "--key-points"])
def test_negative_count_is_an_argparse_error(option, workdir, tmp_path, capsys):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        main(["make", str(SEED), "--out", str(out), "--format", "md", option, "-1"])
    captured = capsys.readouterr()
    assert exc.value.code == 2
    assert captured.out == ""
    assert option in captured.err
    assert not out.exists()


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    captured = capsys.readouterr()
    assert exc.value.code == 0
    assert briefing.__version__ == "0.1.0"
    assert captured.out == f"briefing {briefing.__version__}\n"


def test_top_level_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    captured = capsys.readouterr()
    assert exc.value.code == 0
    assert "make" in captured.out
    for option in ("--key-points", "--method", "--format"):
        assert option in captured.out, f"{option} not in `briefing --help`"


def test_make_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["make", "--help"])
    captured = capsys.readouterr()
    assert exc.value.code == 0
    for option in ("--key-points", "--method", "--format", "--sentences", "--out"):
        assert option in captured.out, f"{option} not in `briefing make --help`"


def test_no_subcommand_is_a_usage_error(workdir, capsys):
    code = main([])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "make" in captured.err  # the help, on stderr
    assert all_entries(workdir) == []


# --------------------------------------------------------------------------- 8. counts


def _bullets_by_section(markdown: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    section = None
    for line in markdown.splitlines():
        if line.startswith("## "):
            section = line[3:]
            counts[section] = 0
        elif line.startswith("- "):
            assert section is not None, f"bullet before any section: {line!r}"
            counts[section] += 1
    return counts


def test_key_points_and_sentences_counts(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "make",
            str(SEED),
            "--out",
            str(out),
            "--format",
            "md",
            "--key-points",
            "1",
            "--sentences",
            "1",
        ]
    )
    capsys.readouterr()
    assert code == 0

    counts = _bullets_by_section((out / f"{STEM}.md").read_text(encoding="utf-8"))
    assert counts.get("Key points") == 1
    others = {name: n for name, n in counts.items() if name != "Key points"}
    assert others, "no section besides Key points"
    assert all(n <= 1 for n in others.values()), others
    assert sum(others.values()) >= 1


# --------------------------------------------------------------------------- 9. unwritable output


def test_output_folder_that_cannot_be_created(workdir, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    out = blocker / "out"

    code = main(["make", str(SEED), "--out", str(out), "--format", "md"])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    err_lines = lines(captured.err)
    assert len(err_lines) == 1, captured.err
    assert err_lines[0].startswith("briefing: ")
    assert str(blocker) in err_lines[0]
    assert "Traceback" not in captured.err
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
    assert all_entries(workdir) == ["a-file"]


# --------------------------------------------------------------------------- 10. verbatim bullets


def test_every_bullet_is_a_verbatim_sentence_and_furniture_is_dropped(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["make", str(SEED), "--out", str(out), "--format", "md"])
    capsys.readouterr()
    assert code == 0
    markdown = (out / f"{STEM}.md").read_text(encoding="utf-8")

    sentences = {s.text for s in read_path(SEED).sentences()}
    bullets = markdown_bullets(markdown)
    bullet_lines = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert bullets, "no bullets parsed"
    assert len(bullets) == len(bullet_lines), "some bullet lines did not parse"
    for text, _where in bullets:
        assert text in sentences, f"not a verbatim sentence of the seed: {text!r}"

    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    tail = seed_lines[seed_lines.index("You might also like") :]
    assert len(tail) > 1
    for line in tail:
        assert line.removeprefix("- ") not in markdown
    for phrase in ("You might also like", "SDF commander", "NATO chief", "world"):
        assert phrase not in markdown


def test_ci_runs_the_readme_test_command():
    """.ci/run and the README's quick start run the same test command."""
    root = Path(__file__).resolve().parent.parent
    command = (
        "python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && .venv/bin/ruff check . "
        "&& .venv/bin/ruff format --check . && .venv/bin/python -m pytest -q"
    )
    assert command in (root / "README.md").read_text(encoding="utf-8")
    assert command in (root / ".ci" / "run").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- review cases


def test_suffixed_names_never_overwrite_an_input_of_that_name(workdir, tmp_path, capsys):
    a1, a2 = copy_seed(tmp_path / "x" / "a.txt"), copy_seed(tmp_path / "y" / "a.txt")
    a3 = copy_seed(tmp_path / "a-2.txt")
    out = tmp_path / "out"
    assert main(["make", str(a1), str(a2), str(a3), "--out", str(out), "--format", "md"]) == 0
    printed = lines(capsys.readouterr().out)
    assert len(printed) == len(set(printed)) == 6
    assert len(all_files(out)) == 6 and {"a.md", "a-2.md"} <= set(all_files(out))


def test_an_unusable_path_in_a_batch_is_one_line_and_the_rest_is_briefed(workdir, tmp_path, capsys):
    good = copy_seed(tmp_path / "one.txt")
    out = tmp_path / "out"
    code = main(
        [
            "make",
            str(good),
            str(tmp_path / ("a" * 300 + ".txt")),
            "--out",
            str(out),
            "--format",
            "md",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert lines(captured.out) == [str(out / "one.md"), str(out / "one.json")]
    assert len(lines(captured.err)) == 1 and "Traceback" not in captured.err


def test_a_template_that_fails_while_rendering_fails_each_article_not_the_batch(
    workdir, tmp_path, capsys
):
    folder = tmp_path / "tpl" / "base"
    folder.mkdir(parents=True)
    (folder / "briefing.md.j2").write_text("# {{ briefing.title }}\n{{ 1 / 0 }}\n")
    first, second = copy_seed(tmp_path / "a.txt"), copy_seed(tmp_path / "b.txt")
    out = tmp_path / "out"
    code = main(
        [
            "make",
            str(first),
            str(second),
            "--templates",
            str(tmp_path / "tpl"),
            "--out",
            str(out),
            "--format",
            "md",
        ]
    )
    err = lines(capsys.readouterr().err)
    assert code == 1 and len(err) == 2
    assert all("ZeroDivisionError" in line and "briefing.md.j2:2" in line for line in err)


def test_a_missing_template_folder_is_one_usage_error_before_any_work(workdir, tmp_path, capsys):
    first, second = copy_seed(tmp_path / "a.txt"), copy_seed(tmp_path / "b.txt")
    out = tmp_path / "out"
    code = main(
        ["make", str(first), str(second), "--templates", str(tmp_path / "nope"), "--out", str(out)]
    )
    captured = capsys.readouterr()
    assert code == 2 and lines(captured.err) == [
        f"briefing: {tmp_path / 'nope'}: template folder not found"
    ]
    assert not out.exists()


def test_a_failed_write_leaves_no_format_of_that_article_behind(workdir, tmp_path, capsys):
    out = tmp_path / "out"
    (out / "one.html").mkdir(parents=True)  # the html cannot be written over a folder
    good = copy_seed(tmp_path / "one.txt")
    code = main(["make", str(good), "--out", str(out), "--format", "md,html"])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == "" and len(lines(captured.err)) == 1
    assert all_files(out) == []


def test_jobs_give_the_same_briefings_as_one_process(workdir, tmp_path, capsys):
    """Four different articles: each output must be its own input's briefing, whichever
    worker made it, and the same as one process makes."""
    sources = sorted((Path(__file__).parent / "articles").glob("*.txt"))[:4]
    inputs = [str(shutil.copy(src, tmp_path / f"{name}.txt")) for name, src in zip("abcd", sources)]
    for jobs in ("1", "2"):
        assert (
            main(
                [
                    "make",
                    *inputs,
                    "--out",
                    str(tmp_path / jobs),
                    "--format",
                    "md",
                    "--jobs",
                    jobs,
                    "--issued",
                    "2024-12-08T09:30+00:00",
                ]
            )
            == 0
        )
    printed = [Path(p).name for p in lines(capsys.readouterr().out)]
    assert printed == [f"{n}.{f}" for n in "abcd" for f in ("md", "json")] * 2
    for name, src in zip("abcd", sources):
        one, two = (tmp_path / j / f"{name}.md" for j in ("1", "2"))
        assert one.read_text() == two.read_text()
        assert one.read_text().startswith(f"# {escape_markdown(read_path(src).title)}\n")


def test_length_controls_share_and_word_budget(workdir, tmp_path, capsys):
    seed = copy_seed(tmp_path / "s.txt")
    out = tmp_path / "out"
    assert (
        main(
            [
                "make",
                str(seed),
                "--out",
                str(out),
                "--format",
                "md",
                "--key-points",
                "10%",
                "--sentences",
                "0",
                "--words",
                "40",
            ]
        )
        == 0
    )
    bullets = markdown_bullets((out / "s.md").read_text())
    assert 1 <= len(bullets) <= 6 and sum(len(text.split()) for text, _ in bullets) <= 40


def test_input_size_limit_is_configurable(workdir, tmp_path, capsys):
    seed = copy_seed(tmp_path / "s.txt")
    out = tmp_path / "out"
    assert (
        main(["make", str(seed), "--out", str(out), "--format", "md", "--max-size", "0.001"]) == 1
    )
    err = capsys.readouterr().err
    assert len(lines(err)) == 1 and "over the 1,048-byte limit" in err and not out.exists()
    assert main(["make", str(seed), "--out", str(out), "--format", "md", "--max-size", "1"]) == 0


# --------------------------------------------------------------------------- exit codes


def test_a_misspelt_flag_shows_the_subcommands_usage_and_the_closest_flag(workdir, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["make", str(SEED), "--key-point", "2", "--keypoints", "2"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith("usage: briefing make ")
    assert "unrecognized arguments: --keypoints 2; did you mean --key-points?" in err
    with pytest.raises(SystemExit):
        main(["daily", str(SEED), "--titel", "x"])
    err = capsys.readouterr().err
    assert err.startswith("usage: briefing daily ") and "did you mean --title?" in err


def test_an_empty_input_name_is_refused_not_read_as_the_working_folder(workdir, tmp_path, capsys):
    copy_seed(workdir / "here.txt")  # "" must not mean "." and brief this
    assert main(["make", "", "--out", str(tmp_path / "out"), "--format", "md"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and lines(captured.err) == ["briefing: '': an input name is empty"]


def test_an_unwritable_output_is_exit_1_in_make_and_daily(workdir, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["make", str(SEED), "--out", str(blocker), "--format", "md"]) == 1
    assert "cannot write output" in capsys.readouterr().err
    assert main(["daily", str(SEED), "--out", str(blocker), "--format", "md", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1
        and "cannot write output" in err
        and blocker.read_text() == "not a folder"
    )


def test_a_bad_setting_is_exit_2_and_a_bad_input_exit_1(workdir, tmp_path, capsys):
    (workdir / "briefing.toml").write_text("key_pionts = 2\n", encoding="utf-8")
    assert main(["make", str(SEED), "--out", str(tmp_path / "o"), "--format", "md"]) == 2
    (workdir / "briefing.toml").unlink()
    assert main(["make", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")]) == 1
    assert main(["make", str(SEED), "--audience", "executiv", "--out", str(tmp_path / "o")]) == 2
    assert "did you mean 'executive'?" in capsys.readouterr().err


def test_issued_makes_the_output_the_same_on_every_run(workdir, tmp_path, capsys):
    for run in ("a", "b"):
        assert (
            main(
                [
                    "make",
                    str(SEED),
                    "--out",
                    str(tmp_path / run),
                    "--format",
                    "md",
                    "--issued",
                    "2024-12-08T09:30+01:00",
                ]
            )
            == 0
        )
    first, second = ((tmp_path / r / f"{STEM}.md").read_text() for r in ("a", "b"))
    assert (
        first == second
        and "No. SR-20241208-0930 · Issued 8 December 2024, 09:30 UTC+01:00" in first
    )
    record = json.loads((tmp_path / "a" / f"{STEM}.json").read_text())
    assert record["issued"] == "2024-12-08T09:30:00+01:00" and record["audience"] == "base"
    assert record["label"] is None and len(record["key_points"]) == 3
