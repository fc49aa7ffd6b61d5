r"""Body extraction quality: corpuskit-html against trafilatura used directly, on the same pages.

Reads ../shared/corpora/html-articles/ (181 news pages and ground-truth.json) and prints,
for each extractor, the mean token-level precision, recall and F1 of the extracted body
against the ground-truth ``articleBody``, plus the time each took (as a ratio).

Tokens are the lower-cased ``\\w+`` words of a text, counted as a multiset: precision is
the share of extracted words that are in the truth, recall the share of true words that
were extracted (the article-extraction-benchmark's word-level score).

    python benchmarks/html_extraction.py [--shared ../shared] [--json PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import trafilatura
from _results import Results, add_json_option
from corpuskit_html import extract_article

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """The multiset of lower-cased words of ``text``."""
    return Counter(_WORD.findall(text.lower()))


def score(truth: str, predicted: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` words against ``truth`` words."""
    expected, got = tokens(truth), tokens(predicted)
    overlap = sum((expected & got).values())
    if not expected and not got:
        return 1.0, 1.0, 1.0
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(expected.values()) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def corpuskit_html(data: bytes, url: str) -> str:
    """The body corpuskit-html extracts."""
    return extract_article(data, url=url).text


def trafilatura_direct(data: bytes, url: str) -> str:
    """The body trafilatura extracts with its defaults."""
    return trafilatura.extract(data, url=url) or ""


def main() -> int:
    """Score every extractor on every page; print one line per extractor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    add_json_option(parser)
    args = parser.parse_args()
    folder = args.shared / "corpora" / "html-articles"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (key, gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()), item)
        for key, item in sorted(truth.items())
    ]
    extractors: dict[str, Callable[[bytes, str], str]] = {
        "corpuskit-html": corpuskit_html,
        "trafilatura": trafilatura_direct,
    }
    for extract in extractors.values():
        extract(pages[0][1], pages[0][2]["url"])  # warm up imports outside the timing
    print(f"{len(pages)} pages from {folder}")
    print(f"{'extractor':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'seconds':>8}")
    seconds: dict[str, float] = {}
    rows: list[list[str | float]] = []
    f1s: dict[str, float] = {}
    for name, extract in extractors.items():
        scores = []
        start = time.perf_counter()
        for _key, data, item in pages:
            scores.append(score(item["articleBody"], extract(data, item["url"])))
        seconds[name] = time.perf_counter() - start
        mean = [sum(column) / len(scores) for column in zip(*scores, strict=True)]
        precision, recall, f1 = mean
        print(f"{name:<16} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {seconds[name]:>8.1f}")
        rows.append([name, round(precision, 3), round(recall, 3), round(f1, 3)])
        rows[-1] += [round(seconds[name], 2), round(len(pages) / seconds[name], 1)]
        f1s[name] = f1
    ratio = seconds["corpuskit-html"] / seconds["trafilatura"]
    print(f"time ratio corpuskit-html / trafilatura: {ratio:.2f}")
    results = Results(
        "html_extraction",
        f"{len(pages)} saved news pages with a ground-truth body (article-extraction benchmark)",
    )
    columns = ["extractor", "precision", "recall", "F1", "seconds", "pages/s"]
    results.table("Body extraction, word-level scores", columns, rows)
    results.ratio(
        "corpuskit-html / trafilatura, F1",
        f1s["corpuskit-html"] / f1s["trafilatura"],
        "corpuskit-html extracts the body better",
        at_least=1.0,
        bar="corpuskit-html runs trafilatura and should not lose to it",
    )
    results.ratio(
        "corpuskit-html / trafilatura, throughput",
        1 / ratio,
        "corpuskit-html is faster (it also finds dates, so it does more)",
    )
    speeds = {name: len(pages) / value for name, value in seconds.items()}
    results.bars("HTML body extraction", "pages/s", speeds)
    results.write(args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
