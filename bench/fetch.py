"""`briefing fetch` of 200 items from a server on loopback, twice: cost and the store's size.

    nice -n 19 .venv/bin/python bench/fetch.py [--items 200] [--feeds 4]   -> bench/fetch.md

A threaded server on 127.0.0.1 (tests/loopback.py) serves FEEDS feeds (RSS 2.0 and Atom,
half of them gzip-encoded, each with an ETag or a Last-Modified) of ITEMS items in all,
each item a real saved page of the extraction set (../shared/eval/extraction/html, else
tests/pages), and a robots.txt that allows everything. `briefing fetch` runs in a child
process against a fresh store, then again: the second run must make one conditional
request per feed, all 304s, and fetch no page. The server counts requests and bytes.
``[fetch] delay = 0``: the pacing of a real host would dominate the time, and this is one
loopback host.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.loopback import Route, Server, atom, rss  # noqa: E402

SHARED_PAGES = ROOT.parent / "shared" / "eval" / "extraction" / "html"


def pages() -> tuple[list[bytes], str]:
    files = sorted(SHARED_PAGES.glob("*.html.gz")) or sorted(
        (ROOT / "tests" / "pages").glob("*.gz")
    )
    where = "../shared/eval/extraction/html" if SHARED_PAGES.is_dir() else "tests/pages"
    return [gzip.decompress(f.read_bytes()) for f in files], where


def serve(server: Server, items: int, feeds: int) -> list[str]:
    bodies, _ = pages()
    server.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    urls = []
    per_feed = items // feeds
    for f in range(feeds):
        entries = []
        for n in range(per_feed):
            path = f"/f{f}/story-{n}.html"
            index = (f * per_feed + n) % len(bodies)
            server.routes[path] = Route(bodies[index], etag=f'"p{f}-{n}"')
            entries.append({"link": path, "title": f"Story {f}-{n}", "summary": "A summary."})
        make = rss if f % 2 == 0 else atom
        validators = (
            {"etag": f'"feed{f}"'}
            if f % 2 == 0
            else {"last_modified": "Sun, 08 Dec 2024 09:00:00 GMT"}
        )
        path = f"/feed{f}.xml"
        server.routes[path] = Route(make(f"Feed {f}", entries), gzip=f % 2 == 0, **validators)
        urls.append(server.url(path))
    return urls


def config(folder: Path, urls: list[str]) -> Path:
    lines = ["[fetch]", "delay = 0", 'contact = "bench@example.org"', "max_items = 1000"]
    for n, url in enumerate(urls):
        lines += ["[[feeds]]", f'url = "{url}"', f'name = "Feed {n}"', "allow_private = true"]
    path = folder / "briefing.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def fetch(config_file: Path, store: Path) -> tuple[float, int, str]:
    command = [
        sys.executable,
        "-m",
        "briefing",
        "fetch",
        "--config",
        str(config_file),
        "--store",
        str(store),
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800)
    return time.monotonic() - started, done.returncode, done.stderr


def counted(server: Server, since: int) -> tuple[int, Counter, int]:
    requests = server.requests[since:]
    kinds = Counter(
        "robots.txt"
        if r.path == "/robots.txt"
        else "feed"
        if r.path.startswith("/feed")
        else "page"
        for r in requests
    )
    conditional = sum(
        1 for r in requests if "if-none-match" in r.headers or "if-modified-since" in r.headers
    )
    return len(requests), kinds, conditional


def size_of(store: Path) -> int:
    return sum(p.stat().st_size for p in store.parent.glob(store.name + "*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--feeds", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Server() as server:
        folder = Path(tmp)
        urls = serve(server, args.items, args.feeds)
        config_file, store = config(folder, urls), folder / "store.sqlite"
        runs = []
        for _ in range(2):
            before, sent = len(server.requests), server.bytes_sent
            seconds, code, stderr = fetch(config_file, store)
            runs.append((seconds, code, stderr, *counted(server, before), server.bytes_sent - sent))
        write(args, runs, size_of(store), pages()[1])


def write(args, runs, store_size: int, where: str) -> None:
    rows = []
    for label, (seconds, code, _err, total, kinds, conditional, sent) in zip(
        ("first", "second"), runs
    ):
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        rows.append(
            f"| {label} | {seconds:.2f} s | {code} | {total} ({detail}) | {conditional} | {sent:,} |"
        )
    first_lines = "\n".join(runs[0][2].strip().splitlines()[-args.feeds :])
    second_lines = "\n".join(runs[1][2].strip().splitlines()[-args.feeds :])
    text = f"""# fetch: {args.items} items from a loopback server, twice

`nice -n 19 .venv/bin/python bench/fetch.py --items {args.items} --feeds {args.feeds}`
({date.today()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}).
{args.feeds} feeds (RSS 2.0 and Atom, every other one gzip-encoded, with an ETag or a
Last-Modified) of {args.items // args.feeds} items, each a real saved page ({where}); a
robots.txt allowing all; `[fetch] delay = 0` (one loopback host). `briefing fetch` in a
child process, its wall time including Python's start; bytes are what the server sent
(bodies, as sent: compressed where gzip-encoded).

| run | time | exit | requests | conditional | bytes sent |
| --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

Store after both runs: {store_size:,} bytes ({store_size / 1024 / 1024:.1f} MB, the SQLite file with its
journal), for {args.items} articles.

First run's lines:

```
{first_lines}
```

Second run's lines:

```
{second_lines}
```
"""
    (ROOT / "bench" / "fetch.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
