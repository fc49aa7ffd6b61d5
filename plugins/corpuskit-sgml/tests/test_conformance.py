"""The three SGML formats pass corpuskit's conformance kit."""

from __future__ import annotations

from corpuskit.testing import FormatConformance

_SMALL = {"large_size": 3 << 20, "max_read": 1 << 20, "max_held": 2 << 20}


class TestReutersConformance(FormatConformance):
    """reuters-sgml reads its sample, streams and survives bad bytes."""

    format_name = "reuters-sgml"
    samples = ("samples/reuters.sgm",)
    large_size, max_read, max_held = _SMALL.values()


class TestTrecConformance(FormatConformance):
    """trec reads its sample, streams and survives bad bytes."""

    format_name = "trec"
    samples = ("samples/trec.sgml",)
    large_size, max_read, max_held = _SMALL.values()


class TestGigawordConformance(FormatConformance):
    """gigaword reads its sample, streams and survives bad bytes."""

    format_name = "gigaword"
    samples = ("samples/gigaword.sgml",)
    large_size, max_read, max_held = _SMALL.values()
