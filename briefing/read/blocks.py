"""Blocks of a page to an Article: what each block is, and which of its sentences count.

Every reader ends here. A reader gives the title and the page's blocks in order, each with
its kind: ``head`` (a heading, subhead or not), ``body``, ``quote``, ``item`` (of a list),
``cell`` (of a table), ``caption``, and ``blank`` between paragraphs. The HTML reader
takes kinds from trafilatura's XML; the text reader from the shape of the lines (see
``shape``). Then, in order:

1. site furniture goes, whole lines (``furniture.strip_furniture``);
2. a bare address on a line of its own goes, and the opening dateline becomes metadata;
3. headings are judged (``subheads.verdict``): subheads open sections; deks and lead-ins
   become paragraphs; captions stay as captions; bylines, labels and title repeats go;
4. every paragraph is split into sentences and gated (``gate``). Body text and quotes are
   ranked; a list or table is ranked only when every one of its items is made of whole
   sentences (a list of findings), never when it is a list of names, prices or cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language import detect
from ..model import Article, Metadata, Paragraph, Section
from ..sentences import normalize_space, split_sentences
from . import subheads
from .furniture import strip_furniture
from .gate import fragments
from .inline import is_sponsor_disclosure, strip_inline
from .meta import take_dateline, take_salutation

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # shown as spaces
_BYLINE = re.compile(r"^by\s+(.*\S)\s*$", re.I)
_LIST_MARKER = re.compile(r"^[-*•·▪►]\s+(?=\w)")
_QUOTE_MARK = re.compile(r"^>\s?")
_ROW = re.compile(r"^\|.*\|$")
_BARE_URL = re.compile(r"^(?:<?(?:https?://|www\.)\S+>?|\S+\.(?:com|org|net|co\.uk)/\S*)$", re.I)
_LISTS = ("item", "cell")
_BOX_LABEL = re.compile(
    r"^((?:The )?(?:Summary|Bottom line|Key takeaways?|Takeaways?|TL;DR))\s+(?=[A-Z])"
)
_DEK_WORDS = 8  # a heading this long before the first paragraph is a standfirst


@dataclass(frozen=True)
class Block:
    """One block of the page: its text and what it is."""

    text: str
    kind: str = "body"


BLANK = Block("", "blank")


def shape(unit: str) -> list[Block]:
    """The kind of a plain-text unit from its shape: "- x" and "• x" are list items,
    "> x" a quote, "| a | b |" a table row (one cell each), an empty unit a blank line."""
    if not unit:
        return [BLANK]
    if _ROW.match(unit):
        cells = [c.strip() for c in unit.strip("|").split("|")]
        return [Block(c, "cell") for c in cells if c]
    if _QUOTE_MARK.match(unit):
        return [Block(_QUOTE_MARK.sub("", unit), "quote")]
    if _LIST_MARKER.match(unit):
        return [Block(unit, "item")]
    return [Block(unit)]


def build(
    title: str,
    blocks: list[Block],
    source: str,
    names: tuple[str, ...] = (),
    *,
    shaped: bool = True,
) -> Article:
    """The Article of ``blocks`` under ``title``; ``names`` are the site's names.
    ``shaped``: a body line shaped like a heading may be a subhead (plain text); False
    when the reader knows the headings (HTML: trafilatura's heads, bold paragraphs)."""
    blocks = _sponsored(blocks)
    blocks, dropped = _without_link_titles(blocks)
    dropped += [b.text for b in blocks if b.kind == "link"]  # a related story's link
    kept, furniture = _without_furniture([b for b in blocks if b.kind != "link"])
    dropped += furniture
    kept = [b for b in kept if b.kind != "blank"]
    for block in kept:
        if _BARE_URL.match(block.text):
            dropped.append(block.text)
    kept = [b for b in kept if not _BARE_URL.match(b.text)]
    language = detect(" ".join(b.text for b in kept[:40]))
    # The dateline is taken before the furniture inside paragraphs when it opens one, so a
    # paragraph is split into sentences once (a one-paragraph story's split is most of its
    # reading), and after it when a prompt or notice stood before it.
    dateline = _take_dateline(kept, shaped)
    kept = _without_inline_furniture(kept, dropped, language)
    dateline = dateline or _take_dateline(kept, shaped)
    _take_salutations(kept, dropped)
    sections, more_dropped, heading_dateline = _sections(kept, title, names, language, shaped)
    if not any(p.candidates() for s in sections for p in s.paragraphs):
        # a results page of box scores only: briefed from its longer lines, or not at all
        sections, more_dropped, heading_dateline = _sections(
            kept, title, names, language, shaped, box_scores=True
        )
    dropped += more_dropped
    author = next((m.group(1) for m in map(_BYLINE.match, dropped) if m), None)
    metadata = Metadata(author=author, dateline=dateline or heading_dateline, language=language)
    return Article(source, title, sections, tuple(dropped), metadata)


def _sponsored(blocks: list[Block]) -> list[Block]:
    """The text of a section that says it is sponsored ("This sponsored deal is brought to
    you by Dashlane.", 287e4d9f) is an advert: its blocks become ``sponsored``, shown by
    ``briefing read`` and never ranked. A section runs from one heading to the next."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "head"]
    marked = [False] * len(blocks)
    for i, block in enumerate(blocks):
        if block.kind in ("head", "link", "blank") or not is_sponsor_disclosure(block.text):
            continue
        start = max((h for h in heads if h < i), default=-1) + 1
        end = min((h for h in heads if h > i), default=len(blocks))
        for j in range(start, end):
            marked[j] = blocks[j].kind not in ("link", "blank")
    if not any(marked):
        return blocks
    return [Block(b.text, "sponsored") if m else b for b, m in zip(blocks, marked, strict=True)]


def _without_link_titles(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Headings that title links, not text: a promo rail's ("2019 American Music Awards"
    over linked headlines, 9cb8224b) or a citation's (a piece's title over its bare
    address, 7837c9d6). A heading followed by a bare address, or by two links, goes with
    them, and the text after it stays in the section before."""
    shown = [i for i, b in enumerate(blocks) if b.kind != "blank"]
    gone: set[int] = set()
    for k, i in enumerate(shown):
        if blocks[i].kind != "head" or k + 1 == len(shown):
            continue
        after = blocks[shown[k + 1]]
        second = blocks[shown[k + 2]] if k + 2 < len(shown) else None
        address = after.kind in ("link", "body") and bool(_BARE_URL.match(after.text))
        if address or (after.kind == "link" and second is not None and second.kind == "link"):
            gone.add(i)
    if not gone:
        return blocks, []
    dropped = [subheads.heading_text(blocks[i].text) for i in sorted(gone)]
    return [b for i, b in enumerate(blocks) if i not in gone], dropped


def _without_furniture(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """``strip_furniture`` on the blocks' texts, kinds kept: it only removes lines, so the
    kept texts are a subsequence of the blocks, matched in order."""
    kept_texts, dropped = strip_furniture([b.text for b in blocks])
    kept: list[Block] = []
    i = 0
    for text in kept_texts:
        while blocks[i].text != text:
            i += 1
        kept.append(blocks[i])
        i += 1
    return kept, dropped


def _without_inline_furniture(
    blocks: list[Block], dropped: list[str], language: str | None
) -> list[Block]:
    """Prompts, related links, notices and hover cards cut out of every paragraph
    (``inline.strip_inline``); a paragraph that was nothing else goes."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "head":
            out.append(block)
            continue
        text, removed = strip_inline(normalize_space(block.text), language)
        dropped.extend(removed)
        if text:
            out.append(block if not removed else Block(text, block.kind))
    return out


def _take_dateline(blocks: list[Block], shaped: bool) -> str | None:
    """Take the dateline ("BEIRUT (AP) —", "WASHINGTON —", "NEW DELHI:") off the story's
    first paragraph (``meta.take_dateline``); return it. Headings and heading-like lines
    (a headline, a kicker) are passed over, and a dek or teaser can come before the
    story: the first of the first three paragraphs that opens with one."""
    paragraphs = [i for i, b in enumerate(blocks) if not _is_heading(b, shaped)][:3]
    for i in paragraphs:
        dateline, rest = take_dateline(blocks[i].text)
        if dateline:
            blocks[i] = Block(rest, blocks[i].kind)
            return dateline
    return None


def _take_salutations(blocks: list[Block], dropped: list[str]) -> None:
    """An advice column's "DEAR ABBY:" off every paragraph it opens, and a box's label run
    into its text ("Summary Drinking more water …"): neither ever opens a key point."""
    for i, block in enumerate(blocks):
        label = _BOX_LABEL.match(block.text)
        salutation, rest = (
            (label.group(1), block.text[label.end() :]) if label else take_salutation(block.text)
        )
        if salutation and rest:
            blocks[i] = Block(rest, block.kind)
            dropped.append(salutation)


def _is_heading(block: Block, shaped: bool = True) -> bool:
    """A heading block, or (``shaped``: plain text, whose headings are only shapes) a body
    line shaped like one."""
    if block.kind == "head":
        return True
    return shaped and block.kind == "body" and subheads.looks_like_heading(block.text)


def _sections(
    blocks: list[Block],
    title: str,
    names: tuple[str, ...],
    language: str | None,
    shaped: bool,
    *,
    box_scores: bool = False,
) -> tuple[tuple[Section, ...], list[str], str | None]:
    """Group blocks under subheads; return the sections, the headings that went, and a
    dateline found on a line of its own."""
    blocks, dropped, dateline = _judged(blocks, title, names, shaped)
    while blocks and blocks[-1].kind == "head" and blocks[-1].text.startswith("#"):
        # a marked heading with nothing after it: a pitch's, its text gone (f5c90a6d)
        dropped.append(normalize_space(subheads.heading_text(blocks.pop().text)))
    texts = [b.text for b in blocks]
    chosen = subheads.subhead_indices(texts, lambda i: blocks[i].kind == "head")
    sections: list[Section] = []
    heading: str | None = None
    group: list[Block] = []
    for i, block in enumerate(blocks):
        if i in chosen:
            if group or heading is not None:  # a subhead with nothing under it is kept
                sections.append(Section(heading, _paragraphs(group, language, box_scores)))
            heading, group = normalize_space(subheads.heading_text(block.text)), []
        else:
            group.append(block if block.kind != "head" else Block(block.text))
    if group:
        sections.append(Section(heading, _paragraphs(group, language, box_scores)))
    return tuple(s for s in sections if s.paragraphs or s.heading), dropped, dateline


def _judged(
    blocks: list[Block], title: str, names: tuple[str, ...], shaped: bool
) -> tuple[list[Block], list[str], str | None]:
    """Every heading-like block judged: subheads stay ``head`` blocks, the others become
    what they are or go. A long heading before any paragraph is the dek."""
    out: list[Block] = []
    dropped: list[str] = []
    dateline = None
    boilerplate = False  # inside a press release's "About <the site>" section
    for block in blocks:
        if not _is_heading(block, shaped):
            if boilerplate:
                dropped.append(block.text)
            else:
                out.append(block)
            continue
        text = normalize_space(subheads.heading_text(block.text))
        kind = subheads.verdict(block.text, title, names)
        if kind == subheads.SUBHEAD and not any(b.kind != "head" for b in out):
            kind = subheads.BODY if len(text.split()) >= _DEK_WORDS else kind
        boilerplate = kind == subheads.BOILERPLATE or (boilerplate and kind != subheads.SUBHEAD)
        if kind == subheads.SUBHEAD:
            out.append(Block(block.text, "head"))
        elif kind == subheads.BODY or kind == subheads.CAPTION:
            out.append(Block(text, kind))
        elif kind == subheads.DATELINE and dateline is None:
            dateline = text
        else:
            dropped.append(text)
    return out, dropped, dateline


def _paragraphs(
    blocks: list[Block], language: str | None, box_scores: bool = False
) -> tuple[Paragraph, ...]:
    """The paragraphs of one section, lists and tables ranked only when all sentences."""
    made: list[Paragraph] = []
    for block in blocks:
        text = _LIST_MARKER.sub("", block.text) if block.kind == "item" else block.text
        sentences = split_sentences(text, language)
        if sentences:
            made.append(
                Paragraph(
                    normalize_space(text),
                    sentences,
                    "body" if block.kind == "sponsored" else block.kind,
                    block.kind in ("body", "quote"),
                    fragments(sentences, language, box_scores=box_scores),
                )
            )
    return _rank_lists(made)


def _rank_lists(paragraphs: list[Paragraph]) -> tuple[Paragraph, ...]:
    """Rank each run of list items (or table cells) whose every piece is a sentence."""
    out = list(paragraphs)
    i = 0
    while i < len(out):
        if out[i].kind not in _LISTS:
            i += 1
            continue
        end = i
        while end < len(out) and out[end].kind == out[i].kind:
            end += 1
        if all(not p.fragments for p in out[i:end]):
            for j in range(i, end):
                out[j] = Paragraph(out[j].text, out[j].sentences, out[j].kind, True, ())
        i = end
    return tuple(out)
