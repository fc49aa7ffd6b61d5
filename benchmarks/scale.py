"""The local engine against Dask (LocalCluster, 2 workers) on one generated corpus, in one run.

Prints, for each engine: wall time, articles per second, seconds per step (summed over
workers), peak resident memory of the driver and of the largest worker, and whether the
outputs are byte-identical.

Peak memory is each process's own high-water mark (``VmHWM``), reset in the driver before
each engine runs and sampled from the workers while they run.  ``ru_maxrss`` is not used:
Linux carries it across ``exec``, so a worker started by a large driver would report the
driver's size as its own.

Usage: python benchmarks/scale.py [--articles 1000000] [--files 200] [--steps a,b,...] [--json PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import gc
import json
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _corpus import write_dateheader_corpus
from _results import Results, add_json_option
from clean import split_corpus

from corpuskit.pipeline import DEFAULT_STEPS, RunOptions, build_pipeline


def peak_rss_mib(pid: int | str = "self") -> float:
    """The high-water mark of a process's resident memory (``VmHWM``), MiB; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0


def reset_peak() -> None:
    """Reset this process's ``VmHWM`` (Linux 4.0+), so the next phase is measured alone."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")


class WorkerPeaks:
    """Sample the peak memory of this process's descendants (the local engine's workers)."""

    def __init__(self, interval: float = 0.2) -> None:
        """Start sampling every ``interval`` seconds."""
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval,), daemon=True)
        self._thread.start()

    def _sample(self, interval: float) -> None:
        import psutil  # noqa: PLC0415 - benchmark dependency (comes with distributed)

        me = psutil.Process()
        while not self._stop.wait(interval):
            for child in me.children(recursive=True):
                peak = peak_rss_mib(child.pid)
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), peak)

    def largest(self) -> float:
        """Stop sampling; the largest peak seen in any descendant."""
        self._stop.set()
        self._thread.join()
        return max(self.peaks.values(), default=0.0)


def run_engine(
    corpus: Path, out: Path, names: list[str], options: RunOptions
) -> tuple[float, dict[str, Any]]:
    """Run the pipeline once; return the wall time and the report's data."""
    pipeline = build_pipeline({"pipeline": {"steps": names}})
    started = time.perf_counter()
    report = pipeline.run(corpus, out, options=options)
    return time.perf_counter() - started, report.data


def summary(
    args: argparse.Namespace,
    names: list[str],
    results: dict[str, tuple[float, dict[str, Any], dict[str, float]]],
    *,
    identical: bool,
) -> Results:
    """The comparison as results for run_all.py."""
    report = Results(
        "scale",
        f"{args.articles:,} generated date-header articles in {args.files} files; "
        f"steps {', '.join(names)}",
    )
    report.table(
        f"Engines at {args.articles:,} articles",
        ["engine", "seconds", "articles/s", "peak RSS MiB"],
        [
            [
                label,
                round(seconds, 1),
                round(data["counts"]["read"] / seconds),
                ", ".join(f"{name} {value:,.0f}" for name, value in memory.items()),
            ]
            for label, (seconds, data, memory) in results.items()
        ],
    )
    report.ratio(
        f"local --jobs {args.jobs} / Dask LocalCluster, throughput, {args.articles:,} articles",
        results["dask LocalCluster 2 workers"][0] / results[f"local --jobs {args.jobs}"][0],
        "the local engine is faster",
    )
    report.ratio(
        f"outputs and counts identical (local, Dask), {args.articles:,} articles",
        identical,
        "both engines wrote the same bytes and counts",
        at_least=1.0,
        bar="an engine changes where the work runs, never what it writes",
    )
    for label, (seconds, data, _) in results.items():
        report.point(
            "Pipeline throughput by corpus size",
            label,
            args.articles,
            data["counts"]["read"] / seconds,
            xlabel="articles",
            ylabel="articles/s",
        )
    return report


def main() -> None:
    """Generate the corpus once, run both engines, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--steps", default=",".join(DEFAULT_STEPS))
    parser.add_argument("--jobs", type=int, default=2, help="local engine worker processes")
    add_json_option(parser)
    args = parser.parse_args()
    names = [name for name in args.steps.split(",") if name]
    single = Path(tempfile.gettempdir()) / f"corpuskit-bench-dateheader-{args.articles}.txt"
    corpus = split_corpus(write_dateheader_corpus(single, args.articles), args.files)
    out = Path(tempfile.mkdtemp(prefix="corpuskit-bench-scale-"))

    import distributed  # noqa: PLC0415 - benchmark dependency

    results = {}
    reset_peak()
    sampler = WorkerPeaks()
    local_seconds, local = run_engine(
        corpus, out / "local.jsonl", names, RunOptions(jobs=args.jobs)
    )
    results[f"local --jobs {args.jobs}"] = (
        local_seconds,
        local,
        {"driver": peak_rss_mib(), "largest worker": sampler.largest()},
    )
    gc.collect()

    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    try:
        options = RunOptions(engine="dask", engine_options={"client": client})
        client.run(reset_peak)
        reset_peak()
        dask_seconds, on_dask = run_engine(corpus, out / "dask.jsonl", names, options)
        workers = client.run(peak_rss_mib)
        memory = {
            "driver": peak_rss_mib(),
            **{f"worker {i}": v for i, v in enumerate(workers.values())},
        }
        results["dask LocalCluster 2 workers"] = (dask_seconds, on_dask, memory)
    finally:
        client.close()
        cluster.close()

    identical = filecmp.cmp(out / "local.jsonl", out / "dask.jsonl", shallow=False)
    same_counts = local["counts"] == on_dask["counts"]
    print(f"corpus: {args.articles:,} articles in {args.files} files; steps: {', '.join(names)}")
    for label, (seconds, data, memory) in results.items():
        read = data["counts"]["read"]
        print(f"\n{label}: {seconds:.1f} s, {read / seconds:,.0f} articles/s")
        print(
            f"  seconds per step (summed over workers): read {data['seconds']['read']:.1f}", end=""
        )
        for step in data["steps"]:
            print(f", {step['name']} {step['seconds']:.1f}", end="")
        print()
        print(
            "  peak RSS MiB: " + ", ".join(f"{name} {value:,.0f}" for name, value in memory.items())
        )
    print(
        f"\ndask / local wall time = {results['dask LocalCluster 2 workers'][0] / local_seconds:.2f}"
    )
    print(f"outputs byte-identical: {identical}; counts identical: {same_counts}")
    print(json.dumps(local["counts"]))
    summary(args, names, results, identical=identical and same_counts).write(args.json)


if __name__ == "__main__":
    main()
