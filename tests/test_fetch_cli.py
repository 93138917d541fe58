"""`briefing fetch` and `briefing run` on the command line: usage, lines, exit codes."""

from __future__ import annotations

import subprocess
import sys

from briefing.cli import main

from .conftest import ROOT


def test_fetch_without_sources_is_a_usage_error(workdir, capsys):
    assert main(["fetch"]) == 2
    assert capsys.readouterr().err == (
        "briefing: nothing to fetch: list [[feeds]] or [[pages]] in briefing.toml\n"
    )


def test_a_wrong_feed_key_is_one_line_and_exit_2(workdir, capsys):
    (workdir / "briefing.toml").write_text('[[feeds]]\nurl = "https://a.example/f"\nname = 3\n')
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"briefing: {workdir / 'briefing.toml'}: feeds[1].name must be text in quotes, not 3\n"
    )


def test_help_imports_no_network_library():
    code = (
        "import sys\n"
        "from briefing.cli import main\n"
        "try:\n    main(['fetch', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'httpx', 'httpcore', 'feedparser', 'protego', 'courlan', 'trafilatura'}\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "--store FILE" in done.stdout
