"""The data that flows between the pipeline's stages.

Plain frozen dataclasses and tuples; nothing here imports a library or another module of
ours, so every stage can be built and tested alone.

    read -> Article -> summarize -> Ranking -> compose -> Briefing -> render
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the source, already split into sentences.

    ``sentences`` are verbatim slices of ``text`` (whitespace inside them normalised).
    """

    text: str
    sentences: tuple[str, ...]
    kind: str = "body"  # one of PARAGRAPH_KINDS: what the block is on the page
    ranked: bool = True  # whether its sentences may become bullets (body text and quotes)
    fragments: tuple[int, ...] = ()  # indices of ``sentences`` that are not sentences

    def candidates(self) -> tuple[int, ...]:
        """Indices of the sentences that may be ranked: none unless ``ranked``."""
        if not self.ranked:
            return ()
        return tuple(i for i in range(len(self.sentences)) if i not in self.fragments)


# What a block of the page is. Headings become sections; bylines, datelines and furniture
# go into metadata or ``Article.dropped``; only body text, quotes and lists of whole
# sentences are ranked.
PARAGRAPH_KINDS = ("body", "quote", "item", "cell", "caption")


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one subhead; the lead has ``heading`` None."""

    heading: str | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article with its provenance.

    ``position`` counts sentences across the whole article (0-based); ``section``,
    ``paragraph`` and ``index`` locate it: section index in ``Article.sections``,
    paragraph index within that section, sentence index within that paragraph.
    """

    text: str
    position: int
    section: int
    paragraph: int
    index: int


@dataclass(frozen=True)
class Metadata:
    """What is known of an article besides its text; every field may be missing."""

    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    dateline: str | None = None  # "BEIRUT (AP)", taken off the first paragraph
    encoding: str | None = None  # how the file's bytes were decoded
    language: str | None = None  # ISO 639-1 code of the text ("en", "de", "ja")
    category: str | None = None  # the page's own section ("World", "Business"), if it says

    def items(self) -> tuple[tuple[str, str], ...]:
        """The fields that are set, as (name, value) pairs, in a reader's order."""
        order = ("site", "author", "date", "dateline", "language", "url", "encoding", "category")
        return tuple((k, getattr(self, k)) for k in order if getattr(self, k))


@dataclass(frozen=True)
class Article:
    """What the reader understood of one input."""

    source: str
    title: str
    sections: tuple[Section, ...]
    dropped: tuple[str, ...] = ()  # furniture lines the reader removed, for debugging
    metadata: Metadata = Metadata()

    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence that may be ranked (``Paragraph.candidates``), in document order,
        with its provenance; ``index`` stays the sentence's place in its paragraph.

        Built once per Article (ranking and composing each ask; 10,000 sentences cost
        30 ms a time) and kept beside the fields: not one of them, so equality, ``repr``
        and ``replace`` are as before."""
        cached = self.__dict__.get("_sentences")
        if cached is None:
            out: list[Sentence] = []
            for s_i, section in enumerate(self.sections):
                for p_i, paragraph in enumerate(section.paragraphs):
                    for i in paragraph.candidates():
                        out.append(Sentence(paragraph.sentences[i], len(out), s_i, p_i, i))
            cached = tuple(out)
            object.__setattr__(self, "_sentences", cached)  # frozen: fields never change
        return cached


@dataclass(frozen=True)
class Length:
    """How much to take: a sentence count, a share of the sentences, and/or a word budget.

    ``count`` and ``ratio`` cap the number of sentences (the smaller wins when both are
    given); ``words`` caps their total word count. With no field set, nothing is taken.
    """

    count: int | None = None
    ratio: float | None = None
    words: int | None = None

    def limit(self, available: int) -> int:
        """How many of ``available`` sentences at most."""
        caps = [available]
        if self.count is not None:
            caps.append(self.count)
        if self.ratio is not None:
            caps.append(max(1, round(self.ratio * available)) if self.ratio > 0 else 0)
        if self.count is None and self.ratio is None and self.words is None:
            caps.append(0)
        return min(caps)

    def __str__(self) -> str:
        parts = [str(self.count)] if self.count is not None else []
        parts += [f"{self.ratio:.0%}"] if self.ratio is not None else []
        parts += [f"{self.words} words"] if self.words is not None else []
        return ", ".join(parts) or "0"


@dataclass(frozen=True)
class Ranking:
    """Sentence positions from most to least important, and the method that ranked them."""

    order: tuple[int, ...]
    method: str


@dataclass(frozen=True)
class BriefingSection:
    """One section of the briefing: the article's subhead (None for the lead) and bullets."""

    heading: str | None
    bullets: tuple[Sentence, ...]
    section: int  # index of the article section it summarises


@dataclass(frozen=True)
class Briefing:
    """A situation report for one article: key points, then every section's key sentences."""

    title: str
    source: str
    issued: datetime
    method: str
    key_points: tuple[Sentence, ...]
    sections: tuple[BriefingSection, ...]
    total_sentences: int
    headings: tuple[str | None, ...]  # every article section's subhead, by section index
    metadata: Metadata = Metadata()
    figures: tuple = ()  # facts.Figure: numbers with their sentence (analyst briefings)
    statements: tuple = ()  # quotes.Statement: who said what

    @property
    def selected(self) -> int:
        """How many sentences of the article the briefing quotes."""
        return len(self.key_points) + sum(len(s.bullets) for s in self.sections)


PAGE_SIZES = ("A4", "A5", "Letter", "Legal")
FORMATS = ("md", "html", "pdf")  # a .json record is always written beside them
SECTION_ORDERS = ("document", "importance")
EXTRAS = ("figures", "statements")
SMTP_SECURITY = ("none", "starttls", "ssl")


@dataclass(frozen=True)
class Presentation:
    """How a briefing is dressed for its readers: audience, handling label, masthead."""

    audience: str = "base"
    label: str | None = None  # a handling label such as TLP:AMBER, on every page
    organisation: str | None = None
    logo: str | None = None  # a data: URI, so rendering fetches nothing
    report_number: str | None = None
    page_size: str = "A4"
    title_prefix: str = ""


@dataclass(frozen=True)
class Source:
    """A feed or a page listed in ``briefing.toml`` (``[[feeds]]``, ``[[pages]]``)."""

    kind: str  # "feed" or "page"
    url: str
    name: str  # the outlet, as the daily credits it
    tier: int | None = None  # 1 (the highest) to 5; None: the outlet's [tiers] or 3
    topic: str | None = None
    full_text: bool = True  # fetch each item's page (else the feed's summary is the text)
    headers: tuple[tuple[str, str], ...] = ()  # sent with every request for this source
    include: tuple[str, ...] = ()  # keep only items that mention one of these (whole words)
    exclude: tuple[str, ...] = ()  # leave out items that mention one of these
    allow_private: bool = False  # the source's own host may be on a private address
