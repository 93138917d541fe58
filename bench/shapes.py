"""Inputs of a given size for bench/speed.py: natural text and pathological shapes.

Each shape is ``(name, suffix, make)`` where ``make(size, sentences)`` returns the bytes of
one input file of about ``size`` bytes; ``sentences`` are the dev stories' sentences in
order (natural text is made of them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import cycle


def _fill(head: str, pieces: Iterator[str], size: int, tail: str = "") -> bytes:
    out, total = [head], len(head) + len(tail)
    for piece in pieces:
        if total >= size:
            break
        out.append(piece)
        total += len(piece)
    return ("".join(out) + tail).encode("utf-8")


def natural(size: int, sentences: list[str]) -> bytes:
    """The dev stories' sentences, five to a paragraph, one paragraph a line, under a title."""
    paragraphs = (" ".join(group) + "\n" for group in _groups(cycle(sentences), 5))
    return _fill("A long story of many dev sentences\n", paragraphs, size)


def _groups(items: Iterator[str], n: int) -> Iterator[list[str]]:
    while True:
        yield [next(items) for _ in range(n)]


def short_lines(size: int, sentences: list[str]) -> bytes:
    """One word a line (100,000 lines is about 700 KB), a sentence at the end."""
    words = (f"word{i % 97}\n" for i in range(size))
    return _fill("Short lines\n", words, size, "The end of the words is here.\n")


def one_line(size: int, sentences: list[str]) -> bytes:
    """A title, then one huge line of words with no sentence end."""
    words = (f"word{i % 97} " for i in range(size))
    return _fill("One huge line\n", words, size, "\n")


def strong_markers(size: int, sentences: list[str]) -> bytes:
    """Markdown: ``**x `` repeated on one line (no marker ever closes)."""
    return _fill("# Unclosed strong markers\n\n", cycle(["**x "]), size, "\n")


def one_line_paragraphs(size: int, sentences: list[str]) -> bytes:
    """Every sentence its own paragraph, blank lines between."""
    return _fill("Many one-line paragraphs\n\n", (s + "\n\n" for s in cycle(sentences)), size)


def heading_lines(size: int, sentences: list[str]) -> bytes:
    """Every line looks like a subhead (short, capitalised, no closing punctuation), with a
    sentence under every tenth."""
    lines = (
        f"Heading Number {i}\n" + ("Something happened there today.\n" if i % 10 == 9 else "")
        for i in range(size)
    )
    return _fill("Lines like headings\n", lines, size)


def nested_html(size: int, sentences: list[str]) -> bytes:
    """HTML: paragraphs of the dev text inside 200 nested divs."""
    depth = 200  # libxml2 (under trafilatura) drops everything below depth 255 or so
    body = natural(size, sentences).decode("utf-8").split("\n")[1:]
    paragraphs = "".join(f"<p>{p}</p>" for p in body if p)
    html = (
        "<html><head><title>Nested</title></head><body><article><h1>Nested</h1>"
        + "<div>" * depth
        + paragraphs
        + "</div>" * depth
        + "</article></body></html>"
    )
    return html.encode("utf-8")


def table_html(size: int, sentences: list[str]) -> bytes:
    """HTML: an article with one huge table, a sentence in every cell."""
    cells = (f"<tr><td>{s}</td><td>{i}</td></tr>" for i, s in enumerate(cycle(sentences)))
    head = (
        "<html><head><title>Table</title></head><body><article><h1>A huge table</h1>"
        "<p>The table below lists every sentence of the dev set with its number.</p><table>"
    )
    return _fill(head, cells, size, "</table></article></body></html>")


Shape = tuple[str, str, Callable[[int, list[str]], bytes]]
SHAPES: tuple[Shape, ...] = (
    ("natural text", ".txt", natural),
    ("one word a line", ".txt", short_lines),
    ("one huge line, no sentence end", ".txt", one_line),
    ("`**x ` repeated (.md)", ".md", strong_markers),
    ("one-line paragraphs", ".txt", one_line_paragraphs),
    ("lines like headings", ".txt", heading_lines),
    ("HTML, deeply nested divs", ".html", nested_html),
    ("HTML, a huge table", ".html", table_html),
)
