"""Options and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from corpuskit.io import ArticleReader

__all__ = ["add_input_options", "add_output_options", "reader_options", "report_failures"]


def add_input_options(parser: argparse.ArgumentParser, *, on_error: str = "raise") -> None:
    """Add INPUT..., --format, --on-error (defaulting to ``on_error``) and --columns."""
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns"
    )
    parser.add_argument(
        "--format",
        "-f",
        metavar="NAME",
        help="read every input as this format (default: by suffix, then content)",
    )
    parser.add_argument(
        "--on-error",
        choices=("raise", "skip"),
        default=on_error,
        help=(
            "on a bad record: stop with an error (raise) or skip it and report it (skip); "
            f"default: {on_error}"
        ),
    )
    parser.add_argument(
        "--columns",
        metavar="FIELD=COLUMN,...",
        help="map Article fields to differently named columns (CSV, Parquet)",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Add -o/--output and --to (the output's format, default by its suffix)."""
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the output file (its suffix picks format and compression)",
    )
    parser.add_argument(
        "--to", metavar="NAME", help="write this format (default: by the output suffix)"
    )


def reader_options(args: argparse.Namespace) -> dict[str, Any]:
    """The reader options the input flags ask for."""
    options: dict[str, Any] = {}
    if getattr(args, "columns", None):
        options["columns"] = args.columns
    return options


def report_failures(reader: ArticleReader) -> None:
    """Print each skipped record as ``path:line: message`` and a one-line count."""
    for failure in reader.failures:
        print(f"{failure} (skipped)", file=sys.stderr)
    if reader.failures:
        print(f"corpuskit: skipped {len(reader.failures)} bad record(s)", file=sys.stderr)
