"""The full `clean` pipeline on a 100k-article corpus next to the sum of its parts measured alone.

The parts are: reading, each step alone over the articles in memory, and writing.
The ratio pipeline / sum says what the pipeline itself costs (spilling, passes,
bookkeeping). The same run also times --jobs 2 against --jobs 1.

Usage: python benchmarks/clean.py [--articles N] [--steps a,b,...] [--files F] [--json PATH]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _corpus import write_dateheader_corpus
from _results import Results, add_json_option

import corpuskit
from corpuskit.model import Article, Drop
from corpuskit.pipeline import DEFAULT_STEPS, RunOptions, build_pipeline


def split_corpus(path: Path, files: int) -> Path:
    """Split the one-file corpus into ``files`` files (the unit of parallel work), streaming."""
    directory = path.with_suffix(f".{files}-files")
    if directory.exists():
        return directory
    with path.open(encoding="utf-8") as handle:
        total = sum(1 for line in handle if line.startswith("date "))
    per_file = -(-total // files)
    partial = directory.with_suffix(".partial")
    partial.mkdir(exist_ok=True)
    seen, index, out = 0, -1, None
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("date "):
                if seen % per_file == 0:
                    if out is not None:
                        out.close()
                    index += 1
                    out = (partial / f"part{index:03d}.txt").open("w", encoding="utf-8")
                seen += 1
            if out is not None:
                out.write(line)
    if out is not None:
        out.close()
    partial.rename(directory)
    return directory


def timed(
    label: str, results: dict[str, float], function: Callable[..., Any], *args: Any, **kwargs: Any
) -> Any:
    """Run ``function`` once, record its time under ``label``, return its result."""
    started = time.perf_counter()
    value = function(*args, **kwargs)
    results[label] = time.perf_counter() - started
    return value


def steps_alone(
    articles: list[Article], names: list[str], results: dict[str, float]
) -> list[Article]:
    """Apply each step alone, in order, over the articles in memory; time each."""
    pipeline = build_pipeline({"pipeline": {"steps": names}})
    for step in pipeline.steps:
        started = time.perf_counter()
        if step.needs_global_view:
            for ordinal, article in enumerate(articles):
                step.observe(article, ordinal)
            step.finish()
        kept = []
        for ordinal, article in enumerate(articles):
            result = step.apply(article, ordinal)
            if not isinstance(result, Drop):
                kept.append(result)
        articles = kept
        results[f"step {step.name}"] = time.perf_counter() - started
    return articles


def main() -> None:
    """Generate the corpus once, then time the parts and the whole."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--steps", default=",".join(DEFAULT_STEPS))
    add_json_option(parser)
    args = parser.parse_args()
    names = [name for name in args.steps.split(",") if name]
    single = Path(tempfile.gettempdir()) / f"corpuskit-bench-dateheader-{args.articles}.txt"
    corpus = split_corpus(write_dateheader_corpus(single, args.articles), args.files)
    out = Path(tempfile.mkdtemp(prefix="corpuskit-bench-clean-"))

    parts: dict[str, float] = {}
    articles = timed("read", parts, lambda: list(corpuskit.read(corpus)))
    kept = steps_alone(articles, names, parts)
    timed("write", parts, corpuskit.write, kept, out / "alone.jsonl")
    del articles, kept

    whole: dict[str, float] = {}
    for jobs in (1, 2):
        pipeline = build_pipeline({"pipeline": {"steps": names}})
        report = timed(
            f"jobs {jobs}",
            whole,
            pipeline.run,
            corpus,
            out / f"jobs{jobs}.jsonl",
            options=RunOptions(jobs=jobs),
        )
    identical = (
        (out / "jobs1.jsonl").read_bytes()
        == (out / "jobs2.jsonl").read_bytes()
        == (out / "alone.jsonl").read_bytes()
    )

    total = sum(parts.values())
    read = report.counts["read"]
    print(f"corpus: {args.articles} articles in {args.files} files; steps: {', '.join(names)}")
    print(f"{'part':<22}{'seconds':>9}{'articles/s':>13}")
    for label, seconds in parts.items():
        print(f"{label:<22}{seconds:>9.2f}{read / seconds:>13,.0f}")
    print(f"{'sum of parts':<22}{total:>9.2f}{read / total:>13,.0f}")
    for label, seconds in whole.items():
        print(f"{'pipeline ' + label:<22}{seconds:>9.2f}{read / seconds:>13,.0f}")
    print(f"pipeline (jobs 1) / sum of parts = {whole['jobs 1'] / total:.2f}  (1.00 = no overhead)")
    print(f"speed-up of --jobs 2 over --jobs 1 = {whole['jobs 1'] / whole['jobs 2']:.2f}")
    print(f"outputs identical (alone, jobs 1, jobs 2): {identical}")
    results = Results(
        "clean",
        f"{args.articles:,} generated date-header articles in {args.files} files; "
        f"steps {', '.join(names)}",
    )
    timings = {**parts, "sum of parts": total, **{f"pipeline {k}": v for k, v in whole.items()}}
    results.table(
        "The pipeline and its parts",
        ["part", "seconds", "articles/s"],
        [[label, round(seconds, 2), round(read / seconds)] for label, seconds in timings.items()],
    )
    results.ratio(
        "clean --jobs 1 / sum of its parts, time",
        whole["jobs 1"] / total,
        "the pipeline costs more than its parts (1.00 = no overhead)",
        documented="1.31 with steps cleanup, filter at 100,000 (benchmarks/README.md)",
    )
    results.ratio(
        "clean --jobs 2 / --jobs 1, throughput",
        whole["jobs 1"] / whole["jobs 2"],
        "two processes are faster than one",
        at_least=1.0,
        bar="a second process speeds the run up",
        documented="1.46 with steps cleanup, filter at 100,000 (README.md)",
    )
    results.ratio(
        "outputs identical (alone, --jobs 1, --jobs 2)",
        identical,
        "the outputs are byte-identical",
        at_least=1.0,
        bar="the same bytes whatever the parallelism",
    )
    results.bars("clean: the pipeline and its parts", "seconds", timings)
    results.write(args.json)


if __name__ == "__main__":
    main()
