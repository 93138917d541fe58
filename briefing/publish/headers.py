"""Mail headers that cannot be forged by the text they carry.

Every text that reaches a header (subject, label, display names, the attachment's file
name) is made one line first: whitespace runs become one space, control and bidi control
characters go, and ``=?`` gets a word joiner (U+2060) so it can never start an RFC 2047
encoded word (Python's email, 3.11, decodes such words in values it is given and writes a
decoded CR/LF out raw). Addresses are checked, not mended, and must fit: an addr-spec of
at most 254 octets (RFC 5321), header lines of at most 998 (RFC 5322). Last, every header
is folded as it will be sent and a line that does not continue the header stops the build.
"""

from __future__ import annotations

import re
import unicodedata
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import parseaddr

from ..errors import BriefingError
from ..markup import without_controls

DEFAULT_SUBJECT = "Briefing"
DEFAULT_PDF_NAME = "briefing.pdf"
MAX_ADDRESS = 254  # RFC 5321: a path is at most 256 octets, angle brackets included
MAX_LINE = 998  # RFC 5322: octets in a line, CRLF excluded


def one_line(value: object) -> str:
    """Header-safe text: one line, no control or bidi control character (a U+202E would
    show the subject reordered), no RFC 2047 encoded word."""
    return without_controls(value).replace("=?", "=\u2060?")


def subject_line(subject: str, label: str | None) -> str:
    text = one_line(subject) or DEFAULT_SUBJECT
    mark = one_line(label) if label else ""
    if not mark or text.startswith(f"[{mark}]"):
        return text
    return f"[{mark}] {text}"


def address(value: str) -> Address:
    """One checked address, its display name made header-safe; else a BriefingError."""
    raw = str(value)
    bad = BriefingError(
        f"invalid e-mail address {raw!r}: expected one address like name@example.org"
    )
    if not raw.strip() or any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in raw):
        raise bad
    text = " ".join(raw.split())
    try:
        header = SMTP.header_factory("To", text)
        (parsed,) = header.addresses
        spec = parsed.addr_spec
        if header.defects or spec != parseaddr(text)[1] or not (parsed.username and parsed.domain):
            raise bad
        if "@" not in spec or not spec.isascii():
            raise bad
        address = Address(display_name=one_line(parsed.display_name), addr_spec=spec)
    except (ValueError, IndexError, TypeError, HeaderParseError):
        raise bad from None
    return _fitting(address, text)


def _fitting(address: Address, text: str) -> Address:
    """``address`` if it can be delivered (RFC 5321: an addr-spec of at most 254 octets)
    and folds into header lines of at most 998 octets (RFC 5322), else a BriefingError."""
    shown = text if len(text) <= 72 else f"{text[:48]}…{text[-20:]}"
    if len(address.addr_spec) > MAX_ADDRESS:
        raise BriefingError(
            f"e-mail address {shown!r} is too long: {len(address.addr_spec)} characters,"
            f" at most {MAX_ADDRESS} (RFC 5321)"
        )
    if _longest_line("To", SMTP.header_factory("To", address)) > MAX_LINE:
        raise BriefingError(
            f"e-mail address {shown!r} does not fit a mail header line of {MAX_LINE} octets"
            " (RFC 5322); shorten its display name"
        )
    return address


def _longest_line(name: str, value) -> int:
    return max(map(len, SMTP.fold_binary(name, value).split(b"\r\n")))


def filename(name: str) -> str:
    text = re.split(r"[/\\]", one_line(name))[-1].strip()
    return text if text not in ("", ".", "..") else DEFAULT_PDF_NAME


def check_headers(message: EmailMessage) -> None:
    """Every header of every part folds to lines that continue it: nothing injected."""
    for part in message.walk():
        for name, value in part.items():
            lines = message.policy.fold_binary(name, value).split(b"\r\n")
            broken = lines[-1] or any(b"\r" in line or b"\n" in line for line in lines)
            if broken or any(line[:1] not in (b" ", b"\t") for line in lines[1:-1]):
                raise BriefingError(
                    f"refusing to build the e-mail: its {name} header would span lines"
                )
            if max(map(len, lines)) > MAX_LINE:
                raise BriefingError(
                    f"refusing to build the e-mail: its {name} header has a line longer than"
                    f" {MAX_LINE} octets (RFC 5322)"
                )
