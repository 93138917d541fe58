"""`briefing run`, as cron runs it: a loopback feed server, the real store, a real SMTP
server (aiosmtpd); the day's briefing fetched, made from the store and mailed, and the
next morning's run marks what continues."""

from __future__ import annotations

from email import message_from_bytes

import pytest

from .loopback import Route, Server, loopback_only, rss
from .test_mail import smtp_server  # noqa: F401 - the fixture
from .test_since import BRIDGE, BRIDGE_2, FESTIVAL

pytest.importorskip("aiosmtpd.controller")


def page(article: tuple[str, str]) -> bytes:
    title, body = article
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def yesterday(path) -> None:
    """Move everything the store holds one day back: the dailies and the articles."""
    from datetime import date, datetime, timedelta

    from briefing.store import open_store
    from briefing.store.db import stamp

    def back(text: str) -> str:
        return stamp(datetime.fromisoformat(text) - timedelta(days=1))

    with open_store(path) as store, store.transaction() as db:
        for table, key, columns in (
            ("briefings", "id", ("issued", "made")),
            ("versions", "id", ("seen",)),
            ("articles", "id", ("first_seen",)),
        ):
            for row in db.execute(f"SELECT {key}, {', '.join(columns)} FROM {table}").fetchall():
                moved = [back(v) for v in row[1:]]
                sets = ", ".join(f"{c} = ?" for c in columns)
                db.execute(f"UPDATE {table} SET {sets} WHERE {key} = ?", (*moved, row[0]))
        for (day,) in db.execute("SELECT DISTINCT day FROM briefings").fetchall():
            earlier = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
            db.execute("UPDATE briefings SET day = ? WHERE day = ?", (earlier, day))
        db.execute("UPDATE briefing_stories SET first_seen = date(first_seen, '-1 day')")


def test_run_fetches_makes_the_daily_from_the_store_and_mails_it(smtp_server, tmp_path, capsys):  # noqa: F811
    from briefing.cli import main

    controller, inbox = smtp_server
    with loopback_only(), Server() as server:
        server.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n")
        entries = [{"link": "/bridge", "title": BRIDGE[0]}, {"link": "/jazz", "title": FESTIVAL[0]}]
        server.routes["/news.rss"] = Route(rss("News", entries), etag='"v1"')
        server.routes["/bridge"] = Route(page(BRIDGE), content_type="text/html")
        server.routes["/jazz"] = Route(page(FESTIVAL), content_type="text/html")
        config = tmp_path / "briefing.toml"
        config.write_text(
            "formats = ['md', 'pdf']\n[fetch]\ndelay = 0\n"
            f'[smtp]\nhost = "127.0.0.1"\nport = {controller.port}\nsender = "desk@example.org"\n'
            '[recipients]\nbase = ["reader@example.org"]\n'
            f'[[feeds]]\nurl = "{server.url("/news.rss")}"\nname = "Wire"\nallow_private = true\n'
        )
        args = ["run", "--config", str(config), "--store", str(tmp_path / "b.db")]
        assert main([*args, "--out", str(tmp_path / "out")]) == 0
        err = capsys.readouterr().err
        assert "Wire: 2 new, 0 updated" in err
        (mail,) = inbox.envelopes
        assert mail.rcpt_tos == ["reader@example.org"]
        message = message_from_bytes(mail.content)
        kinds = [part.get_content_type() for part in message.walk()]
        assert "application/pdf" in kinds
        text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
        body = text.get_payload(decode=True).decode()
        assert BRIDGE[0] in body and FESTIVAL[0] in body and "Wire" in body
        yesterday(tmp_path / "b.db")  # as if the first run had been the morning before
        # the next run: the bridge story goes on in a new article; the feed changed
        entries.append({"link": "/inquiry", "title": BRIDGE_2[0]})
        server.routes["/news.rss"] = Route(rss("News", entries), etag='"v2"')
        server.routes["/inquiry"] = Route(page(BRIDGE_2), content_type="text/html")
        assert main([*args, "--out", str(tmp_path / "out2")]) == 0
        assert "Wire: 1 new, 0 updated" in capsys.readouterr().err
        second = message_from_bytes(inbox.envelopes[1].content)
        text = next(p for p in second.walk() if p.get_content_type() == "text/plain")
        body = text.get_payload(decode=True).decode()
        assert "continuing, first reported" in body
        assert FESTIVAL[0] not in body  # not new since the first run: not briefed again
