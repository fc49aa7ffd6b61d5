"""The email and mbox formats pass corpuskit's conformance kit."""

from __future__ import annotations

from corpuskit.testing import FormatConformance


class TestMboxConformance(FormatConformance):
    """mbox reads its sample, streams and survives bad bytes."""

    format_name = "mbox"
    samples = ("samples/box.mbox",)
    large_size, max_read, max_held = 3 << 20, 1 << 20, 2 << 20


class TestEmailConformance(FormatConformance):
    """email holds one message per file, which its reader reads whole."""

    format_name = "email"
    samples = ("samples/note.eml",)
    skip_properties = {  # noqa: RUF012 - a class setting, never mutated
        "streams": "one message per file: the article is the whole file, so the reader holds it",
    }
