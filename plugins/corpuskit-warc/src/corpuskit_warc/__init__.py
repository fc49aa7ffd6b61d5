"""corpuskit-warc: WARC and WET files (Common Crawl and other web archives) as corpuskit Articles.

Importing this module is cheap: FastWARC and the HTML extractor load with the first file read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit import Article, Failure, Format, hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from corpuskit import Source

__all__ = ["NAME", "corpuskit_register_formats", "read_warc", "sniff_warc"]

NAME = "warc"


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the ``warc`` format (WARC and WET files, plain or gzipped)."""
    register(
        Format(
            name=NAME,
            suffixes=(".warc", ".wet"),
            reader=read_warc,
            sniff=sniff_warc,
            description="WARC/WET web archives: HTML responses and WET text records (FastWARC)",
        )
    )


def sniff_warc(head: bytes) -> float:
    """Score 0.95 when the (decompressed) file starts with a WARC version line."""
    return 0.95 if head.lstrip(b"\r\n").startswith(b"WARC/") else 0.0


def read_warc(source: Source) -> Iterator[Article | Failure]:
    """Read one WARC or WET file; see :func:`corpuskit_warc.reader.read_warc`."""
    from corpuskit_warc.reader import read_warc as read  # noqa: PLC0415 - lazy heavy import

    return read(source)
