"""Which URLs and addresses may be fetched: http(s) only, every DNS answer vetted once.

A host is resolved once per hop; every address it resolves to must be public (not
loopback, private, link-local, multicast, reserved or unspecified, nor an IPv6 form that
carries such an IPv4 address: IPv4-mapped or -compatible, NAT64, 6to4, Teredo) unless the
caller allows it: a source with ``allow_private`` allows it for its own origin only, so a
redirect or a link to another host is vetted as public. The connection is then made to a vetted address only (see
``client``), so a second lookup cannot answer differently.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import BriefingError

SCHEMES = {"http": 80, "https": 443}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local use, never global
_6TO4 = ipaddress.ip_network("2002::/16")
_TEREDO = ipaddress.ip_network("2001::/32")
_COMPAT = ipaddress.ip_network("::/96")

Resolver = Callable[[str, int], list[str]]  # (host, port) -> addresses


class Refused(BriefingError):
    """A URL or an address that may not be fetched; the cause says which rule refused it."""


@dataclass(frozen=True)
class Target:
    """A URL split for connecting: scheme, host (no brackets), port, and the URL itself."""

    url: str
    scheme: str
    host: str
    port: int

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = SCHEMES[self.scheme] == self.port
        return f"{self.scheme}://{host}" + ("" if default else f":{self.port}")


def target(url: str) -> Target:
    """``url`` checked for its form: http or https, a host, no user name or password."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise Refused(f"not a URL ({exc})", url) from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise Refused(f"{scheme or 'no'} scheme: only http and https are fetched", url)
    if not parts.hostname:
        raise Refused("no host in the URL", url)
    if parts.username is not None or parts.password is not None:
        raise Refused("a user name or password in the URL is refused", url)
    return Target(url.strip(), scheme, parts.hostname.rstrip("."), port or SCHEMES[scheme])


def why_refused(address: str) -> str | None:
    """Why an address may not be fetched from ("link-local", "loopback (NAT64 form)"...),
    or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded, form = _embedded_ipv4(ip)
        if embedded is not None:
            reason = _category(embedded)
            if reason:
                return f"{reason} ({form} form of {embedded})"
            if form == "NAT64 local-use":
                return f"not global ({form})"
            if form == "NAT64":
                return None  # a public IPv4 address through the network's NAT64 gateway
    return _category(ip)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address | None, str]:
    """The IPv4 address an IPv6 one carries, and the form it is carried in."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped, "IPv4-mapped"
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64"
    if ip in _NAT64_LOCAL:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64 local-use"
    if ip in _6TO4:
        return ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF), "6to4"
    if ip in _TEREDO:
        return ipaddress.IPv4Address(~int(ip) & 0xFFFFFFFF), "Teredo"
    if ip in _COMPAT and int(ip) > 1:  # ::1 and :: are categorised as themselves
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "IPv4-compatible"
    return None, ""


def _category(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    for name, flag in (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if flag:
            return name
    return None if ip.is_global else "not global"


def vetted(target: Target, allow_private: bool, resolve: Resolver, timeout: float) -> str:
    """The address to connect to for ``target``: every answer of one lookup vetted; one
    refused answer refuses the host, so the choice among answers cannot matter."""
    addresses = _lookup(target.host, target.port, resolve, timeout)
    if not allow_private:
        for address in addresses:
            reason = why_refused(address)
            if reason:
                raise Refused(
                    f"refused: {address}, {reason}"
                    + ("" if target.host == address else f" (from {target.host})")
                    + "; allow_private = true admits a feed's own host only",
                    target.url,
                )
    return addresses[0]


def system_resolver(host: str, port: int) -> list[str]:
    """The system's answers for ``host`` (an address literal is its own answer)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _lookup(host: str, port: int, resolve: Resolver, timeout: float) -> list[str]:
    """``resolve`` in a thread, bounded by ``timeout`` (getaddrinfo has none of its own)."""
    found: list = []

    def work() -> None:
        try:
            found.append(resolve(host, port))
        except (OSError, UnicodeError) as exc:
            found.append(exc)

    thread = threading.Thread(target=work, name="briefing-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if not found:
        raise Refused(f"DNS lookup of {host} took over {timeout:g} s", host)
    if isinstance(found[0], Exception):
        raise Refused(f"DNS lookup of {host} failed: {_dns_cause(found[0])}", host)
    if not found[0]:
        raise Refused(f"DNS lookup of {host} gave no address", host)
    return found[0]


def _dns_cause(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
