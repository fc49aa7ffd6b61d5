"""The machine-readable results a benchmark writes with ``--json PATH``, read by run_all.py.

A results file holds what the script printed, in a shape run_all.py renders without knowing
the benchmark: tables, ratios (each with an optional bar it must meet), bar charts, and points
of curves (run_all.py joins points of one curve across runs, so a size sweep can be one
curve even when each size is its own run).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

Cell = str | int | float | bool | None


class Results:
    """What one benchmark run measured, ready to be written as JSON."""

    def __init__(self, benchmark: str, summary: str) -> None:
        """Results of ``benchmark``; ``summary`` says what ran on what input."""
        self.data: dict[str, Any] = {
            "benchmark": benchmark,
            "summary": summary,
            "tables": [],
            "ratios": [],
            "bars": [],
            "points": [],
            "notes": [],
        }

    def table(self, title: str, columns: list[str], rows: list[list[Cell]]) -> None:
        """A table of ``rows`` under ``columns``."""
        self.data["tables"].append({"title": title, "columns": columns, "rows": rows})

    def ratio(
        self,
        name: str,
        value: float | bool,  # noqa: FBT001 - a check (outputs identical) is a ratio of one bit
        meaning: str,
        *,
        at_least: float | None = None,
        at_most: float | None = None,
        bar: str = "",
        documented: str = "",
    ) -> None:
        """A headline ratio; ``meaning`` says what a larger value means.

        ``at_least`` or ``at_most`` is the bar it should meet, ``bar`` says why that bar, and
        ``documented`` is the figure the docs quote for it, if any.
        """
        entry: dict[str, Any] = {"name": name, "value": value, "meaning": meaning}
        if at_least is not None:
            entry["at_least"] = at_least
        if at_most is not None:
            entry["at_most"] = at_most
        if bar:
            entry["bar"] = bar
        if documented:
            entry["documented"] = documented
        self.data["ratios"].append(entry)

    def bars(self, title: str, unit: str, values: dict[str, float], *, log: bool = False) -> None:
        """A bar chart of one value per tool, in ``unit`` (on a log scale when ``log``)."""
        self.data["bars"].append({"title": title, "unit": unit, "values": values, "log": log})

    def point(
        self, curve: str, series: str, x: float, y: float, *, xlabel: str, ylabel: str
    ) -> None:
        """One point of the line ``series`` on the plot ``curve``."""
        self.data["points"].append(
            {
                "curve": curve,
                "series": series,
                "x": x,
                "y": y,
                "xlabel": xlabel,
                "ylabel": ylabel,
            }
        )

    def note(self, text: str) -> None:
        """A sentence the page shows under the benchmark's tables."""
        self.data["notes"].append(text)

    def write(self, path: Path | None) -> None:
        """Write the results to ``path`` as JSON (nothing when ``path`` is None)."""
        if path is not None:
            path.write_text(json.dumps(self.data, indent=1) + "\n", encoding="utf-8")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--json PATH``: where to write the results for run_all.py."""
    parser.add_argument(
        "--json",
        type=Path,
        metavar="PATH",
        help="also write the results as JSON to PATH (read by benchmarks/run_all.py)",
    )
