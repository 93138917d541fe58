"""ROUGE evaluation: known answers on tiny data, the CLI's table, JSON and dump."""

import json

import pytest

from briefing.cli import main
from briefing.errors import BriefingError
from briefing.evaluate import eval_settings, evaluate, key_points, load
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
