"""TREC: ``<DOC><DOCNO>…</DOCNO> … <TEXT>…</TEXT></DOC>`` documents (TREC disks 1-5 and their kin).

The collections differ in the elements they use, so the reader takes the first of a list of
known names for each field (see ``docs/formats/trec.md``) and keeps every other element in
``meta`` under its lower-case name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from corpuskit import Article, Failure, SourceRef, content_id, decode_text
from corpuskit_sgml._dates import parse_day
from corpuskit_sgml._sgml import Document, elements, one_line, paragraph_text, read_documents

if TYPE_CHECKING:
    from collections.abc import Iterator

    from corpuskit.plugins import Source

__all__ = ["read_trec", "sniff_trec"]

NAME = "trec"
_START = re.compile(rb"<DOC>", re.IGNORECASE)
_END = b"</DOC>"
_SNIFF = re.compile(rb"\A\s*<DOC>\s*<DOCNO>", re.IGNORECASE)
TITLE_ELEMENTS = ("HEADLINE", "HEAD", "HL", "TITLE", "TI", "H3")
"""Elements read as the title, the first one found winning (FT, AP, WSJ, LA Times, FBIS)."""
DATE_ELEMENTS = ("DATE", "DD", "DATE1")
"""Elements read as the date, the first one found winning."""
AUTHOR_ELEMENTS = ("BYLINE", "AUTHOR")
"""Elements read as authors, each one an author (a leading ``By`` removed)."""
_USED = frozenset({"DOCNO", "TEXT", "DATELINE", *TITLE_ELEMENTS, *DATE_ELEMENTS, *AUTHOR_ELEMENTS})
_BY = re.compile(r"\Aby\s+", re.IGNORECASE)


def sniff_trec(head: bytes) -> float:
    """Score 0.85 when the file opens with ``<DOC>`` then ``<DOCNO>``."""
    return 0.85 if _SNIFF.match(head) else 0.0


def read_trec(source: Source) -> Iterator[Article | Failure]:
    """Read every ``<DOC>`` of one stream, streaming."""
    return read_documents(source, _START, _END, _article, NAME)


def _article(path: str, document: Document) -> Article:
    doc, decoding = decode_text(document.data)
    fields: dict[str, list[str]] = {}
    for name, _attributes, content in elements(doc[len("<DOC>") : -len(_END)]):
        fields.setdefault(name, []).append(content)
    title = next((one_line(fields[name][0]) for name in TITLE_ELEMENTS if name in fields), "")
    date_raw = next((one_line(fields[name][0]) for name in DATE_ELEMENTS if name in fields), None)
    text = "\n\n".join(
        part for part in (paragraph_text(content) for content in fields.get("TEXT", ())) if part
    )
    authors = tuple(
        _BY.sub("", one_line(content))
        for name in AUTHOR_ELEMENTS
        for content in fields.get(name, ())
    )
    meta: dict[str, Any] = {}
    if "DATELINE" in fields:
        meta["dateline"] = one_line(fields["DATELINE"][0])
    for name, contents in fields.items():
        if name not in _USED:
            values = [one_line(content) for content in contents]
            meta[name.lower()] = values[0] if len(values) == 1 else values
    date = None
    if date_raw is not None:
        date = parse_day(date_raw)
        if date is None:
            meta["date_note"] = f"date spelling not known: {date_raw!r}"
    if decoding is not None:
        meta["decoding"] = decoding
    docno = one_line(fields["DOCNO"][0]) if "DOCNO" in fields else ""
    return Article(
        id=docno or content_id(title, text, date_raw),
        title=title,
        text=text,
        date=date,
        date_raw=date_raw,
        authors=tuple(author for author in authors if author),
        source=SourceRef(
            path=path, line=document.line, byte_offset=document.byte_offset, format=NAME
        ),
        meta=meta,
    )
