"""HTML -> PDF with WeasyPrint, fetching nothing but data: URLs and the template folders.

Article text never reaches this module as markup (see ``render.html``), but the fetcher is
the second wall: whatever a page points at, only ``data:`` URLs and files inside the
folders given are served; no http(s), no redirects, no other local file.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import BriefingError
from ..templating import BUILTIN_DIR


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
            path = Path(unquote(urlsplit(url).path)).resolve()
            return any(path.is_relative_to(root) for root in self.roots)

    return AssetFetcher


def html_to_pdf(html: str, *, roots: tuple[Path, ...] = (BUILTIN_DIR,)) -> bytes:
    """Render a complete HTML document to PDF bytes."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = _fetcher_class()(roots)
    try:
        return HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher).write_pdf()
    except Exception as exc:  # WeasyPrint raises many types; the user needs one line
        raise BriefingError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from None
