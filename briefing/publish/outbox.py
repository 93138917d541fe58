"""A briefing to its readers: the Markdown file, its HTML rendering and a PDF, by e-mail."""

from __future__ import annotations

from pathlib import Path

from ..errors import BriefingError
from ..settings import Options, resolve


def email_briefing(
    markdown_file: Path,
    options: Options = Options(),
    *,
    to: tuple[str, ...] = (),
    sender: str,
    subject: str | None = None,
    pdf: Path | None = None,
    eml: Path | None = None,
    server: str = "localhost:25",
    security: str = "none",
) -> str:
    """Mail a briefing's Markdown (with its HTML, and a PDF if given) or write it to ``eml``;
    returns what was done, for the caller to show."""
    from ..render.html import render_html
    from . import mail

    settings = resolve(options)
    recipients = to or options.config.recipients_for(settings.presentation.audience)
    if not recipients:
        raise BriefingError(
            f"no recipients: give --to, or [recipients] {settings.presentation.audience} = [...] in briefing.toml"
        )
    markdown = _read_file(markdown_file)
    title = subject or mail.subject_for(markdown)
    html = render_html(
        markdown, title=title, presentation=settings.presentation, path=settings.path
    )
    message = mail.build_message(
        markdown,
        html=html,
        to=tuple(recipients),
        sender=sender,
        subject=title,
        label=settings.presentation.label,
        pdf=_read_file(pdf, binary=True) if pdf else None,
        pdf_name=pdf.name if pdf else "briefing.pdf",
    )
    if eml:
        return str(mail.write_eml(message, eml))
    host, port = mail.parse_server(server)
    mail.send(message, host=host, port=port, security=security)
    return f"sent to {', '.join(recipients)} via {server}"


def _read_file(path: Path, binary: bool = False):
    try:
        data = Path(path).read_bytes()
        return data if binary else data.decode("utf-8")
    except FileNotFoundError:
        raise BriefingError("no such file", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BriefingError(f"cannot read: {exc}", str(path)) from None
