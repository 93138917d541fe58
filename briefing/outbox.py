"""A written briefing to its readers: its Markdown, that Markdown rendered, and a PDF.

``briefing email`` sends what ``make`` or ``daily`` wrote. The JSON record beside the
Markdown says how it was issued (audience, handling label, issue time), so the subject
carries the label the pages carry without the sender repeating it. The rendering goes
through ``pipeline.render``, the same chain as every other output; ``publish.mail``
builds and sends the message.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from .errors import BriefingError, UsageError
from .markup import without_controls
from .names import read_regular
from .pipeline import MarkdownText, render
from .settings import Settings


def record_beside(markdown_file: Path) -> dict:
    """The JSON record written beside a briefing's Markdown, or {} when there is none."""
    record_file = Path(markdown_file).with_suffix(".json")
    if not record_file.is_file():
        return {}
    try:
        record = json.loads(read_regular(record_file).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BriefingError(f"cannot read the briefing's record: {exc}", str(record_file)) from None
    return record if isinstance(record, dict) else {}


def email_briefing(
    markdown_file: Path,
    settings: Settings,
    *,
    to: tuple[str, ...] = (),
    subject: str | None = None,
    pdf: Path | None = None,
    eml: Path | None = None,
) -> str:
    """Mail the briefing (or write the message to ``eml``); returns what was done."""
    from .publish import mail

    recipients = to or settings.recipients
    if not recipients:
        raise UsageError(
            f"no recipients: give --to, or [recipients] {settings.audience} = [...] in briefing.toml"
        )
    markdown = _markdown(markdown_file)
    title = subject or mail.subject_for(markdown)
    issued = _issued(record_beside(markdown_file)) or settings.now()
    html = render(MarkdownText(markdown, title, issued), settings, ("html",))["html"].decode(
        "utf-8"
    )
    message = mail.build_message(
        markdown,
        html=html,
        to=tuple(recipients),
        sender=settings.smtp.sender,
        subject=title,
        label=settings.label,
        pdf=_pdf(pdf) if pdf else None,
        pdf_name=_attachment_name(pdf) if pdf else "briefing.pdf",
    )
    if eml:
        return str(mail.write_eml(message, eml))
    smtp = settings.smtp
    mail.send(message, host=smtp.host, port=smtp.port, security=smtp.security)
    where = f"[{smtp.host}]:{smtp.port}" if ":" in smtp.host else f"{smtp.host}:{smtp.port}"
    shown = ", ".join(without_controls(r) for r in recipients)  # display names may hold any
    return f"sent to {shown} via {where}"


def _attachment_name(pdf: Path) -> str:
    """The PDF's file name as valid UTF-8 for the message: a byte that was not UTF-8
    becomes U+FFFD (``mail`` already keeps a name to one line and no folder)."""
    return os.fsencode(pdf.name).decode("utf-8", "replace")


def _issued(record: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(record["issued"])
    except (KeyError, TypeError, ValueError):
        return None


def _markdown(path: Path) -> str:
    data = _read(path)
    if data.startswith(b"%PDF-"):
        raise UsageError(
            "this is a PDF; give the briefing's .md (attach the PDF with --attach-pdf)", str(path)
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(
            "not a briefing's Markdown (not UTF-8 text); give the briefing's .md", str(path)
        ) from None


def _pdf(path: Path) -> bytes:
    data = _read(path)
    if not data.startswith(b"%PDF-"):
        raise UsageError("not a PDF file (--attach-pdf takes the briefing's .pdf)", str(path))
    return data


def _read(path: Path) -> bytes:
    """A regular file's bytes; a FIFO (which would hang) or a device is refused."""
    return read_regular(path)
