"""`briefing fetch` killed with SIGKILL mid-run: the store opens, nothing is half-written,
the next fetch completes (and is not refused by a lock the dead fetch held)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from .conftest import ROOT
from .loopback import Route, Server, loopback_only, rss
from .test_fetch_run import page

ITEMS = 24
CHILD = (
    "import sys; sys.path.insert(0, {root!r})\n"
    "from tests.loopback import arm; arm()\n"
    "from briefing.cli import main\n"
    "sys.exit(main(['fetch', '--config', {config!r}, '--store', {store!r}]))\n"
)


def test_a_fetch_killed_mid_run_leaves_a_store_the_next_fetch_completes(tmp_path):
    from briefing.api import fetch
    from briefing.settings import load_settings
    from briefing.store import open_store

    with loopback_only(), Server() as server:
        server.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 0.15\n")
        entries = [{"link": f"/p{n}", "title": f"Story {n}"} for n in range(ITEMS)]
        server.routes["/f.rss"] = Route(rss("F", entries), etag='"f1"')
        for n in range(ITEMS):
            server.routes[f"/p{n}"] = Route(page(("bbc", "slashgear", "thesun")[n % 3]))
        config = tmp_path / "briefing.toml"
        config.write_text(
            f'[fetch]\ndelay = 0\n[[feeds]]\nurl = "{server.url("/f.rss")}"\nname = "F"\n'
            "allow_private = true\n"
        )
        store = tmp_path / "store.sqlite"
        code = CHILD.format(root=str(ROOT), config=str(config), store=str(store))
        child = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and child.poll() is None:
                if sum(r.path.startswith("/p") for r in server.requests) >= ITEMS // 2:
                    break
                time.sleep(0.02)
            assert child.poll() is None, child.stderr.read().decode()
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.kill()
            child.wait(10)
        asked = sum(r.path.startswith("/p") for r in server.requests)
        assert ITEMS // 2 <= asked < ITEMS  # killed half-way
        with open_store(store):
            pass  # it opens
        server.requests.clear()
        report = fetch(load_settings(config=config), store_path=store)
        (feed,) = report.sources
        assert report.ok, feed.line()
        # the articles the dead fetch stored are whole (unchanged, not updated), the rest new
        assert feed.updated == 0
        assert feed.new + feed.unchanged == ITEMS and 0 < feed.unchanged < ITEMS
        assert "if-none-match" not in server.hits("/f.rss")[0].headers  # not kept: unfinished
