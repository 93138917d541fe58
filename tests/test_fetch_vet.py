"""briefing.fetch.vet: which URLs and addresses may be fetched, every DNS answer vetted."""

from __future__ import annotations

import threading

import pytest

from briefing.errors import BriefingError
from briefing.fetch.vet import Refused, target, vetted, why_refused

REFUSED = {
    "127.0.0.1": "loopback",
    "127.8.9.10": "loopback",
    "::1": "loopback",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "10.1.2.3": "private",
    "172.16.0.1": "private",
    "192.168.1.1": "private",
    "fc00::1": "private",
    "169.254.169.254": "link-local",
    "fe80::1": "link-local",
    "224.0.0.1": "multicast",
    "ff02::1": "multicast",
    "100.64.0.1": "not global",  # carrier-grade NAT
    "::ffff:127.0.0.1": "loopback (IPv4-mapped form of 127.0.0.1)",
    "::ffff:169.254.169.254": "link-local (IPv4-mapped form of 169.254.169.254)",
    "::127.0.0.1": "loopback (IPv4-compatible form of 127.0.0.1)",
    "64:ff9b::7f00:1": "loopback (NAT64 form of 127.0.0.1)",
    "64:ff9b::a9fe:a9fe": "link-local (NAT64 form of 169.254.169.254)",
    "64:ff9b:1::808:808": "not global (NAT64 local-use)",
    "2002:7f00:1::": "loopback (6to4 form of 127.0.0.1)",
    "2002:a9fe:a9fe::1": "link-local (6to4 form of 169.254.169.254)",
    # Teredo: the client's IPv4 address is the last 32 bits, inverted
    "2001:0:4136:e378:8000:63bf:80ff:fffe": "loopback (Teredo form of 127.0.0.1)",
}


@pytest.mark.parametrize("address", sorted(REFUSED))
def test_non_public_addresses_are_refused_with_the_reason(address):
    assert why_refused(address) == REFUSED[address]


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1"]
)
def test_public_addresses_pass(address):
    # the forms that carry a public IPv4 address are public too (NAT64 is how an IPv6-only
    # network reaches an IPv4 site)
    assert why_refused(address) is None


def test_is_global_alone_would_pass_the_nat64_and_6to4_forms_of_loopback():
    # the reason the module decodes the embedded address: ipaddress lets these through
    import ipaddress

    assert ipaddress.ip_address("64:ff9b::7f00:1").is_global
    assert why_refused("64:ff9b::7f00:1")


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("file:///etc/passwd", "file scheme"),
        ("ftp://example.org/x", "ftp scheme"),
        ("gopher://example.org/", "gopher scheme"),
        ("//example.org/x", "no scheme"),
        ("http:///path", "no host"),
        ("http://user:pw@example.org/", "user name or password"),
        ("http://example.org:99999/", "not a URL"),
    ],
)
def test_only_http_and_https_urls_with_a_host_are_taken(url, cause):
    with pytest.raises(Refused, match=cause) as caught:
        target(url)
    assert isinstance(caught.value, BriefingError)


def test_target_parts_and_origin():
    found = target("HTTPS://News.Example.ORG/a?b=1")
    assert (found.scheme, found.host, found.port) == ("https", "news.example.org", 443)
    assert found.origin == "https://news.example.org"
    assert target("http://[::1]:8080/x").origin == "http://[::1]:8080"


def _resolver(answers: dict[str, list[str]], calls: list[str]):
    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return answers[host]

    return resolve


def test_one_refused_answer_refuses_the_host_and_the_lookup_is_made_once():
    calls: list[str] = []
    resolve = _resolver({"mixed.test": ["93.184.216.34", "127.0.0.1"]}, calls)
    with pytest.raises(Refused, match=r"127\.0\.0\.1, loopback \(from mixed\.test\)"):
        vetted(target("http://mixed.test/"), False, resolve, 1.0)
    assert calls == ["mixed.test"]


def test_the_vetted_address_is_the_one_returned_and_private_is_allowed_on_request():
    resolve = _resolver({"intranet.test": ["10.0.0.7"], "pub.test": ["93.184.216.34"]}, [])
    assert vetted(target("http://pub.test/"), False, resolve, 1.0) == "93.184.216.34"
    assert vetted(target("http://intranet.test/"), True, resolve, 1.0) == "10.0.0.7"
    with pytest.raises(Refused, match="private"):
        vetted(target("http://intranet.test/"), False, resolve, 1.0)


def test_a_lookup_that_never_answers_is_bounded():
    release = threading.Event()

    def stuck(host: str, port: int) -> list[str]:
        release.wait(5)
        return ["93.184.216.34"]

    try:
        with pytest.raises(Refused, match=r"took over 0\.2 s"):
            vetted(target("http://slow.test/"), False, stuck, 0.2)
    finally:
        release.set()


def test_a_failed_or_empty_lookup_is_one_readable_error():
    def fails(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(Refused, match="Name or service not known"):
        vetted(target("http://nowhere.test/"), False, fails, 1.0)
    with pytest.raises(Refused, match="no address"):
        vetted(target("http://empty.test/"), False, lambda h, p: [], 1.0)
