"""Parquet next to JSONL: write and read generated articles, each phase in its own process, peak memory printed.

Every phase (generate only, write JSONL, write Parquet, read JSONL, read Parquet) runs
in a fresh Python process that reports its time and its peak resident memory
(``ru_maxrss``), so one phase's memory cannot hide another's.
The phases run at two sizes (``--small`` and ``--articles``): when the peak at the
large size is no higher than at the small one, memory does not grow with the corpus.
Needs pyarrow and the corpuskit-parquet plugin (``pip install -e plugins/corpuskit-parquet``).

Usage: python benchmarks/parquet.py [--articles 1000000] [--small 100000] [--json PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from _corpus import paragraph, sentence
from _results import Results, add_json_option

import corpuskit
from corpuskit import Article

PHASES = ("generate", "write-jsonl", "write-parquet", "read-jsonl", "read-parquet")


def generated_articles(count: int, seed: int = 1) -> Iterator[Article]:
    """``count`` news-like Articles of about 2 KB, from a seeded pool of paragraphs (cheap to make)."""
    rng = random.Random(seed)
    pool = [paragraph(rng) for _ in range(2000)]
    titles = [sentence(rng).rstrip(".?!") for _ in range(500)]
    start = dt.date(2000, 1, 1)
    for index in range(count):
        day = start + dt.timedelta(days=rng.randrange(9000))
        date: dt.date = day
        if index % 3 == 0:
            date = dt.datetime(
                day.year, day.month, day.day, rng.randrange(24), tzinfo=dt.timezone.utc
            )
        yield Article.create(
            title=rng.choice(titles),
            text="\n\n".join(rng.choices(pool, k=rng.randint(2, 8))),
            date=date,
            date_raw=date.isoformat(),
            authors=rng.sample(["A. Smith", "B. Jones", "C. Wu", "D. Okafor"], k=rng.randint(0, 2)),
            language="en",
            meta={"section": rng.choice(["harbour", "markets", "science"]), "n": index},
        )


def run_phase(phase: str, articles: int, directory: Path) -> dict[str, float]:
    """Run one phase in this process; return its seconds, count and output or input size."""
    paths = {"jsonl": directory / "corpus.jsonl", "parquet": directory / "corpus.parquet"}
    action, _, kind = phase.partition("-")
    start = time.perf_counter()
    if action == "generate":
        count = sum(1 for _ in generated_articles(articles))
        size = 0
    elif action == "write":
        count = corpuskit.write(generated_articles(articles), paths[kind])
        size = paths[kind].stat().st_size
    else:
        count = sum(1 for _ in corpuskit.read(paths[kind]))
        size = paths[kind].stat().st_size
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "count": count, "bytes": size, "peak_mb": peak_mb}


def in_subprocess(phase: str, articles: int, directory: Path) -> dict[str, float]:
    """Run one phase in a fresh process and return what it reports."""
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            phase,
            "--articles",
            str(articles),
            "--dir",
            str(directory),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def measure(
    articles: int, directory: Path, report: Callable[[str], None]
) -> dict[str, dict[str, float]]:
    """Every phase at one size, in order (the reads read what the writes wrote)."""
    results = {}
    for phase in PHASES:
        results[phase] = outcome = in_subprocess(phase, articles, directory)
        if outcome["count"] != articles:
            raise SystemExit(f"{phase}: {outcome['count']} articles, expected {articles}")
        report(
            f"{phase:<15}{articles:>10,}{outcome['seconds']:>10.1f}{articles / outcome['seconds']:>13,.0f}"
            f"{outcome['bytes'] / 1e6:>10.0f}{outcome['peak_mb']:>10.0f}"
        )
    return results


def main() -> None:
    """Measure both sizes and print throughput and peak memory, Parquet next to JSONL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000)
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    add_json_option(parser)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.articles, args.dir)))
        return
    if "parquet" not in corpuskit.format_registry():
        raise SystemExit("install the plugin first: pip install -e plugins/corpuskit-parquet")
    print(
        f"{'phase':<15}{'articles':>10}{'seconds':>10}{'articles/s':>13}{'MB':>10}{'peak MB':>10}"
    )
    sizes = {}
    for articles in (args.small, args.articles):
        with tempfile.TemporaryDirectory(prefix="corpuskit-bench-parquet-") as directory:
            sizes[articles] = measure(
                articles, Path(directory), lambda line: print(line, flush=True)
            )
    large, small = sizes[args.articles], sizes[args.small]
    print()
    for action in ("write", "read"):
        jsonl, parquet = large[f"{action}-jsonl"], large[f"{action}-parquet"]
        print(
            f"{action}: Parquet throughput / JSONL throughput = {jsonl['seconds'] / parquet['seconds']:.2f}"
        )
    print(
        f"file size: Parquet / JSONL = {large['write-parquet']['bytes'] / large['write-jsonl']['bytes']:.2f}"
    )
    for phase in PHASES:
        growth = large[phase]["peak_mb"] / small[phase]["peak_mb"]
        print(
            f"peak memory of {phase}: {small[phase]['peak_mb']:.0f} MB at {args.small:,}, "
            f"{large[phase]['peak_mb']:.0f} MB at {args.articles:,} (x{growth:.2f})"
        )
    print(f"python {sys.version.split()[0]}, pid {os.getpid()}")
    report(sizes, args.small, args.articles).write(args.json)


def report(sizes: dict[int, dict[str, dict[str, float]]], small: int, large: int) -> Results:
    """The results of both sizes for run_all.py."""
    results = Results(
        "parquet",
        f"generated articles of about 2 KB at {small:,} and {large:,} articles, "
        "each phase in its own process",
    )
    results.table(
        "Phases",
        ["phase", "articles", "seconds", "articles/s", "MB", "peak MB"],
        [
            [
                phase,
                articles,
                round(outcome["seconds"], 1),
                round(articles / outcome["seconds"]),
                round(outcome["bytes"] / 1e6),
                round(outcome["peak_mb"]),
            ]
            for articles, phases in sizes.items()
            for phase, outcome in phases.items()
        ],
    )
    at_large = sizes[large]
    for action in ("write", "read"):
        jsonl, parquet = at_large[f"{action}-jsonl"], at_large[f"{action}-parquet"]
        results.ratio(
            f"Parquet / JSONL, {action} throughput",
            jsonl["seconds"] / parquet["seconds"],
            f"Parquet is faster to {action}",
            documented=f"{'1.23' if action == 'write' else '0.90'} at 1,000,000 (benchmarks/README.md)",
        )
    for phase in ("write-parquet", "read-parquet"):
        results.ratio(
            f"{phase}: peak memory at {large:,} / at {small:,}",
            at_large[phase]["peak_mb"] / sizes[small][phase]["peak_mb"],
            "memory grows with the corpus",
            at_most=1.2,
            bar="streaming: the peak should not grow with the corpus",
            documented=f"{'1.00' if phase == 'write-parquet' else '1.08'} from 100,000 to 1,000,000 (README.md)",
        )
    results.bars(
        f"Parquet and JSONL phases at {large:,} articles",
        "articles/s",
        {phase: large / outcome["seconds"] for phase, outcome in at_large.items()},
    )
    for articles, phases in sizes.items():
        for phase, outcome in phases.items():
            results.point(
                "Parquet: peak memory by corpus size",
                phase,
                articles,
                outcome["peak_mb"],
                xlabel="articles",
                ylabel="peak MB",
            )
    return results


if __name__ == "__main__":
    main()
