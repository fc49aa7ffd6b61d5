"""``corpuskit dedupe``: drop exact and near duplicates (and boilerplate), explain every drop."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from corpuskit.cli._common import (
    add_input_options,
    add_output_options,
    reader_options,
    report_failures,
)
from corpuskit.dedupe import DedupeIndex, DedupeRun, DedupeSettings, dedupe
from corpuskit.errors import ConfigError
from corpuskit.io import ArticleReader, atomic_output, read, write
from corpuskit.model import Article

NAME = "dedupe"
HELP = "drop exact and near-duplicate articles, keeping one per cluster, and report why"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add dedupe's arguments."""
    add_input_options(parser)
    add_output_options(parser)
    parser.add_argument(
        "--method",
        choices=("exact", "near"),
        default="near",
        help="exact keys only, or MinHash near duplicates too (default: near)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.8,
        metavar="T",
        help="estimated Jaccard similarity that makes a near duplicate (default: 0.8)",
    )
    parser.add_argument(
        "--num-perm",
        type=int,
        default=128,
        metavar="N",
        help="MinHash signature length (default: 128)",
    )
    parser.add_argument(
        "--ngram", type=int, default=5, metavar="N", help="words per shingle (default: 5)"
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the hash functions (default: 1)"
    )
    parser.add_argument(
        "--keep",
        choices=("earliest", "longest", "first"),
        default="earliest",
        help="which member of a cluster survives: earliest date (then id), longest text, "
        "or first in the input (default: earliest)",
    )
    parser.add_argument(
        "--boilerplate",
        choices=("line", "paragraph", "sentence"),
        help="first remove lines, paragraphs or sentences that recur in many articles of one source",
    )
    parser.add_argument(
        "--boilerplate-min",
        type=int,
        default=5,
        metavar="K",
        help="a unit in at least K articles of a source is boilerplate (default: 5)",
    )
    parser.add_argument(
        "--index",
        metavar="FILE",
        help="dedupe against this index of earlier runs, then add these articles to it (created if absent)",
    )
    parser.add_argument(
        "--report",
        metavar="FILE",
        help="write a JSON report: counts, clusters with kept and dropped ids, drops, boilerplate",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")


class _Inputs:
    """The inputs, read afresh on every pass; failures are counted on the first pass only."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.first: ArticleReader | None = None

    def __iter__(self) -> Iterator[Article]:
        args = self.args
        reader = read(
            args.inputs, format=args.format, on_error=args.on_error, options=reader_options(args)
        )
        if self.first is None:
            self.first = reader
        return reader


def run(args: argparse.Namespace) -> int:
    """Dedupe, write the kept articles atomically, and print a one-line count."""
    settings = DedupeSettings(
        method=args.method,
        threshold=args.threshold,
        num_perm=args.num_perm,
        ngram=args.ngram,
        seed=args.seed,
    )
    if args.boilerplate_min < 2:  # noqa: PLR2004 - one article cannot make a unit recur
        raise ConfigError(f"--boilerplate-min must be at least 2, got {args.boilerplate_min}")
    index = DedupeIndex.open(args.index, settings) if args.index else None
    try:
        inputs = _Inputs(args)
        deduped = dedupe(
            inputs,
            method=settings.method,
            threshold=settings.threshold,
            num_perm=settings.num_perm,
            ngram=settings.ngram,
            seed=settings.seed,
            keep=args.keep,
            boilerplate=args.boilerplate,
            boilerplate_min_articles=args.boilerplate_min,
            index=index,
            commit_index=False,
        )
        written = write(deduped, args.output, format=args.to)
        # The output is in place: only now may the index remember these articles.
        deduped.commit_index()
    finally:
        if index is not None:
            index.close()
    failed = len(inputs.first.failures) if inputs.first is not None else 0
    report = build_report(deduped, written=written, failed=failed)
    if args.report:
        with atomic_output(args.report) as stream:
            stream.write(json.dumps(report, indent=2, ensure_ascii=False).encode("utf-8") + b"\n")
    if inputs.first is not None:
        report_failures(inputs.first)
    if not args.quiet:
        dropped = (
            ", ".join(f"{count} {reason}" for reason, count in sorted(report["dropped"].items()))
            or "none"
        )
        print(
            f"corpuskit: read {deduped.read} article(s), wrote {written} to {args.output}, "
            f"dropped {sum(report['dropped'].values())} ({dropped})",
            file=sys.stderr,
        )
    return 0


def build_report(deduped: DedupeRun, *, written: int, failed: int) -> dict[str, Any]:
    """The JSON report: counts that add up (read = written + dropped + failed), clusters, drops, boilerplate."""
    dropped = dict(sorted(deduped.dropped.items()))
    return {
        "read": deduped.read + failed,
        "written": written,
        "dropped": dropped,
        "failed": failed,
        "settings": deduped.settings.to_dict(),
        "keep": deduped.keep if isinstance(deduped.keep, str) else "callable",
        "clusters": [cluster.to_dict() for cluster in deduped.clusters],
        "drops": [drop.to_dict() for drop in deduped.drops],
        "boilerplate": [item.to_dict() for item in deduped.boilerplate],
        "superseded": [
            {"id": member.id, "position": member.position, "kept_id": kept.id}
            for member, kept in deduped.superseded
        ],
    }
