"""The warc format passes corpuskit's conformance kit."""

from __future__ import annotations

from corpuskit.testing import FormatConformance


class TestWarcConformance(FormatConformance):
    """warc reads its sample, streams and survives bad bytes with path:line."""

    format_name = "warc"
    samples = ("samples/archive.warc",)
    large_size, max_read, max_held = 3 << 20, 1 << 20, 2 << 20
