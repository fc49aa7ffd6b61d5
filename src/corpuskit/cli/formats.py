"""``corpuskit formats``: list every format, where it comes from, and what it can do."""

from __future__ import annotations

import argparse
import json

from corpuskit.plugins import format_registry, plugin_infos

NAME = "formats"
HELP = "list the formats corpuskit can read and write, and the plugins that provide them"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add formats' arguments."""
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    """Print the table (or JSON) of formats, and plugins that failed to load."""
    rows = [
        {
            "name": fmt.name,
            "origin": fmt.origin or "",
            "plugin": fmt.plugin or "",
            "suffixes": list(fmt.suffixes),
            "read": fmt.reader is not None,
            "write": fmt.writer is not None,
            "description": fmt.description,
        }
        for fmt in format_registry()
    ]
    broken = [info for info in plugin_infos() if info.error]
    if args.json:
        print(
            json.dumps(
                {"formats": rows, "broken_plugins": [info.name for info in broken]}, indent=2
            )
        )
        return 0
    table = [("NAME", "ORIGIN", "SUFFIXES", "READ", "WRITE")]
    table += [
        (
            fmt.name,
            fmt.origin or "",
            " ".join(fmt.suffixes) or "-",
            "yes" if fmt.reader is not None else "no",
            "yes" if fmt.writer is not None else "no",
        )
        for fmt in format_registry()
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
    for info in broken:
        print(f"plugin {info.name} ({info.origin}) failed to load: {info.error}")
    return 0
