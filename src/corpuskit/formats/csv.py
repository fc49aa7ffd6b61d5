"""CSV with a header row: one Article per row.

Columns named like Article fields fill those fields; any other column goes into
``meta``.  The ``columns`` reader option maps fields to differently named columns
(``{"text": "body", "title": "headline"}``; on the command line
``--columns text=body,title=headline``).  ``authors`` is a JSON list or a
``;``-separated string, ``meta`` and ``source`` are JSON objects.  An empty cell
reads as an absent value.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from corpuskit.columns import ARTICLE_FIELDS, column_map, split_authors
from corpuskit.errors import DateError
from corpuskit.formats._dates import parse_date_field
from corpuskit.hookspecs import hookimpl
from corpuskit.model import Article, Failure, SourceRef
from corpuskit.plugins import Format, Sink, Source

__all__ = ["read_csv", "write_csv"]

NAME = "csv"
FIELDS = ARTICLE_FIELDS
_MAX_FIELD = 1 << 30


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the CSV format (chosen by suffix only: CSV has no reliable signature)."""
    register(
        Format(
            name=NAME,
            suffixes=(".csv",),
            reader=read_csv,
            writer=write_csv,
            description="CSV with a header row; --columns maps fields to other column names",
        )
    )


def read_csv(source: Source) -> Iterator[Article | Failure]:
    """Read one Article per row; the header row names the columns."""
    path = source.path
    mapping = column_map(source.options.get("columns"))
    csv.field_size_limit(_MAX_FIELD)
    text = io.TextIOWrapper(source.stream, encoding="utf-8-sig", newline="")
    try:
        yield from _read_rows(path, csv.reader(text, strict=True), mapping)
    finally:
        text.detach()  # the caller owns and closes the binary stream


def _read_rows(  # noqa: C901 - one loop, each branch a reported case
    path: str, rows: Any, mapping: dict[str, str]
) -> Iterator[Article | Failure]:
    try:
        header = next(rows)
    except StopIteration:
        yield Failure(path=path, line=1, message="empty file: no header row", format=NAME)
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Failure(path=path, line=1, message=f"unreadable header row: {exc}", format=NAME)
        return
    field_of = {column: column for column in header}
    for field, column in mapping.items():
        if column not in field_of:
            yield Failure(
                path=path,
                line=1,
                message=f"no column {column!r} (for field {field!r}) in the header",
                format=NAME,
            )
            return
        field_of[column] = field
    line = rows.line_num + 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Failure(
                path=path, line=rows.line_num or line, message=f"unreadable row: {exc}", format=NAME
            )
            return
        start_line, line = line, rows.line_num + 1
        if not any(row):
            continue
        if len(row) != len(header):
            yield Failure(
                path=path,
                line=start_line,
                message=f"{len(row)} cells, but the header has {len(header)}",
                format=NAME,
            )
            continue
        try:
            yield _article(
                dict(zip([field_of[c] for c in header], row, strict=True)), path, start_line
            )
        except (DateError, ValueError, TypeError) as exc:
            yield Failure(path=path, line=start_line, message=str(exc), format=NAME)


def _article(cells: dict[str, str], path: str, line: int) -> Article:
    data: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    for key, value in cells.items():
        if key in FIELDS:
            if value != "":
                data[key] = value
        else:
            meta[key] = value
    if "meta" in data:
        loaded = json.loads(data["meta"])
        if not isinstance(loaded, dict):
            raise ValueError("the meta cell must hold a JSON object")
        meta = {**loaded, **meta}
    data["meta"] = meta
    authors = data.get("authors")
    if authors is not None:
        data["authors"] = split_authors(authors)
    raw_date = data.get("date")
    if raw_date is not None:
        data.setdefault("date_raw", raw_date)
        data["date"] = parse_date_field(raw_date)
    origin = SourceRef.from_dict(json.loads(data.pop("source"))).root if "source" in data else None
    article = Article.from_dict(data)
    return attrs.evolve(article, source=SourceRef(path=path, line=line, format=NAME, origin=origin))


def write_csv(articles: Iterable[Article], sink: Sink) -> int:
    """Write a header row and one row per Article; return how many were written."""
    text = io.TextIOWrapper(sink.stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(FIELDS)
    count = 0
    for article in articles:
        data = article.to_dict()
        writer.writerow(
            [
                data["id"],
                data["title"],
                data["date"] or "",
                data["date_raw"] or "",
                data["url"] or "",
                json.dumps(data["authors"], ensure_ascii=False) if data["authors"] else "",
                data["language"] or "",
                data["text"],
                json.dumps(data["meta"], ensure_ascii=False) if data["meta"] else "",
                json.dumps(article.source.root.to_dict(), ensure_ascii=False)
                if article.source
                else "",
            ]
        )
        count += 1
    text.detach()
    return count
