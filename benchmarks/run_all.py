"""Run every benchmark against its peers in one go and write docs/benchmarks.md with its plots.

Each benchmark runs as its own subprocess (its own peak memory, and a crash stays its own),
writes its results with ``--json``, and this script renders them: the machine, the versions of
corpuskit and every peer, the headline ratios with the bars they meet or miss, one section per
benchmark with its tables, and PNG plots (matplotlib) under docs/img/benchmarks/.
The results themselves go to docs/benchmarks.json, from which ``--render`` redraws the page.
A benchmark whose input in ../shared is absent is skipped with the reason on the page; one that
fails is recorded on the page, and the script exits 1 after writing it.

Usage:
    python benchmarks/run_all.py                 # the full run (10 to 20 minutes on 2 shared cores)
    python benchmarks/run_all.py --quick         # a smoke test with tiny inputs, written to a temporary directory
    python benchmarks/run_all.py --only dates --only sgml --output /tmp/page.md
    python benchmarks/run_all.py --render docs/benchmarks.json   # redraw the page, run nothing
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGE = ROOT / "docs" / "benchmarks.md"
GROUPS = ("Parsing", "Dates", "Segmentation", "Deduplication", "Cleaning", "Scale")


@dataclass(frozen=True)
class Run:
    """One invocation of one benchmark script."""

    name: str
    script: str
    group: str
    full: tuple[str, ...]
    quick: tuple[str, ...]
    needs: tuple[str, ...] = ()
    """Paths under the shared folder the run reads; it is skipped when one is absent."""


def _scale(size: str, articles: int, quick: int) -> Run:
    """One point of the pipeline's size sweep (scale.py runs one size), 5,000 articles a file."""
    return Run(
        f"scale-{size}",
        "scale",
        "Scale",
        ("--articles", str(articles), "--files", str(articles // 5000)),
        ("--articles", str(quick), "--files", str(quick // 1000)),
    )


RUNS: tuple[Run, ...] = (
    Run(
        "read_dateheader",
        "read_dateheader",
        "Parsing",
        ("--articles", "100000", "--repeat", "3"),
        ("--articles", "2000", "--repeat", "1"),
    ),
    Run(
        "sgml",
        "sgml",
        "Parsing",
        ("{shared}/corpora/reuters21578/sgm", "--repeat", "5"),
        ("{shared}/corpora/reuters21578/sgm", "--repeat", "1"),
        needs=("corpora/reuters21578/sgm",),
    ),
    Run(
        "warc_parsing",
        "warc_parsing",
        "Parsing",
        ("--shared", "{shared}", "--rounds", "50"),
        ("--shared", "{shared}", "--rounds", "2"),
        needs=("corpora/warc/resiliparse/tests/data/warcfile.warc",),
    ),
    Run(
        "html_extraction",
        "html_extraction",
        "Parsing",
        ("--shared", "{shared}"),
        ("--shared", "{shared}"),
        needs=("corpora/html-articles/ground-truth.json",),
    ),
    Run(
        "parquet",
        "parquet",
        "Parsing",
        ("--articles", "300000", "--small", "30000"),
        ("--articles", "2000", "--small", "1000"),
    ),
    Run("dates", "dates", "Dates", ("--size", "2000"), ("--size", "200")),
    Run(
        "segment",
        "segment",
        "Segmentation",
        ("--shared", "{shared}", "--pysbd-share", "0.2"),
        ("--shared", "{shared}", "--pysbd-share", "0.02", "--max-mb", "2"),
        needs=("gold/golden-rules-en.json", "corpora/bbc"),
    ),
    Run("dedupe", "dedupe", "Deduplication", ("--articles", "100000"), ("--articles", "1000")),
    Run(
        "clean",
        "clean",
        "Cleaning",
        ("--articles", "20000", "--files", "20"),
        ("--articles", "2000", "--files", "4"),
    ),
    _scale("small", 25_000, 2000),
    _scale("medium", 50_000, 4000),
    _scale("large", 100_000, 8000),
)


@dataclass
class Outcome:
    """What became of one run: ``ok``, ``failed`` or ``skipped``, with its results or the reason."""

    run: Run
    status: str
    seconds: float = 0.0
    command: str = ""
    reason: str = ""
    output_tail: str = ""
    results: dict[str, Any] = field(default_factory=dict)


# --- running -----------------------------------------------------------------------------------


def execute(run: Run, *, quick: bool, shared: Path, work: Path, timeout: float) -> Outcome:
    """Run one benchmark in a subprocess and collect its JSON results."""
    missing = [need for need in run.needs if not (shared / need).exists()]
    arguments = [
        part.replace("{shared}", str(shared)) for part in (run.quick if quick else run.full)
    ]
    command = ["python", f"benchmarks/{run.script}.py", *arguments]
    shown = " ".join(command).replace(str(shared), "../shared")
    if missing:
        reason = f"needs {', '.join('../shared/' + need for need in missing)} (absent)"
        return Outcome(run, "skipped", command=shown, reason=reason)
    output = work / f"{run.name}.json"
    log = work / f"{run.name}.log"
    output.unlink(missing_ok=True)
    started = time.perf_counter()
    try:
        with log.open("w", encoding="utf-8") as handle:
            done = subprocess.run(
                [sys.executable, str(HERE / f"{run.script}.py"), *arguments, "--json", str(output)],
                cwd=ROOT,
                stdout=handle,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        status = "ok" if done.returncode == 0 and output.exists() else "failed"
        reason = "" if status == "ok" else f"exited {done.returncode}"
    except subprocess.TimeoutExpired:
        status, reason = "failed", f"stopped after the {timeout:.0f} s time limit"
    seconds = time.perf_counter() - started
    tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
    if status == "failed":
        return Outcome(run, status, seconds, shown, reason, tail)
    results = json.loads(output.read_text(encoding="utf-8"))
    return Outcome(run, status, seconds, shown, results=results)


def machine() -> dict[str, str]:
    """CPU, cores, memory, OS and Python of this machine."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        found = re.search(r"^model name\s*:\s*(.+)$", info, re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
        total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
        memory = f"{int(total.group(1)) / 1024**2:.1f} GiB" if total else ""
    except OSError:
        pass
    system = platform.platform()
    with contextlib.suppress(OSError, KeyError, AttributeError):
        system = f"{platform.freedesktop_os_release()['PRETTY_NAME']} ({system})"
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "OS": system,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
    }


def _requirement_names(path: Path) -> list[str]:
    """The distribution names listed in a requirements file."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line.split("#", 1)[0])
        if found:
            names.append(found.group(1))
    return names


def versions() -> dict[str, str]:
    """Versions of corpuskit, its first-party plugins and every peer in benchmarks/requirements.txt."""
    ours = sorted(
        {
            dist.metadata["Name"]
            for dist in importlib.metadata.distributions()
            if (dist.metadata["Name"] or "").lower().startswith("corpuskit")
        }
    )
    found = {}
    for name in [*ours, *_requirement_names(HERE / "requirements.txt")]:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def commit() -> str:
    """The repository's commit, with ``+changes`` when the work tree differs from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "plugins"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" +changes in src or plugins" if dirty else "")


# --- rendering ---------------------------------------------------------------------------------


def slug(text: str) -> str:
    """A file-name-safe form of ``text``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plot_files(outcomes: Iterable[Outcome]) -> dict[str, str]:
    """The PNG file name of every plot the outcomes call for, by plot title (bars, then curves)."""
    names: dict[str, str] = {}
    for outcome in outcomes:
        for chart in outcome.results.get("bars", []):
            names.setdefault(chart["title"], f"{slug(chart['title'])}.png")
        for point in outcome.results.get("points", []):
            names.setdefault(point["curve"], f"{slug(point['curve'])}.png")
    return names


def passes(ratio: dict[str, Any]) -> bool | None:
    """Whether a ratio meets its bar; None when it has none."""
    value = float(ratio["value"])
    if "at_least" in ratio:
        return value >= float(ratio["at_least"])
    if "at_most" in ratio:
        return value <= float(ratio["at_most"])
    return None


def number(value: Any) -> str:
    """A table cell: yes/no, grouped integers, floats as the script rounded them, escaped text."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return " ".join(str(value).splitlines()).replace("|", "\\|")


def rounded(value: float) -> str:
    """A measured value that no script rounded, to about three significant digits."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 0.1 or value == 0:
        return f"{value:.2f}"
    return f"{value:.2g}"


def markdown_table(columns: list[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(number(column) for column in columns) + " |"]
    lines.append("| " + " | ".join("---" for _ in columns) + " |")
    lines.extend("| " + " | ".join(number(cell) for cell in row) + " |" for row in rows)
    return lines


def _bar_text(ratio: dict[str, Any]) -> str:
    if "at_least" in ratio:
        limit = f"≥ {rounded(float(ratio['at_least']))}"
    elif "at_most" in ratio:
        limit = f"≤ {rounded(float(ratio['at_most']))}"
    else:
        return ""
    return f"{limit}: {ratio['bar']}" if ratio.get("bar") else limit


def _ratio_value(ratio: dict[str, Any]) -> str:
    value = ratio["value"]
    return number(value) if isinstance(value, bool) else rounded(float(value))


def headline(outcomes: list[Outcome]) -> list[str]:
    """The table of every ratio, with the bar and whether this run met it, and a plain tally."""
    rows = []
    missed = []
    met = 0
    for outcome in outcomes:
        for ratio in outcome.results.get("ratios", []):
            verdict = passes(ratio)
            if verdict is True:
                met += 1
            elif verdict is False:
                missed.append(
                    f"{outcome.run.name}: {ratio['name']} is {_ratio_value(ratio)}, bar {_bar_text(ratio)}"
                )
            rows.append(
                [
                    f"{outcome.run.name}: {ratio['name']}",
                    _ratio_value(ratio),
                    ratio["meaning"],
                    _bar_text(ratio),
                    {True: "met", False: "**missed**", None: ""}[verdict],
                    ratio.get("documented", ""),
                ]
            )
    if not rows:
        return ["No benchmark produced results."]
    lines = markdown_table(
        ["ratio", "value", "above 1 means", "bar", "this run", "the docs say"], rows
    )
    lines.append("")
    lines.append(f"{met} of {met + len(missed)} bars met in this run.")
    if missed:
        lines.append("Missed:")
        lines.append("")
        lines.extend(f"- {item}" for item in missed)
    return lines


def _run_lines(outcome: Outcome, *, titled: bool) -> list[str]:
    """One run's command, summary, tables and notes, or why it has none."""
    lines = [f"#### {outcome.run.name}", ""] if titled else []
    lines += [f"`{outcome.command}` ({outcome.seconds:.0f} s)", ""]
    if outcome.status != "ok":
        lines += [f"**{outcome.status}**: {outcome.reason}.", ""]
        if outcome.output_tail:
            lines += ["Last lines of its output:", "", "```text", outcome.output_tail, "```", ""]
        return lines
    lines += [f"Input: {outcome.results['summary']}.", ""]
    for table in outcome.results.get("tables", []):
        lines += [f"**{table['title']}**", ""]
        lines += [*markdown_table(table["columns"], table["rows"]), ""]
    notes = outcome.results.get("notes", [])
    return lines + ([*notes, ""] if notes else [])


def _section(
    benchmark: str, outcomes: list[Outcome], plots: dict[str, str], images: str
) -> list[str]:
    """One benchmark's section: each run's summary and tables, then its bar charts and curves."""
    lines = [f"### {benchmark}", ""]
    for outcome in outcomes:
        lines += _run_lines(outcome, titled=len(outcomes) > 1)
    titles = [chart["title"] for outcome in outcomes for chart in outcome.results.get("bars", [])]
    titles += [
        point["curve"] for outcome in outcomes for point in outcome.results.get("points", [])
    ]
    for title in dict.fromkeys(titles):
        lines += [f"![{title}]({images}/{plots[title]})", ""]
    return lines


def render_page(
    outcomes: list[Outcome],
    *,
    about: dict[str, str],
    packages: dict[str, str],
    images: str,
    quick: bool,
) -> str:
    """The Markdown page for ``outcomes``; ``images`` is the plot folder relative to the page."""
    plots = plot_files(outcomes)
    lines = [
        "# Benchmarks",
        "",
        "<!-- Generated by benchmarks/run_all.py: edit that script, not this page. -->",
        "",
        (
            "This page is written by `python benchmarks/run_all.py`,"
            " which runs every script in `benchmarks/` in one go."
        ),
        (
            "Each script runs corpuskit and its peers (or a floor that does less work)"
            " on the same input in the same run, interleaved where it can be."
        ),
        (
            "The machine is shared with other jobs and its load changes while a run goes on,"
            " so absolute times mean little: read the ratios, and allow them about ±30 %."
        ),
        "A bar is what a ratio should reach; where this run missed one, the table says so.",
        (
            "The results behind the page are in `docs/benchmarks.json`;"
            " `python benchmarks/run_all.py --render docs/benchmarks.json` redraws it without running anything."
        ),
        "",
    ]
    if quick:
        lines += [
            "!!! warning",
            "    A `--quick` run: the inputs are tiny, so these figures are a smoke test, not measurements.",
            "",
        ]
    ok = [outcome for outcome in outcomes if outcome.status == "ok"]
    lines += ["## Headline ratios", "", *headline(ok), ""]
    lines += ["## The run", ""]
    lines += [*markdown_table(["machine and run", ""], about.items()), ""]
    lines += ["## Versions", ""]
    lines += [*markdown_table(["package", "version"], packages.items()), ""]
    lines += ["## Every run", ""]
    lines += [
        *markdown_table(
            ["run", "command", "seconds", "status"],
            (
                [
                    o.run.name,
                    f"`{o.command}`",
                    f"{o.seconds:.0f}",
                    o.status + (f": {o.reason}" if o.reason else ""),
                ]
                for o in outcomes
            ),
        ),
        "",
    ]
    for group in GROUPS:
        members = [outcome for outcome in outcomes if outcome.run.group == group]
        if not members:
            continue
        lines += [f"## {group}", ""]
        by_script: dict[str, list[Outcome]] = {}
        for outcome in members:
            by_script.setdefault(outcome.run.script, []).append(outcome)
        for script, runs in by_script.items():
            lines += _section(f"{script}.py", runs, plots, images)
    return "\n".join(lines).rstrip("\n") + "\n"


def draw_plots(outcomes: list[Outcome], directory: Path) -> list[Path]:
    """Draw every plot of the outcomes as a small PNG in ``directory``; return the files."""
    import matplotlib as mpl  # noqa: PLC0415 - only the drawing needs it (benchmarks/requirements.txt)

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    directory.mkdir(parents=True, exist_ok=True)
    names = plot_files(outcomes)
    written = []
    curves: dict[str, list[dict[str, Any]]] = {}
    for outcome in outcomes:
        for point in outcome.results.get("points", []):
            curves.setdefault(point["curve"], []).append(point)
        for chart in outcome.results.get("bars", []):
            values = chart["values"]
            figure, axes = plt.subplots(figsize=(6.4, 0.45 * len(values) + 1.1), dpi=90)
            labels = list(values)
            bars = axes.barh(
                labels,
                [values[label] for label in labels],
                color=["#d95f02" if "corpuskit" in label else "#7570b3" for label in labels],
            )
            axes.invert_yaxis()
            if chart.get("log"):
                axes.set_xscale("log")
            axes.bar_label(
                bars,
                labels=[rounded(float(values[label])) for label in labels],
                padding=3,
                fontsize=8,
            )
            axes.margins(x=0.18)
            axes.set_xlabel(chart["unit"])
            axes.set_title(chart["title"], fontsize=10)
            figure.tight_layout()
            written.append(directory / names[chart["title"]])
            figure.savefig(written[-1])
            plt.close(figure)
    for title, points in curves.items():
        figure, axes = plt.subplots(figsize=(6.4, 3.4), dpi=90)
        series: dict[str, list[tuple[float, float]]] = {}
        for point in points:
            series.setdefault(point["series"], []).append((point["x"], point["y"]))
        for label, values in series.items():
            values.sort()
            axes.plot([x for x, _ in values], [y for _, y in values], marker="o", label=label)
        axes.set_xlabel(points[0]["xlabel"])
        axes.set_ylabel(points[0]["ylabel"])
        ys = [point["y"] for point in points]
        if min(ys) > 0 and max(ys) / min(ys) > 30:  # lines orders of magnitude apart
            axes.set_yscale("log")
        else:
            axes.set_ylim(bottom=0)
        axes.set_title(title, fontsize=10)
        axes.legend(fontsize=7)
        axes.grid(alpha=0.3)
        figure.tight_layout()
        written.append(directory / names[title])
        figure.savefig(written[-1])
        plt.close(figure)
    return written


# --- the command -------------------------------------------------------------------------------


def save(path: Path, outcomes: list[Outcome], about: dict[str, str], *, quick: bool) -> None:
    """Write everything the page is made of to ``path``, so it can be rendered again with ``--render``."""
    data = {
        "about": about,
        "packages": versions(),
        "quick": quick,
        "outcomes": [
            {
                "run": outcome.run.name,
                "script": outcome.run.script,
                "group": outcome.run.group,
                "status": outcome.status,
                "seconds": outcome.seconds,
                "command": outcome.command,
                "reason": outcome.reason,
                "output_tail": outcome.output_tail,
                "results": outcome.results,
            }
            for outcome in outcomes
        ],
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load(path: Path) -> dict[str, Any]:
    """What :func:`save` wrote, with the outcomes as :class:`Outcome` again."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    known = {run.name: run for run in RUNS}
    data["outcomes"] = [
        Outcome(
            known.get(item["run"]) or Run(item["run"], item["script"], item["group"], (), ()),
            item["status"],
            item["seconds"],
            item["command"],
            item["reason"],
            item["output_tail"],
            item["results"],
        )
        for item in data["outcomes"]
    ]
    return data


def publish(page: Path, saved: dict[str, Any]) -> list[Path]:
    """Draw the plots and write the page from saved results; return the plot files."""
    images = page.parent / "img" / page.stem
    page.parent.mkdir(parents=True, exist_ok=True)
    if images.is_dir():
        for stale in images.glob("*.png"):
            stale.unlink()
    drawn = draw_plots(saved["outcomes"], images)
    page.write_text(
        render_page(
            saved["outcomes"],
            about=saved["about"],
            packages=saved["packages"],
            images=images.relative_to(page.parent).as_posix(),
            quick=saved["quick"],
        ),
        encoding="utf-8",
    )
    return drawn


def run_benchmarks(
    runs: list[Run], *, quick: bool, shared: Path, timeout: float
) -> tuple[list[Outcome], dict[str, str]]:
    """Run each benchmark in turn, printing its time; return the outcomes and the run's facts."""
    started_at = dt.datetime.now(dt.timezone.utc)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="corpuskit-run-all-") as work:
        for count, run in enumerate(runs, 1):
            print(f"[{count}/{len(runs)}] {run.name} ...", end=" ", flush=True)
            outcome = execute(run, quick=quick, shared=shared, work=Path(work), timeout=timeout)
            outcomes.append(outcome)
            detail = f": {outcome.reason}" if outcome.reason else ""
            print(f"{outcome.status} in {outcome.seconds:.1f} s{detail}", flush=True)
            if outcome.status == "failed":
                print(outcome.output_tail, file=sys.stderr)
    total = time.perf_counter() - started
    about = {
        "date": started_at.strftime("%Y-%m-%d %H:%M UTC"),
        "total time": f"{total / 60:.1f} min ({'quick' if quick else 'full'} run)",
        "load average (1 min) at start / end": f"{load_before:.2f} / {os.getloadavg()[0]:.2f}",
        "commit": commit(),
        **machine(),
    }
    return outcomes, about


def main() -> int:
    """Run the benchmarks (or load saved results), write the page and its plots; 1 when a benchmark failed."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny inputs: a smoke test")
    parser.add_argument(
        "--only",
        action="append",
        metavar="RUN",
        help="run only this (repeatable): " + ", ".join(r.name for r in RUNS),
    )
    parser.add_argument(
        "--output",
        type=Path,
        help=f"the page to write (default {PAGE.relative_to(ROOT)}, or a temporary directory with --quick);"
        " the results go beside it as .json, the plots to img/PAGE-NAME/",
    )
    parser.add_argument(
        "--render",
        type=Path,
        metavar="RESULTS",
        help="run nothing: render the page again from a saved results file (such as docs/benchmarks.json)",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared corpora (default ../shared)",
    )
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds one benchmark may take (default 900)"
    )
    args = parser.parse_args()
    unknown = set(args.only or ()) - {run.name for run in RUNS}
    if unknown:
        parser.error(f"no such run: {', '.join(sorted(unknown))}")
    page = args.output or (
        Path(tempfile.gettempdir()) / "corpuskit-benchmarks-quick" / "benchmarks.md"
        if args.quick
        else PAGE
    )
    if args.render:
        saved = load(args.render)
    else:
        runs = [run for run in RUNS if not args.only or run.name in args.only]
        outcomes, about = run_benchmarks(
            runs, quick=args.quick, shared=args.shared.resolve(), timeout=args.timeout
        )
        page.parent.mkdir(parents=True, exist_ok=True)
        save(page.with_suffix(".json"), outcomes, about, quick=args.quick)
        saved = load(page.with_suffix(".json"))
    drawn = publish(page, saved)
    print(f"wrote {page} and {len(drawn)} plots in {drawn[0].parent if drawn else '-'}")
    failed = [outcome.run.name for outcome in saved["outcomes"] if outcome.status == "failed"]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
