"""The conformance check for format plugins: :func:`check_format` and its report."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import attrs

from corpuskit.errors import CorpusError, ParseError, SourceError
from corpuskit.io import choose_format, open_input
from corpuskit.model import Article, Failure, SourceRef
from corpuskit.plugins import Format, Sink, Source, format_registry, plugin_infos
from corpuskit.testing._samples import builtin_samples, sample_articles
from corpuskit.testing._streams import BoundedStream, StreamingViolation, held_too_much
from corpuskit.text import canonical_text

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = [
    "PROPERTIES",
    "ROUND_TRIP_FIELDS",
    "ConformanceError",
    "ConformanceReport",
    "Problem",
    "article_problems",
    "check_format",
]

PROPERTIES = (
    "registers",
    "detects",
    "ignores-builtin",
    "reads",
    "stable-ids",
    "streams",
    "bad-input",
    "round-trip",
)
"""Every property :func:`check_format` verifies, in the order it checks them."""

ROUND_TRIP_FIELDS = (
    "id",
    "title",
    "text",
    "date",
    "date_raw",
    "url",
    "authors",
    "language",
    "meta",
)
"""The Article fields a lossless writer keeps (``source`` is provenance and always changes)."""

_NEED_A_READER = frozenset(("detects", "reads", "stable-ids", "streams", "bad-input"))
_SNIFF_BYTES = 8192
_PROBLEMS_PER_INPUT = 5
_MAX_RECORDS = 1_000_000
_ROUND_TRIP_GENERATED = 20


@attrs.frozen(kw_only=True)
class Problem:
    """One broken property: which one, on which input, and what went wrong."""

    property: str
    input: str
    message: str

    def __str__(self) -> str:
        """``property: input: message``."""
        where = f"{self.input}: " if self.input else ""
        return f"{self.property}: {where}{self.message}"


@attrs.frozen(kw_only=True)
class ConformanceReport:
    """What :func:`check_format` found: the properties checked, skipped (and why) and broken."""

    format: str
    checked: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    problems: tuple[Problem, ...] = ()
    workdir: str | None = None

    @property
    def ok(self) -> bool:
        """Whether every property checked holds."""
        return not self.problems

    @property
    def broken(self) -> tuple[str, ...]:
        """The properties with at least one problem, in check order."""
        names = {problem.property for problem in self.problems}
        return tuple(name for name in PROPERTIES if name in names)

    def __str__(self) -> str:
        """A summary line, then one line per problem."""
        count = len(self.checked)
        if self.ok:
            return f"format {self.format!r} passes {count} of {count} properties checked"
        broken = ", ".join(self.broken)
        summary = f"breaks {len(self.broken)} of {count} properties checked ({broken}):"
        lines = [f"format {self.format!r} {summary}"]
        lines += [f"  {problem}" for problem in self.problems]
        if self.workdir:
            lines.append(f"  (inputs kept in {self.workdir})")
        return "\n".join(lines)

    def raise_for_problems(self) -> None:
        """Raise :class:`ConformanceError` when a property is broken."""
        if self.problems:
            raise ConformanceError(self)


class ConformanceError(CorpusError, AssertionError):
    """A format breaks conformance properties; ``report`` says which, on which input."""

    def __init__(self, report: ConformanceReport) -> None:
        """Carry ``report``; the message is the report."""
        self.report = report
        super().__init__(str(report))


def article_problems(article: object) -> list[str]:
    """What makes ``article`` an invalid Article (types, canonical text); empty when it is valid."""
    if not isinstance(article, Article):
        return [f"is a {type(article).__name__}, not a corpuskit.Article"]
    problems: list[str] = []
    if not isinstance(article.id, str) or not article.id:
        problems.append(f"id must be a non-empty string, got {article.id!r}")
    problems += [
        f"{name} must be a string, got {type(getattr(article, name)).__name__}"
        for name in ("title", "text")
        if not isinstance(getattr(article, name), str)
    ]
    for name in ("date_raw", "url", "language"):
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            problems.append(f"{name} must be a string or None, got {type(value).__name__}")
    if article.date is not None and not isinstance(article.date, dt.date):
        problems.append(
            "date must be a datetime.date, datetime.datetime or None, got "
            f"{type(article.date).__name__}"
        )
    if not all(isinstance(author, str) for author in article.authors):
        problems.append(f"authors must be strings, got {article.authors!r}")
    if article.source is not None and not isinstance(article.source, SourceRef):
        problems.append(
            f"source must be a corpuskit.SourceRef, got {type(article.source).__name__}"
        )
    if isinstance(article.text, str):
        problems += _text_problems(article.text)
    return problems


def _text_problems(text: str) -> list[str]:
    canonical = canonical_text(text)
    if canonical == text:
        return []
    at = next(
        (i for i, (a, b) in enumerate(zip(text, canonical, strict=False)) if a != b),
        min(len(text), len(canonical)),
    )
    around = text[max(0, at - 20) : at + 20]
    return [
        f"text is not canonical (corpuskit.canonical_text changes it at character {at}: {around!r})"
    ]


def check_format(
    name: str,
    samples: Iterable[str | os.PathLike[str]] = (),
    *,
    properties: Iterable[str] | None = None,
    skip: Iterable[str] | Mapping[str, str] = (),
    options: Mapping[str, Any] | None = None,
    round_trip_fields: Iterable[str] = ROUND_TRIP_FIELDS,
    single_article: bool = False,
    record_lines: bool = False,
    large_sample: Callable[[Path, int], None] | None = None,
    large_size: int = 12 << 20,
    max_read: int = 4 << 20,
    max_held: int = 6 << 20,
    workdir: str | os.PathLike[str] | None = None,
    seed: int = 0,
) -> ConformanceReport:
    """Check that the registered format ``name`` behaves, reading the sample files ``samples``.

    ``properties`` (default: all of :data:`PROPERTIES`) chooses what to check and
    ``skip`` leaves some out (a mapping gives each the reason, which the report keeps).
    ``round_trip_fields`` are the fields the writer must keep; ``single_article`` says
    the format holds one article per file, so the round trip writes each to a file of its own.
    ``record_lines`` says the format's ``source.line`` is the record's 1-based number
    (the row of a binary format whose bytes have no lines), not a line of the file.
    The ``streams`` property reads a sample of at least ``large_size`` bytes made
    by ``large_sample(path, size)``, else by the format's writer, else by
    repeating the first sample; no single read may take more than ``max_read``
    bytes, and the reader may never hold more than ``max_held`` bytes beyond the
    records it has handed out.
    Inputs are written under ``workdir`` (default: a temporary directory, removed
    when every property holds).
    Returns the report; call :meth:`ConformanceReport.raise_for_problems` to fail.
    A sample that does not exist raises :class:`corpuskit.errors.SourceError`.
    """
    wanted = tuple(PROPERTIES if properties is None else properties)
    reasons = _skip_reasons(skip)
    unknown = sorted((set(wanted) | set(reasons)) - set(PROPERTIES))
    if unknown:
        raise ValueError(
            f"unknown properties {unknown}; the properties are {', '.join(PROPERTIES)}"
        )
    if large_size <= max_held:
        raise ValueError(
            "large_size must exceed max_held, or a reader that holds everything passes"
        )
    sample_paths = [Path(sample) for sample in samples]
    missing = [str(path) for path in sample_paths if not path.is_file()]
    if missing:
        raise SourceError(f"{missing[0]}: no such sample file")
    own_dir = workdir is None
    directory = Path(
        tempfile.mkdtemp(prefix="corpuskit-conformance-") if workdir is None else workdir
    )
    checker = _Checker(
        name=name,
        samples=sample_paths,
        options=dict(options or {}),
        round_trip_fields=tuple(round_trip_fields),
        single_article=single_article,
        record_lines=record_lines,
        large_sample=large_sample,
        limits=(large_size, max_read, max_held),
        workdir=directory,
        seed=seed,
    )
    skipped = tuple((prop, reasons[prop]) for prop in wanted if prop in reasons)
    checker.run(tuple(prop for prop in wanted if prop not in reasons))
    keep = bool(checker.problems) or not own_dir
    if not keep:
        shutil.rmtree(directory, ignore_errors=True)
    return ConformanceReport(
        format=name,
        checked=tuple(checker.checked),
        skipped=skipped + tuple(checker.skipped),
        problems=tuple(checker.problems),
        workdir=str(directory) if checker.problems else None,
    )


def _skip_reasons(skip: Iterable[str] | Mapping[str, str]) -> dict[str, str]:
    """The properties to skip, each with its reason (``skipped on request`` when none is given)."""
    if isinstance(skip, str):
        skip = (skip,)
    if isinstance(skip, Mapping):
        return {str(prop): str(why) for prop, why in skip.items()}
    return dict.fromkeys(skip, "skipped on request")


def _line_count(data: bytes) -> int:
    return data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)


def _decompressed(path: Path) -> bytes:
    with open_input(str(path)) as stream:
        return stream.read()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _bad_item(item: object, name: str) -> Iterator[tuple[str, str]]:
    """(kind, message) for each rule a record read from the bad input ``name`` breaks."""
    if isinstance(item, Failure):
        if item.path != name:
            yield "failure path", f"yielded a Failure naming {item.path!r}, not the file: {item}"
        if not isinstance(item.line, int) or item.line < 1:
            yield "failure line", f"yielded a Failure without a line: {item}"
    elif not isinstance(item, Article):
        kind = type(item).__name__
        yield "not a record", f"yielded a {kind}, neither an Article nor a Failure"


class _Checker:
    """The state of one :func:`check_format` run."""

    def __init__(
        self,
        *,
        name: str,
        samples: list[Path],
        options: dict[str, Any],
        round_trip_fields: tuple[str, ...],
        single_article: bool,
        record_lines: bool,
        large_sample: Callable[[Path, int], None] | None,
        limits: tuple[int, int, int],
        workdir: Path,
        seed: int,
    ) -> None:
        self.name = name
        self.samples = samples
        self.options = options
        self.round_trip_fields = round_trip_fields
        self.single_article = single_article
        self.record_lines = record_lines
        self.large_sample = large_sample
        self.large_size, self.max_read, self.max_held = limits
        self.workdir = workdir
        self.seed = seed
        self.problems: list[Problem] = []
        self.checked: list[str] = []
        self.skipped: list[tuple[str, str]] = []
        self._per_input: dict[tuple[str, str], int] = {}
        self.fmt: Format | None = None

    def problem(self, prop: str, where: object, message: str, *, group: object = None) -> None:
        """Record a problem; at most a few per input (or per ``group`` of places in one input)."""
        key = (prop, str(where if group is None else group))
        seen = self._per_input.get(key, 0)
        self._per_input[key] = seen + 1
        if seen < _PROBLEMS_PER_INPUT:
            self.problems.append(Problem(property=prop, input=str(where), message=message))

    def run(self, wanted: tuple[str, ...]) -> None:
        self.fmt = self._lookup()
        if self.fmt is None:
            self.checked.append("registers")
            return
        checks: dict[str, Callable[[Format], str | None]] = {
            "registers": self.check_registers,
            "detects": self.check_detects,
            "ignores-builtin": self.check_ignores_builtin,
            "reads": self.check_reads,
            "stable-ids": self.check_stable_ids,
            "streams": self.check_streams,
            "bad-input": self.check_bad_input,
            "round-trip": self.check_round_trip,
        }
        for prop in wanted:
            if self.fmt.reader is None and prop in _NEED_A_READER:
                self.skipped.append((prop, "the format cannot read"))
                continue
            why_not = checks[prop](self.fmt)
            if why_not is None:
                self.checked.append(prop)
            else:
                self.skipped.append((prop, why_not))
        for (prop, where), seen in self._per_input.items():
            if seen > _PROBLEMS_PER_INPUT:
                more = seen - _PROBLEMS_PER_INPUT
                self.problems.append(
                    Problem(property=prop, input=where, message=f"... and {more} more like these")
                )

    def _lookup(self) -> Format | None:
        try:
            registry = format_registry()
        except CorpusError as exc:
            self.problem("registers", "", f"the plugins do not load: {exc}")
            return None
        if self.name in registry:
            return registry.get(self.name)
        broken = "; ".join(
            f"{info.name} ({info.origin}): {info.error}" for info in plugin_infos() if info.error
        )
        known = ", ".join(fmt.name for fmt in registry)
        hint = (
            f"; plugins that failed to load: {broken}"
            if broken
            else " (is the plugin installed, with a `corpuskit` entry point?)"
        )
        self.problem(
            "registers", "", f"no format {self.name!r} is registered (known: {known}){hint}"
        )
        return None

    # -- properties --------------------------------------------------------------------------

    def check_registers(self, fmt: Format) -> str | None:
        if not fmt.suffixes:
            self.problem(
                "registers",
                "",
                "the format claims no file suffix, so its files are read only with --format",
            )
        if fmt.reader is None and fmt.writer is None:
            self.problem("registers", "", "the format has neither a reader nor a writer")
        if fmt.reader is not None and not self.samples:
            self.problem("registers", "", "no sample files were given to check the reader with")
        return None

    def check_detects(self, fmt: Format) -> str | None:
        for sample in self.samples:
            try:
                chosen = choose_format(str(sample))
            except CorpusError as exc:
                self.problem("detects", sample, f"corpuskit cannot choose a format for it: {exc}")
            else:
                if chosen.name != fmt.name:
                    self.problem(
                        "detects",
                        sample,
                        f"corpuskit would read it as {chosen.name!r}, not {fmt.name!r}",
                    )
            if fmt.sniff is not None:
                with open_input(str(sample)) as stream:
                    head = stream.read(_SNIFF_BYTES)
                score = self._sniff(fmt, head, "detects", sample)
                if score is not None and score <= 0:
                    self.problem(
                        "detects",
                        sample,
                        f"sniff scores the format's own sample {score!r}; it should be above 0",
                    )
        return None

    def _sniff(self, fmt: Format, head: bytes, prop: str, where: object) -> float | None:
        assert fmt.sniff is not None  # noqa: S101 - run() checks
        try:
            score = fmt.sniff(head)
        except Exception as exc:  # noqa: BLE001 - any exception is the plugin's bug, and the finding
            self.problem(
                prop, where, f"sniff raised {_describe(exc)}; it must return a score for any bytes"
            )
            return None
        if not isinstance(score, int | float) or not 0 <= score <= 1:
            self.problem(
                prop, where, f"sniff returned {score!r}; it must return a number from 0 to 1"
            )
            return None
        return float(score)

    def check_ignores_builtin(self, fmt: Format) -> str | None:
        if fmt.sniff is None:
            return "the format has no sniff function: it is never chosen by content"
        for sample in builtin_samples(self.workdir / "builtin"):
            if sample.format == fmt.name:
                continue
            with open_input(str(sample.path)) as stream:
                head = stream.read(_SNIFF_BYTES)
            score = self._sniff(fmt, head, "ignores-builtin", sample.path)
            if score is None or score == 0:
                continue
            if sample.sniff is None:
                self.problem(
                    "ignores-builtin",
                    sample.path,
                    f"sniff scores this {sample.format} sample {score}; it should be 0, because "
                    f"{sample.format} "
                    f"has no sniffer and a {sample.format} file without its suffix would be read "
                    f"as {fmt.name!r}",
                )
                continue
            owner = sample.sniff(head)
            if score >= owner:
                self.problem(
                    "ignores-builtin",
                    sample.path,
                    f"sniff scores this {sample.format} sample {score}, not below "
                    f"{sample.format}'s own score "
                    f"{owner}: a {sample.format} file without its suffix would not be read as "
                    f"{sample.format}",
                )
        return None

    def _source(self, path: Path | str, stream: IO[bytes]) -> Source:
        return Source(path=str(path), stream=stream, format=self.name, options=self.options)

    def _read_sample(self, fmt: Format, sample: Path, prop: str) -> list[object] | None:
        assert fmt.reader is not None  # noqa: S101 - run() checks
        try:
            with open_input(str(sample)) as stream:
                return list(fmt.reader(self._source(sample, stream)))
        except CorpusError as exc:
            self.problem(prop, sample, f"reading a sample raised {exc}")
        except Exception as exc:  # noqa: BLE001 - a bug in the plugin is what we report
            self.problem(prop, sample, f"reading a sample raised {_describe(exc)}")
        return None

    def check_reads(self, fmt: Format) -> str | None:
        for sample in self.samples:
            items = self._read_sample(fmt, sample, "reads")
            if items is None:
                continue
            data = _decompressed(sample)
            articles = 0
            last_line = 0
            for number, item in enumerate(items, 1):
                if isinstance(item, Failure):
                    self.problem(
                        "reads",
                        sample,
                        f"a sample should read cleanly, but record {number} failed: {item}",
                    )
                    continue
                where = f"{sample} (article {number})"
                for message in article_problems(item):
                    self.problem("reads", where, message, group=sample)
                if not isinstance(item, Article):
                    continue
                articles += 1
                if self.record_lines:
                    self._check_record_source(item.source, sample, data, number, where)
                else:
                    last_line = self._check_source(item.source, sample, data, last_line, where)
            if not articles:
                self.problem("reads", sample, "read no Article from the sample")
        return None

    def _check_names(self, source: object, sample: Path, where: str) -> SourceRef | None:
        """Check that ``source`` is a SourceRef naming ``sample`` and the format; return it."""
        if not isinstance(source, SourceRef):
            self.problem(
                "reads",
                where,
                f"source must be a SourceRef pointing at the file, got {source!r}",
                group=sample,
            )
            return None
        if source.path != str(sample):
            self.problem(
                "reads",
                where,
                f"source.path is {source.path!r}, not the file read ({str(sample)!r})",
                group=sample,
            )
        if source.format != self.name:
            self.problem(
                "reads",
                where,
                f"source.format is {source.format!r}, not {self.name!r}",
                group=sample,
            )
        return source

    def _check_record_source(
        self, source: object, sample: Path, data: bytes, number: int, where: str
    ) -> None:
        """Check that ``source`` names record ``number`` of ``sample`` (``record_lines``)."""
        ref = self._check_names(source, sample, where)
        if ref is None:
            return
        if ref.line != number:
            self.problem(
                "reads",
                where,
                f"source.line is {ref.line!r}; with record_lines it must be the record's number "
                f"in the file ({number})",
                group=sample,
            )
        offset = ref.byte_offset
        if offset is not None and not (isinstance(offset, int) and 0 <= offset < len(data)):
            self.problem(
                "reads",
                where,
                f"source.byte_offset is {offset!r}, outside the file ({len(data)} bytes)",
                group=sample,
            )

    def _check_source(
        self, source: object, sample: Path, data: bytes, last_line: int, where: str
    ) -> int:
        """Check that ``source`` points into ``sample``; return its line (or ``last_line``)."""
        ref = self._check_names(source, sample, where)
        if ref is None:
            return last_line
        source = ref
        line = source.line
        lines = _line_count(data)
        offset = source.byte_offset
        if line is None and isinstance(offset, int) and 0 <= offset < len(data):
            return last_line  # a binary format may place records by byte offset alone
        if not isinstance(line, int) or not 1 <= line <= max(lines, 1):
            self.problem(
                "reads",
                where,
                f"source.line is {line!r}; it must be a line of the file (1 to {lines})",
                group=sample,
            )
            return last_line
        if line < last_line:
            self.problem(
                "reads",
                where,
                f"source.line goes back from {last_line} to {line}",
                group=sample,
            )
        if offset is not None:
            if not isinstance(offset, int) or not 0 <= offset < len(data):
                self.problem(
                    "reads",
                    where,
                    f"source.byte_offset is {offset!r}, outside the file ({len(data)} bytes)",
                    group=sample,
                )
            elif data.count(b"\n", 0, offset) + 1 != line:
                at = data.count(b"\n", 0, offset) + 1
                self.problem(
                    "reads",
                    where,
                    f"source.byte_offset {offset} is on line {at}, but source.line is {line}",
                    group=sample,
                )
        return line

    def check_stable_ids(self, fmt: Format) -> str | None:
        for sample in self.samples:
            first = self._read_sample(fmt, sample, "stable-ids")
            second = self._read_sample(fmt, sample, "stable-ids")
            if first is None or second is None:
                continue
            ids = [
                [item.id for item in items if isinstance(item, Article)]
                for items in (first, second)
            ]
            if len(ids[0]) != len(ids[1]):
                self.problem(
                    "stable-ids", sample, f"two reads gave {len(ids[0])} and {len(ids[1])} articles"
                )
                continue
            for number, (a, b) in enumerate(zip(ids[0], ids[1], strict=True), 1):
                if a != b:
                    self.problem(
                        "stable-ids",
                        sample,
                        f"two reads gave different ids: article {number} is {a!r}, then {b!r}",
                    )
                    break
        return None

    def _suffix(self, fmt: Format) -> str:
        return fmt.suffixes[0] if fmt.suffixes else ".sample"

    def _make_large(self, fmt: Format, path: Path) -> str | None:
        """Write the large sample to ``path``; say how, or return ``None`` after a problem."""
        if self.large_sample is not None:
            try:
                self.large_sample(path, self.large_size)
            except Exception as exc:  # noqa: BLE001 - the author's helper failing is the finding
                self.problem("streams", path, f"large_sample() raised {_describe(exc)}")
                return None
            return "large_sample()"
        if fmt.writer is not None:
            articles = sample_articles(self.seed)
            with path.open("wb") as stream:

                def until_large() -> Iterator[Article]:
                    # Also count the text handed over, so a writer that buffers
                    # everything until the end cannot make this loop endless.
                    handed = 0
                    while stream.tell() < self.large_size and handed < 2 * self.large_size:
                        article = next(articles)
                        handed += len(article.text) + len(article.title)
                        yield article

                try:
                    fmt.writer(
                        until_large(),
                        Sink(path=str(path), stream=stream, format=fmt.name, options=self.options),
                    )
                except Exception as exc:  # noqa: BLE001 - reported, with the way out
                    self.problem(
                        "streams",
                        path,
                        f"the writer could not write generated articles ({_describe(exc)}); "
                        "pass large_sample= to make the large sample another way",
                    )
                    return None
            return "the format's writer"
        if not self.samples:
            self.problem("streams", "", "no sample to build the large sample from")
            return None
        unit = _decompressed(self.samples[0])
        if not unit.endswith(b"\n"):
            unit += b"\n"
        with path.open("wb") as stream:
            stream.write(unit * (self.large_size // max(len(unit), 1) + 1))
        return f"repeating {self.samples[0]}"

    def check_streams(self, fmt: Format) -> str | None:
        path = self.workdir / f"large{self._suffix(fmt)}"
        how = self._make_large(fmt, path)
        if how is None:
            return None
        size = path.stat().st_size
        where = f"{path} ({size:,} bytes, made by {how})"
        assert fmt.reader is not None  # noqa: S101 - run() checks
        with path.open("rb") as raw, BoundedStream(raw, self.max_read) as stream:
            try:
                # Where the reader had got to in its input each time it handed out a record.
                source = self._source(path, cast("IO[bytes]", stream))  # a binary file, duck-typed
                pulled_at = [stream.pulled for _item in fmt.reader(source)]
            except StreamingViolation as exc:
                self.problem(
                    "streams", where, f"{exc}: the reader must read its input in bounded pieces"
                )
                return None
            except Exception as exc:  # noqa: BLE001 - a bug in the plugin is what we report
                self.problem("streams", where, f"reading the large sample raised {_describe(exc)}")
                return None
            pulled = stream.pulled
        if not pulled_at:
            self.problem("streams", where, "read no record from the large sample")
        elif pulled == 0:
            self.problem(
                "streams",
                where,
                "the reader never read the stream it was given (it must read source.stream, not "
                "the path)",
            )
        else:
            worst = held_too_much(pulled_at, size, self.max_held)
            if worst is not None:
                index, taken, held = worst
                self.problem(
                    "streams",
                    where,
                    f"when it handed out record {index + 1} of {len(pulled_at)} it had read "
                    f"{taken:,} bytes, "
                    f"{held:,} more than the records so far account for (the bound is "
                    f"{self.max_held:,}): "
                    "the reader holds its input instead of streaming it",
                )
        return None

    def _bad_inputs(self) -> Iterator[tuple[str, bytes]]:
        rng = random.Random(self.seed)  # noqa: S311 - reproducible inputs, not secrets
        yield "an empty file", b""
        yield "a byte-order mark alone", b"\xef\xbb\xbf"
        yield "blank lines", b"\n\r\n \n"
        yield "NUL bytes", b"\x00" * 64
        for size in (1, 17, 300, 5000):
            yield f"{size} random bytes", rng.randbytes(size)
        yield (
            "random ASCII lines",
            "".join(rng.choice("ab1:-{}<>\t \n\"',;") for _ in range(2000)).encode(),
        )
        for sample in self.samples[:3]:
            data = _decompressed(sample)
            if not data:
                continue
            cuts = sorted(
                {
                    1,
                    len(data) // 2,
                    len(data) - 1,
                    *(rng.randrange(1, len(data)) for _ in range(20)),
                }
            )
            for cut in cuts:
                yield f"{sample} truncated to {cut} bytes", data[:cut]
            for _ in range(6):
                at = rng.randrange(len(data))
                byte = rng.choice((0xFF, 0x00, 0xC3, 0x0A, 0x22, 0x5C))
                yield (
                    f"{sample} with byte {at} set to 0x{byte:02x}",
                    data[:at] + bytes((byte,)) + data[at + 1 :],
                )
            for _ in range(3):
                start = rng.randrange(len(data))
                end = min(len(data), start + rng.randint(1, 200))
                yield f"{sample} without bytes {start}-{end}", data[:start] + data[end:]
                yield f"{sample} with bytes {start}-{end} doubled", data[:end] + data[start:]
            yield f"{sample} followed by random bytes", data + rng.randbytes(200)

    def check_bad_input(self, fmt: Format) -> str | None:
        directory = self.workdir / "bad-input"
        directory.mkdir(parents=True, exist_ok=True)
        seen: dict[str, int] = {}
        for number, (what, data) in enumerate(self._bad_inputs(), 1):
            path = directory / f"input-{number:03d}{self._suffix(fmt)}"
            path.write_bytes(data)
            where = f"{what} ({path})"
            if fmt.sniff is not None:
                self._sniff(fmt, data[:_SNIFF_BYTES], "bad-input", where)
            for kind, message in self._read_bad(fmt, path):
                seen[kind] = seen.get(kind, 0) + 1
                if seen[kind] == 1:
                    self.problem("bad-input", where, message)
        for kind, count in seen.items():
            if count > 1:
                self.problem("bad-input", "", f"{kind}: on {count - 1} more bad inputs")
        return None

    def _read_bad(self, fmt: Format, path: Path) -> Iterator[tuple[str, str]]:
        """Read one bad input; yield (kind, message) for each way it broke the rules."""
        assert fmt.reader is not None  # noqa: S101 - run() checks
        name = str(path)
        try:
            with path.open("rb") as stream:
                for count, item in enumerate(fmt.reader(self._source(path, stream))):
                    yield from _bad_item(item, name)
                    if count >= _MAX_RECORDS:
                        yield "endless", f"yielded over {_MAX_RECORDS:,} records from a small file"
                        return
        except ParseError as exc:
            if exc.path != name or not isinstance(exc.line, int) or exc.line < 1:
                where = f"path={exc.path!r}, line={exc.line!r}"
                yield (
                    "error place",
                    f"raised ParseError without the file's path:line ({where}): {exc}",
                )
        except CorpusError as exc:
            if not re.match(rf"{re.escape(name)}:\d+: ", str(exc)):
                kind = type(exc).__name__
                yield "error place", f"raised {kind} without the file's path:line: {exc}"
        except Exception as exc:  # noqa: BLE001 - a leaked exception is the finding
            yield (
                f"leaks {type(exc).__name__}",
                (
                    f"raised {_describe(exc)}, which is not a corpuskit error (yield a "
                    "corpuskit.Failure, or raise corpuskit.ParseError with path and line)"
                ),
            )

    def check_round_trip(self, fmt: Format) -> str | None:
        if fmt.writer is None:
            return "the format cannot write"
        if fmt.reader is None:
            return "the format cannot read what it writes"
        originals: list[Article] = []
        for sample in self.samples:
            items = self._read_sample(fmt, sample, "round-trip") or []
            originals += [item for item in items if isinstance(item, Article)]
        generated = sample_articles(self.seed)
        originals += [next(generated) for _ in range(_ROUND_TRIP_GENERATED)]
        suffix = self._suffix(fmt)
        if not self.single_article:
            back = self._write_and_read(fmt, originals, self.workdir / f"round-trip{suffix}")
            if back is not None:
                self._compare(originals, back, self.workdir / f"round-trip{suffix}")
            return None
        # One file per article: article N is written to round-trip-N.
        backs = [
            self._write_and_read(fmt, [original], self.workdir / f"round-trip-{number:03d}{suffix}")
            for number, original in enumerate(originals, 1)
        ]
        if all(back is not None for back in backs):
            read_back = [article for back in backs for article in back or ()]
            self._compare(originals, read_back, self.workdir / f"round-trip-NNN{suffix}")
        return None

    def _write_and_read(
        self, fmt: Format, originals: list[Article], path: Path
    ) -> list[Article] | None:
        """Write ``originals`` to ``path`` and read them back; ``None`` after a problem."""
        assert fmt.writer is not None  # noqa: S101 - check_round_trip checks
        try:
            with path.open("wb") as stream:
                written = fmt.writer(
                    originals,
                    Sink(path=str(path), stream=stream, format=fmt.name, options=self.options),
                )
        except Exception as exc:  # noqa: BLE001 - reported
            self.problem(
                "round-trip",
                path,
                f"the writer raised {_describe(exc)} writing the samples' articles",
            )
            return None
        if written != len(originals):
            self.problem(
                "round-trip",
                path,
                f"the writer returned {written!r} after writing {len(originals)} articles",
            )
        read_back = self._read_sample(fmt, path, "round-trip")
        if read_back is None:
            return None
        back = [item for item in read_back if isinstance(item, Article)]
        for item in read_back:
            if isinstance(item, Failure):
                self.problem(
                    "round-trip", path, f"reading back what the writer wrote failed: {item}"
                )
        if len(back) != len(originals):
            self.problem(
                "round-trip", path, f"wrote {len(originals)} articles and read back {len(back)}"
            )
            return None
        return back

    def _compare(self, originals: Sequence[Article], back: Sequence[Article], path: Path) -> None:
        lost: dict[str, list[tuple[int, Article, Article]]] = {}
        for number, (before, after) in enumerate(zip(originals, back, strict=True), 1):
            for field in self.round_trip_fields:
                if getattr(before, field) != getattr(after, field):
                    lost.setdefault(field, []).append((number, before, after))
        for field, cases in lost.items():
            number, before, after = cases[0]
            more = f" (and {len(cases) - 1} more articles)" if len(cases) > 1 else ""
            self.problem(
                "round-trip",
                f"{path}, article {number} (id {before.id})",
                f"{field} is lost: wrote {getattr(before, field)!r}, read back "
                f"{getattr(after, field)!r}{more}",
            )
