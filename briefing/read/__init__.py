"""Inputs to Articles: files, folders and text.

``read_path`` picks the reader by kind, decodes, limits size and checks that something
summarisable came out; every failure is a BriefingError naming the file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BriefingError
from ..model import Article
from .decode import decode
from .text import parse_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MAX_BYTES = 5 * 1024 * 1024  # a news article is tens of KB; 5 MB is far past any


def read_text(text: str, source: str = "<text>", *, has_title: bool = True) -> Article:
    """Parse article text; raise BriefingError if it holds no sentence to summarise."""
    if not text.strip():
        raise BriefingError("empty file: no text to summarise", source)
    article = parse_text(text, source, has_title=has_title)
    if not any(p.sentences for s in article.sections for p in s.paragraphs):
        where = "below the title" if has_title else "in the text"
        raise BriefingError(f"no sentences found {where}", source)
    return article


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file (.txt or .md)."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise BriefingError("is a folder, not an article file", source)
        if path.exists() and not path.is_file():
            raise BriefingError("not a regular file (a device or pipe?)", source)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise BriefingError("no such file", source) from None
    except PermissionError:
        raise BriefingError("permission denied", source) from None
    except OSError as exc:
        raise BriefingError(f"cannot read: {exc.strerror or exc}", source) from None
    if len(data) > max_bytes:
        raise BriefingError(f"file is over the {max_bytes:,}-byte limit", source)
    try:
        text, _encoding = decode(data)
    except BriefingError as exc:
        raise exc.for_source(source) from None
    return read_text(text, source)


def expand_inputs(inputs: list[str | Path]) -> list[Path | BriefingError]:
    """Files as given; folders replaced by their article files, sorted by name.

    A folder with no article file, or one that cannot be listed, becomes a BriefingError
    in the list, in its place, so a batch can report it and go on with the rest.
    """
    items: list[Path | BriefingError] = []
    for item in inputs:
        path = Path(item)
        try:
            if not path.is_dir():
                items.append(path)
                continue
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        except OSError as exc:
            items.append(BriefingError(f"cannot read: {exc.strerror or exc}", str(path)))
            continue
        if not found:
            kinds = "/".join(TEXT_SUFFIXES)
            items.append(BriefingError(f"folder has no article files ({kinds})", str(path)))
        items.extend(found)
    return items
