"""The day's articles clustered with the earlier ones (briefing.threads), and the votes
since takes from it, on small made-up trees with known answers."""

from __future__ import annotations

from collections import Counter

from briefing.since import _joint_votes
from briefing.stories import Merge
from briefing.threads import Joint, _nearest, cut_across

# day items 0 - 3; earlier item 4. 0 joins the earlier 4; 1 and 2 are one group, close to
# 0 but far from 4; 3 then joins the tree's group named 0.
MERGES = (Merge(0.6, 1, 2), Merge(0.5, 0, 4), Merge(0.25, 0, 1), Merge(0.23, 0, 3))
EDGES = {(1, 2): 0.6, (0, 4): 0.5, (0, 1): 0.5, (0, 2): 0.5, (1, 4): 0.05, (2, 4): 0.05,
         (3, 4): 0.4, (0, 3): 0.3}  # fmt: skip


def test_a_day_group_far_from_the_earlier_items_is_set_apart():
    groups, apart = cut_across(4, 5, MERGES, EDGES, 0.28)
    assert groups == ((0, 3, 4), (1, 2)) and apart == ((1, 2),)


def test_after_a_cut_the_tree_goes_on_with_its_earlier_part():
    # 3 far from 4 as well: it is set apart too, alone (not joined to 1 and 2)
    groups, apart = cut_across(4, 5, MERGES, {**EDGES, (3, 4): 0.1}, 0.28)
    assert groups == ((0, 4), (1, 2), (3,)) and apart == ((1, 2), (3,))


def test_a_group_set_apart_may_be_the_one_the_tree_named_the_merge_after():
    # the day's 1 and 2 (the tree's group 1) meet 3 and the earlier 4 (its group 3): set
    # apart, the tree's group 1 stands for 3 and 4, so 0 joins them, not 1 and 2
    merges = (Merge(0.6, 1, 2), Merge(0.5, 3, 4), Merge(0.25, 1, 3), Merge(0.23, 0, 1))
    edges = {(1, 2): 0.6, (3, 4): 0.5, (1, 3): 0.5, (2, 3): 0.4, (0, 4): 0.5, (0, 3): 0.4}
    groups, apart = cut_across(4, 5, merges, edges, 0.28)
    assert groups == ((0, 3, 4), (1, 2)) and apart == ((1, 2),)


def test_at_the_days_own_threshold_nothing_is_set_apart():
    groups, apart = cut_across(4, 5, MERGES, EDGES, 0.0)
    assert groups == ((0, 1, 2, 3, 4),) and apart == ()


def test_a_lone_article_has_its_nearest_only_when_near_enough():
    edges = {(0, 1): 0.1, (0, 3): 0.3, (2, 3): 0.3, (1, 2): 0.05}
    assert _nearest({0, 1}, edges, 0.21) == {0: 3}
    assert _nearest({2}, edges, 0.21) == {2: 3}  # a tie to the lower index: none here
    assert _nearest({0}, {(0, 1): 0.3, (0, 2): 0.3}, 0.21) == {0: 1}
    assert _nearest({0, 1}, edges, 0.5) == {}


def test_a_lone_article_continues_the_thread_of_its_nearest_articles_group():
    # day articles 0, 1, 2; earlier articles 3 (thread 7) and 4 (thread 9)
    joint = Joint(3, ((0, 3), (1,), (2,), (4,)), {1: 0, 2: 2})
    votes = [Counter() for _ in range(3)]
    _joint_votes(joint, [30, 40], {30: 7, 40: 9}, votes)
    assert votes == [Counter({7: 1}), Counter({7: 1}), Counter()]
    lone = Joint(3, ((0, 3), (1,), (2,), (4,)), {1: 4})  # nearest: an earlier article
    votes = [Counter() for _ in range(3)]
    _joint_votes(lone, [30, 40], {30: 7, 40: 9}, votes)
    assert votes == [Counter({7: 1}), Counter({9: 1}), Counter()]
