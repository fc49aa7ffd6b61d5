import contextlib
import json
import os
import sys
import threading
import time

import pytest

distributed = pytest.importorskip(
    "distributed", reason="needs the dask extra: pip install 'corpuskit[dask]'"
)
cloudpickle = pytest.importorskip("cloudpickle")

import corpuskit.dask  # noqa: E402
from corpuskit.cli import main  # noqa: E402
from corpuskit.errors import ParseError  # noqa: E402
from corpuskit.model import Article, Failure  # noqa: E402
from corpuskit.pipeline import Pipeline, Step, build_pipeline, build_step  # noqa: E402
from test_dedupe_pipeline import write_corpus  # noqa: E402

# distributed leaves some sockets for the garbage collector; that is its business, not a failure here.
pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

# Workers cannot import this test module: ship its step classes by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


class FirstTitle(Step):
    """A mergeable global step: keeps the first article of each title, drops later ones with the kept id."""

    name = "first-title"
    needs_global_view = True
    mergeable = True

    def __init__(self):
        super().__init__()
        self.first = {}

    def observe(self, article, ordinal):
        self.first.setdefault(article.title, (ordinal, article.id))

    def merge(self, other):
        for title, seen in other.first.items():
            self.first[title] = min(seen, self.first.get(title, seen))

    def apply(self, article, ordinal):
        kept_ordinal, kept_id = self.first[article.title]
        if kept_ordinal != ordinal:
            return self.drop(article, "same-title", kept_id=kept_id, similarity=1.0)
        return article

    def report(self):
        return {"kept": sorted(seen[1] for seen in self.first.values())}


class Slow(Step):
    """A map step that takes a little time per article, so a worker can be killed mid-run."""

    name = "slow"

    def apply(self, article, ordinal):
        time.sleep(0.03)
        return article


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of 2 single-threaded worker processes."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


def _corpus(directory, files=6, per_file=30):
    directory.mkdir()
    for index in range(files):
        records = []
        for number in range(per_file):
            # Titles repeat across files, so duplicates span partitions.
            title = f"Story {(index * per_file + number) % 50}"
            words = " ".join(f"w{index}x{number}y{k}" for k in range(4 + number % 9))
            records.append(f"date 2020-02-{number % 28 + 1:02d} {title}\n\n{words}.\n")
        (directory / f"part{index}.txt").write_text("\n".join(records))
    (directory / "zz-broken.txt").write_bytes(b"\x00\x01 binary, no format fits")
    return directory


def _pipeline(*first):
    return Pipeline(
        [*first, build_step("cleanup"), FirstTitle(), build_step("filter", min_words=6)]
    )


def _comparable(report):
    data = report.data
    reports = [step.get("report") for step in data["steps"] if step["name"] == "first-title"]
    return (data["counts"], data["drops"], data["failures"], reports)


def test_dask_engine_matches_the_local_engine(tmp_path, client):
    """Output bytes, drops with kept ids, failures and counts are identical on Dask and locally."""
    corpus = _corpus(tmp_path / "in")
    local = _pipeline().run(corpus, tmp_path / "local.jsonl")
    on_dask = corpuskit.dask.run(_pipeline(), corpus, tmp_path / "dask.jsonl", client=client)
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()
    assert _comparable(local) == _comparable(on_dask)
    counts = on_dask.counts
    assert counts["read"] == counts["written"] + sum(counts["dropped"].values()) + counts["failed"]
    assert counts["dropped"]["same-title"] > 0


def test_a_worker_lost_mid_run_changes_nothing(tmp_path, client):
    """Killing a worker mid-run loses and duplicates nothing: the result equals the local one."""
    corpus = _corpus(tmp_path / "in", files=8, per_file=40)
    local = _pipeline().run(corpus, tmp_path / "local.jsonl")
    worker = min(client.scheduler_info()["workers"])

    killed_at = []

    def kill_soon():
        time.sleep(1.5)
        killed_at.append(time.monotonic())
        # The worker dies mid-call, so the call itself reports a closed connection.
        with contextlib.suppress(distributed.comm.core.CommClosedError, OSError):
            client.run(os._exit, 1, workers=[worker])

    killer = threading.Thread(target=kill_soon)
    killer.start()
    on_dask = corpuskit.dask.run(_pipeline(Slow()), corpus, tmp_path / "dask.jsonl", client=client)
    finished_at = time.monotonic()
    killer.join()
    assert killed_at[0] < finished_at, "the worker must die while the run is still going"
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()
    assert _comparable(local) == _comparable(on_dask)
    client.wait_for_workers(2, timeout=60)


def test_read_gives_a_bag_with_one_partition_per_file(tmp_path, client):
    """corpuskit.dask.read gives the same Articles as corpuskit.read, a partition per file."""
    corpus = _corpus(tmp_path / "in")
    (corpus / "zz-broken.txt").unlink()
    bag = corpuskit.dask.read(corpus)
    assert 6 == bag.npartitions
    assert list(corpuskit.read(corpus)) == bag.compute()


def test_read_items_keeps_failures_and_read_raises_them(tmp_path, client):
    """read_items keeps bad records as Failures; read raises ParseError with path and line."""
    corpus = _corpus(tmp_path / "in")
    items = corpuskit.dask.read_items(corpus).compute()
    assert 1 == sum(isinstance(item, Failure) for item in items)
    assert 180 == sum(isinstance(item, Article) for item in items)
    with pytest.raises(ParseError, match=r"zz-broken\.txt:1:"):
        corpuskit.dask.read(corpus).compute()


def test_clean_cli_runs_on_a_local_cluster(tmp_path):
    """`corpuskit clean --engine dask --workers 2` writes what the local engine writes."""
    corpus = _corpus(tmp_path / "in")
    assert 0 == main(
        ["clean", str(corpus), "-o", str(tmp_path / "a.jsonl"), "-q", "--min-words", "6"]
    )
    assert 0 == main(
        [
            "clean",
            str(corpus),
            "-o",
            str(tmp_path / "b.jsonl"),
            "-q",
            "--min-words",
            "6",
            "--engine",
            "dask",
            "--workers",
            "2",
            "--report",
            str(tmp_path / "r.json"),
        ]
    )
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert "dask" == json.loads((tmp_path / "r.json").read_text())["configuration"]["run"]["engine"]


def test_dedupe_pipeline_on_dask_matches_local(tmp_path, client):
    """Boilerplate, exact and near dedupe spanning partitions decide identically on Dask and locally."""
    corpus = write_corpus(tmp_path / "in", files=6)
    local = build_pipeline().run(corpus, tmp_path / "local.jsonl")
    on_dask = corpuskit.dask.run(build_pipeline(), corpus, tmp_path / "dask.jsonl", client=client)
    assert (tmp_path / "local.jsonl").read_bytes() == (tmp_path / "dask.jsonl").read_bytes()
    assert local.data["drops"] == on_dask.data["drops"]
    assert local.counts == on_dask.counts
    assert [s.get("report") for s in local.data["steps"]] == [
        s.get("report") for s in on_dask.data["steps"]
    ]
    assert sum(local.counts["dropped"].values()) > 0
