"""WARC parsing speed: FastWARC (what corpuskit-warc uses) against warcio, on the same records.

Reads ../shared/corpora/warc/resiliparse/tests/data/warcfile.warc (a Common Crawl excerpt)
into memory, walks every record and reads every block with each library, several rounds,
and prints the seconds per round and the ratio.

    python benchmarks/warc_parsing.py [--shared ../shared] [--rounds 20]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
