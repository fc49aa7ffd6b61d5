"""``corpuskit clean``: the whole pipeline from raw sources to a clean corpus, with a report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from corpuskit.cli._common import add_input_options, reader_options
from corpuskit.errors import ConfigError
from corpuskit.pipeline import DEFAULT_STEPS, RunOptions, build_pipeline, load_config

NAME = "clean"
HELP = "clean, date, deduplicate and segment inputs into one output, with a report that accounts for every article"
_SHOWN_FAILURES = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add clean's arguments."""
    add_input_options(parser, on_error="skip")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the cleaned corpus (suffix picks the format)",
    )
    parser.add_argument(
        "--to", metavar="NAME", help="write this format (default: by the output suffix)"
    )
    parser.add_argument("--report", metavar="REPORT.json", help="write the JSON report here")
    parser.add_argument(
        "--html", metavar="REPORT.html", help="write a self-contained HTML report here"
    )
    parser.add_argument(
        "--config",
        metavar="clean.toml",
        help="the pipeline: [pipeline] steps and [steps.NAME] options",
    )
    parser.add_argument(
        "--steps",
        metavar="A,B,...",
        help=f"the steps to run, in order (default: {','.join(DEFAULT_STEPS)})",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (output is identical)",
    )
    parser.add_argument(
        "--resume", action="store_true", help="continue an interrupted run with the same inputs"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="where the work runs"
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="dask: the scheduler to use (default: a LocalCluster)",
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="dask: workers of the LocalCluster (default: 2)"
    )
    steps = parser.add_argument_group("step options (override the config file)")
    steps.add_argument(
        "--unwrap", choices=("auto", "always", "never"), help="cleanup: join hard-wrapped lines"
    )
    steps.add_argument(
        "--fix-mojibake",
        action="store_true",
        default=None,
        help="cleanup: repair mojibake (needs ftfy)",
    )
    steps.add_argument(
        "--min-words", type=int, metavar="N", help="filter: drop articles with fewer words"
    )
    steps.add_argument(
        "--min-chars", type=int, metavar="N", help="filter: drop articles with fewer characters"
    )
    steps.add_argument(
        "--date-from", metavar="YYYY-MM-DD", help="filter: drop articles dated before this day"
    )
    steps.add_argument(
        "--date-to", metavar="YYYY-MM-DD", help="filter: drop articles dated after this day"
    )


# flag -> (step, option)
_OVERRIDES = {
    "unwrap": ("cleanup", "unwrap"),
    "fix_mojibake": ("cleanup", "fix_mojibake"),
    "min_words": ("filter", "min_words"),
    "min_chars": ("filter", "min_chars"),
    "date_from": ("filter", "date_from"),
    "date_to": ("filter", "date_to"),
}


def _overrides(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    overrides: dict[str, dict[str, Any]] = {}
    for flag, (step, option) in _OVERRIDES.items():
        value = getattr(args, flag, None)
        if value is not None:
            overrides.setdefault(step, {})[option] = value
    return overrides


def run(args: argparse.Namespace) -> int:
    """Build the pipeline, run it, print the summary."""
    config: dict[str, Any] = load_config(args.config) if args.config else {}
    if args.steps:
        config.setdefault("pipeline", {})["steps"] = [
            name.strip() for name in args.steps.split(",") if name.strip()
        ]
    pipeline = build_pipeline(config, overrides=_overrides(args))
    if args.engine != "dask" and (args.scheduler or args.workers):
        raise ConfigError("--scheduler and --workers go with --engine dask")
    engine_options = {"scheduler": args.scheduler, "workers": args.workers}
    options = RunOptions(
        engine=args.engine,
        engine_options={key: value for key, value in engine_options.items() if value is not None},
        format=args.format,
        to=args.to,
        on_error=args.on_error,
        reader_options=reader_options(args),
        jobs=max(1, args.jobs),
        resume=args.resume,
        progress=not args.quiet,
    )
    report = pipeline.run(
        args.inputs, args.output, options=options, report_path=args.report, html_path=args.html
    )
    failures = report.data["failures"]
    for failure in failures[:_SHOWN_FAILURES]:
        print(
            f"{failure['path']}:{failure['line']}: {failure['message']} (skipped)", file=sys.stderr
        )
    if len(failures) > _SHOWN_FAILURES:
        print(
            f"... and {report.counts['failed'] - _SHOWN_FAILURES} more failures (see the report)",
            file=sys.stderr,
        )
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    return 0
