"""The daily's front-page story list in two halves: balanced by estimated lines, a topic
cut between the halves marked continued, a long list in rows of a page each."""

from __future__ import annotations

import random

from briefing.render.front import HEADER_LINES, Chunk, front_rows, half_lines, story_lines


def day(sizes, seed=0):
    """Topics of ``sizes`` stories each with headlines of random length: (texts, topics)."""
    rng = random.Random(seed)
    texts, topics, n = {}, [], 0
    for t, size in enumerate(sizes):
        ids = []
        for _ in range(size):
            texts[n] = ("H" * rng.randint(10, 140), "O" * rng.randint(15, 45))
            ids.append(n)
            n += 1
        topics.append((f"Topic {t}", tuple(ids)))
    return texts, tuple(topics)


def flattened(rows):
    return [(c.topic, n) for row in rows for half in row for c in half for n in c.ids]


def test_a_long_headline_wraps_to_more_estimated_lines():
    assert story_lines("Short", "BBC: 1 source · 1 articles") == 1
    assert story_lines("H" * 150, "BBC: 1 source · 1 articles") == 3
    assert story_lines("H" * 150, "BBC: 1 source · 1 articles", width=2) == 2


def test_the_halves_differ_by_at_most_one_story_and_keep_every_story_once_in_order():
    for seed in range(200):
        rng = random.Random(seed)
        texts, topics = day([rng.randint(1, 12) for _ in range(rng.randint(1, 6))], seed)
        rows = front_rows(texts, topics, ["T" * 100] * rng.randint(0, 10), "A4")
        assert flattened(rows) == [(t, n) for t, ids in topics for n in ids]
        lines = {n: story_lines(*text) for n, text in texts.items()}
        for left, right in rows:
            if not right:  # a single story's row
                assert sum(len(c.ids) for c in left) == 1
                continue
            most = max(lines[n] for half in (left, right) for c in half for n in c.ids)
            worth = most + HEADER_LINES  # one story's lines and a topic header
            assert abs(half_lines(left, lines) - half_lines(right, lines)) <= worth, seed


def test_a_topic_cut_between_the_halves_repeats_its_header_as_continued():
    texts, topics = day([30])
    [(left, right)] = front_rows(texts, topics, [], "A4")
    assert left == [Chunk("Topic 0", left[0].ids, continued=False)]
    assert right == [Chunk("Topic 0", right[0].ids, continued=True)]
    texts, topics = day([10, 10])  # equal topics: the cut falls between them
    [(left, right)] = front_rows(
        {n: ("Same length headline", "BBC: 1 source") for n in texts}, topics, [], "A4"
    )
    assert [(c.topic, c.continued) for c in left + right] == [
        ("Topic 0", False),
        ("Topic 1", False),
    ]


def test_a_list_longer_than_the_front_page_goes_on_in_rows_each_within_a_page():
    texts, topics = day([60, 50, 90], seed=3)
    top = ["T" * 200] * 14
    rows = front_rows(texts, topics, top, "A4")
    assert len(rows) >= 3
    lines = {n: story_lines(*text) for n, text in texts.items()}
    tall = [max(half_lines(half, lines) for half in row) for row in rows]
    assert tall[0] < 90 - 15 - 14 * 2 * 1.36 - 1 - 3 + HEADER_LINES
    assert all(t <= 88 for t in tall[1:-1])  # each whole page but the last
    assert rows[1][0][0].continued  # the second row goes on with the topic it broke off
    a5 = front_rows(texts, topics, top, "A5")
    assert len(a5) > len(rows)  # a smaller page: narrower halves, shorter rows
