"""E-mail: the message's structure and headers, and delivery to a real SMTP server
(aiosmtpd on loopback), with and without login; header injection; .eml files; errors."""

from __future__ import annotations

import base64
import email
import email.policy
import socket
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.markup import escape_markdown
from briefing.publish.mail import build_message, parse_server, send, subject_for, write_eml
from briefing.render.html import render_html
from briefing.templating import BUILTIN_DIR

from .conftest import ISSUED, ROOT

SEED_MD = (ROOT / "tests" / "golden" / "seed.md").read_text(encoding="utf-8")
TITLE = "Damascus regime faces threat from Syrian insurgents at gates."
PDF = b"%PDF-1.4\n" + bytes(range(256)) + b"\n%%EOF\n"
SENDER = "Briefings <briefings@example.org>"
USER, PASSWORD = "analyst", "s3cret-Pa55word"

aiosmtpd = pytest.importorskip("aiosmtpd.controller")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

# The login tests run AUTH over plain TCP on loopback, which aiosmtpd warns about.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


class Inbox:
    """An aiosmtpd handler that keeps every envelope it is given."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_login(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def start_server(**kwargs):
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller, inbox


@pytest.fixture
def smtp_server():
    controller, inbox = start_server()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def auth_server():
    controller, inbox = start_server(
        authenticator=check_login, auth_require_tls=False, auth_required=True
    )
    yield controller, inbox
    controller.stop()


def seed_html(label: str | None = None) -> str:
    from briefing.model import Presentation

    return render_html(
        SEED_MD, title=TITLE, presentation=Presentation(label=label), path=(BUILTIN_DIR,)
    )


def seed_message(**overrides):
    options = dict(
        html=seed_html("TLP:AMBER"),
        to=("alice@example.com", "Bob <bob@example.net>"),
        sender=SENDER,
        subject=subject_for(SEED_MD),
        label="TLP:AMBER",
        date=ISSUED,
    )
    options.update(overrides)
    return build_message(SEED_MD, **options)


def parsed(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def received(inbox: Inbox):
    (envelope,) = inbox.envelopes
    return envelope, parsed(envelope.content)


def subject_of(message) -> str:
    """The Subject as a reader sees it. CPython folds a value that fits a line of its own
    onto the next line ("Subject:" CRLF SP value), and its parser keeps that one space."""
    return message["Subject"].strip()


def text_of(part) -> str:
    return part.get_content().replace("\r\n", "\n")


def assert_alternative(alternative) -> None:
    """text/plain (the Markdown) first, then text/html with its CSS inlined."""
    assert alternative.get_content_type() == "multipart/alternative"
    plain, html = alternative.get_payload()
    assert plain.get_content_type() == "text/plain" and plain.get_content_charset() == "utf-8"
    assert text_of(plain) == SEED_MD
    assert html.get_content_type() == "text/html"
    page = html.get_content()
    assert "<style" not in page.lower()
    assert '<h1 style="' in page and '<li style="' in page
    assert TITLE in page


def test_send_delivers_markdown_and_inlined_html(smtp_server):
    controller, inbox = smtp_server
    send(seed_message(), host="127.0.0.1", port=controller.port, environ={})
    envelope, message = received(inbox)
    assert envelope.rcpt_tos == ["alice@example.com", "bob@example.net"]
    assert envelope.mail_from == "briefings@example.org"
    assert subject_of(message) == f"[TLP:AMBER] {TITLE}"
    assert message["To"].addresses[1].display_name == "Bob"
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@example.org>")
    assert message["Date"].datetime == ISSUED
    assert_alternative(message)
    assert not list(message.iter_attachments())


def test_send_with_pdf_attaches_it_after_the_alternative(smtp_server):
    controller, inbox = smtp_server
    send(
        seed_message(pdf=PDF, pdf_name="SR-20241208.pdf"),
        host="127.0.0.1",
        port=controller.port,
        environ={},
    )
    _, message = received(inbox)
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.get_payload()
    assert_alternative(alternative)
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_filename() == "SR-20241208.pdf"
    assert attachment.get_content() == PDF


def test_login_uses_the_environment(auth_server):
    controller, inbox = auth_server
    environ = {"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": PASSWORD}
    send(seed_message(), host="127.0.0.1", port=controller.port, environ=environ)
    envelope, message = received(inbox)
    assert envelope.rcpt_tos == ["alice@example.com", "bob@example.net"]
    assert subject_of(message) == f"[TLP:AMBER] {TITLE}"


def test_wrong_password_is_one_line_without_the_password(auth_server):
    controller, inbox = auth_server
    wrong = "wrong-Pa55word-xyz"
    environ = {"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": wrong}
    with pytest.raises(BriefingError) as caught:
        send(seed_message(), host="127.0.0.1", port=controller.port, environ=environ)
    shown = str(caught.value)
    assert f"127.0.0.1:{controller.port}" in shown and USER in shown
    assert "\n" not in shown and wrong not in shown and PASSWORD not in shown
    assert not inbox.envelopes


def test_no_user_means_no_login(smtp_server, auth_server):
    plain, inbox = smtp_server  # advertises no AUTH: a login attempt would fail
    send(
        seed_message(),
        host="127.0.0.1",
        port=plain.port,
        environ={"BRIEFING_SMTP_PASSWORD": PASSWORD},
    )
    assert len(inbox.envelopes) == 1
    guarded, _ = auth_server
    with pytest.raises(BriefingError, match=f"127.0.0.1:{guarded.port}"):
        send(seed_message(), host="127.0.0.1", port=guarded.port, environ={})


def test_starttls_without_server_support_fails_instead_of_sending_plain(smtp_server):
    controller, inbox = smtp_server
    with pytest.raises(BriefingError, match="STARTTLS"):
        send(
            seed_message(), host="127.0.0.1", port=controller.port, security="starttls", environ={}
        )
    assert not inbox.envelopes


def test_ssl_to_a_plain_server_fails_in_one_line(smtp_server):
    controller, inbox = smtp_server
    with pytest.raises(BriefingError) as caught:
        send(
            seed_message(),
            host="127.0.0.1",
            port=controller.port,
            security="ssl",
            timeout=5,
            environ={},
        )
    assert f"127.0.0.1:{controller.port}" in str(caught.value) and "\n" not in str(caught.value)
    assert not inbox.envelopes


def test_subject_and_label_cannot_inject_headers(smtp_server):
    controller, inbox = smtp_server
    message = seed_message(
        to=("alice@example.com",),
        subject="Daily\r\nBcc: victim@example.com",
        label="TLP:RED\nX-Evil: 1",
    )
    send(message, host="127.0.0.1", port=controller.port, environ={})
    envelope, got = received(inbox)
    assert envelope.rcpt_tos == ["alice@example.com"]
    assert "Bcc" not in got and "X-Evil" not in got
    assert subject_of(got) == "[TLP:RED X-Evil: 1] Daily Bcc: victim@example.com"
    raw_headers = envelope.content.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert not [line for line in raw_headers if line.lower().startswith((b"bcc", b"x-evil"))]


EVIL_WORD = "=?utf-8?q?x=0D=0ABcc:_victim@example.com?="
# An encoded word whose decoded text is EVIL_WORD: harmless once, fatal if decoded twice.
TWICE = "=?utf-8?q?=3D=3Futf-8=3Fq=3Fx=3D0D=3D0ABcc=3A=5Fvictim=40example=2Ecom=3F=3D?="


@pytest.mark.parametrize(
    "field, value",
    [
        ("subject", EVIL_WORD),
        ("label", EVIL_WORD),
        ("pdf_name", EVIL_WORD),
        ("sender", f"{TWICE} <briefings@example.org>"),
        ("to", (f"{TWICE} <alice@example.com>",)),
    ],
)
def test_encoded_words_cannot_inject_headers(field, value):
    """Python's email package (3.11) decodes RFC 2047 words in values it is given and
    writes a decoded CR/LF out raw: such words are defused before they reach a header."""
    message = parsed(seed_message(**{field: value, "pdf": PDF}).as_bytes())
    assert "Bcc" not in message
    for part in message.walk():
        assert all("\n" not in str(v) and "\r" not in str(v) for v in part.values())
        assert "Bcc" not in part and "X-Evil" not in part


def test_last_check_stops_a_header_that_would_span_lines(monkeypatch):
    """Should defusing ever miss a way in, the folded headers are checked once more."""
    from email.message import EmailMessage

    from briefing.publish import headers

    monkeypatch.setattr(headers, "one_line", lambda value: " ".join(str(value).split()))
    probe = EmailMessage(policy=email.policy.SMTP)
    probe["Subject"] = EVIL_WORD
    if b"\r\nBcc:" not in probe.as_bytes():
        pytest.skip("this Python does not turn an encoded CR/LF into a header; nothing to catch")
    with pytest.raises(BriefingError, match="Subject header would span lines"):
        seed_message(subject=EVIL_WORD)
    with pytest.raises(BriefingError, match="Content-Disposition header would span lines"):
        seed_message(pdf=PDF, pdf_name=EVIL_WORD)


def test_whitespace_runs_become_one_space():
    message = seed_message(
        subject="Morning\u2028briefing\t\tfor  the\x0bdesk", label=" TLP:\nGREEN "
    )
    assert subject_of(parsed(message.as_bytes())) == "[TLP: GREEN] Morning briefing for the desk"


def test_label_already_leading_the_subject_is_not_repeated():
    message = seed_message(subject="[TLP:AMBER] Daily")
    assert message["Subject"] == "[TLP:AMBER] Daily"


def test_non_ascii_subject_and_filename_survive():
    message = parsed(
        seed_message(subject="Überblick – Lage", pdf=PDF, pdf_name="Lagebild ä.pdf").as_bytes()
    )
    assert subject_of(message) == "[TLP:AMBER] Überblick – Lage"
    assert [a.get_filename() for a in message.iter_attachments()] == ["Lagebild ä.pdf"]


def test_filename_loses_folders():
    message = seed_message(pdf=PDF, pdf_name="../../etc/briefing.pdf")
    assert [a.get_filename() for a in message.iter_attachments()] == ["briefing.pdf"]


@pytest.mark.parametrize(
    "address",
    [
        "a@example.com\r\nBcc: b@example.com",
        "a@example.com\nBcc: b@example.com",
        "a@example.com\u2028Bcc: b@example.com",
        "a@example.com, b@example.com",
        "",
        "   ",
        "no-at-sign",
        "a@",
        "@example.com",
        "Name <>",
        f"{EVIL_WORD} <a@example.com>",  # decodes to a CR/LF: refused
        f'"{EVIL_WORD}" <a@example.com>',  # Python decodes words even inside quotes
    ],
)
def test_bad_recipients_are_refused(address):
    with pytest.raises(BriefingError) as caught:
        seed_message(to=("ok@example.com", address))
    shown = str(caught.value)
    assert "\n" not in shown and " ".join(repr(address).split()) in shown


def test_bad_sender_and_no_recipient_are_refused():
    with pytest.raises(BriefingError, match="invalid e-mail address"):
        seed_message(sender="me@example.org\r\nBcc: b@example.com")
    with pytest.raises(BriefingError, match="no recipient"):
        seed_message(to=())


def test_write_eml_parses_back_to_the_same_message(workdir):
    message = seed_message(pdf=PDF)
    path = write_eml(message, workdir / "out" / "briefing.eml")
    assert path == workdir / "out" / "briefing.eml"
    back = parsed(Path(path).read_bytes())
    assert subject_of(back) == f"[TLP:AMBER] {TITLE}"
    assert back["Message-ID"] == message["Message-ID"]
    assert [p.get_content_type() for p in back.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
    ]
    alternative, attachment = back.get_payload()
    assert_alternative(alternative)
    assert attachment.get_content() == PDF and attachment.get_filename() == "briefing.pdf"
    assert [p.name for p in path.parent.iterdir()] == ["briefing.eml"]


def test_connection_refused_names_the_server():
    port = free_port()  # bound, then closed: nobody listens
    with pytest.raises(BriefingError) as caught:
        send(seed_message(), host="127.0.0.1", port=port, timeout=5, environ={})
    shown = str(caught.value)
    assert f"127.0.0.1:{port}" in shown and "\n" not in shown


@pytest.mark.parametrize("security, port", [("tls", 25), ("none", 0), ("none", 70000)])
def test_bad_connection_settings_are_refused(security, port):
    with pytest.raises(BriefingError):
        send(seed_message(), host="127.0.0.1", port=port, security=security, environ={})


@pytest.mark.parametrize(
    "markdown, subject",
    [
        (SEED_MD, TITLE),
        (
            "# Prices up 5\\% at \\*Acme\\* &lt;b&gt; R&amp;D\n",
            "Prices up 5\\% at *Acme* <b&gt; R&D",
        ),
        (
            "# \\#1 story: C\\+\\+ \\[draft\\] \\_x\\_ a\\@b\\.c\n",
            "#1 story: C++ [draft] _x_ a@b.c",
        ),
        ("# Title ##\n", "Title"),
        ("# A \\#\n", "A #"),
        ("# &amp;lt; literal\n", "&lt; literal"),
        ("Intro\n\n## Section\n\n# Late title\n", "Late title"),
        ("## Only a section\n", "Briefing"),
        ("", "Briefing"),
    ],
)
def test_subject_for(markdown, subject):
    assert subject_for(markdown) == subject


@pytest.mark.parametrize(
    "title",
    [
        "Leak at www.example.com #1",
        "Mail admin@example.org (a `b` c)",
        "x ``notes.md`` and `https://x.y/a_b*c*`",
        "C++ [draft] at HTTPS://X.Y, 10.0.0.1 & <b>",
    ],
)
def test_the_subject_of_a_title_with_links_is_the_title_as_written(title):
    assert "`" in escape_markdown(title)  # the links went into code spans
    assert subject_for(f"# {escape_markdown(title)}\n") == title


@pytest.mark.parametrize(
    "text, expected",
    [
        ("smtp.example.org:587", ("smtp.example.org", 587)),
        ("127.0.0.1:25", ("127.0.0.1", 25)),
        ("[::1]:2525", ("::1", 2525)),
        (" mail:465 ", ("mail", 465)),
    ],
)
def test_parse_server(text, expected):
    assert parse_server(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "smtp.example.org",
        "smtp.example.org:",
        ":25",
        "host:0",
        "host:65536",
        "host:25x",
        "::1:25",
        "[::1]",
        "[nope]:25",
        "host:２５",
        "ho st:25",
        "host\r\n:25",
        "a@b:25",
    ],
)
def test_parse_server_refuses_bad_input(text):
    with pytest.raises(BriefingError, match="invalid SMTP server"):
        parse_server(text)


def test_a_desk_runs_daily_then_emails_it(smtp_server, tmp_path, workdir, capsys, monkeypatch):
    """`briefing daily inbox/ && briefing email out/<date>/briefing.md --to ...`, end to end."""
    from briefing.cli import main

    monkeypatch.delenv("BRIEFING_SMTP_USER", raising=False)
    controller, inbox = smtp_server
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Storm closes ports\nA storm closed the ports on Monday. Ships waited.\n"
    )
    (folder / "b.txt").write_text(
        "Budget passes\nParliament passed the budget on Tuesday. Critics objected.\n"
    )
    assert (
        main(
            [
                "daily",
                str(folder),
                "--out",
                str(tmp_path / "out"),
                "--date",
                "2024-12-08",
                "--label",
                "TLP:AMBER",
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    written = capsys.readouterr().out.split()
    md = next(p for p in written if p.endswith(".md"))
    pdf = next(p for p in written if p.endswith(".pdf"))
    assert (
        main(
            [
                "email",
                md,
                "--to",
                "desk@example.org",
                "--attach-pdf",
                pdf,
                "--label",
                "TLP:AMBER",
                "--smtp",
                f"127.0.0.1:{controller.port}",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("sent to desk@example.org")
    (envelope,) = inbox.envelopes
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert envelope.rcpt_tos == ["desk@example.org"]
    assert message["Subject"].strip() == "[TLP:AMBER] Daily briefing, 8 December 2024"
    parts = [part.get_content_type() for part in message.walk()]
    assert parts == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
    ]


def test_email_recipients_from_config_and_none_is_one_line(tmp_path, workdir, capsys):
    from briefing.cli import main

    (workdir / "briefing.toml").write_text('[recipients]\nexecutive = ["director@example.org"]\n')
    eml = tmp_path / "m.eml"
    assert (
        main(
            [
                "email",
                str(ROOT / "tests" / "golden" / "seed.md"),
                "--audience",
                "executive",
                "--eml",
                str(eml),
            ]
        )
        == 0
    )
    assert "To: director@example.org" in eml.read_text()
    assert main(["email", str(ROOT / "tests" / "golden" / "seed.md"), "--eml", str(eml)]) == 2
    assert "no recipients" in capsys.readouterr().err


def test_no_password_over_plain_smtp_to_a_remote_host():
    message = build_message(
        "# T\n", html="<p>T</p>", to=("a@example.org",), sender="b@example.org", subject="T"
    )
    with pytest.raises(BriefingError, match="without TLS"):
        send(
            message,
            host="192.0.2.1",
            port=25,
            environ={"BRIEFING_SMTP_USER": "u", "BRIEFING_SMTP_PASSWORD": "p"},
        )


def made(tmp_path, *extra) -> tuple[Path, Path]:
    """The seed made into md, pdf and its JSON record: (md, pdf)."""
    from briefing.cli import main

    out = tmp_path / "made"
    assert (
        main(
            [
                "make",
                str(ROOT / "seeds" / "000_382a75be208f75a2.txt"),
                "--out",
                str(out),
                "--format",
                "md,pdf",
                *extra,
            ]
        )
        == 0
    )
    return out / "000_382a75be208f75a2.md", out / "000_382a75be208f75a2.pdf"


def test_email_takes_label_and_audience_from_the_record_and_smtp_from_config(
    smtp_server, tmp_path, workdir, capsys
):
    from briefing.cli import main

    controller, inbox = smtp_server
    md, pdf = made(tmp_path, "--label", "TLP:AMBER", "--audience", "executive")
    (workdir / "briefing.toml").write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {controller.port}\nsender = "desk@example.org"\n'
        '[recipients]\nexecutive = ["director@example.org"]\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["email", str(md), "--attach-pdf", str(pdf)]) == 0  # no --label, --to or --smtp
    assert (
        capsys.readouterr().out == f"sent to director@example.org via 127.0.0.1:{controller.port}\n"
    )
    _, message = received(inbox)
    assert subject_of(message).startswith("[TLP:AMBER] Executive brief: Damascus regime")
    assert subject_of(message).count("TLP:AMBER") == 1
    assert message["From"] == "desk@example.org" and message["To"] == "director@example.org"


def test_the_logo_is_a_content_id_part_not_a_data_uri(tmp_path, workdir):
    from briefing.cli import main

    logo = workdir / "logo.png"
    logo.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        )
    )
    (workdir / "briefing.toml").write_text(
        'logo = "logo.png"\norganisation = "Desk"\n', encoding="utf-8"
    )
    md, _ = made(tmp_path)
    eml = tmp_path / "m.eml"
    assert main(["email", str(md), "--to", "a@example.org", "--eml", str(eml)]) == 0
    message = parsed(eml.read_bytes())
    html = next(p for p in message.walk() if p.get_content_type() == "text/html").get_content()
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert "data:image" not in html and len(images) == 1
    cid = images[0]["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html and images[0].get_content() == logo.read_bytes()
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    assert [p.get_content_type() for p in related.iter_parts()] == ["text/html", "image/png"]


def test_email_refuses_a_pdf_as_the_briefing_and_a_non_pdf_attachment(tmp_path, workdir, capsys):
    from briefing.cli import main

    md, pdf = made(tmp_path)
    capsys.readouterr()
    assert main(["email", str(pdf), "--to", "a@example.org", "--eml", str(tmp_path / "m.eml")]) == 2
    assert "this is a PDF; give the briefing's .md" in capsys.readouterr().err
    assert (
        main(
            [
                "email",
                str(md),
                "--to",
                "a@example.org",
                "--attach-pdf",
                str(md),
                "--eml",
                str(tmp_path / "m.eml"),
            ]
        )
        == 2
    )
    assert "not a PDF file" in capsys.readouterr().err and not (tmp_path / "m.eml").exists()


def test_a_refused_smtp_connection_is_exit_1(tmp_path, workdir, capsys):
    from briefing.cli import main

    md, _ = made(tmp_path)
    capsys.readouterr()
    assert (
        main(["email", str(md), "--to", "a@example.org", "--smtp", f"127.0.0.1:{free_port()}"]) == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot send mail via 127.0.0.1:" in err


BIDI = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidi_and_control_characters_never_reach_a_header():
    """An RLO (U+202E) in a subject shows it reversed ("...exe.gnp" as "png.exe"), an ESC
    acts in a terminal that shows the header: they are removed, the letters stay."""
    markdown = "# Bank \u202esyas\u202c \x1bno\x07 \u2066to\u2069 cuts\x9b\n\nText.\n"
    assert subject_for(markdown) == "Bank syas no to cuts"
    message = seed_message(
        subject=f"Daily {BIDI}brief\x1b[0m\x85",
        label="TLP:\u202eRED",
        to=("B\u202eob\u2069 <bob@example.net>",),
        sender="Desk\u200f <briefings@example.org>",
        pdf=b"%PDF-1.7\n",
        pdf_name="brief\u202efdp.pdf",
    )
    got = parsed(message.as_bytes())
    assert subject_of(got) == "[TLP:RED] Daily brief[0m"
    assert str(got["To"]) == "Bob <bob@example.net>"
    assert str(got["From"]) == "Desk <briefings@example.org>"
    assert got.get_payload()[1].get_filename() == "brieffdp.pdf"
    for part in got.walk():
        for name, value in part.items():
            assert not set(BIDI + "\x1b\x07\x85") & set(str(value)), name


def test_sending_says_whom_to_without_their_bidi_controls(smtp_server, tmp_path, capsys):
    from briefing.cli import main

    controller, inbox = smtp_server
    md = tmp_path / "b.md"
    md.write_text("# Bank \u202esyas\u202c no\n\n- Text. *(¶1)*\n", encoding="utf-8")
    to = "B\u202eob\u202c <bob@example.net>"
    assert main(["email", str(md), "--to", to, "--smtp", f"127.0.0.1:{controller.port}"]) == 0
    assert (
        capsys.readouterr().out
        == f"sent to Bob <bob@example.net> via 127.0.0.1:{controller.port}\n"
    )
    _, message = received(inbox)
    assert subject_of(message) == "Bank syas no"
    assert "<title>Bank syas no</title>" in message.get_payload()[1].get_content()


LONG = "a" * 1988 + "@example.org"  # 2,000 characters: a 2,013-octet To: line unchecked


def longest_line(message) -> int:
    return max(map(len, message.as_bytes().split(b"\r\n")))


@pytest.mark.parametrize("field", ["to", "sender"])
def test_an_address_too_long_to_deliver_is_refused_in_one_line_naming_it(field):
    value = (LONG,) if field == "to" else LONG
    with pytest.raises(BriefingError) as caught:
        seed_message(**{field: value})
    shown = str(caught.value)
    assert "\n" not in shown and len(shown) < 160
    assert shown.startswith("e-mail address 'aaaa") and "aaaa@example.org' is too long" in shown
    assert "2000 characters, at most 254 (RFC 5321)" in shown


def test_the_longest_deliverable_address_is_sent_and_folds_within_998_octets():
    longest = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".org"
    assert len(longest) == 254
    message = seed_message(to=(longest, "Bob <bob@example.net>"))
    assert longest_line(message) <= 998
    assert parsed(message.as_bytes())["To"].addresses[0].addr_spec == longest
    with pytest.raises(BriefingError, match="255 characters, at most 254"):
        seed_message(to=("x" + longest,))


def test_a_display_name_that_cannot_fold_is_refused_and_one_that_can_is_folded():
    with pytest.raises(BriefingError, match="does not fit a mail header line of 998 octets"):
        seed_message(to=(f'"{"N" * 2000}" <bob@example.net>',))
    name = " ".join(["Newsroom"] * 250)  # 2,249 characters with spaces to fold at
    message = seed_message(to=(f"{name} <bob@example.net>",), sender=f"{name} <b@example.org>")
    assert longest_line(message) <= 78
    got = parsed(message.as_bytes())
    assert got["To"].addresses[0].display_name == name
    assert got["From"].addresses[0].display_name == name


def test_a_header_line_over_998_octets_stops_the_build():
    from email.message import EmailMessage
    from email.policy import SMTP

    from briefing.publish import headers

    message = EmailMessage(policy=SMTP)
    message["Message-ID"] = f"<{'x' * 1000}@example.org>"  # a msg-id cannot be folded
    with pytest.raises(BriefingError, match="Message-ID header has a line longer than 998"):
        headers.check_headers(message)


def test_briefing_email_to_a_2000_character_address_is_one_error_line(tmp_path, workdir, capsys):
    from briefing.cli import main

    md = tmp_path / "b.md"
    md.write_text("# Title\n\n- Text. *(¶1)*\n", encoding="utf-8")
    code = main(["email", str(md), "--to", LONG, "--eml", str(tmp_path / "m.eml")])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "is too long: 2000 characters" in err
    assert not (tmp_path / "m.eml").exists()


def test_the_text_part_signs_off_with_the_standard_delimiter(tmp_path):
    """ "-- " (dash dash space) on a line of its own: mail clients grey out, and leave out
    of replies, what follows it; "--" without the space is just text to them."""
    from briefing.read import read_path

    from .conftest import SEED, rendered

    markdown = rendered(read_path(SEED), audience="email")["md"].decode()
    message = build_message(
        markdown, html=seed_html(None), to=("a@example.org",), sender=SENDER, subject="S"
    )
    data = message.as_bytes()
    assert b"\r\n--=20\r\n" in data  # quoted-printable keeps the space
    plain = text_of(parsed(data).get_payload()[0]).splitlines()
    assert plain.count("-- ") == 1 and "--" not in plain
    assert plain[plain.index("-- ") + 1 :] == [
        "7 sentences quoted verbatim from the source (Learned ranker); ¶ = paragraph."
    ]
