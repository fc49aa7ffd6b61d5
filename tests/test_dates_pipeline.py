import datetime as dt
import json

from corpuskit.model import Article, SourceRef
from corpuskit.pipeline import Pipeline, RunOptions, build_step


def _write(path, dates):
    path.write_text(
        "\n".join(f"date {raw} Story {i}\n\nText {i}.\n" for i, raw in enumerate(dates))
    )


def _dates(output):
    return [json.loads(line)["date"] for line in output.read_text().splitlines()]


def test_day_month_order_is_inferred_per_source(tmp_path):
    """An ambiguous date reads day-first in a day-first source and month-first in a month-first one."""
    (tmp_path / "in").mkdir()
    _write(tmp_path / "in" / "a-uk.txt", ["25/03/2021", "03/04/2021"])
    _write(tmp_path / "in" / "b-us.txt", ["03/25/2021", "03/04/2021"])
    report = Pipeline([build_step("dates")]).run(tmp_path / "in", tmp_path / "out.jsonl")
    assert ["2021-03-25", "2021-04-03", "2021-03-25", "2021-03-04"] == _dates(
        tmp_path / "out.jsonl"
    )
    orders = report.data["steps"][0]["report"]["orders"]
    assert {
        str(tmp_path / "in" / "a-uk.txt"): True,
        str(tmp_path / "in" / "b-us.txt"): False,
    } == orders


def test_parallel_observation_gives_the_same_dates(tmp_path):
    """With --jobs 2 the merged evidence decides exactly as one process does."""
    (tmp_path / "in").mkdir()
    for index in range(4):
        _write(
            tmp_path / "in" / f"f{index}.txt",
            ["13/01/2020", "02/03/2020"] if index % 2 else ["01/13/2020", "02/03/2020"],
        )
    Pipeline([build_step("dates")]).run(tmp_path / "in", tmp_path / "one.jsonl")
    Pipeline([build_step("dates")]).run(
        tmp_path / "in", tmp_path / "two.jsonl", options=RunOptions(jobs=2)
    )
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_undecided_ambiguity_is_kept_with_its_place(tmp_path):
    """A source with only ambiguous dates keeps its articles, noting each with path:line."""
    source = tmp_path / "only-ambiguous.txt"
    _write(source, ["03/04/2021"])
    report = Pipeline([build_step("dates")]).run(source, tmp_path / "out.jsonl")
    notes = report.data["steps"][0]["notes"]
    assert {"date-ambiguous": 1} == notes["counts"]
    assert f"{source}:1" == notes["examples"]["date-ambiguous"][0]["where"]
    assert [None] == _dates(tmp_path / "out.jsonl")


def test_on_failure_drop_drops_with_the_reason(tmp_path):
    """With on_failure='drop' an unreadable date is a drop with its reason."""
    step = build_step("dates", dayfirst=True, on_failure="drop")
    article = Article.create(
        title="t", date_raw="sometime soon", source=SourceRef(path="x", line=3)
    )
    assert "date-unreadable" == step.apply(article, 0).reason


def test_a_given_date_is_never_replaced():
    """An article that has a date keeps it, whatever date_raw says."""
    step = build_step("dates", dayfirst=False)
    article = Article.create(title="t", date=dt.date(2020, 1, 1), date_raw="2021-05-05")
    result = step.apply(article, 0)
    assert dt.date(2020, 1, 1) == result.date
    assert "2021-05-05" == result.meta["date_conflict"]


def test_a_given_order_needs_no_observe_pass():
    """dayfirst=True or False makes the step a plain map step."""
    assert not build_step("dates", dayfirst=True).needs_global_view
    assert build_step("dates").needs_global_view
