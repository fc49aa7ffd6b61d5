"""Fixtures: the ../shared corpora (skipped when absent) and a page written for these tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("CORPUSKIT_SHARED", ROOT.parent / "shared"))

PARAGRAPHS = (
    (
        "The harbour council voted on Tuesday to rebuild the old stone pier, "
        "which storms have damaged three winters in a row."
    ),
    (
        "Fishing crews had asked for the repair since the spring, "
        "saying that boats could no longer land safely at low tide."
    ),
    (
        "Work is to begin in March and last about eight months, "
        "while a floating dock serves the boats that use the pier."
    ),
    (
        "The council will pay for most of the work from its reserve, "
        "and a regional fund has promised to cover the rest."
    ),
)


def article_page(
    *,
    head: str = "",
    title: str = "Council votes to rebuild the harbour pier",
    lang: str = "en-GB",
    charset: str = "utf-8",
) -> str:
    """An article page with a title, a byline, navigation and four paragraphs."""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{title} | Harbour Gazette</title>
<meta name="author" content="Ann Example">
{head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer><p>Copyright Harbour Gazette. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder of corpora; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared corpora at {SHARED} (absent in a user's clone)")
    return SHARED
