"""``corpuskit convert``: read inputs in any format and write them in another."""

from __future__ import annotations

import argparse
import sys

from corpuskit.cli._common import (
    add_input_options,
    add_output_options,
    reader_options,
    report_failures,
)
from corpuskit.errors import ConfigError
from corpuskit.io import read, write

NAME = "convert"
HELP = "convert inputs of any readable format into one output file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add convert's arguments."""
    add_input_options(parser)
    add_output_options(parser)
    parser.add_argument(
        "--write-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an option for the output format's writer, such as compression=zstd (repeatable)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")


def writer_options(items: list[str]) -> dict[str, str]:
    """``["compression=zstd", ...]`` as ``{"compression": "zstd", ...}``."""
    options = {}
    for item in items:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise ConfigError(f"--write-option takes KEY=VALUE, got {item!r}")
        options[key.strip()] = value.strip()
    return options


def run(args: argparse.Namespace) -> int:
    """Convert and print a one-line count."""
    reader = read(
        args.inputs, format=args.format, on_error=args.on_error, options=reader_options(args)
    )
    written = write(reader, args.output, format=args.to, options=writer_options(args.write_option))
    report_failures(reader)
    if not args.quiet:
        print(
            f"corpuskit: wrote {written} article(s) from {reader.files_done} file(s) to {args.output}",
            file=sys.stderr,
        )
    return 0
