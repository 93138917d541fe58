"""Briefings by e-mail: an RFC 5322 message, sent over SMTP or written as an ``.eml`` file.

The message is multipart/alternative: the Markdown as text/plain first, the HTML page
second with its stylesheet inlined into ``style`` attributes (mail clients drop
``<style>``); with a PDF the whole becomes multipart/mixed, the PDF attached after it.

Headers are made and checked by ``headers``: nothing an article or a setting holds can
add a header line or reorder the subject.

Sending logs in only when ``BRIEFING_SMTP_USER`` is set (password from
``BRIEFING_SMTP_PASSWORD``); no error message ever shows the password.
"""

from __future__ import annotations

import ipaddress
import os
import re
import smtplib
import ssl
from collections.abc import Mapping
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from ..errors import BriefingError, UsageError
from ..markup import unescape_markdown
from ..model import SMTP_SECURITY
from . import headers
from .files import write_atomic
from .headers import DEFAULT_PDF_NAME, DEFAULT_SUBJECT

USER_VAR = "BRIEFING_SMTP_USER"
PASSWORD_VAR = "BRIEFING_SMTP_PASSWORD"

_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SERVER = re.compile(
    r"\[(?P<v6>[0-9A-Fa-f:.]+(?:%[\w.-]+)?)\]:(?P<p6>[0-9]{1,5})|(?P<host>[^\s:\[\]/@]+):(?P<port>[0-9]{1,5})"
)


def build_message(
    markdown: str,
    *,
    html: str,
    to: tuple[str, ...],
    sender: str,
    subject: str,
    label: str | None = None,
    pdf: bytes | None = None,
    pdf_name: str = DEFAULT_PDF_NAME,
    date: datetime | None = None,
) -> EmailMessage:
    """The briefing as a message: Markdown and CSS-inlined HTML as alternatives, the PDF
    (if any) attached; the subject led by ``[label]`` when a handling label is given."""
    recipients = [headers.address(r) for r in ((to,) if isinstance(to, str) else to)]
    if not recipients:
        raise BriefingError("no recipient given")
    origin = headers.address(sender)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = headers.subject_line(subject, label)
    message["From"] = origin
    message["To"] = recipients
    message["Date"] = format_datetime(_aware(date))
    message["Message-ID"] = make_msgid(domain=origin.domain)
    inlined, images = _embed_images(_inline_css(html), origin.domain)
    try:
        message.set_content(markdown, subtype="plain", charset="utf-8", cte="quoted-printable")
        message.add_alternative(inlined, subtype="html", charset="utf-8", cte="quoted-printable")
        for cid, (kind, data) in images.items():
            maintype, subtype = kind.split("/", 1)
            message.get_payload()[1].add_related(
                data, maintype=maintype, subtype=subtype, cid=f"<{cid}>"
            )
        if pdf is not None:
            message.add_attachment(
                bytes(pdf),
                maintype="application",
                subtype="pdf",
                filename=headers.filename(pdf_name),
            )
    except (UnicodeError, ValueError, TypeError) as exc:
        raise BriefingError(f"cannot build the e-mail: {type(exc).__name__}: {exc}") from None
    headers.check_headers(message)
    return message


def subject_for(markdown: str) -> str:
    """The text of the Markdown's first ``# `` heading, unescaped; else "Briefing"."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            title = headers.one_line(unescape_markdown(_ATX_CLOSE.sub("", line[2:].strip())))
            if title:
                return title
    return DEFAULT_SUBJECT


def send(
    message: EmailMessage,
    *,
    host: str,
    port: int,
    security: str = "none",
    timeout: float = 30,
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Send ``message`` through the SMTP server at ``host``:``port`` (``security`` "none",
    "starttls" or "ssl"); every failure becomes a one-line BriefingError naming the server."""
    where = _check_server(host, port, security)
    user = environ.get(USER_VAR) or None
    password = environ.get(PASSWORD_VAR) or ""
    if user and security == "none" and not _loopback(host):
        raise BriefingError(
            f"refusing to send the SMTP password to {where} without TLS; use --starttls or --ssl"
        )
    try:
        with _connect(host, port, security, timeout) as smtp:
            if security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if user:
                smtp.login(user, password)
            refused = smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise BriefingError(
            f"SMTP server {where} refused the login of {user!r} (code {exc.smtp_code})"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise BriefingError(
            f"SMTP server {where} refused every recipient: {', '.join(exc.recipients)}"
        ) from None
    except UnicodeError:  # IDNA of the host, or a non-ASCII login (the text may quote it)
        ascii_login = f"{user or ''}{password}".isascii()
        reason = (
            "user name and password must be ASCII"
            if not ascii_login
            else "the host name is not valid"
        )
        raise BriefingError(f"cannot send mail via {where}: {reason}") from None
    except (smtplib.SMTPException, OSError) as exc:
        cause = f"cannot send mail via {where}: {_describe(exc)}"
        raise BriefingError(cause.replace(password, "***") if password else cause) from None
    if refused:
        raise BriefingError(
            f"SMTP server {where} refused {', '.join(sorted(refused))}; the other recipients got the mail"
        )


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def write_eml(message: EmailMessage, path: Path | str) -> Path:
    """Write ``message`` as an ``.eml`` file (the bytes SMTP would carry), atomically."""
    return write_atomic(Path(path), message.as_bytes())


def parse_server(text: str) -> tuple[str, int]:
    """``"HOST:PORT"`` (an IPv6 address in brackets: ``"[::1]:2525"``) -> (host, port)."""
    match = _SERVER.fullmatch(str(text).strip())
    problem = "expected HOST:PORT, e.g. smtp.example.org:587 or [::1]:2525"
    if match is None or not match.group(0).isprintable():
        raise UsageError(f"invalid SMTP server {text!r}: {problem}")
    host, port = (match["v6"], match["p6"]) if match["v6"] else (match["host"], match["port"])
    if match["v6"]:
        try:
            ipaddress.IPv6Address(host.split("%")[0])
        except ValueError:
            raise UsageError(f"invalid SMTP server {text!r}: {host} is no IPv6 address") from None
    if not 1 <= int(port) <= 65535:
        raise UsageError(f"invalid SMTP server {text!r}: port must be 1 to 65535")
    return host, int(port)


def _aware(date: datetime | None) -> datetime:
    if date is None:
        return datetime.now().astimezone()
    return date if date.tzinfo is not None else date.astimezone()


def _inline_css(html: str) -> str:
    """The HTML with its ``<style>`` rules moved into ``style`` attributes; no stylesheet
    is fetched (``<link>`` elements are dropped, nothing is loaded from the network)."""
    import css_inline

    try:
        return css_inline.CSSInliner(load_remote_stylesheets=False).inline(html)
    except (css_inline.InlineError, ValueError) as exc:
        raise BriefingError(f"cannot inline the HTML's CSS: {exc}") from None


_DATA_IMAGE = re.compile(r'src="data:(image/(?:png|jpeg|svg\+xml));base64,([A-Za-z0-9+/=]+)"')


def _embed_images(html: str, domain: str) -> tuple[str, dict[str, tuple[str, bytes]]]:
    """``data:`` images (the logo) as Content-ID parts: mail clients block or drop
    ``data:`` URIs in ``<img>``, and show a ``cid:`` part of the same message."""
    import base64

    images: dict[str, tuple[str, bytes]] = {}

    def swap(match: re.Match) -> str:
        cid = f"image{len(images) + 1}@{domain or 'briefing'}"
        images[cid] = (match[1], base64.b64decode(match[2]))
        return f'src="cid:{cid}"'

    return _DATA_IMAGE.sub(swap, html), images


def _check_server(host: str, port: int, security: str) -> str:
    """``host:port`` for messages, after checking the three connection settings."""
    if security not in SMTP_SECURITY:
        raise BriefingError(
            f"unknown SMTP security {security!r}; choose from {', '.join(SMTP_SECURITY)}"
        )
    if not isinstance(host, str) or not host or not host.isprintable() or " " in host:
        raise BriefingError(f"invalid SMTP host {host!r}")
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise BriefingError(f"invalid SMTP port {port!r} for {host}: must be 1 to 65535")
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _connect(host: str, port: int, security: str, timeout: float) -> smtplib.SMTP:
    if security == "ssl":
        return smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    return smtplib.SMTP(host, port, timeout=timeout)


def _describe(exc: BaseException) -> str:
    """A short reason: the server's reply, the system's error text, or the exception."""
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else exc.smtp_error
        )
        return f"{exc.smtp_code} {reply}"
    if isinstance(exc, OSError) and not isinstance(exc, ssl.SSLError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
