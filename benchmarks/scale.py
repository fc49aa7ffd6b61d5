"""The local engine against Dask (LocalCluster, 2 workers) on one generated corpus, in one run.

Prints, for each engine: wall time, articles per second, seconds per step (summed over
workers), peak resident memory of the driver and of each worker, and whether the
outputs are byte-identical.

Usage: python benchmarks/scale.py [--articles 1000000] [--files 200] [--steps a,b,...]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from _corpus import write_dateheader_corpus
from clean import split_corpus

from corpuskit.pipeline import DEFAULT_STEPS, RunOptions, build_pipeline


def peak_rss_mib() -> float:
    """Peak resident memory of this process, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_engine(
    corpus: Path, out: Path, names: list[str], options: RunOptions
) -> tuple[float, dict[str, Any]]:
    """Run the pipeline once; return the wall time and the report's data."""
    pipeline = build_pipeline({"pipeline": {"steps": names}})
    started = time.perf_counter()
    report = pipeline.run(corpus, out, options=options)
    return time.perf_counter() - started, report.data


def main() -> None:
    """Generate the corpus once, run both engines, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--steps", default=",".join(DEFAULT_STEPS))
    parser.add_argument("--jobs", type=int, default=2, help="local engine worker processes")
    args = parser.parse_args()
    names = [name for name in args.steps.split(",") if name]
    single = Path(tempfile.gettempdir()) / f"corpuskit-bench-dateheader-{args.articles}.txt"
    corpus = split_corpus(write_dateheader_corpus(single, args.articles), args.files)
    out = Path(tempfile.mkdtemp(prefix="corpuskit-bench-scale-"))

    import distributed  # noqa: PLC0415 - benchmark dependency

    results = {}
    local_seconds, local = run_engine(
        corpus, out / "local.jsonl", names, RunOptions(jobs=args.jobs)
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results[f"local --jobs {args.jobs}"] = (
        local_seconds,
        local,
        {"driver": peak_rss_mib(), "largest worker": children},
    )

    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    try:
        options = RunOptions(engine="dask", engine_options={"client": client})
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

    identical = (out / "local.jsonl").read_bytes() == (out / "dask.jsonl").read_bytes()
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


if __name__ == "__main__":
    main()
