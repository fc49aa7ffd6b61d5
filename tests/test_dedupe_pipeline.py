import json
import random

import pytest

from corpuskit.errors import ConfigError
from corpuskit.pipeline import Pipeline, RunOptions, build_pipeline, build_step

WORDS = [
    "harbour",
    "council",
    "vote",
    "storm",
    "pier",
    "ferry",
    "fleet",
    "catch",
    "mackerel",
    "auction",
    "price",
    "quay",
    "ramp",
    "island",
    "winter",
]
TRAILER = "Subscribe to the Harbour Gazette for more local news."


def write_corpus(directory, files=4, per_file=12, seed=3):
    """Date-header files where stories recur across files: exact copies, near copies and a shared trailer."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    stories = [" ".join(rng.choice(WORDS) for _ in range(60)) + "." for _ in range(10)]
    directory.mkdir()
    for index in range(files):
        records = []
        for number in range(per_file):
            story = stories[(index * per_file + number) % len(stories)]
            if number % 3 == 1:
                words = story.split()
                words[rng.randrange(len(words))] = "lighthouse"
                story = " ".join(words)
            records.append(
                f"date 2021-03-{number + 1:02d} Story {number}\n\n{story}\n\n{TRAILER}\n"
            )
        (directory / f"part{index}.txt").write_text("\n".join(records))
    return directory


def _pipeline():
    return build_pipeline({"pipeline": {"steps": ["boilerplate", "exact-dedupe", "near-dedupe"]}})


def test_duplicates_across_files_are_dropped_with_the_kept_id(tmp_path):
    """Exact and near copies in other files are dropped, each naming the kept article and similarity."""
    report = _pipeline().run(write_corpus(tmp_path / "in"), tmp_path / "out.jsonl")
    counts = report.counts
    assert counts["read"] == counts["written"] + sum(counts["dropped"].values()) + counts["failed"]
    assert counts["dropped"].get("exact-duplicate", 0) > 0
    assert counts["dropped"].get("near-duplicate", 0) > 0
    written_ids = {
        json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()
    }
    for drop in report.data["drops"]:
        assert drop["kept_id"] in written_ids
        assert 0.0 < drop["similarity"] <= 1.0


def test_boilerplate_is_removed_and_listed(tmp_path):
    """A trailer shared by many articles of one source is removed and listed with its count."""
    report = _pipeline().run(write_corpus(tmp_path / "in"), tmp_path / "out.jsonl")
    texts = [json.loads(line)["text"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert not any(TRAILER in text for text in texts)
    found = report.data["steps"][0]["notes"]["found"]
    assert [TRAILER] == [item["text"] for item in found]
    assert 48 == found[0]["count"]


def test_dedupe_steps_give_the_same_result_on_two_processes(tmp_path):
    """--jobs 2 observes in workers and merges; output and report match one process."""
    corpus = write_corpus(tmp_path / "in")
    one = _pipeline().run(corpus, tmp_path / "one.jsonl")
    two = _pipeline().run(corpus, tmp_path / "two.jsonl", options=RunOptions(jobs=2))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert one.data["drops"] == two.data["drops"]
    assert [s.get("report") for s in one.data["steps"]] == [
        s.get("report") for s in two.data["steps"]
    ]


def test_iter_agrees_with_run(tmp_path):
    """The lazy Pipeline.iter keeps and drops exactly what run does."""
    corpus = write_corpus(tmp_path / "in")
    report = _pipeline().run(corpus, tmp_path / "out.jsonl")
    lazily = [item for item in Pipeline(_pipeline().steps).iter(corpus) if hasattr(item, "reason")]
    assert report.counts["dropped"] == {
        reason: sum(1 for drop in lazily if drop.reason == reason)
        for reason in report.counts["dropped"]
    }


def test_summary_tells_what_each_step_changed(tmp_path):
    """The summary shows the stripped count beside the drops, so a change is never silent."""
    report = _pipeline().run(write_corpus(tmp_path / "in"), tmp_path / "out.jsonl")
    stripped = report.data["steps"][0]["notes"]["counts"]["stripped"]
    assert stripped > 0
    assert f"  noted   {stripped:>8,}  boilerplate: stripped" in report.summary().splitlines()


def test_exact_dedupe_takes_only_its_own_options():
    """exact-dedupe shows what it uses in the effective config and refuses MinHash options."""
    assert set(build_step("exact-dedupe").config()) == {"exact_key", "keep"}
    with pytest.raises(ConfigError, match="threshold"):
        build_step("exact-dedupe", threshold=0.5)
