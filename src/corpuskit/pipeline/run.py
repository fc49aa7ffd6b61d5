"""Running a pipeline: passes, workers, spills, resume, accounting.

How a run goes:

1. **Per file** (in ``jobs`` worker processes): read the file, apply the *leading*
   map steps (those before the first global step), and spill the results to the
   work directory, one file per input.  A finished spill is never redone, which is
   what ``resume`` builds on.
2. **One observe pass per global step**, over the spills in input order: the steps
   before it are applied, then it observes each surviving Article.
3. **The final pass** applies every step after the leading ones (trailing map steps
   in the worker pool again), and writes the output atomically.

Every record read gets an ordinal in input order, so decisions, drops and output
are the same whatever ``jobs`` is.  The counts must satisfy
``read == written + dropped + failed``; a run that breaks it raises
:class:`AccountingError` (a bug, never a user error).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from corpuskit.errors import ConfigError, CorpusError, ParseError
from corpuskit.io import atomic_output, iter_paths, path_items, write
from corpuskit.model import Article, Drop, Failure
from corpuskit.pipeline.report import AccountingError, Report, RunStats
from corpuskit.pipeline.steps import Notes, Step

__all__ = ["AccountingError", "Pipeline", "RunOptions"]

Item = Article | Drop | Failure
_BATCH = 256
_WORK_SUFFIX = ".corpuskit-work"


@attrs.frozen(kw_only=True)
class RunOptions:
    """How :meth:`Pipeline.run` reads and writes (everything but the steps)."""

    format: str | None = None
    to: str | None = None
    on_error: str = "skip"
    reader_options: Mapping[str, Any] = attrs.field(factory=dict)
    jobs: int = 1
    resume: bool = False
    progress: bool = False


class _Timer:
    """Seconds spent in each step, summed across passes and workers."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)


def _apply_steps(
    steps: Sequence[Step], article: Article, ordinal: int, timer: _Timer
) -> Article | Drop:
    clock = time.perf_counter
    for step in steps:
        started = clock()
        result = step.apply(article, ordinal)
        timer.seconds[step.name] += clock() - started
        if isinstance(result, Drop):
            return result
        article = result
    return article


# ----------------------------------------------------------------------------- workers


def _spill_file(
    task: tuple[int, str, str | None, Mapping[str, Any], Sequence[Step], str],
) -> dict[str, Any]:
    """Read one input, apply the leading steps, spill the items; return counts and notes."""
    index, path, fmt, options, steps, spill = task
    timer = _Timer()
    temporary = f"{spill}.partial"
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    with open(temporary, "wb") as handle:
        pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
        for item in path_items(path, fmt, options):
            result: Item = item
            if isinstance(item, Article):
                counts["articles"] += 1
                result = _apply_steps(steps, item, -1, timer)
            else:
                counts["failures"] += 1
            pickler.dump(result)
            pickler.clear_memo()
    timer.seconds["read"] += time.perf_counter() - started - sum(timer.seconds.values())
    os.replace(temporary, spill)
    summary = {
        "index": index,
        "counts": dict(counts),
        "seconds": dict(timer.seconds),
        "notes": {step.name: step.notes.take() for step in steps},
    }
    with open(f"{spill}.json", "wb") as handle:
        handle.write(pickle.dumps(summary))
    return summary


_WORKER_STEPS: Sequence[Step] = ()


def _init_worker(steps: Sequence[Step]) -> None:
    global _WORKER_STEPS  # noqa: PLW0603 - one step list per worker process
    _WORKER_STEPS = steps


def _map_batch(
    batch: list[tuple[int, Article]],
) -> tuple[list[Article | Drop], dict[str, float], dict[str, Notes]]:
    timer = _Timer()
    results = [_apply_steps(_WORKER_STEPS, article, ordinal, timer) for ordinal, article in batch]
    return results, dict(timer.seconds), {step.name: step.notes.take() for step in _WORKER_STEPS}


_OBSERVE_BEFORE: Sequence[Step] = ()


def _init_observer(before: Sequence[Step]) -> None:
    global _OBSERVE_BEFORE  # noqa: PLW0603 - the finished steps before the observer, once per worker
    _OBSERVE_BEFORE = before


def _observe_spill(task: tuple[str, int, Step]) -> Step:
    """Observe one spill file with a fresh copy of a mergeable global step; return the copy."""
    spill, first_ordinal, step = task
    timer = _Timer()
    for ordinal, item in enumerate(_load_spill(Path(spill)), first_ordinal):
        if isinstance(item, Article):
            result = _apply_steps(_OBSERVE_BEFORE, item, ordinal, timer)
            if isinstance(result, Article):
                step.observe(result, ordinal)
    return step


# ----------------------------------------------------------------------------- pipeline


class Pipeline:
    """An ordered list of configured steps, run over inputs to one output.

    >>> from corpuskit.pipeline import Pipeline, build_step
    >>> pipeline = Pipeline([build_step("cleanup"), build_step("filter", min_words=3)])

    ``pipeline.run(inputs, output)`` writes the output and returns a :class:`Report`;
    ``pipeline.iter(inputs)`` yields each Article or Drop lazily, for use inside
    another program.
    """

    def __init__(self, steps: Sequence[Step], *, config: Mapping[str, Any] | None = None) -> None:
        """Keep the steps; ``config`` is the configuration they came from, for the report."""
        names = [step.name for step in steps]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ConfigError(f"a step appears twice in the pipeline: {', '.join(duplicates)}")
        self.steps = list(steps)
        self.config = dict(config) if config is not None else {"steps": self.step_configs()}
        first_global = next(
            (i for i, step in enumerate(self.steps) if step.needs_global_view), len(self.steps)
        )
        self._leading = self.steps[:first_global]
        self._rest = self.steps[first_global:]
        last_global = max(
            (i for i, step in enumerate(self._rest) if step.needs_global_view), default=-1
        )
        self._trailing = self._rest[last_global + 1 :]
        self._middle = self._rest[: last_global + 1]

    def step_configs(self) -> list[dict[str, Any]]:
        """Each step's name and options, in order."""
        return [{"name": step.name, **step.config()} for step in self.steps]

    # ------------------------------------------------------------------ lazy iteration

    def iter(
        self,
        inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        *,
        format: str | None = None,  # noqa: A002
        reader_options: Mapping[str, Any] | None = None,
    ) -> Iterator[Article | Drop | Failure]:
        """Yield every record's fate lazily: the kept Article, its Drop, or the reader's Failure.

        Global steps make the inputs be read once more per global step (nothing is
        held in memory); the leading map steps are recomputed in each pass.
        """
        paths = list(iter_paths([inputs] if isinstance(inputs, str | os.PathLike) else inputs))
        options = dict(reader_options or {})
        timer = _Timer()

        def stage0() -> Iterator[tuple[int, Item]]:
            ordinal = 0
            for path in paths:
                for item in path_items(path, format, options):
                    result: Item = item
                    if isinstance(item, Article):
                        result = _apply_steps(self._leading, item, ordinal, timer)
                    yield ordinal, result
                    ordinal += 1

        self._observe_passes(stage0, timer)
        for ordinal, item in stage0():
            if isinstance(item, Article):
                yield _apply_steps(self._rest, item, ordinal, timer)
            else:
                yield item

    def _observe_passes(
        self,
        stage0: Callable[[], Iterator[tuple[int, Item]]],
        timer: _Timer,
        parallel: Callable[[Step, Sequence[Step]], Step] | None = None,
    ) -> None:
        """One pass per global step: apply what comes before it, let it observe, then finish.

        ``parallel(step, before)`` observes in workers and returns the step with the
        copies merged; it is used for mergeable steps when given.
        """
        for position, step in enumerate(self._middle):
            if not step.needs_global_view:
                continue
            before = self._middle[:position]
            if parallel is not None and step.mergeable:
                parallel(step, before)
                self._finish(step, timer)
                continue
            for ordinal, item in stage0():
                if not isinstance(item, Article):
                    continue
                result = _apply_steps(before, item, ordinal, timer)
                if isinstance(result, Article):
                    started = time.perf_counter()
                    step.observe(result, ordinal)
                    timer.seconds[step.name] += time.perf_counter() - started
            self._finish(step, timer)
            for earlier in [*self._leading, *before]:
                earlier.notes.take()  # notes of the final pass are the ones that count

    @staticmethod
    def _finish(step: Step, timer: _Timer) -> None:
        started = time.perf_counter()
        step.finish()
        timer.seconds[step.name] += time.perf_counter() - started

    # ------------------------------------------------------------------ full run

    def run(
        self,
        inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        output: str | os.PathLike[str],
        *,
        options: RunOptions | None = None,
        report_path: str | os.PathLike[str] | None = None,
        html_path: str | os.PathLike[str] | None = None,
    ) -> Report:
        """Run every step over ``inputs`` and write ``output`` atomically; return the report.

        With ``options.resume``, input files whose per-file stage finished in an
        interrupted run with the same inputs and configuration are not read again.
        """
        options = options or RunOptions()
        if options.on_error not in ("raise", "skip"):
            raise ConfigError(f"on_error must be 'raise' or 'skip', got {options.on_error!r}")
        started = time.time()
        target = os.fspath(output)
        paths = list(iter_paths([inputs] if isinstance(inputs, str | os.PathLike) else inputs))
        work = _work_dir(target)
        _prepare_work_dir(work, self._fingerprint(paths, options), resume=options.resume)
        stats = RunStats()
        timer = _Timer()
        summaries = self._spill_all(paths, work, options, stats)
        leading_notes = self._merge_summaries(summaries, timer)

        def stage0() -> Iterator[tuple[int, Item]]:
            ordinal = 0
            for index in range(len(paths)):
                for item in _load_spill(_spill_path(work, index)):
                    yield ordinal, item
                    ordinal += 1

        self._check_failures(stage0, options)
        parallel = (
            self._parallel_observer(paths, work, summaries, options, timer)
            if options.jobs > 1
            else None
        )
        self._observe_passes(stage0, timer, parallel)
        for step in self._leading:
            step.notes.merge(leading_notes[step.name])
        outcome = _Outcome(stats)
        written = write(
            outcome.count(self._final_items(stage0, options, timer)),
            target,
            format=options.to,
            temp_dir=str(work),
        )
        report = Report.build(
            pipeline=self,
            inputs=[str(path) for path in paths],
            output=target,
            read=sum(
                summary["counts"].get("articles", 0) + summary["counts"].get("failures", 0)
                for summary in summaries
            ),
            written=written,
            drops=outcome.drops,
            failures=outcome.failures,
            seconds=dict(timer.seconds),
            stats=stats,
            started=started,
            options=options,
        )
        report.check_accounting()
        if report_path is not None:
            report.write_json(report_path)
        if html_path is not None:
            report.write_html(html_path)
        shutil.rmtree(work, ignore_errors=True)
        return report

    def _parallel_observer(
        self,
        paths: Sequence[str],
        work: Path,
        summaries: Sequence[dict[str, Any]],
        options: RunOptions,
        timer: _Timer,
    ) -> Callable[[Step, Sequence[Step]], Step]:
        """Observe each spill in a worker with a fresh copy of the step; merge the copies in input order."""
        offsets = [0]
        for summary in summaries:
            offsets.append(
                offsets[-1]
                + summary["counts"].get("articles", 0)
                + summary["counts"].get("failures", 0)
            )

        def observe(step: Step, before: Sequence[Step]) -> Step:
            started = time.perf_counter()
            tasks = [
                (str(_spill_path(work, index)), offsets[index], step) for index in range(len(paths))
            ]
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                max_workers=options.jobs,
                mp_context=context,
                initializer=_init_observer,
                initargs=(list(before),),
            ) as pool:
                for copy in pool.map(_observe_spill, tasks):
                    step.merge(copy)
            timer.seconds[step.name] += time.perf_counter() - started
            return step

        return observe

    def _merge_summaries(
        self, summaries: Sequence[dict[str, Any]], timer: _Timer
    ) -> dict[str, Notes]:
        """Add the per-file times to ``timer``; return the leading steps' notes, merged in input order."""
        notes = {step.name: Notes() for step in self._leading}
        for summary in summaries:
            for name, seconds in summary["seconds"].items():
                timer.seconds[name] += seconds
            for step in self._leading:
                notes[step.name].merge(summary["notes"].get(step.name, Notes()))
        return notes

    def _check_failures(
        self, stage0: Callable[[], Iterator[tuple[int, Item]]], options: RunOptions
    ) -> None:
        if options.on_error != "raise":
            return
        for _, item in stage0():
            if isinstance(item, Failure):
                raise ParseError(item.message, path=item.path, line=item.line)

    def _final_items(
        self, stage0: Callable[[], Iterator[tuple[int, Item]]], options: RunOptions, timer: _Timer
    ) -> Iterator[Item]:
        """Apply the middle steps here and the trailing map steps in workers, in input order."""
        if options.jobs <= 1 or not self._trailing:
            for ordinal, item in stage0():
                yield (
                    _apply_steps(self._rest, item, ordinal, timer)
                    if isinstance(item, Article)
                    else item
                )
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=options.jobs,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self._trailing,),
        ) as pool:
            yield from self._parallel_tail(stage0, pool, options.jobs, timer)

    def _parallel_tail(
        self,
        stage0: Callable[[], Iterator[tuple[int, Item]]],
        pool: ProcessPoolExecutor,
        jobs: int,
        timer: _Timer,
    ) -> Iterator[Item]:
        # Items wait in order: a finished item or a batch still being mapped by a worker.
        def batches() -> Iterator[list[Item | tuple[int, Article]]]:
            batch: list[Item | tuple[int, Article]] = []
            for ordinal, item in stage0():
                if isinstance(item, Article):
                    middle = _apply_steps(self._middle, item, ordinal, timer)
                    batch.append((ordinal, middle) if isinstance(middle, Article) else middle)
                else:
                    batch.append(item)
                if len(batch) >= _BATCH:
                    yield batch
                    batch = []
            if batch:
                yield batch

        window: list[tuple[list[Item | tuple[int, Article]], Any]] = []
        for batch in batches():
            work = [entry for entry in batch if isinstance(entry, tuple)]
            window.append((batch, pool.submit(_map_batch, work)))
            if len(window) > 4 * jobs:  # bound the look-ahead (memory)
                yield from self._collect(window.pop(0), timer)
        for entry in window:
            yield from self._collect(entry, timer)

    def _collect(
        self, entry: tuple[list[Item | tuple[int, Article]], Any], timer: _Timer
    ) -> Iterator[Item]:
        batch, future = entry
        results, seconds, notes = future.result()
        for name, value in seconds.items():
            timer.seconds[name] += value
        for step in self._trailing:
            step.notes.merge(notes.get(step.name, Notes()))
        mapped = iter(results)
        for slot in batch:
            yield next(mapped) if isinstance(slot, tuple) else slot

    def _spill_all(
        self, paths: Sequence[str], work: Path, options: RunOptions, stats: RunStats
    ) -> list[dict[str, Any]]:
        tasks = []
        summaries: dict[int, dict[str, Any]] = {}
        for index, path in enumerate(paths):
            spill = _spill_path(work, index)
            if options.resume and spill.exists() and Path(f"{spill}.json").exists():
                summaries[index] = pickle.loads(Path(f"{spill}.json").read_bytes())  # noqa: S301 - our own file
                stats.files_resumed += 1
                continue
            tasks.append(
                (
                    index,
                    path,
                    options.format,
                    dict(options.reader_options),
                    self._leading,
                    str(spill),
                )
            )
        progress = _progress(len(paths), "files", enabled=options.progress, initial=len(summaries))
        try:
            if options.jobs > 1 and len(tasks) > 1:
                context = multiprocessing.get_context("spawn")
                with ProcessPoolExecutor(max_workers=options.jobs, mp_context=context) as pool:
                    for summary in pool.map(_spill_file, tasks):
                        summaries[summary["index"]] = summary
                        progress(1, summary["counts"].get("articles", 0))
            else:
                for task in tasks:
                    summary = _spill_file(task)
                    summaries[summary["index"]] = summary
                    progress(1, summary["counts"].get("articles", 0))
        finally:
            progress(0, 0, close=True)
        return [summaries[index] for index in range(len(paths))]

    def _fingerprint(self, paths: Sequence[str], options: RunOptions) -> str:
        digest = hashlib.sha256()
        state = {
            "steps": self.step_configs(),
            "format": options.format,
            "reader_options": {key: str(value) for key, value in options.reader_options.items()},
            "inputs": [(path, os.stat(path).st_size, os.stat(path).st_mtime_ns) for path in paths],
        }
        digest.update(json.dumps(state, sort_keys=True, default=str).encode())
        return digest.hexdigest()


class _Outcome:
    """Counts the final pass's items as they stream to the writer."""

    def __init__(self, stats: RunStats) -> None:
        self.stats = stats
        self.drops: list[Drop] = []
        self.failures: list[Failure] = []

    def count(self, items: Iterable[Item]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                self.stats.add_written(item)
                yield item
            elif isinstance(item, Drop):
                self.drops.append(_slim(item))
            else:
                self.failures.append(item)


def _slim(drop: Drop) -> Drop:
    """Keep a Drop's explanation, not the dropped text (the report holds thousands)."""
    article = drop.article
    return attrs.evolve(
        drop,
        article=Article(
            id=article.id, title=article.title, date=article.date, source=article.source
        ),
    )


def _work_dir(target: str) -> Path:
    directory, name = os.path.split(os.path.abspath(target))
    return Path(directory) / f".{name}{_WORK_SUFFIX}"


def _spill_path(work: Path, index: int) -> Path:
    return work / f"{index:07d}.spill"


def _prepare_work_dir(work: Path, fingerprint: str, *, resume: bool) -> None:
    manifest = work / "manifest.json"
    if resume and manifest.exists():
        recorded = json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint")
        if recorded != fingerprint:
            raise ConfigError(
                f"cannot resume: the inputs or the configuration changed since the interrupted run ({work}); "
                "run again without --resume"
            )
        for partial in work.glob("*.partial"):
            partial.unlink()
        for stale in work.glob(".*.tmp"):
            stale.unlink()
        return
    if not os.path.isdir(work.parent):
        raise CorpusError(f"{work.parent}: the output directory does not exist")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    with atomic_output(manifest) as handle:
        handle.write(json.dumps({"fingerprint": fingerprint}).encode())


def _load_spill(path: Path) -> Iterator[Item]:
    with open(path, "rb") as handle:
        unpickler = pickle.Unpickler(handle)  # noqa: S301 - only our own spill files
        while True:
            try:
                yield unpickler.load()
            except EOFError:
                return


def _progress(total: int, unit: str, *, enabled: bool, initial: int = 0) -> Callable[..., None]:
    """A tqdm bar on stderr when asked for and stderr is a terminal; else a no-op."""
    if not enabled or not sys.stderr.isatty():
        return lambda *_args, **_kwargs: None
    from tqdm import tqdm  # noqa: PLC0415 - only for interactive runs

    bar = tqdm(total=total, initial=initial, unit=unit, file=sys.stderr, dynamic_ncols=True)
    articles = [0]

    def update(files: int, count: int, *, close: bool = False) -> None:
        if close:
            bar.close()
            return
        articles[0] += count
        bar.update(files)
        elapsed = max(bar.format_dict.get("elapsed", 0) or 0, 1e-9)
        bar.set_postfix_str(f"{articles[0]:,} articles, {articles[0] / elapsed:,.0f}/s")

    return update
