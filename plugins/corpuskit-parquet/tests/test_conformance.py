"""The parquet format passes corpuskit's conformance kit, its writer's round trip included.

``samples/news.parquet`` holds 12 Articles of ``corpuskit.testing.sample_articles(5)``
written by this plugin with ``row_group_size=5`` and zstd (three row groups).
"""

from __future__ import annotations

from corpuskit.testing import FormatConformance


class TestParquetConformance(FormatConformance):
    """parquet reads its sample with one row per record, streams, survives bad bytes and round-trips."""

    format_name = "parquet"
    samples = ("samples/news.parquet",)
    record_lines = True  # source.line is the 1-based row number
    large_size, max_read, max_held = 3 << 20, 1 << 20, 2 << 20
