"""HTML -> PDF with WeasyPrint, fetching nothing but data: URLs and the template folders.

Article text never reaches this module as markup (see ``render.html``), but the fetcher is
the second wall: whatever a page points at, only ``data:`` URLs and files inside the
folders given are served; no http(s), no redirects, no other local file.
"""

from __future__ import annotations

import os
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
    import multiprocessing

    import weasyprint  # noqa: F401  imported before the fork, so each child starts ready

    seconds = PDF_SECONDS if seconds is None else seconds
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(send, html, roots, memory_mb, os.getpid()), daemon=True
    )
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise BriefingError(f"PDF rendering took longer than {seconds:g} s; stopped")
        status, payload = receive.recv()
    except EOFError:
        raise BriefingError("PDF rendering stopped unexpectedly (out of memory?)") from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if status != "ok":
        raise BriefingError(payload)
    return payload


def _child(send, html: str, roots: tuple[Path, ...], memory_mb: int, parent: int) -> None:
    import resource

    from ..workers import as_child

    as_child(parent)
    # C libraries and Python dying at the cap print to stderr; the run reports the
    # failure in one line of its own instead.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (this process's stderr, to its end)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        send.send(("ok", _render(html, roots)))
    except (MemoryError, SystemError):  # under the cap, C code out of memory says SystemError
        send.send(("error", f"PDF rendering needed more than {memory_mb} MB; stopped"))
    except BriefingError as exc:
        send.send(("error", str(exc)))
    finally:
        send.close()


def _render(html: str, roots: tuple[Path, ...]) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = _fetcher_class()(roots)
    try:
        return HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher).write_pdf()
    except (MemoryError, SystemError):
        raise
    except Exception as exc:  # WeasyPrint raises many types; the user needs one line
        raise BriefingError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from None
