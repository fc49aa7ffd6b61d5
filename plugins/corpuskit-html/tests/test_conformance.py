"""The html format passes corpuskit's conformance kit."""

from __future__ import annotations

from corpuskit.testing import FormatConformance


class TestHtmlConformance(FormatConformance):
    """html holds one page per file, read in one call of at most MAX_PAGE_BYTES."""

    format_name = "html"
    samples = ("samples/page.html",)
    skip_properties = {  # noqa: RUF012 - a class setting, never mutated
        "streams": "one page per file: the article is the whole file (cut at MAX_PAGE_BYTES)",
    }
