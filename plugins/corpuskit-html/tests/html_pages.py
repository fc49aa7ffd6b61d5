"""An article page written for these tests (no corpus text)."""

from __future__ import annotations

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
