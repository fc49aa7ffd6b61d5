"""The Reuters-21578 SGML reader against a floor that only reads the files and splits them.

Usage: python benchmarks/sgml.py [SGM_DIR] [--repeat N] [--json PATH]

Peers, each run on the same files in this one process, best of N runs (interleaved):

* floor: read each file in 1 MiB blocks and split it at ``</REUTERS>`` (no parsing at all);
* floor + Articles: the floor, then one minimal ``Article`` per document (the least any
  reader that yields Articles must do; it shows what the Article model itself costs);
* corpuskit-sgml: ``read_reuters``, every field parsed.

Prints seconds, documents, MB/s, and the reader's speed as a percentage of each peer's.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from _results import Results, add_json_option
from corpuskit_sgml.reuters import read_reuters

from corpuskit import Article, SourceRef
from corpuskit.plugins import Source

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578" / "sgm"
BLOCK = 1 << 20
END = b"</REUTERS>"


def floor(paths: list[Path]) -> int:
    """Read every file in blocks and split it at </REUTERS>; return the number of documents."""
    count = 0
    for path in paths:
        with path.open("rb") as stream:
            rest = b""
            while block := stream.read(BLOCK):
                pieces = (rest + block).split(END)
                rest = pieces.pop()
                count += len(pieces)
    return count


def floor_with_articles(paths: list[Path]) -> int:
    """The floor, plus one minimal Article per document."""
    count = 0
    for path in paths:
        with path.open("rb") as stream:
            rest = b""
            while block := stream.read(BLOCK):
                pieces = (rest + block).split(END)
                rest = pieces.pop()
                for piece in pieces:
                    Article(
                        id=str(count),
                        text=piece.decode("latin-1"),
                        source=SourceRef(path=str(path), format="floor"),
                    )
                    count += 1
    return count


def reader(paths: list[Path]) -> int:
    """corpuskit-sgml's Reuters reader over every file; return the number of Articles."""
    count = 0
    for path in paths:
        with path.open("rb") as stream:
            for item in read_reuters(Source(path=str(path), stream=stream, format="reuters-sgml")):
                count += isinstance(item, Article)
    return count


def main() -> None:
    """Run the peers and print the ratios."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=5)
    add_json_option(parser)
    args = parser.parse_args()
    paths = sorted(Path(args.directory).glob("*.sgm"))
    if not paths:
        raise SystemExit(f"no .sgm files in {args.directory}")
    size = sum(path.stat().st_size for path in paths)
    peers: dict[str, Callable[[list[Path]], int]] = {
        "floor (read + split)": floor,
        "floor + Articles": floor_with_articles,
        "corpuskit-sgml": reader,
    }
    best = dict.fromkeys(peers, float("inf"))
    counts: dict[str, int] = {}
    for _ in range(args.repeat):
        for name, run in peers.items():
            start = time.perf_counter()
            counts[name] = run(paths)
            best[name] = min(best[name], time.perf_counter() - start)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB, best of {args.repeat}")
    for name in peers:
        speed = size / 1e6 / best[name]
        print(f"{name:22} {best[name]:8.3f} s  {counts[name]:6d} docs  {speed:8.1f} MB/s")
    ours = best["corpuskit-sgml"]
    for name in ("floor (read + split)", "floor + Articles"):
        print(f"corpuskit-sgml speed as % of {name}: {100 * best[name] / ours:.1f}%")
    results = Results(
        "sgml",
        f"Reuters-21578: {len(paths)} files, {size / 1e6:.1f} MB, best of {args.repeat} interleaved runs",
    )
    results.table(
        "Reading the Reuters SGML files",
        ["tool", "seconds", "documents", "MB/s"],
        [
            [name, round(best[name], 3), counts[name], round(size / 1e6 / best[name], 1)]
            for name in peers
        ],
    )
    for name in ("floor (read + split)", "floor + Articles"):
        results.ratio(
            f"corpuskit-sgml / {name}, throughput",
            best[name] / ours,
            "corpuskit-sgml is faster",
        )
    results.bars(
        "Reading Reuters-21578 SGML", "MB/s", {name: size / 1e6 / best[name] for name in peers}
    )
    results.write(args.json)


if __name__ == "__main__":
    main()
