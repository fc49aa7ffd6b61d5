"""corpuskit-html: saved article pages (HTML) as corpuskit Articles.

Importing this module is cheap: trafilatura loads with the first page read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corpuskit import Article, Failure, Format, SourceRef, hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from corpuskit import Source

__all__ = ["NAME", "corpuskit_register_formats", "extract_article", "read_html", "sniff_html"]

NAME = "html"
_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<title")


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the ``html`` format (one article page per file)."""
    register(
        Format(
            name=NAME,
            suffixes=(".html", ".htm", ".xhtml"),
            reader=read_html,
            sniff=sniff_html,
            description="a saved article page: body, title, date, authors, language (trafilatura)",
        )
    )


def sniff_html(head: bytes) -> float:
    """Score 0.6 when the first bytes open an HTML document."""
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return 0.6 if start.startswith(_MARKERS) else 0.0


def extract_article(data: bytes, **options: Any) -> Article:
    """Extract one page's Article; see :func:`corpuskit_html.extract.extract_article`."""
    from corpuskit_html.extract import extract_article as extract  # noqa: PLC0415 - lazy heavy import

    return extract(data, **options)


def read_html(source: Source) -> Iterator[Article | Failure]:
    """Read one file as one article page.

    Reader options: ``url`` (where the page was fetched) and ``charset`` (the HTTP
    header's charset, when it was saved with the page).
    """
    from corpuskit_html.extract import MAX_PAGE_BYTES  # noqa: PLC0415 - lazy heavy import

    data = source.stream.read(MAX_PAGE_BYTES)
    url = source.options.get("url")
    charset = source.options.get("charset")
    ref = SourceRef(path=source.path, line=1, byte_offset=0, format=NAME)
    yield extract_article(
        data,
        url=url if isinstance(url, str) else None,
        charset=charset if isinstance(charset, str) else None,
        source=ref,
    )
