"""Running a pipeline: passes, engines, spills, resume, accounting.

How a run goes (every stage but the last write is per input file, on an engine):

1. **Spill**: read the file, apply the *leading* map steps (those before the first
   global step), and spill the results to the work directory.  A finished spill
   is never redone, which is what ``resume`` builds on.
2. **Observe**, once per global step: the steps before it are applied, then it
   observes each surviving Article.  A *mergeable* step observes each file in a
   fresh copy on the engine, and the copies are merged in input order; any other
   global step observes in this process.  Then the step finishes (decides).
3. **Final**: every step after the leading ones is applied per file on the engine,
   and the results are spilled again.
4. **Write**: this process reads the final spills in input order and writes the
   output atomically.

Every record read has an ordinal in input order, so decisions, drops and output
are the same on any engine and any number of workers.  The counts must satisfy
``read == written + dropped + failed``; a run that breaks it raises
:class:`AccountingError` (a bug, never a user error).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from corpuskit.engines import Engine, make_engine
from corpuskit.errors import ConfigError, CorpusError, ParseError
from corpuskit.io import atomic_output, iter_paths, path_items, write
from corpuskit.model import Article, Drop, Failure
from corpuskit.pipeline.report import AccountingError, Report, RunStats
from corpuskit.pipeline.steps import Notes, Step

__all__ = ["AccountingError", "Pipeline", "RunOptions"]

Item = Article | Drop | Failure
_WORK_SUFFIX = ".corpuskit-work"


@attrs.frozen(kw_only=True)
class RunOptions:
    """How :meth:`Pipeline.run` reads, where it computes, and how it writes (everything but the steps).

    ``engine`` is ``local`` (``jobs`` processes on this machine) or ``dask``
    (``engine_options`` go to :class:`corpuskit.dask.DaskEngine`: ``scheduler``,
    ``workers``, or a ``client``).
    """

    format: str | None = None
    to: str | None = None
    on_error: str = "skip"
    reader_options: Mapping[str, Any] = attrs.field(factory=dict)
    jobs: int = 1
    engine: str = "local"
    engine_options: Mapping[str, Any] = attrs.field(factory=dict)
    resume: bool = False
    progress: bool = False


class _Timer:
    """Seconds spent in each step, summed across passes and workers."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def add(self, seconds: Mapping[str, float]) -> None:
        for name, value in seconds.items():
            self.seconds[name] += value


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


# ----------------------------------------------------------------------------- per-file work
# These run on an engine: module-level functions of (task, shared), picklable.


def _write_items(path: str, items: Iterable[Item]) -> None:
    """Pickle ``items`` to ``path`` atomically (a retried task rewrites it whole)."""
    temporary = f"{path}.partial"
    with open(temporary, "wb") as handle:
        pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
        for item in items:
            pickler.dump(item)
            pickler.clear_memo()
    os.replace(temporary, path)


def _load_items(path: str) -> Iterator[Item]:
    # One pickle per item, each read with a fresh unpickler: the writer clears its memo
    # after every item, and protocol 5's MEMOIZE numbers entries by the reader's memo size.
    load = pickle.load
    with open(path, "rb") as handle:
        while True:
            try:
                yield load(handle)
            except EOFError:
                return


def _spill_file(
    task: tuple[int, str, str], shared: tuple[str | None, Mapping[str, Any], Sequence[Step]]
) -> dict[str, Any]:
    """Stage 1: read one input, apply the leading steps, spill; return counts, times and notes."""
    index, path, spill = task
    fmt, options, steps = shared
    timer = _Timer()
    counts: Counter[str] = Counter()
    started = time.perf_counter()

    def items() -> Iterator[Item]:
        for item in path_items(path, fmt, options):
            if isinstance(item, Article):
                counts["articles"] += 1
                yield _apply_steps(steps, item, -1, timer)
            else:
                counts["failures"] += 1
                yield item

    _write_items(spill, items())
    timer.seconds["read"] += time.perf_counter() - started - sum(timer.seconds.values())
    summary = {
        "index": index,
        "counts": dict(counts),
        "seconds": dict(timer.seconds),
        "notes": {step.name: step.notes.take() for step in steps},
    }
    _write_summary(spill, summary)
    return summary


def _write_summary(spill: str, summary: dict[str, Any]) -> None:
    temporary = f"{spill}.summary.partial"
    with open(temporary, "wb") as handle:
        handle.write(pickle.dumps(summary))
    os.replace(temporary, f"{spill}.summary")


def _observe_file(task: tuple[str, int], shared: tuple[Sequence[Step], Step]) -> Step:
    """Stage 2: observe one spill with a fresh copy of a mergeable global step; return the copy."""
    spill, first_ordinal = task
    before, template = shared
    step: Step = pickle.loads(pickle.dumps(template))  # noqa: S301 - a copy of our own step
    timer = _Timer()
    for ordinal, item in enumerate(_load_items(spill), first_ordinal):
        if isinstance(item, Article):
            result = _apply_steps(before, item, ordinal, timer)
            if isinstance(result, Article):
                step.observe(result, ordinal)
    return step


def _final_file(task: tuple[str, int, str], shared: Sequence[Step]) -> dict[str, Any]:
    """Stage 3: apply every step after the leading ones to one spill; spill the outcome."""
    spill, first_ordinal, final = task
    timer = _Timer()

    def items() -> Iterator[Item]:
        for ordinal, item in enumerate(_load_items(spill), first_ordinal):
            if isinstance(item, Article):
                result = _apply_steps(shared, item, ordinal, timer)
                yield _slim(result) if isinstance(result, Drop) else result
            else:
                yield _slim(item) if isinstance(item, Drop) else item

    _write_items(final, items())
    return {
        "seconds": dict(timer.seconds),
        "notes": {step.name: step.notes.take() for step in shared},
    }


def _slim(drop: Drop) -> Drop:
    """Keep a Drop's explanation, not the dropped text (reports hold thousands of them)."""
    article = drop.article
    return attrs.evolve(
        drop,
        article=Article(
            id=article.id, title=article.title, date=article.date, source=article.source
        ),
    )


# ----------------------------------------------------------------------------- pipeline


class Pipeline:
    """An ordered list of configured steps, run over inputs to one output.

    >>> from corpuskit.pipeline import Pipeline, build_step
    >>> pipeline = Pipeline([build_step("cleanup"), build_step("filter", min_words=3)])

    ``pipeline.run(inputs, output)`` writes the output and returns a :class:`Report`;
    ``pipeline.iter(inputs)`` yields each Article, Drop or Failure lazily, for use
    inside another program.
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
        paths = _paths(inputs)
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

        for position, step in enumerate(self._rest):
            if step.needs_global_view:
                self._observe_here(stage0, self._rest[:position], step, timer)
                for earlier in self.steps:
                    earlier.notes.take()  # notes of the final pass are the ones that count
        for ordinal, item in stage0():
            yield (
                _apply_steps(self._rest, item, ordinal, timer)
                if isinstance(item, Article)
                else item
            )

    @staticmethod
    def _observe_here(
        stage0: Callable[[], Iterator[tuple[int, Item]]],
        before: Sequence[Step],
        step: Step,
        timer: _Timer,
    ) -> None:
        for ordinal, item in stage0():
            if isinstance(item, Article):
                result = _apply_steps(before, item, ordinal, timer)
                if isinstance(result, Article):
                    step.observe(result, ordinal)
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

        With ``options.resume``, input files whose spill finished in an interrupted
        run with the same inputs and configuration are not read again.
        """
        options = options or RunOptions()
        if options.on_error not in ("raise", "skip"):
            raise ConfigError(f"on_error must be 'raise' or 'skip', got {options.on_error!r}")
        started = time.time()
        target = os.fspath(output)
        paths = _paths(inputs)
        work = _work_dir(target)
        _prepare_work_dir(work, self._fingerprint(paths, options), resume=options.resume)
        engine = make_engine(options.engine, jobs=options.jobs, **dict(options.engine_options))
        try:
            stats = RunStats()
            timer = _Timer()
            summaries = self._spill(paths, work, options, engine, stats)
            notes = self._merge_summaries(summaries, timer)
            spills = [str(_spill_path(work, index)) for index in range(len(paths))]
            offsets = _offsets(summaries)
            self._check_failures(spills, options)
            self._observe(spills, offsets, engine, timer)
            for step in self._leading:
                step.notes.merge(notes[step.name])
            finals = self._final(spills, offsets, engine, timer, options)
        finally:
            engine.close()
        outcome = _Outcome(stats)
        written = write(
            outcome.count(item for final in finals for item in _load_items(final)),
            target,
            format=options.to,
            temp_dir=str(work),
        )
        report = Report.build(
            pipeline=self,
            inputs=paths,
            output=target,
            read=offsets[-1],
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

    def _spill(
        self, paths: Sequence[str], work: Path, options: RunOptions, engine: Engine, stats: RunStats
    ) -> list[dict[str, Any]]:
        summaries: dict[int, dict[str, Any]] = {}
        tasks = []
        for index, path in enumerate(paths):
            spill = _spill_path(work, index)
            summary_path = Path(f"{spill}.summary")
            if options.resume and spill.exists() and summary_path.exists():
                summaries[index] = pickle.loads(summary_path.read_bytes())  # noqa: S301 - our own file
                stats.files_resumed += 1
            else:
                tasks.append((index, path, str(spill)))
        shared = (options.format, dict(options.reader_options), self._leading)
        progress = _progress(len(paths), "files", enabled=options.progress, initial=len(summaries))
        try:
            for summary in engine.map(_spill_file, tasks, shared):
                summaries[summary["index"]] = summary
                progress(1, summary["counts"].get("articles", 0))
        finally:
            progress(0, 0, close=True)
        return [summaries[index] for index in range(len(paths))]

    def _merge_summaries(
        self, summaries: Sequence[dict[str, Any]], timer: _Timer
    ) -> dict[str, Notes]:
        """Add the per-file times to ``timer``; return the leading steps' notes, merged in input order."""
        notes = {step.name: Notes() for step in self._leading}
        for summary in summaries:
            timer.add(summary["seconds"])
            for step in self._leading:
                notes[step.name].merge(summary["notes"].get(step.name, Notes()))
        return notes

    def _check_failures(self, spills: Sequence[str], options: RunOptions) -> None:
        if options.on_error != "raise":
            return
        for spill in spills:
            for item in _load_items(spill):
                if isinstance(item, Failure):
                    raise ParseError(item.message, path=item.path, line=item.line)

    def _observe(
        self, spills: Sequence[str], offsets: Sequence[int], engine: Engine, timer: _Timer
    ) -> None:
        """One observe pass per global step; mergeable ones on the engine, the others here."""
        for position, step in enumerate(self._rest):
            if not step.needs_global_view:
                continue
            before = self._rest[:position]
            if step.mergeable:
                started = time.perf_counter()
                tasks = [(spill, offsets[index]) for index, spill in enumerate(spills)]
                # A pristine template: on the serial engine the copies would otherwise be
                # taken from the step after earlier copies were merged into it.
                template: Step = pickle.loads(pickle.dumps(step))  # noqa: S301 - our own step
                for copy in engine.map(_observe_file, tasks, (before, template)):
                    step.merge(copy)
                step.finish()
                timer.seconds[step.name] += time.perf_counter() - started
            else:

                def stage0() -> Iterator[tuple[int, Item]]:
                    for index, spill in enumerate(spills):
                        yield from enumerate(_load_items(spill), offsets[index])

                self._observe_here(stage0, before, step, timer)
            for earlier in before:
                earlier.notes.take()  # notes of the final pass are the ones that count

    def _final(
        self,
        spills: Sequence[str],
        offsets: Sequence[int],
        engine: Engine,
        timer: _Timer,
        options: RunOptions,
    ) -> list[str]:
        finals = [f"{spill}.final" for spill in spills]
        tasks = [(spill, offsets[index], finals[index]) for index, spill in enumerate(spills)]
        progress = _progress(len(spills), "files", enabled=options.progress)
        try:
            for result in engine.map(_final_file, tasks, self._rest):
                timer.add(result["seconds"])
                for step in self._rest:
                    step.notes.merge(result["notes"].get(step.name, Notes()))
                progress(1, 0)
        finally:
            progress(0, 0, close=True)
        return finals

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
    """Counts the final items as they stream to the writer."""

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
                self.drops.append(item)
            else:
                self.failures.append(item)


def _paths(inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> list[str]:
    return list(iter_paths([inputs] if isinstance(inputs, str | os.PathLike) else inputs))


def _offsets(summaries: Sequence[dict[str, Any]]) -> list[int]:
    """The ordinal of each file's first record, and the total at the end."""
    offsets = [0]
    for summary in summaries:
        offsets.append(
            offsets[-1]
            + summary["counts"].get("articles", 0)
            + summary["counts"].get("failures", 0)
        )
    return offsets


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
        for stale in [*work.glob("*.partial"), *work.glob(".*.tmp"), *work.glob("*.final")]:
            stale.unlink()
        return
    if not os.path.isdir(work.parent):
        raise CorpusError(f"{work.parent}: the output directory does not exist")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    with atomic_output(manifest) as handle:
        handle.write(json.dumps({"fingerprint": fingerprint}).encode())


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
        if articles[0]:
            elapsed = max(bar.format_dict.get("elapsed", 0) or 0, 1e-9)
            bar.set_postfix_str(f"{articles[0]:,} articles, {articles[0] / elapsed:,.0f}/s")

    return update
