"""Testing tools for plugin authors: the format conformance check and its pytest form.

Point :func:`check_format` at a registered format and a few sample files, or
subclass :class:`FormatConformance` in a test module to get one test per property::

    class TestMyFormat(FormatConformance):
        format_name = "myformat"
        samples = ("samples/one.myf",)

Hypothesis strategies live in :mod:`corpuskit.testing.strategies` (which needs
Hypothesis); this module needs neither Hypothesis nor pytest to import.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from corpuskit.testing._conformance import (
    PROPERTIES,
    ROUND_TRIP_FIELDS,
    ConformanceError,
    ConformanceReport,
    Problem,
    article_problems,
    check_format,
)
from corpuskit.testing._samples import sample_articles
from corpuskit.testing._streams import BoundedStream, StreamingViolation

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Sequence

__all__ = [
    "PROPERTIES",
    "ROUND_TRIP_FIELDS",
    "BoundedStream",
    "ConformanceError",
    "ConformanceReport",
    "FormatConformance",
    "Problem",
    "StreamingViolation",
    "article_problems",
    "check_format",
    "sample_articles",
]


class FormatConformance:
    """Subclass this in a test module (as ``Test...``) to run each conformance property as a test.

    Set ``format_name`` and ``samples`` (paths relative to the test module's
    folder, or absolute); the other class attributes tune :func:`check_format`.
    A property that does not apply (no writer: no round trip) is skipped with the reason;
    ``skip_properties`` declares others, best as a mapping from property to reason.
    """

    format_name: ClassVar[str]
    samples: ClassVar[Sequence[str | os.PathLike[str]]] = ()
    options: ClassVar[Mapping[str, Any]] = {}
    round_trip_fields: ClassVar[Sequence[str]] = ROUND_TRIP_FIELDS
    single_article: ClassVar[bool] = False
    """The format holds one article per file: the round trip writes each to a file of its own."""
    record_lines: ClassVar[bool] = False
    """The format's ``source.line`` is the record's 1-based number (a binary format's row)."""
    skip_properties: ClassVar[Sequence[str] | Mapping[str, str]] = ()
    """Properties that do not apply, by name, or a mapping from each to the reason it does not."""
    large_sample: ClassVar[Callable[[Path, int], None] | None] = None
    """A function ``make(path, size)`` writing a valid file of at least ``size`` bytes."""
    large_size: ClassVar[int] = 12 << 20
    max_read: ClassVar[int] = 4 << 20
    max_held: ClassVar[int] = 6 << 20

    def sample_paths(self) -> list[Path]:
        """``samples`` resolved against the folder of the module that defines the subclass."""
        module_file = getattr(sys.modules.get(type(self).__module__), "__file__", None)
        base = Path(module_file).parent if module_file else Path.cwd()
        return [base / sample for sample in self.samples]

    def check_property(self, prop: str, workdir: Path) -> None:
        """Check one property; fail with the report, or skip when it does not apply."""
        import pytest  # noqa: PLC0415 - only ever called from a test

        skip = self.skip_properties
        unknown = sorted(set(skip) - set(PROPERTIES))
        if unknown:
            raise ValueError(f"skip_properties names unknown properties {unknown}")
        if prop in skip:
            why = skip[prop] if isinstance(skip, Mapping) else "listed in skip_properties"
            pytest.skip(f"{prop}: {why}")
        report = check_format(
            self.format_name,
            self.sample_paths(),
            properties=(prop,),
            options=self.options,
            round_trip_fields=self.round_trip_fields,
            single_article=self.single_article,
            record_lines=self.record_lines,
            # Looked up on the class: a plain function there is not a method of the test.
            large_sample=getattr(type(self), "large_sample", None),
            large_size=self.large_size,
            max_read=self.max_read,
            max_held=self.max_held,
            workdir=workdir,
        )
        report.raise_for_problems()
        for skipped, why in report.skipped:
            pytest.skip(f"{skipped}: {why}")

    def test_registers(self, tmp_path: Path) -> None:
        """The format is registered, claims suffixes, and reads or writes."""
        self.check_property("registers", tmp_path)

    def test_detects(self, tmp_path: Path) -> None:
        """Corpuskit chooses this format for its own samples (suffix, then sniffing)."""
        self.check_property("detects", tmp_path)

    def test_ignores_builtin(self, tmp_path: Path) -> None:
        """Sniffing never takes a built-in format's file for this format."""
        self.check_property("ignores-builtin", tmp_path)

    def test_reads(self, tmp_path: Path) -> None:
        """Samples read as valid Articles whose source names the file and line."""
        self.check_property("reads", tmp_path)

    def test_stable_ids(self, tmp_path: Path) -> None:
        """Two reads of a sample give the same ids."""
        self.check_property("stable-ids", tmp_path)

    def test_streams(self, tmp_path: Path) -> None:
        """A large input is read in bounded pieces, never held whole."""
        self.check_property("streams", tmp_path)

    def test_bad_input(self, tmp_path: Path) -> None:
        """Arbitrary and truncated bytes raise only corpuskit errors that carry path:line."""
        self.check_property("bad-input", tmp_path)

    def test_round_trip(self, tmp_path: Path) -> None:
        """What the writer writes, the reader reads back with the same fields."""
        self.check_property("round-trip", tmp_path)
