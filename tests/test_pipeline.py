import json
import os
import signal
import subprocess
import sys
import time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpuskit
from corpuskit import plugins
from corpuskit.errors import ConfigError, ParseError
from corpuskit.model import Article, Drop, Failure
from corpuskit.pipeline import (
    Pipeline,
    RunOptions,
    Step,
    StepType,
    build_pipeline,
    build_step,
    load_config,
)


class SeenTitleStep(Step):
    """A global test step: drops an article whose title an earlier article had."""

    name = "seen-title"
    needs_global_view = True

    def __init__(self):
        super().__init__()
        self.first = {}
        self.observed = 0
        self.finished = False

    def observe(self, article, ordinal):
        self.observed += 1
        self.first.setdefault(article.title, ordinal)

    def finish(self):
        self.finished = True

    def apply(self, article, ordinal):
        kept = self.first[article.title]
        if kept != ordinal:
            return self.drop(article, "same-title", f"ordinal {kept} had it")
        self.notes.add("kept")
        return article


class MergeableSeenTitleStep(SeenTitleStep):
    """SeenTitleStep whose observations merge, so workers can observe in parallel."""

    mergeable = True

    def merge(self, other):
        self.observed += other.observed
        for title, ordinal in other.first.items():
            self.first[title] = min(ordinal, self.first.get(title, ordinal))


class InterruptAt(Step):
    """A map step that raises KeyboardInterrupt at an article with a given title (simulates Ctrl-C)."""

    name = "interrupt"

    def __init__(self, title):
        super().__init__()
        self.title = title

    def apply(self, article, ordinal):
        if article.title == self.title:
            raise KeyboardInterrupt
        return article


def _write_corpus(directory, files=4, per_file=5, duplicate_titles=True):
    directory.mkdir(exist_ok=True)
    for index in range(files):
        records = []
        for number in range(per_file):
            title = f"Story {number}" if duplicate_titles else f"Story {index}-{number}"
            words = " ".join(f"w{index}{number}{k}" for k in range(5 + number * 3))
            records.append(f"date 2020-01-{number + 1:02d} {title}\n\n{words}.\n")
        (directory / f"part{index}.txt").write_text("\n".join(records))
    return directory


def test_run_accounts_for_every_article(tmp_path):
    """Read = written + dropped + failed, with drops by reason, failures included."""
    corpus = _write_corpus(tmp_path / "in")
    (corpus / "zz-bad.txt").write_bytes(b"\x00\x01 binary, no format fits")
    pipeline = Pipeline([build_step("cleanup"), build_step("filter", min_words=8)])
    report = pipeline.run(corpus, tmp_path / "out.jsonl")
    counts = report.counts
    assert 21 == counts["read"]
    assert counts["read"] == counts["written"] + sum(counts["dropped"].values()) + counts["failed"]
    assert 1 == counts["failed"]
    assert counts["dropped"]["too-short"] > 0
    assert counts["written"] == len((tmp_path / "out.jsonl").read_text().splitlines())


def test_global_step_observes_everything_before_applying(tmp_path):
    """A global step sees every article, finishes once, then decides in input order."""
    corpus = _write_corpus(tmp_path / "in")
    step = SeenTitleStep()
    report = Pipeline([build_step("cleanup"), step]).run(corpus, tmp_path / "out.jsonl")
    titles = [
        json.loads(line)["title"] for line in (tmp_path / "out.jsonl").read_text().splitlines()
    ]
    assert [f"Story {n}" for n in range(5)] == titles
    assert {"same-title": 15} == report.counts["dropped"]
    assert (20, True) == (step.observed, step.finished)
    assert {"kept": 5} == report.data["steps"][1]["notes"]["counts"]


def test_iter_matches_run(tmp_path):
    """Pipeline.iter yields the same kept articles, in the same order, as run writes."""
    corpus = _write_corpus(tmp_path / "in")
    results = list(
        Pipeline([build_step("cleanup"), SeenTitleStep(), build_step("filter", min_words=6)]).iter(
            corpus
        )
    )
    Pipeline([build_step("cleanup"), SeenTitleStep(), build_step("filter", min_words=6)]).run(
        corpus, tmp_path / "out.jsonl"
    )
    written = list(corpuskit.read(tmp_path / "out.jsonl"))
    assert written == [item for item in results if isinstance(item, Article)]
    assert 20 == len(results)
    assert all(isinstance(item, Article | Drop | Failure) for item in results)


@pytest.mark.parametrize("global_step", [SeenTitleStep, MergeableSeenTitleStep])
def test_jobs_give_byte_identical_output_and_report_counts(tmp_path, global_step):
    """--jobs 2 writes the same bytes and the same counts as --jobs 1, merged observation included."""
    corpus = _write_corpus(tmp_path / "in", files=6)
    reports = []
    for jobs in (1, 2):
        pipeline = Pipeline(
            [build_step("cleanup"), global_step(), build_step("filter", min_words=8)]
        )
        reports.append(
            pipeline.run(corpus, tmp_path / f"out{jobs}.jsonl", options=RunOptions(jobs=jobs))
        )
    assert (tmp_path / "out1.jsonl").read_bytes() == (tmp_path / "out2.jsonl").read_bytes()
    assert reports[0].counts == reports[1].counts
    assert [s["notes"] for s in reports[0].data["steps"]] == [
        s["notes"] for s in reports[1].data["steps"]
    ]


def test_interrupted_run_leaves_no_output_and_resume_finishes_identically(tmp_path):
    """Ctrl-C mid-run writes nothing; --resume reuses the finished files and ends byte-identical."""
    corpus = _write_corpus(tmp_path / "in")
    target = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        Pipeline([build_step("cleanup"), SeenTitleStep(), InterruptAt("Story 3")]).run(
            corpus, target
        )
    assert not target.exists()
    assert [".out.jsonl.corpuskit-work"] == [name for name in os.listdir(tmp_path) if name != "in"]
    resumed = Pipeline([build_step("cleanup"), SeenTitleStep(), InterruptAt("never")]).run(
        corpus, target, options=RunOptions(resume=True)
    )
    assert 4 == resumed.data["figures"]["files_resumed"]
    fresh = tmp_path / "fresh.jsonl"
    Pipeline([build_step("cleanup"), SeenTitleStep(), InterruptAt("never")]).run(corpus, fresh)
    assert fresh.read_bytes() == target.read_bytes()
    assert ["fresh.jsonl", "in", "out.jsonl"] == sorted(os.listdir(tmp_path))


def test_resume_refuses_changed_configuration(tmp_path):
    """Resuming with other step options is refused, not silently mixed."""
    corpus = _write_corpus(tmp_path / "in")
    target = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        Pipeline([build_step("filter", min_words=1), InterruptAt("Story 3")]).run(corpus, target)
    with pytest.raises(ConfigError, match="cannot resume"):
        Pipeline([build_step("filter", min_words=2), InterruptAt("never")]).run(
            corpus, target, options=RunOptions(resume=True)
        )


def test_on_error_raise_stops_before_writing(tmp_path):
    """With on_error='raise' the first bad record raises ParseError and nothing is written."""
    corpus = _write_corpus(tmp_path / "in")
    (corpus / "bad.txt").write_bytes(b"date 2020-01-01 T\nx\ndate 2020-40-01 U\ny\n")
    with pytest.raises(ParseError, match=r"bad\.txt:3:"):
        Pipeline([build_step("cleanup")]).run(
            corpus, tmp_path / "out.jsonl", options=RunOptions(on_error="raise")
        )
    assert not (tmp_path / "out.jsonl").exists()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(["A", "B", "C"])), min_size=1, max_size=25
    ),
    st.integers(0, 30),
)
def test_accounting_identity_holds_for_any_corpus(tmp_path_factory, records, min_words):
    """For any mix of lengths and titles, every article is written or dropped with a reason."""
    directory = tmp_path_factory.mktemp("acc")
    text = "\n".join(
        f"date 2020-01-01 {title}\n\n{' '.join(['word'] * length) or 'x'}\n"
        for length, title in records
    )
    (directory / "in.txt").write_text(text)
    report = Pipeline([SeenTitleStep(), build_step("filter", min_words=min_words)]).run(
        directory / "in.txt", directory / "out.jsonl"
    )
    counts = report.counts
    assert len(records) == counts["read"]
    assert counts["read"] == counts["written"] + sum(counts["dropped"].values()) + counts["failed"]
    assert len(report.data["drops"]) == sum(counts["dropped"].values())


def test_build_pipeline_from_toml(tmp_path):
    """A clean.toml names the steps and their options; the effective config fills defaults."""
    path = tmp_path / "clean.toml"
    path.write_text('[pipeline]\nsteps = ["cleanup", "filter"]\n\n[steps.filter]\nmin_words = 5\n')
    pipeline = build_pipeline(load_config(path), overrides={"cleanup": {"unwrap": "never"}})
    assert ["cleanup", "filter"] == pipeline.config["pipeline"]["steps"]
    assert 5 == pipeline.config["steps"]["filter"]["min_words"]
    assert "never" == pipeline.config["steps"]["cleanup"]["unwrap"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[pipeline\n", "not valid TOML"),
        ("[other]\n", "unknown tables"),
        ('[pipeline]\nsteps = ["nope"]\n', "unknown step 'nope'"),
        ('[pipeline]\nsteps = ["cleanup"]\n[steps.filter]\nmin_words = 1\n', "not in the pipeline"),
        ('[pipeline]\nsteps = ["filter"]\n[steps.filter]\nbogus = 1\n', "step 'filter'"),
    ],
)
def test_bad_configuration_is_a_config_error(tmp_path, toml, message):
    """Bad TOML, unknown tables, steps or options raise ConfigError saying what is wrong."""
    path = tmp_path / "clean.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=message):
        build_pipeline(load_config(path))


def test_third_party_step_registers_through_the_hook(fresh_plugins):
    """A plugin's corpuskit_register_steps adds a step usable by name."""

    class Plugin:
        @corpuskit.hookimpl
        def corpuskit_register_steps(self, register):
            register(StepType(name="seen-title", factory=SeenTitleStep))

    plugins.register_plugin(Plugin(), name="test-steps")
    assert isinstance(build_step("seen-title"), SeenTitleStep)


def test_reports_json_and_html(tmp_path):
    """The JSON report has counts at the top and the configuration; the HTML has its charts."""
    corpus = _write_corpus(tmp_path / "in")
    Pipeline([build_step("filter", min_words=10)]).run(
        corpus,
        tmp_path / "out.jsonl",
        report_path=tmp_path / "r.json",
        html_path=tmp_path / "r.html",
    )
    data = json.loads((tmp_path / "r.json").read_text())
    assert ["counts", "accounting"] == list(data)[:2]
    assert {"read", "written", "dropped", "failed"} == set(data["counts"])
    assert "filter" == data["configuration"]["steps"][0]["name"]
    page = (tmp_path / "r.html").read_text()
    assert 4 == page.count("<h2>") - 2
    assert page.count("<svg") >= 3
    assert "<script" not in page


@pytest.mark.slow
def test_kill_9_leaves_no_output_and_resume_is_byte_identical(tmp_path):
    """Kill -9 mid-run leaves no output; --resume then matches an uninterrupted run byte for byte."""
    corpus = _write_corpus(tmp_path / "in", files=40, per_file=400, duplicate_titles=False)
    target, fresh = tmp_path / "out.jsonl", tmp_path / "fresh.jsonl"
    command = [sys.executable, "-m", "corpuskit", "clean", str(corpus), "-q", "--min-words", "10"]
    process = subprocess.Popen([*command, "-o", str(target)])
    work = tmp_path / ".out.jsonl.corpuskit-work"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(work.glob("*.spill"))) < 5:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not target.exists()
    assert [] == [name for name in os.listdir(tmp_path) if name not in ("in", work.name)]
    subprocess.run([*command, "-o", str(target), "--resume"], check=True)
    subprocess.run([*command, "-o", str(fresh)], check=True)
    assert fresh.read_bytes() == target.read_bytes()


def test_spills_keep_nested_meta(tmp_path):
    """Articles whose meta nests dicts and lists survive the spill files unchanged."""

    class Nest(Step):
        name = "nest"

        def apply(self, article, ordinal):
            return attrs.evolve(article, meta={"a": {"b": [1, {"c": "d"}]}, "e": {"f": "g"}})

    corpus = _write_corpus(tmp_path / "in", files=2)
    Pipeline([Nest()]).run(corpus, tmp_path / "out.jsonl")
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert 10 * [{"a": {"b": [1, {"c": "d"}]}, "e": {"f": "g"}}] == [
        record["meta"] for record in records
    ]
