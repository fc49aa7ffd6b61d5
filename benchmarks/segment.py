"""Sentence splitting: corpuskit next to pySBD, blingfire, syntok and NLTK Punkt (when installable).

Prints, from one run on the same inputs:
* the English Golden Rules pass count of each splitter (../shared/gold/golden-rules-en.json);
* sentence throughput in MB/s (UTF-8) on the BBC corpus (../shared/corpora/bbc/), with ratios;
* corpuskit's time on adversarial texts of 1 to 10 MB (the linear-time curve).

Usage: python benchmarks/segment.py [--shared DIR] [--pysbd-share F] [--max-mb N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from _results import Results, add_json_option

from corpuskit import sentences

Splitter = Callable[[str], list[str]]
ROOT = Path(__file__).resolve().parent.parent


def corpuskit_split(text: str) -> list[str]:
    """Return corpuskit's sentences as strings, the way the peers return them."""
    return [text[start:end] for start, end in sentences(text)]


def peers() -> dict[str, Splitter]:
    """Every peer that is installed, by name."""
    found: dict[str, Splitter] = {}
    try:
        import pysbd  # noqa: PLC0415 - a missing peer is skipped

        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = segmenter.segment
    except ImportError:
        print("pysbd: not installed (pip install -r benchmarks/requirements.txt)")
    try:
        import blingfire  # noqa: PLC0415 - a missing peer is skipped

        found["blingfire"] = lambda text: blingfire.text_to_sentences(text).split("\n")
        found["blingfire-offsets"] = lambda text: blingfire.text_to_sentences_and_offsets(text)[
            0
        ].split("\n")
    except ImportError:
        print("blingfire: not installed")
    try:
        from syntok import segmenter as syntok_segmenter  # noqa: PLC0415 - a missing peer is skipped

        def syntok_split(text: str) -> list[str]:
            return [
                "".join(token.spacing + token.value for token in sentence).strip()
                for paragraph in syntok_segmenter.process(text)
                for sentence in paragraph
            ]

        found["syntok"] = syntok_split
    except ImportError:
        print("syntok: not installed")
    try:
        import nltk  # noqa: PLC0415 - a missing peer is skipped

        nltk.data.find("tokenizers/punkt_tab/english/")
        found["nltk-punkt"] = nltk.tokenize.sent_tokenize
    except ImportError:
        print("nltk-punkt: nltk not installed")
    except LookupError:
        print(
            "nltk-punkt: skipped - no PyPI package ships its punkt_tab data"
            " (nltk.download needs a network)"
        )
    return found


def fold(text: str) -> str:
    """``text`` with whitespace runs folded to one space."""
    return " ".join(text.split())


def golden_rules(split: Splitter, cases: list[dict[str, object]]) -> int:
    """How many Golden Rules ``split`` passes."""
    passed = 0
    for case in cases:
        text = str(case["text"])
        expected = [fold(str(s)) for s in case["expected"]]  # type: ignore[attr-defined]
        got = [fold(s) for s in split(text) if s.strip()]
        passed += got == expected
    return passed


def throughput(
    split: Splitter, texts: Iterable[str], megabytes: float, repeat: int
) -> tuple[float, int]:
    """Best MB/s of ``repeat`` runs, and the number of sentences found."""
    best = float("inf")
    count = 0
    texts = list(texts)
    for _ in range(repeat):
        started = time.perf_counter()
        count = sum(len(split(text)) for text in texts)
        best = min(best, time.perf_counter() - started)
    return megabytes / best, count


def adversarial(kind: str, size: int) -> str:
    """A synthetic text of ``size`` characters built to stress one rule."""
    units = {
        "no sentence end": "lorem ipsum dolor sit amet consectetur ",
        "only abbreviations": "Mr. Dr. Prof. e.g. i.e. U.S. a.m. St. ",
        "one run of dots": ".",
        "no whitespace": "ab.Cd@e.f/",
        "only whitespace": " \n\t",
        "enumeration markers": "1. a) ii. • ",
    }
    unit = units[kind]
    return (unit * (size // len(unit) + 1))[:size] + ("x" if kind == "one run of dots" else "")


def linear_time(sizes: list[int], results: Results) -> None:
    """Time corpuskit on each adversarial text at each size; print and record the curve."""
    kinds = [
        "no sentence end",
        "only abbreviations",
        "one run of dots",
        "no whitespace",
        "only whitespace",
        "enumeration markers",
    ]
    growths: dict[str, float] = {}
    for kind in kinds:
        cells = []
        per_kb = []
        for size in sizes:
            text = adversarial(kind, size * 1_000_000)
            # Some texts take milliseconds: repeat each call until a round lasts 0.2 s, so
            # timer noise and caches do not decide the ratio; best of two rounds (shared machine).
            started = time.perf_counter()
            sentences(text)
            calls = max(1, math.ceil(0.2 / max(time.perf_counter() - started, 1e-6)))
            elapsed = float("inf")
            for _ in range(2):
                started = time.perf_counter()
                for _ in range(calls):
                    sentences(text)
                elapsed = min(elapsed, (time.perf_counter() - started) / calls)
            cells.append(f"{size:2d} MB {elapsed:6.3f}s")
            per_kb.append(elapsed / (size * 1000) * 1e6)
            results.point(
                "Segmentation: time per KB on adversarial texts",
                kind,
                size,
                per_kb[-1],
                xlabel="text size (MB)",
                ylabel="us per KB",
            )
        growth = per_kb[-1] / per_kb[0]
        growths[kind] = growth
        print(
            f"  {kind:20} "
            + "  ".join(cells)
            + f"   us/KB {per_kb[0]:.1f} -> {per_kb[-1]:.1f} (x{growth:.2f})"
        )
    worst = max(growths, key=growths.__getitem__)
    results.ratio(
        f"segmentation time per KB, {sizes[-1]} MB / {sizes[0]} MB, worst of {len(kinds)} texts ({worst})",
        growths[worst],
        "time grows faster than the text",
        at_most=1.5,
        bar="linear time: the time per KB stays flat (1.5 allows for a shared machine)",
    )


def main() -> None:
    """Run every measurement and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--pysbd-share",
        type=float,
        default=1.0,
        help="fraction of the corpus pySBD runs on (it is slow)",
    )
    parser.add_argument("--max-mb", type=int, default=10, help="largest adversarial text, in MB")
    add_json_option(parser)
    args = parser.parse_args()

    splitters: dict[str, Splitter] = {"corpuskit": corpuskit_split, **peers()}
    cases = json.loads((args.shared / "gold" / "golden-rules-en.json").read_text(encoding="utf-8"))
    print(f"\nEnglish Golden Rules ({len(cases)} cases)")
    passed: dict[str, int] = {}
    for name, split in splitters.items():
        passed[name] = golden_rules(split, cases)
        print(f"  {name:18} {passed[name]:3d} / {len(cases)}")

    paths = sorted(args.shared.glob("corpora/bbc/*/*.txt"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"\nBBC corpus: {len(texts)} files, {megabytes:.2f} MB")
    speeds: dict[str, float] = {}
    rows: list[list[str | int | float]] = []
    for name, split in splitters.items():
        share = args.pysbd_share if name == "pysbd" else 1.0
        sample = texts[: max(1, int(len(texts) * share))]
        sample_mb = sum(len(text.encode("utf-8")) for text in sample) / 1e6
        repeat = 1 if name in {"pysbd", "syntok"} else 3
        speeds[name], count = throughput(split, sample, sample_mb, repeat)
        print(f"  {name:18} {speeds[name]:8.2f} MB/s  {count:7d} sentences  ({sample_mb:.2f} MB)")
        rows.append([name, passed[name], round(speeds[name], 2), count, round(sample_mb, 2)])
    for name, speed in speeds.items():
        if name != "corpuskit":
            print(f"  corpuskit / {name:18} {speeds['corpuskit'] / speed:8.2f}x")

    sizes = [size for size in (1, 2, 5, 10) if size <= args.max_mb]
    results = Results(
        "segment",
        f"the English Golden Rules ({len(cases)} cases), the BBC corpus ({len(texts)} files, "
        f"{megabytes:.2f} MB), adversarial texts of {sizes[0]} to {sizes[-1]} MB",
    )
    results.table(
        "Sentence splitting",
        [
            "splitter",
            f"Golden Rules passed of {len(cases)}",
            "MB/s (BBC)",
            "sentences",
            "MB run on",
        ],
        rows,
    )
    for name, speed in speeds.items():
        if name != "corpuskit":
            results.ratio(
                f"corpuskit / {name}, throughput",
                speeds["corpuskit"] / speed,
                "corpuskit is faster",
                at_least=1.0,
                bar="corpuskit at least as fast as the peer",
            )
    results.bars("Sentence splitting on the BBC corpus", "MB/s", speeds, log=True)
    print("\nLinear time: corpuskit on adversarial texts (seconds; us/KB should stay flat)")
    linear_time(sizes, results)
    if args.pysbd_share < 1.0 and "pysbd" in speeds:
        results.note(
            f"pySBD ran on the first {args.pysbd_share:.0%} of the BBC files (it is slow)."
        )
    results.write(args.json)


if __name__ == "__main__":
    main()
