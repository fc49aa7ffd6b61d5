"""The run report: counts that add up, per-step figures, and a self-contained HTML view."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import platform
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from corpuskit._version import __version__
from corpuskit.io import atomic_output
from corpuskit.model import Article, Drop, Failure

if TYPE_CHECKING:
    from corpuskit.pipeline.run import Pipeline, RunOptions

__all__ = ["AccountingError", "Report", "RunStats"]

_MAX_LISTED = 1000
_LENGTH_BUCKETS = (0, 100, 250, 500, 1000, 2000, 4000, 8000, 16000, 32000)


class RunStats:
    """Figures gathered about written articles while they stream past (constant memory)."""

    def __init__(self) -> None:
        """Start empty."""
        self.per_month: Counter[str] = Counter()
        self.lengths: Counter[int] = Counter()
        self.undated = 0
        self.files_resumed = 0

    def add_written(self, article: Article) -> None:
        """Count one written article by month and text length."""
        if article.date is None:
            self.undated += 1
        else:
            self.per_month[f"{article.date.year:04d}-{article.date.month:02d}"] += 1
        size = len(article.text)
        bucket = 0
        for bound in _LENGTH_BUCKETS:
            if size >= bound:
                bucket = bound
        self.lengths[bucket] += 1


class AccountingError(RuntimeError):
    """read != written + dropped + failed: a bug in corpuskit or in a step, never ignored."""


def _resolve_kept(drops: Sequence[Drop]) -> list[Drop]:
    """Point each drop's ``kept_id`` at the article that survives to the output.

    An exact duplicate's keeper may lose to a near duplicate in a later step; the
    report names the final survivor, and the detail keeps the step's own answer.
    """
    later = {
        drop.article.id: drop.kept_id
        for drop in drops
        if drop.kept_id and drop.kept_id != drop.article.id
    }
    resolved = []
    for drop in drops:
        kept, seen = drop.kept_id, set()
        while kept in later and kept not in seen:
            seen.add(kept)
            kept = later[kept]
        if kept != drop.kept_id:
            detail = f"{drop.detail}; {drop.kept_id} was itself dropped for {kept}"
            drop = attrs.evolve(drop, kept_id=kept, detail=detail)  # noqa: PLW2901
        resolved.append(drop)
    return resolved


def _plugin_versions() -> dict[str, str]:
    from corpuskit.plugins import plugin_infos  # noqa: PLC0415 - plugins are loaded by then

    return {info.name: info.origin for info in plugin_infos()}


class Report:
    """What a run did: ``counts`` at the top, then steps, drops, failures and figures."""

    def __init__(self, data: dict[str, Any]) -> None:
        """Wrap the JSON-ready ``data``; use :meth:`build`."""
        self.data = data

    @property
    def counts(self) -> dict[str, Any]:
        """``{"read": …, "written": …, "dropped": {reason: …}, "failed": …}``."""
        counts: dict[str, Any] = self.data["counts"]
        return counts

    @classmethod
    def build(
        cls,
        *,
        pipeline: Pipeline,
        inputs: Sequence[str],
        output: str,
        read: int,
        written: int,
        drops: Sequence[Drop],
        failures: Sequence[Failure],
        seconds: dict[str, float],
        stats: RunStats,
        started: float,
        options: RunOptions,
    ) -> Report:
        """Assemble the report of a finished run."""
        dropped_by_reason = Counter(drop.reason for drop in drops)
        drops = _resolve_kept(drops)
        steps = []
        for step in pipeline.steps:
            step_drops = Counter(drop.reason for drop in drops if drop.step == step.name)
            steps.append(
                {
                    "name": step.name,
                    "config": step.config(),
                    "dropped": dict(sorted(step_drops.items())),
                    "seconds": round(seconds.get(step.name, 0.0), 6),
                    "notes": step.notes.to_dict(),
                    **({"report": step.report()} if step.report() else {}),
                }
            )
        elapsed = dt.datetime.now(dt.timezone.utc).timestamp() - started
        data: dict[str, Any] = {
            "counts": {
                "read": read,
                "written": written,
                "dropped": dict(sorted(dropped_by_reason.items())),
                "failed": len(failures),
            },
            "accounting": (
                f"{read} read = {written} written + {sum(dropped_by_reason.values())} dropped "
                f"+ {len(failures)} failed"
            ),
            "corpuskit": __version__,
            "plugins": _plugin_versions(),
            "python": platform.python_version(),
            "started": dt.datetime.fromtimestamp(started, dt.timezone.utc).isoformat(
                timespec="seconds"
            ),
            "elapsed_seconds": round(elapsed, 3),
            "inputs": list(inputs),
            "output": output,
            "configuration": {
                **pipeline.config,
                "run": {
                    "format": options.format,
                    "to": options.to,
                    "on_error": options.on_error,
                    "reader_options": {k: str(v) for k, v in options.reader_options.items()},
                    "jobs": options.jobs,
                    "engine": options.engine,
                    "engine_options": {k: str(v) for k, v in options.engine_options.items()},
                },
            },
            "seconds": {"read": round(seconds.get("read", 0.0), 6)},
            "steps": steps,
            "failures": [failure.to_dict() for failure in failures[:_MAX_LISTED]],
            "drops": [drop.to_dict() for drop in drops[:_MAX_LISTED]],
            "listed_at_most": _MAX_LISTED,
            "figures": {
                "articles_per_month": dict(sorted(stats.per_month.items())),
                "undated": stats.undated,
                "text_length_buckets": {str(k): v for k, v in sorted(stats.lengths.items())},
                "files_resumed": stats.files_resumed,
            },
        }
        return cls(data)

    def check_accounting(self) -> None:
        """Raise if ``read != written + dropped + failed`` (a bug, never a user error)."""
        counts = self.counts
        total = counts["written"] + sum(counts["dropped"].values()) + counts["failed"]
        if counts["read"] != total:
            raise AccountingError(
                f"corpuskit bug: accounting does not add up: {self.data['accounting']}"
            )

    def summary(self) -> str:
        """A few lines for a human: the accounting, drops by reason, what steps noted, failures, time."""
        counts = self.counts
        lines = [f"corpuskit: {self.data['accounting']}"]
        for reason, number in counts["dropped"].items():
            lines.append(f"  dropped {number:>8,}  {reason}")
        for step in self.data.get("steps", ()):
            for what, number in step["notes"]["counts"].items():
                lines.append(f"  noted   {number:>8,}  {step['name']}: {what}")
        if counts["failed"]:
            lines.append(
                f"  failed  {counts['failed']:>8,}  (see the report for path:line of each)"
            )
        lines.append(f"  wrote {self.data['output']} in {self.data['elapsed_seconds']:.1f} s")
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report as indented JSON."""
        return json.dumps(self.data, indent=2, ensure_ascii=False, default=str)

    def write_json(self, path: str | os.PathLike[str]) -> None:
        """Write the JSON report atomically."""
        with atomic_output(path) as handle:
            handle.write(self.to_json().encode())

    def write_html(self, path: str | os.PathLike[str]) -> None:
        """Write a self-contained HTML report (inline SVG charts, no scripts, opens offline)."""
        with atomic_output(path) as handle:
            handle.write(render_html(self.data).encode())


# ----------------------------------------------------------------------------- HTML


def _bar_chart(
    title: str, items: Sequence[tuple[str, int]], *, width: int = 760, vertical: bool = True
) -> str:
    """An inline SVG bar chart; vertical bars for series, horizontal ones for categories."""
    if not items:
        return f"<section><h2>{html.escape(title)}</h2><p>Nothing to show.</p></section>"
    peak = max(value for _, value in items) or 1
    parts = []
    if vertical:
        height, bottom, left = 220, 40, 30
        step = (width - left) / len(items)
        bar = max(step * 0.8, 1.0)
        for index, (label, value) in enumerate(items):
            bar_height = (height - bottom - 10) * value / peak
            x = left + index * step
            y = height - bottom - bar_height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{bar_height:.1f}" fill="#3b7dd8">'
                f"<title>{html.escape(label)}: {value:,}</title></rect>"
            )
        every = max(1, math.ceil(len(items) / 12))
        for index in range(0, len(items), every):
            label = html.escape(items[index][0])
            x = index * step + bar / 2
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 14}" font-size="10" text-anchor="middle">{label}</text>'
            )
        parts.append(f'<text x="2" y="10" font-size="10">max {peak:,}</text>')
    else:
        row = 22
        height = row * len(items) + 10
        label_width = 220
        for index, (label, value) in enumerate(items):
            bar_width = (width - label_width - 80) * value / peak
            y = index * row + 5
            text = html.escape(label[:40])
            parts.append(
                f'<text x="{label_width - 6}" y="{y + 14}" font-size="12" text-anchor="end">{text}</text>'
            )
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{bar_width:.1f}" height="{row - 6}" fill="#d8683b"/>'
            )
            parts.append(
                f'<text x="{label_width + bar_width + 4:.1f}" y="{y + 14}" font-size="12">{value:,}</text>'
            )
    label = html.escape(title)
    head = f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{label}">'
    svg = f"{head}{''.join(parts)}</svg>"
    return f"<section><h2>{html.escape(title)}</h2>{svg}</section>"


def _clusters(data: dict[str, Any]) -> list[tuple[str, int]]:
    clusters: list[tuple[str, int]] = []
    for step in data["steps"]:
        for cluster in step.get("report", {}).get("clusters", []):
            size = int(cluster.get("size", len(cluster.get("members", [])) + 1))
            clusters.append((f"{step['name']}: {cluster.get('kept', '?')}", size))
    clusters.sort(key=lambda item: (-item[1], item[0]))
    return clusters[:15]


def _time_axis(per_month: dict[str, int]) -> list[tuple[str, int]]:
    """Every month from the first to the last (empty ones too); by year when that is too many bars."""
    if not per_month:
        return []
    first, last = min(per_month), max(per_month)
    year, month = int(first[:4]), int(first[5:7])
    end_year, end_month = int(last[:4]), int(last[5:7])
    if (end_year - year) * 12 + end_month - month > 360:  # noqa: PLR2004 - thirty years of months
        per_year: Counter[str] = Counter()
        for key, value in per_month.items():
            per_year[key[:4]] += value
        return [(str(y), per_year.get(str(y), 0)) for y in range(year, end_year + 1)]
    axis = []
    while (year, month) <= (end_year, end_month):
        key = f"{year:04d}-{month:02d}"
        axis.append((key, per_month.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)  # noqa: PLR2004
    return axis


def render_html(data: dict[str, Any]) -> str:
    """The HTML text of a report."""
    counts = data["counts"]
    figures = data["figures"]
    months = _time_axis(figures["articles_per_month"])
    lengths = [
        (f"≥{int(bound):,}", value) for bound, value in figures["text_length_buckets"].items()
    ]
    reasons = sorted(counts["dropped"].items(), key=lambda item: -item[1])
    if counts["failed"]:
        reasons.append(("failed to read", counts["failed"]))
    rows = "".join(
        f"<tr><td>{html.escape(step['name'])}</td><td>{sum(step['dropped'].values()):,}</td>"
        f"<td>{step['seconds']:.3f}</td><td><code>{html.escape(json.dumps(step['config']))}</code></td></tr>"
        for step in data["steps"]
    )
    failures = "".join(
        f"<li><code>{html.escape(str(f['path']))}:{f['line']}</code> {html.escape(f['message'])}</li>"
        for f in data["failures"][:50]
    )
    sections = [
        _bar_chart("Articles written per month", months),
        _bar_chart("Text length (characters)", lengths),
        _bar_chart("Drops by reason", reasons, vertical=False),
        _bar_chart("Largest duplicate clusters (members)", _clusters(data), vertical=False),
    ]
    style = (
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:900px;color:#222}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
        ".counts span{display:inline-block;margin-right:2em;font-size:1.3em}"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>corpuskit report</title><style>{style}</style></head>
<body>
<h1>corpuskit report</h1>
<p>{html.escape(data["started"])} · corpuskit {html.escape(data["corpuskit"])} · {data["elapsed_seconds"]:.1f} s
· output <code>{html.escape(data["output"])}</code></p>
<div class="counts"><span>read {counts["read"]:,}</span><span>written {counts["written"]:,}</span>
<span>dropped {sum(counts["dropped"].values()):,}</span><span>failed {counts["failed"]:,}</span></div>
<p><strong>{html.escape(data["accounting"])}</strong></p>
{"".join(sections)}
<section><h2>Steps</h2><table><tr><th>step</th><th>dropped</th><th>seconds</th><th>configuration</th></tr>{rows}</table></section>
<section><h2>Failures</h2>{f"<ul>{failures}</ul>" if failures else "<p>None.</p>"}</section>
</body></html>
"""
