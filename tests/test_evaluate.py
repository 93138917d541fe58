"""ROUGE evaluation: known answers on tiny data, the CLI's table, JSON and dump."""

import json

import pytest

from briefing.cli import main
from briefing.errors import BriefingError
from briefing.evaluate import Example, eval_settings, evaluate, key_points, load, score_one, scorer
from briefing.model import Length

ARTICLE = (
    "The river flooded the old town on Monday. Hundreds of families left their homes. "
    "The mayor asked for help from the army. Rain is expected to stop on Friday."
)


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "dev.jsonl"
    rows = [
        {"id": "a", "article": ARTICLE, "reference": "The river flooded the old town on Monday."},
        {
            "id": "b",
            "article": ARTICLE,
            "reference_sents": ["Rain is expected to stop on Friday."],
            "reference": "x",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_key_points_are_chosen_as_make_does():
    assert key_points(ARTICLE, eval_settings("lead", Length(count=2))) == [
        "The river flooded the old town on Monday.",
        "Hundreds of families left their homes.",
    ]


def test_lead_1_scores_100_when_the_reference_is_the_first_sentence(data):
    result = evaluate(load(data, limit=1), "lead", Length(count=1))
    assert (result.rouge1, result.rouge2, result.rougeLsum) == (100.0, 100.0, 100.0)
    assert result.n == 1 and result.method == "lead" and result.sentences == "1"


def test_reference_sents_win_over_reference(data):
    result = evaluate(load(data)[1:], "lead", Length(count=1))
    assert result.rouge1 < 30  # first sentence vs "Rain is expected ...": little overlap


def test_cli_eval_json_and_dump(data, tmp_path, capsys):
    dump = tmp_path / "dump.jsonl"
    assert (
        main(
            [
                "eval",
                str(data),
                "--method",
                "lead",
                "--sentences",
                "1",
                "--json",
                "--dump",
                str(dump),
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {
        "method",
        "n",
        "sentences",
        "rouge1",
        "rouge2",
        "rougeLsum",
        "seconds_per_article",
    }
    assert result["n"] == 2 and result["method"] == "lead"
    rows = [json.loads(line) for line in dump.read_text().splitlines()]
    assert rows == [
        {"id": "a", "summary": ["The river flooded the old town on Monday."]},
        {"id": "b", "summary": ["The river flooded the old town on Monday."]},
    ]


def test_cli_eval_table_with_word_budget_and_two_jobs(data, capsys):
    assert main(["eval", str(data), "--method", "default", "--words", "9", "--jobs", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("| method | n |") and "| 2 | 3, 9 words |" in out[2]


def test_bad_data_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(BriefingError, match="line 1 is not an example"):
        load(bad)
    assert main(["eval", str(bad)]) == 1  # an input that cannot be read, not a usage error
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err


def test_rouge_lsum_reads_summary_and_reference_one_sentence_per_line():
    """ROUGE-Lsum matches each reference sentence against every summary sentence apart
    (the union of their longest common subsequences): words that come in another order
    in another sentence still count. Joined into one line, only those in order would."""
    rouge = scorer()
    town, homes = "The river flooded the old town.", "Families left their homes on Monday."
    # the summary's side: one 13-word reference sentence, its two halves as two key points in
    # the other order: 12 of 13 words match (not "and"): F1 2 * 12 / (12 + 13); one summary
    # line would match only one half in order: 2 * 6 / (12 + 13)
    both = Example(
        "x", ARTICLE, ("The river flooded the old town and families left their homes on Monday.",)
    )
    assert score_one(rouge, both, [homes, town])["rougeLsum"] == pytest.approx(24 / 25)
    # the reference's side: two reference sentences against one key point that has them in
    # the other order: each matches in full; as one reference line, only one half would
    swapped = score_one(rouge, Example("y", ARTICLE, (homes, town)), [f"{town} {homes}"])
    assert swapped == {"rouge1": 1.0, "rouge2": pytest.approx(10 / 11), "rougeLsum": 1.0}


def test_eval_scores_lsum_with_key_points_and_reference_one_per_line(tmp_path):
    """Lead-2 gives "The river flooded the old town on Monday." and "Hundreds of families
    left their homes.": against their two halves in one reference sentence, 14 of its 15
    words match (F1 28/29); against themselves in the other order, all do."""
    path = tmp_path / "swapped.jsonl"
    rows = [
        {
            "id": "one-sentence",
            "article": ARTICLE,
            "reference": "Hundreds of families left their homes and the river flooded the old "
            "town on Monday.",
        },
        {
            "id": "two-sentences",
            "article": ARTICLE,
            "reference": "Hundreds of families left their homes.\n"
            "The river flooded the old town on Monday.",
        },
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    one, two = load(path)
    assert evaluate([one], "lead", Length(count=2)).rougeLsum == round(100 * 28 / 29, 2)
    result = evaluate([two], "lead", Length(count=2))
    assert (result.rouge1, result.rougeLsum) == (100.0, 100.0) and result.rouge2 < 100
