"""Reuters-21578: ``<REUTERS NEWID=…>`` documents, as distributed in ``reut2-NNN.sgm``.

Fields (see ``docs/formats/reuters-sgml.md``): ``id`` is NEWID; ``title`` is TITLE; ``text`` is
everything inside TEXT except TITLE, DATELINE and AUTHOR (BODY's content, and the raw text of
``TYPE="UNPROC"`` stories); ``TYPE="BRIEF"`` stories are their title only.
``date`` is read from DATE, whose noise (leading spaces, trailing transmission codes) is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from corpuskit import Article, Failure, SourceRef, canonical_text, content_id
from corpuskit_sgml._sgml import (
    Document,
    attributes,
    clean,
    one_line,
    open_document,
    read_documents,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from corpuskit.plugins import Source

__all__ = ["parse_reuters_date", "read_reuters", "sniff_reuters"]

NAME = "reuters-sgml"
_START = re.compile(rb"<REUTERS[\s>]")
_END = b"</REUTERS>"
_SNIFF = re.compile(rb"\A\s*(?:<!DOCTYPE\s+lewis\b[^>]*>\s*)?<REUTERS\s[^>]*NEWID=", re.IGNORECASE)
_DATE = re.compile(
    r"\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,3}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
_LISTS = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")
_D = re.compile(r"<D>(.*?)</D>", re.DOTALL)
# The header is short (the body starts at <TEXT>), so one regex pass over it is cheap.
_HEADER_ELEMENT = re.compile(rf"<(DATE|{'|'.join(_LISTS)})>(.*?)</\1>", re.DOTALL)
_CODE = re.compile(r"[a-z0-9][a-z0-9.-]*")
_TEXT_ELEMENTS = ("TITLE>", "DATELINE>", "AUTHOR>", "BODY>")
_TAGS = {
    name: (f"<{name}>", f"</{name}>")
    for name in ("DATE", *_LISTS, *(tag[:-1] for tag in _TEXT_ELEMENTS))
}
_BY = re.compile(r"\A\s*by\s+", re.IGNORECASE)


def sniff_reuters(head: bytes) -> float:
    """Score 0.95 when the file opens with a ``<REUTERS … NEWID=…>`` document (after a DOCTYPE)."""
    return 0.95 if _SNIFF.match(head) else 0.0


def parse_reuters_date(raw: str) -> tuple[dt.date | None, str | None]:
    """Read a Reuters ``<DATE>``: a naive datetime (the collection gives no zone), and a note.

    ``" 26-FEB-1987 15:01:01.79"`` gives 1987-02-26 15:01:01.790000.
    Whatever follows the time (``&#5;&#5;&#5;RM``, a comment) is ignored.
    A time out of range (``605:12:19.12``) keeps the day only, with a note saying so;
    text that is not a Reuters date gives ``(None, note)``.
    """
    match = _DATE.match(raw)
    if match is None:
        return None, f"not a Reuters date: {raw.strip()!r}"
    day, month_name, year, hour, minute, second, fraction = match.groups()
    month = _MONTHS.get(month_name.upper())
    if month is None:
        return None, f"unknown month {month_name!r} in {raw.strip()!r}"
    try:
        day_only = dt.date(int(year), month, int(day))
    except ValueError:
        return None, f"no such day: {raw.strip()!r}"
    micro = int((fraction or "0").ljust(6, "0"))
    try:
        return dt.datetime(  # noqa: DTZ001 - Reuters gives no zone
            day_only.year, month, day_only.day, int(hour), int(minute), int(second), micro
        ), None
    except ValueError:
        return day_only, f"the time in {raw.strip()!r} is out of range; only the day is kept"


def read_reuters(source: Source) -> Iterator[Article | Failure]:
    """Read every ``<REUTERS>`` document of one stream, streaming."""
    return read_documents(source, _START, _END, _article, NAME)


def _between(doc: str, name: str, start: int = 0) -> tuple[str, int] | None:
    """The raw content of the first ``<name>…</name>`` from ``start``, and the index after it."""
    opening_tag, closing_tag = _TAGS[name]
    opening = doc.find(opening_tag, start)
    if opening < 0:
        return None
    opening += len(opening_tag)
    closing = doc.find(closing_tag, opening)
    if closing < 0:
        return None
    return doc[opening:closing], closing + len(closing_tag)


def _article(path: str, document: Document) -> Article:
    doc, decoding, head, head_end = open_document(document, "REUTERS")
    # The DTD fixes the order: DATE, the category lists, then TEXT; str.find beats a
    # general element regex several times over on these documents.
    text_start = doc.find("<TEXT", head_end)
    if text_start < 0:
        text_start = len(doc)
    meta: dict[str, Any] = {}
    date, date_raw = _header_fields(doc[head_end:text_start], meta)
    title = ""
    text = ""
    authors: tuple[str, ...] = ()
    if text_start < len(doc):
        tag_end = doc.find(">", text_start)
        text_end = doc.rfind("</TEXT>")
        if text_end < tag_end:
            text_end = len(doc)
        attribute_text = doc[text_start + len("<TEXT") : tag_end]
        text_type = (
            attributes(attribute_text).get("type", "NORM").upper() if attribute_text else "NORM"
        )
        meta["text_type"] = text_type
        title, text, authors, dateline = _text_parts(doc[tag_end + 1 : text_end], text_type)
        if dateline:
            meta["dateline"] = dateline
    for key in ("oldid", "lewissplit", "cgisplit", "csecs"):
        if key in head:
            meta[key] = head[key]
    if "topics" in head:
        meta["has_topics"] = head["topics"]
    if decoding is not None:
        meta["decoding"] = decoding
    return Article(
        id=head.get("newid") or content_id(title, text, date_raw),
        title=title,
        text=text,
        date=date,
        date_raw=date_raw,
        authors=authors,
        source=SourceRef(
            path=path, line=document.line, byte_offset=document.byte_offset, format=NAME
        ),
        meta=meta,
    )


def _header_fields(header: str, meta: dict[str, Any]) -> tuple[dt.date | None, str | None]:
    """Read DATE and the category lists (into ``meta``); return the date and DATE as found."""
    date: dt.date | None = None
    date_raw: str | None = None
    for name, content in _HEADER_ELEMENT.findall(header):
        if name == "DATE":
            date_raw = content
            date, note = parse_reuters_date(clean(date_raw))
            if note is not None:
                meta["date_note"] = note
        else:
            items = _D.findall(content) if "<D>" in content else []
            # Category codes are plain words; only a rare one needs one_line's full treatment.
            meta[name.lower()] = [
                item if item.isalnum() or _CODE.fullmatch(item) else one_line(item)
                for item in items
            ]
    return date, date_raw


def _text_parts(content: str, text_type: str) -> tuple[str, str, tuple[str, ...], str]:
    """Title, text, authors and dateline of a TEXT element's content."""
    title = ""
    dateline = ""
    authors: list[str] = []
    rest: list[str] = []
    position = 0
    while (opening := content.find("<", position)) >= 0:
        for name in _TEXT_ELEMENTS:
            if content.startswith(name, opening + 1):
                found = _between(content, name[:-1], opening)
                break
        else:
            found = None
        if found is None:
            rest.append(content[position : opening + 1])
            position = opening + 1
            continue
        rest.append(content[position:opening])
        value, position = found
        if name == "TITLE>":
            title = one_line(value)
        elif name == "DATELINE>":
            dateline = one_line(value).rstrip(" -")
        elif name == "AUTHOR>":
            authors.append(_BY.sub("", one_line(value)))
        else:
            rest.append(value)
    if text_type == "BRIEF":
        # The story is its title; what follows is the wire's filler ("******Blah blah blah.").
        return title, "", tuple(authors), dateline
    rest.append(content[position:])
    return title, canonical_text(clean("".join(rest))), tuple(authors), dateline
