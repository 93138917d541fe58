"""HTML -> PDF with WeasyPrint, fetching nothing but data: URLs and the template folders.

Article text never reaches this module as markup (see ``render.html``), but the fetcher is
the second wall: whatever a page points at, only ``data:`` URLs and files inside the
folders given are served; no http(s), no redirects, no other local file.

Each page is rendered in a child process with a time limit and a memory cap; a daily
briefing with a long annex is laid out there in two halves at once, the annex in a process
forked from that child, on a second core (``render.halves`` cuts and joins).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import BriefingError
from ..templating import BUILTIN_DIR, inside


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class AssetFetcher(URLFetcher):
        """Serves ``data:`` URLs and files under ``roots``; refuses everything else."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=5)
            self.roots = tuple(root.resolve() for root in roots)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data" or (scheme == "file" and self._inside_roots(url)):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"briefing does not fetch {url[:80]}")

        def _inside_roots(self, url: str) -> bool:
            """A local file (a file URL naming a host is refused) whose real
            path, every symlink resolved, is a regular file inside a root."""
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                return False
            path = Path(unquote(parts.path))
            real = inside(path, self.roots) if path.is_absolute() else None
            return real is not None and real.is_file()

    return AssetFetcher


PDF_SECONDS = 120  # a daily briefing of 200 articles takes under 10 s
PDF_MEMORY_MB = 2048


def prepare() -> None:
    """Start the renderer of this process's next ``html_to_pdf`` now: the child imports
    WeasyPrint (0.6 s) while this process does other work, then waits for its page."""
    discard()
    _READY.append((os.getpid(), *_start()))


def discard() -> None:
    """End a renderer ``prepare`` started that no page was given to."""
    while _READY:
        pid, child, receive, pages = _READY.pop()
        if pid == os.getpid():
            _end(child, receive, pages)


_READY: list = []  # (process id, child, its result pipe, its page pipe) from prepare


def html_to_pdf(
    html: str,
    *,
    roots: tuple[Path, ...] = (BUILTIN_DIR,),
    seconds: float | None = None,
    memory_mb: int = PDF_MEMORY_MB,
) -> bytes:
    """Render a complete HTML document to PDF bytes in a child process with a time limit
    and an address-space cap, so one pathological page cannot hang or exhaust a run, and
    WeasyPrint's caches never accumulate in a long-lived process."""
    seconds = PDF_SECONDS if seconds is None else seconds
    ready = _READY.pop() if _READY and _READY[-1][0] == os.getpid() else None
    if ready is None:  # imported before the fork, so each child starts ready
        from ..child import owned
        from .libraries import import_weasyprint

        import_weasyprint(owned=owned())
    child, receive, pages = ready[1:] if ready else _start()
    try:
        try:
            pages.send((html, roots, memory_mb))
        except OSError:  # it died waiting
            raise EOFError from None
        if not receive.poll(seconds):
            raise BriefingError(f"PDF rendering took longer than {seconds:g} s; stopped")
        status, payload = receive.recv()
    except EOFError:
        raise BriefingError("PDF rendering stopped unexpectedly (out of memory?)") from None
    finally:
        _end(child, receive, pages)
    if status != "ok":
        raise BriefingError(payload)
    return payload


def _start():
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    take, pages = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, take, os.getpid()), daemon=True)
    child.start()
    send.close()
    take.close()
    return child, receive, pages


def _end(child, receive, pages) -> None:
    receive.close()
    pages.close()
    if child.is_alive():
        child.kill()
    child.join()


def _child(send, take, parent: int) -> None:
    import resource

    from ..child import as_child

    as_child(parent)
    # C libraries and Python dying at the cap print to stderr; the run reports the
    # failure in one line of its own instead.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (this process's stderr, to its end)
    try:
        from .libraries import import_weasyprint

        import_weasyprint(owned=True)
        from weasyprint.text.fonts import FontConfiguration

        # fontconfig reads its fonts before the cap: under it, it would find none and
        # write that to the system's cache
        fonts, failed = FontConfiguration(), None
    except Exception as exc:  # reported when the page comes, as rendering would
        fonts, failed = None, f"PDF rendering failed: {type(exc).__name__}: {exc}"
    with contextlib.suppress(ImportError):
        import pypdf  # noqa: F401  (joins a daily's two halves: imported while this waits)
    try:
        html, roots, memory_mb = take.recv()
    except EOFError:  # discarded
        return
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        send.send(_outcome(lambda: _render(html, roots, fonts, memory_mb, failed), memory_mb))
    finally:
        send.close()


def _outcome(render, memory_mb: int) -> tuple[str, object]:
    """("ok", the PDF) or ("error", one line)."""
    try:
        return "ok", render()
    except (MemoryError, SystemError):  # under the cap, C code out of memory says SystemError
        return "error", f"PDF rendering needed more than {memory_mb} MB; stopped"
    except BriefingError as exc:
        return "error", str(exc)


def _render(html: str, roots: tuple[Path, ...], fonts, memory_mb: int, failed=None) -> bytes:
    from .halves import split

    if failed:
        raise BriefingError(failed)
    halves = split(html)
    if halves is None:
        return _write(html, roots, fonts)
    return _in_two(*halves, roots, fonts, memory_mb)


def _in_two(first: str, second: str, roots: tuple[Path, ...], fonts, memory_mb: int) -> bytes:
    """The two halves of a daily (``render.halves``) at once: the second in a process
    forked from this one (WeasyPrint imported, fonts loaded, under the same cap), which
    dies with it; each tells the other its page count."""
    import multiprocessing

    from .halves import join

    mine, theirs = multiprocessing.Pipe()
    receive, send = multiprocessing.Pipe(duplex=False)
    parent, pid = os.getpid(), os.fork()
    if pid == 0:  # the second half's process
        mine.close()
        receive.close()
        _second_half(second, roots, fonts, memory_mb, theirs, send, parent)
    theirs.close()
    send.close()
    try:
        pdf, (status, payload) = _first_half(first, roots, fonts, mine, receive)
    finally:
        _reap(pid, receive, mine)
    if status != "ok":
        raise BriefingError(payload)
    try:
        return join(pdf, payload)
    except (MemoryError, SystemError):
        raise
    except Exception as exc:  # pypdf's, as WeasyPrint's: one line
        raise BriefingError(f"PDF rendering failed joining its halves: {exc}") from None


_STOPPED = "PDF rendering stopped unexpectedly (out of memory?)"


class _Gone(BriefingError):
    """The other half's process ended before telling its page count."""


def _first_half(html: str, roots, fonts, swap, receive) -> tuple[bytes, tuple[str, object]]:
    """This half's PDF and the other's outcome (its reason, when it failed first)."""
    from .halves import numbered

    pdf = b""
    try:
        with numbered(lambda count: _swap(swap, count, first=True)):
            pdf = _write(html, roots, fonts)
    except _Gone:
        pass
    try:
        return pdf, receive.recv()
    except EOFError:
        return pdf, ("error", _STOPPED)


def _swap(conn, count: int, *, first: bool) -> tuple[int, int]:
    """Tell the other half this half's page count, learn its: (pages before this half,
    pages in all)."""
    try:
        conn.send(count)
        other = conn.recv()
    except (EOFError, OSError):
        raise _Gone(_STOPPED) from None
    return (0 if first else other), count + other


def _second_half(html, roots, fonts, memory_mb: int, swap, send, parent: int) -> None:
    """In the forked process: render, send the outcome, end without cleaning up what
    belongs to the process it was forked from."""
    from ..child import as_child
    from .halves import numbered

    try:
        as_child(parent)

        def render() -> bytes:
            with numbered(lambda count: _swap(swap, count, first=False)):
                return _write(html, roots, fonts)

        send.send(_outcome(render, memory_mb))
    finally:
        os._exit(0)


def _reap(pid: int, *connections) -> None:
    for conn in connections:
        conn.close()
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _write(html: str, roots: tuple[Path, ...], fonts) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = _fetcher_class()(roots)
    try:
        return HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher).write_pdf(
            font_config=fonts
        )
    except (MemoryError, SystemError, BriefingError):
        raise
    except Exception as exc:  # WeasyPrint raises many types; the user needs one line
        raise BriefingError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from None
