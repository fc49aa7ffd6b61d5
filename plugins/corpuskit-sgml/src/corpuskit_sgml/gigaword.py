"""LDC Gigaword: ``<DOC id="AFP_ENG_19940512.0001" type="story">`` with HEADLINE, DATELINE, TEXT.

The date is the day in the document id (Gigaword gives no other); ``<P>`` paragraphs are
reflowed and separated by blank lines (see ``docs/formats/gigaword.md``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from corpuskit import Article, Failure, SourceRef, content_id
from corpuskit_sgml._dates import parse_day
from corpuskit_sgml._sgml import (
    Document,
    elements,
    one_line,
    open_document,
    paragraph_text,
    read_documents,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from corpuskit.plugins import Source

__all__ = ["read_gigaword", "sniff_gigaword"]

NAME = "gigaword"
_START = re.compile(rb"<DOC[\s>]", re.IGNORECASE)
_END = b"</DOC>"
_SNIFF = re.compile(rb"\A\s*<DOC\s[^>]*\bid\s*=", re.IGNORECASE)
_ID_DAY = re.compile(r"_(\d{8})(?:\.|\Z)")


def sniff_gigaword(head: bytes) -> float:
    """Score 0.9 when the file opens with ``<DOC id=…>``."""
    return 0.9 if _SNIFF.match(head) else 0.0


def read_gigaword(source: Source) -> Iterator[Article | Failure]:
    """Read every ``<DOC>`` of one stream, streaming."""
    return read_documents(source, _START, _END, _article, NAME)


def _article(path: str, document: Document) -> Article:
    doc, decoding, head, head_end = open_document(document, "DOC")
    doc_id = head.get("id", "")
    meta: dict[str, Any] = {}
    if "type" in head:
        meta["type"] = head["type"]
    title = ""
    texts: list[str] = []
    for name, _attributes, content in elements(doc[head_end + 1 : -len(_END)]):
        if name == "HEADLINE" and not title:
            title = one_line(content)
        elif name == "DATELINE":
            meta["dateline"] = one_line(content)
        elif name == "TEXT":
            texts.append(paragraph_text(content))
    text = "\n\n".join(part for part in texts if part)
    date = None
    date_raw = None
    if match := _ID_DAY.search(doc_id):
        date_raw = match.group(1)
        date = parse_day(date_raw)
        if date is None:
            meta["date_note"] = f"the id's date {date_raw!r} is no day"
    if decoding is not None:
        meta["decoding"] = decoding
    return Article(
        id=doc_id or content_id(title, text, date_raw),
        title=title,
        text=text,
        date=date,
        date_raw=date_raw,
        source=SourceRef(
            path=path, line=document.line, byte_offset=document.byte_offset, format=NAME
        ),
        meta=meta,
    )
