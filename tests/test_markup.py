"""markup.escape_markdown's shortcut for plain prose: it never skips an escape."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.markup import _escaped, _plain, escape_markdown

# Characters that matter to Markdown, digits, letters, spaces and a few non-ASCII ones,
# so that drawn texts are often plain and often not.
ALPHABET = st.sampled_from(list("`\\*_~[]()#<>&:/@.!-+=|{}0123456789 aAwWzZ.,;'\"é中\u00a0"))


@settings(max_examples=2000)
@given(st.text(ALPHABET, max_size=24), st.booleans())
def test_text_taken_as_plain_is_exactly_what_the_full_rules_give(text, line_start):
    text = " ".join(text.split())
    if _plain(text):
        assert _escaped(text, line_start) == text


def test_prose_is_plain_and_markup_is_not():
    assert _plain("The minister said the talks would resume on Monday.")
    for text in (
        "See www.example.com today.",
        "It rose 3.5 percent.",
        "The U.S. said so.",
        "1. First",
        "- a list",
        "> quoted",
        "a *star* turn",
        "snake_case and_more",
        "a [link](x)",
        "# heading",
        "<b>bold</b>",
        "AT&amp;T",
        "time: now",
    ):
        assert not _plain(text), text
    assert escape_markdown("2. Ditch the diet") == "2\\. Ditch the diet"
    assert escape_markdown("  plain   prose  ") == "plain prose"
