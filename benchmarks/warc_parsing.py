"""WARC parsing speed: FastWARC (what corpuskit-warc uses) against warcio, on the same records.

Reads ../shared/corpora/warc/resiliparse/tests/data/warcfile.warc (a Common Crawl excerpt)
into memory, walks every record and reads every block with each library, several rounds,
and prints the seconds per round and the ratio.

    python benchmarks/warc_parsing.py [--shared ../shared] [--rounds 20] [--json PATH]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

from _results import Results, add_json_option
from fastwarc.warc import ArchiveIterator as FastIterator
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

ROOT = Path(__file__).resolve().parent.parent


def with_fastwarc(data: bytes) -> int:
    """Walk every record with FastWARC, reading each payload; return the bytes read."""
    return sum(
        len(record.reader.read()) for record in FastIterator(io.BytesIO(data), parse_http=True)
    )


def with_warcio(data: bytes) -> int:
    """Walk every record with warcio, reading each payload; return the bytes read."""
    return sum(len(record.content_stream().read()) for record in WarcioIterator(io.BytesIO(data)))


def main() -> int:
    """Time both libraries on the same bytes and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rounds", type=int, default=20)
    add_json_option(parser)
    args = parser.parse_args()
    path = args.shared / "corpora" / "warc" / "resiliparse" / "tests" / "data" / "warcfile.warc"
    data = path.read_bytes()
    seconds = {}
    for name, walk in (("fastwarc", with_fastwarc), ("warcio", with_warcio)):
        walk(data)
        start = time.perf_counter()
        for _ in range(args.rounds):
            walk(data)
        seconds[name] = (time.perf_counter() - start) / args.rounds
        print(f"{name:<9} {seconds[name] * 1000:8.2f} ms per pass over {len(data):,} bytes")
    print(f"warcio / fastwarc time ratio: {seconds['warcio'] / seconds['fastwarc']:.1f}")
    results = Results(
        "warc_parsing",
        f"the Common Crawl excerpt {path.name}, {len(data):,} bytes, in memory, "
        f"mean of {args.rounds} passes",
    )
    results.table(
        "Walking every record and reading its block",
        ["library", "ms per pass", "MB/s"],
        [
            [name, round(value * 1000, 2), round(len(data) / 1e6 / value, 1)]
            for name, value in seconds.items()
        ],
    )
    results.ratio(
        "fastwarc (used by corpuskit-warc) / warcio, throughput",
        seconds["warcio"] / seconds["fastwarc"],
        "FastWARC is faster",
        at_least=1.0,
        bar="the reader corpuskit-warc chose is the faster one",
        documented="3.6 to 6.6 (docs/formats/warc.md)",
    )
    results.bars(
        "Walking WARC records",
        "MB/s",
        {name: len(data) / 1e6 / value for name, value in seconds.items()},
    )
    results.write(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
