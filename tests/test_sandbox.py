"""Templates are data: sandboxed Jinja, no folder used unless named, no file read from
outside the template folders, and a broken template is one settings error before the run."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import jinja2
import pytest

from briefing.cli import main
from briefing.errors import BriefingError
from briefing.templating import render

from .conftest import ROOT, SEED

# Each escape runs `touch MARKER` or prints Python internals in a plain jinja2.Environment.
ESCAPES = {
    "cycler": "cycler.__init__.__globals__.os.system('touch MARKER')",
    "joiner": "joiner.__init__.__globals__.os.system('touch MARKER')",
    "namespace": "namespace.__init__.__globals__.os.system('touch MARKER')",
    "lipsum": "lipsum.__globals__.os.system('touch MARKER')",
    "mro": "''.__class__.__mro__[1].__subclasses__()",
    "template_reference": "self._TemplateReference__context",
    "format": "'{0.__init__.__globals__}'.format(cycler)",
    "format_map": "'{c.__init__.__globals__}'.format_map({'c': cycler})",
    "attr_filter": "cycler|attr('__init__')",
}
LEAKED = ("__builtins__", "<class 'subprocess.Popen'>", "<Context {", "<function Cycler.__init__")


def audience(root: Path, name: str, **files: str | bytes) -> Path:
    """``root/name/`` with an audience.toml and the given files (``briefing_md`` is
    ``briefing.md.j2``)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "audience.toml").write_text(f'description = "{name}"\n')
    for key, text in files.items():
        path = folder / key.replace("_md", ".md.j2").replace("_html", ".html.j2")
        (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return folder


def make(*args: str) -> list[str]:
    return ["make", str(SEED), "--out", "out", "--templates", "t", *args]


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("name", ESCAPES)
def test_a_plain_jinja_environment_would_run_each_escape(name, tmp_path, monkeypatch):
    """The payloads are real: unsandboxed, each runs a command or shows Python internals."""
    monkeypatch.chdir(tmp_path)
    out = jinja2.Environment().from_string("{{ " + ESCAPES[name] + " }}").render()
    assert (tmp_path / "MARKER").exists() or any(leak in out for leak in LEAKED)


@pytest.mark.parametrize("name", ESCAPES)
@pytest.mark.parametrize("kind", ["md", "html"])
def test_each_escape_is_refused_in_one_line_naming_the_template(name, kind, workdir, capsys):
    payload = "{{ " + ESCAPES[name] + " }}"
    if kind == "md":
        audience(workdir / "t", "evil", briefing_md="# x\n" + payload + "\n")
    else:
        audience(workdir / "t", "evil", page_html="<html><body>" + payload + "</body></html>\n")
    code = main(make("--audience", "evil", "--format", kind))
    err = one_line(capsys)
    assert code == 1 and "is unsafe" in err
    assert f"t/evil/{'briefing.md' if kind == 'md' else 'page.html'}.j2:" in err
    assert not (workdir / "MARKER").exists() and not list(workdir.glob("out/*"))


def test_a_working_folder_templates_is_not_loaded_unless_named(workdir, capsys):
    hijack = "{% extends '!builtin/base/briefing.md.j2' %}{% block title %}HIJACKED{% endblock %}"
    audience(workdir / "templates", "base", briefing_md=hijack)
    assert main(["make", str(SEED), "--out", "out", "--format", "md"]) == 0
    assert "HIJACKED" not in (workdir / "out" / f"{SEED.stem}.md").read_text()
    named = ["make", str(SEED), "--out", "named", "--format", "md", "--templates", "templates"]
    assert main(named) == 0, capsys.readouterr().err
    assert "HIJACKED" in (workdir / "named" / f"{SEED.stem}.md").read_text()


def test_the_checkout_templates_folder_is_the_builtin_set_not_a_user_folder(monkeypatch):
    from briefing import audiences

    monkeypatch.chdir(ROOT)
    assert (ROOT / "templates").is_dir()
    assert audiences.search_path(cwd=ROOT) == (audiences.BUILTIN_DIR,)


def test_a_template_folder_in_briefing_toml_is_relative_to_that_file(workdir, capsys):
    audience(workdir / "conf" / "mine", "desk", briefing_md="# From the config folder\n")
    (workdir / "conf" / "briefing.toml").write_text('templates = ["mine"]\n')
    args = ["make", str(SEED), "--out", "out", "--format", "md", "--audience", "desk"]
    assert main([*args, "--config", "conf/briefing.toml"]) == 0, capsys.readouterr().err
    assert (workdir / "out" / f"{SEED.stem}.md").read_text() == "# From the config folder\n"
    (workdir / "conf" / "briefing.toml").write_text('templates = "nowhere"\n')
    assert main([*args, "--config", "conf/briefing.toml"]) == 2
    err = one_line(capsys)
    assert "nowhere: template folder not found (from briefing.toml: templates)" in err


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"briefing.md.j2": "/etc/passwd"}, "evil/briefing.md.j2: template file leads outside"),
        ({"leak.j2": "/etc/passwd"}, "evil/leak.j2: template file leads outside"),
        ({"print.css": "/etc/passwd"}, "evil/print.css: template file leads outside"),
    ],
)
def test_a_symlink_out_of_the_template_folders_is_refused_before_the_run(
    files, expected, workdir, capsys
):
    folder = audience(workdir / "t", "evil")
    if "leak.j2" in files:
        (folder / "briefing.md.j2").write_text('{% include "evil/leak.j2" %}\n')
    for name, target in files.items():
        (folder / name).symlink_to(target)
    assert main(make("--audience", "evil", "--format", "md,html")) == 2
    err = one_line(capsys)
    assert expected in err and "(to /etc/passwd)" in err and "root:" not in err
    assert not (workdir / "out").exists()


def test_a_symlinked_template_inside_the_folders_is_fine(workdir, capsys):
    folder = audience(workdir / "t", "mine", real_md="# Real\n")
    (folder / "briefing.md.j2").symlink_to(folder / "real.md.j2")
    assert main(make("--audience", "mine", "--format", "md")) == 0, capsys.readouterr().err
    assert (workdir / "out" / f"{SEED.stem}.md").read_text() == "# Real\n"


class Counter:
    """A TCP listener on loopback that counts the connections made to it."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.count = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.count += 1
            conn.close()


def test_the_pdf_attaches_files_of_the_folders_but_never_a_symlink_out_or_a_remote_host(
    workdir, capsys
):
    from pypdf import PdfReader

    counter = Counter()
    page = (ROOT / "templates" / "base" / "page.html.j2").read_text(encoding="utf-8")
    fine = (workdir / "t" / "evil" / "fine.txt").resolve()
    links = "".join(
        f'<link rel="attachment" href="{href}">'
        for href in (
            "evil/fine.txt",  # relative to the first template folder: attached
            "evil/leak.txt",  # a symlink in that folder to /etc/passwd
            "file:///etc/passwd",
            f"file://127.0.0.1:{counter.port}{fine}",  # a file URL naming a host
        )
    )
    folder = audience(workdir / "t", "evil", page_html=page.replace("</head>", links + "</head>"))
    (folder / "fine.txt").write_text("FINE-ATTACHMENT\n")
    (folder / "leak.txt").symlink_to("/etc/passwd")
    assert main(make("--audience", "evil", "--format", "pdf")) == 0, capsys.readouterr().err
    reader = PdfReader(io.BytesIO((workdir / "out" / f"{SEED.stem}.pdf").read_bytes()))
    attached = b"".join(b"".join(datas) for datas in reader.attachments.values())
    text = "".join(p.extract_text() for p in reader.pages)
    assert b"FINE-ATTACHMENT" in attached  # the channel works, so the checks below can fail
    assert b"root:" not in attached and "root:" not in text
    assert len(reader.attachments) == 1 and counter.count == 0
    counter.sock.close()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"briefing.md.j2": b"\xff\xfe{{ x }}\n"},
            "evil/briefing.md.j2: template is not UTF-8 text",
        ),
        (
            {"briefing.md.j2": '{% extends "evil/briefing.md.j2" %}\n'},
            "evil/briefing.md.j2: templates extend or include each other in a loop: "
            "evil/briefing.md.j2 -> evil/briefing.md.j2",
        ),
        (
            {
                "briefing.md.j2": '{% include "evil/a.j2" %}',
                "a.j2": '{% import "evil/briefing.md.j2" as b %}',
            },
            "evil/a.j2: templates extend or include each other in a loop: "
            "evil/briefing.md.j2 -> evil/a.j2 -> evil/briefing.md.j2",
        ),
        (
            {"briefing.md.j2": '{% extends "base/briefing.md.j2" %}{% block title %}{% endblock'},
            "evil/briefing.md.j2:1: template syntax error:",
        ),
        (
            {"page.html.j2": '{% include "evil/missing.html.j2" %}'},
            "evil/page.html.j2: template evil/missing.html.j2 not found",
        ),
    ],
)
def test_a_broken_template_is_one_settings_error_before_any_article(
    files, expected, workdir, capsys
):
    folder = audience(workdir / "t", "evil")
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    second = workdir / "second.txt"
    second.write_bytes(SEED.read_bytes())
    code = main(["make", str(second), *make("--audience", "evil")[1:]])
    err = one_line(capsys)  # once, not once per article
    assert code == 2 and expected in err and "internal error" not in err, err
    assert not (workdir / "out").exists()


def test_a_broken_daily_template_stops_the_daily_not_make(workdir, capsys):
    # Each command checks the templates it renders: make never compiles daily.md.j2, so a
    # desk's broken daily does not stop its briefings, and the daily still says so first.
    audience(workdir / "t", "evil", daily_md="{% block x %}\n")
    assert main(make("--audience", "evil", "--format", "md")) == 0
    assert (workdir / "out" / f"{SEED.stem}.md").is_file()
    capsys.readouterr()
    daily = ["daily", str(SEED), "--out", "day", "--templates", "t", "--audience", "evil"]
    assert main([*daily, "--format", "md"]) == 2
    err = one_line(capsys)
    assert "evil/daily.md.j2:" in err and "template syntax error" in err, err
    assert not (workdir / "day").exists()


def test_a_broken_article_template_stops_make_not_the_daily(workdir, capsys):
    # The daily renders daily.md.j2 and daily.html.j2 only: a desk's broken briefing.md.j2
    # stops its briefings, not its daily.
    audience(workdir / "t", "evil", briefing_md="{% block x %}\n")
    assert main(make("--audience", "evil", "--format", "md")) == 2
    assert "evil/briefing.md.j2:" in one_line(capsys)
    daily = ["daily", str(SEED), "--out", "day", "--templates", "t", "--audience", "evil"]
    assert main([*daily, "--format", "md,html"]) == 0
    assert (workdir / "day").is_dir()


def test_a_base_override_extending_the_base_by_its_own_name_is_a_loop(workdir, capsys):
    audience(workdir / "t", "base", briefing_md='{% extends "base/briefing.md.j2" %}\n')
    assert main(make("--format", "md")) == 2
    assert "base/briefing.md.j2 -> base/briefing.md.j2" in one_line(capsys)


def test_a_self_extending_template_rendered_without_the_check_is_still_one_line(workdir):
    audience(workdir / "t", "evil", briefing_md='{% extends "evil/briefing.md.j2" %}\n')
    with pytest.raises(
        BriefingError, match=r"evil/briefing\.md\.j2:1: template error: .* without end"
    ):
        render("markdown", "evil/briefing.md.j2", ((workdir / "t").resolve(),))


def _without_root_reading() -> None:
    """In the child: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set,
    so a process run as root obeys file modes as any user does."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unreadable_template_is_one_settings_error(workdir):
    folder = audience(workdir / "t", "evil", briefing_md="# x\n")
    (folder / "briefing.md.j2").chmod(0)
    run = subprocess.run(
        [sys.executable, "-m", "briefing", *make("--audience", "evil", "--format", "md")],
        cwd=workdir,
        capture_output=True,
        text=True,
        preexec_fn=_without_root_reading if os.geteuid() == 0 else None,
        timeout=120,
    )
    (folder / "briefing.md.j2").chmod(0o644)
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert "evil/briefing.md.j2: cannot read template: Permission denied" in run.stderr


def _audience_with_logo(root: Path, logo_target: Path | None) -> Path:
    folder = root / "dl" / "shared"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text('logo = "logo.png"\n', encoding="utf-8")
    if logo_target is not None:
        (folder / "logo.png").symlink_to(logo_target)
    return folder


def test_an_audience_logo_that_links_out_of_its_folder_is_refused(tmp_path, capsys):
    secret = tmp_path / "id_rsa"
    secret.write_text("SECRET-KEY-MATERIAL")
    _audience_with_logo(tmp_path, secret)
    out = tmp_path / "out"
    code = main(
        ["make", str(SEED), "--templates", str(tmp_path / "dl"), "--audience", "shared"]
        + ["--out", str(out), "--format", "html"]
    )
    err = capsys.readouterr().err
    assert code == 2 and "logo leads outside the audience folder" in err
    assert not out.exists()


def test_a_logo_that_is_a_fifo_is_refused_without_waiting(tmp_path, capsys):
    folder = _audience_with_logo(tmp_path, None)
    os.mkfifo(folder / "logo.png")
    run = subprocess.run(  # in a child with a deadline: a regression fails, never hangs
        [sys.executable, "-m", "briefing", "make", str(SEED), "--templates", str(tmp_path / "dl")]
        + ["--audience", "shared", "--out", str(tmp_path / "out"), "--format", "md"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert run.returncode == 2 and "not a regular file" in run.stderr.decode()
