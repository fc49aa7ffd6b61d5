"""corpuskit.read on the date-header format next to the floor, on one 100k-article file, in one run.

The floor is the least a Python program can do with the same bytes: `open().read()` the
whole file, split it into records at header lines and each record into paragraphs.
corpuskit does more (streaming in constant memory, line numbers, byte offsets, dates,
ids, whitespace normalization), so the ratio says what that costs.

Usage: python benchmarks/read_dateheader.py [--articles N] [--repeat R] [--json PATH]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _corpus import write_dateheader_corpus
from _results import Results, add_json_option

import corpuskit

HEADER_SPLIT = re.compile(r"^date ", re.MULTILINE)


def floor(path: Path) -> int:
    """Read the file and split it into records and paragraphs: the baseline."""
    with path.open(encoding="utf-8") as handle:
        text = handle.read()
    count = 0
    for record in HEADER_SPLIT.split(text):
        if record:
            _header, _, body = record.partition("\n")
            body.split("\n\n")
            count += 1
    return count


def corpuskit_read(path: Path) -> int:
    """Stream every Article through corpuskit.read."""
    count = 0
    for _ in corpuskit.read(path, format="dateheader"):
        count += 1
    return count


def best_of(function: Callable[[Path], int], path: Path, repeat: int) -> tuple[float, int]:
    """The best time of ``repeat`` calls, and the last result."""
    times = []
    result = 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(path)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    """Generate the corpus once, time both, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    add_json_option(parser)
    args = parser.parse_args()
    path = Path(tempfile.gettempdir()) / f"corpuskit-bench-dateheader-{args.articles}.txt"
    write_dateheader_corpus(path, args.articles)
    size_mb = path.stat().st_size / 1e6
    # Interleave the two so that machine noise hits both alike.
    floor_times, ours_times = [], []
    for _ in range(args.repeat):
        seconds, floor_count = best_of(floor, path, 1)
        floor_times.append(seconds)
        seconds, ours_count = best_of(corpuskit_read, path, 1)
        ours_times.append(seconds)
    if floor_count != ours_count:
        raise SystemExit(f"record counts differ: floor {floor_count}, corpuskit {ours_count}")
    floor_best, ours_best = min(floor_times), min(ours_times)
    print(
        f"input: {path} ({args.articles} articles, {size_mb:.1f} MB); best of {args.repeat}, interleaved"
    )
    print(f"{'tool':<28}{'seconds':>9}{'MB/s':>9}{'articles/s':>13}")
    tools = (("floor (read + split)", floor_best), ("corpuskit.read", ours_best))
    for name, seconds in tools:
        print(f"{name:<28}{seconds:>9.3f}{size_mb / seconds:>9.1f}{ours_count / seconds:>13,.0f}")
    median_ratio = statistics.median(floor_times) / statistics.median(ours_times)
    print(
        f"corpuskit.read throughput / floor throughput = {floor_best / ours_best:.2f}  (median {median_ratio:.2f})"
    )
    results = Results(
        "read_dateheader",
        f"{args.articles:,} generated date-header articles, {size_mb:.0f} MB, "
        f"best of {args.repeat} interleaved runs",
    )
    results.table(
        "Reading",
        ["tool", "seconds", "MB/s", "articles/s"],
        [
            [name, round(seconds, 3), round(size_mb / seconds, 1), round(ours_count / seconds)]
            for name, seconds in tools
        ],
    )
    results.ratio(
        "corpuskit.read / floor, throughput",
        floor_best / ours_best,
        f"corpuskit.read is faster (median of the runs: {median_ratio:.2f})",
        documented="0.98 (README.md)",
    )
    results.bars("Reading date-header files", "MB/s", {n: size_mb / s for n, s in tools})
    results.write(args.json)


if __name__ == "__main__":
    main()
