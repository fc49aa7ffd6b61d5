"""Articles as Apache Arrow tables, and through Arrow as pandas DataFrames.

One schema (:func:`schema`, documented in ``docs/interop/parquet.md``) serves Arrow,
pandas, Hugging Face datasets and the Parquet format, and one pair of converters
(:func:`article_batches`, :func:`batch_items`) moves Articles in and out of it, a
bounded batch at a time.
pyarrow is imported on first use: ``pip install 'corpuskit[arrow]'``.
"""

from __future__ import annotations

import datetime as dt
import json
import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from corpuskit._optional import import_optional
from corpuskit.columns import ARTICLE_FIELDS, column_map, split_authors
from corpuskit.errors import ConfigError, DateError, ParseError, WriteError
from corpuskit.model import Article, Failure, SourceRef, content_id

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "BATCH_SIZE",
    "DERIVED_COLUMNS",
    "SCHEMA_VERSION",
    "article_batches",
    "batch_items",
    "from_arrow",
    "from_pandas",
    "schema",
    "to_arrow",
    "to_pandas",
]

SCHEMA_VERSION = "1"
"""Stored in the schema metadata under ``corpuskit.schema``; raised when the schema changes."""

BATCH_SIZE = 10_000
"""Articles per record batch (and per Parquet row group) unless the caller says otherwise."""

DERIVED_COLUMNS = ("date_day", "date_utc")
"""Typed copies of ``date`` for filtering; ignored on reading when a ``date`` column is read."""

Provenance = Literal["full", "root"]


def _pyarrow(purpose: str = "Arrow conversion") -> Any:
    return import_optional("pyarrow", "arrow", purpose)


def schema() -> pa.Schema:
    """The Arrow schema of a corpuskit table (see ``docs/interop/parquet.md``)."""
    pa = _pyarrow()
    source = pa.struct(
        [
            pa.field("path", pa.string()),
            pa.field("line", pa.int64()),
            pa.field("byte_offset", pa.int64()),
            pa.field("format", pa.string()),
            pa.field("origin", pa.string()),
        ]
    )
    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("title", pa.string(), nullable=False),
            pa.field("text", pa.string(), nullable=False),
            pa.field("date", pa.string()),
            pa.field("date_day", pa.date32()),
            pa.field("date_utc", pa.timestamp("us", tz="UTC")),
            pa.field("date_raw", pa.string()),
            pa.field("url", pa.string()),
            pa.field("authors", pa.list_(pa.string()), nullable=False),
            pa.field("language", pa.string()),
            pa.field("source", source),
            pa.field("meta", pa.string(), nullable=False),
        ],
        metadata={"corpuskit.schema": SCHEMA_VERSION},
    )


# --- Articles -> Arrow ------------------------------------------------------------------


def _source_dict(source: SourceRef | None, provenance: Provenance) -> dict[str, Any] | None:
    if source is None:
        return None
    if provenance == "root":
        source = source.root
    origin = source.origin
    return {
        "path": source.path,
        "line": source.line,
        "byte_offset": source.byte_offset,
        "format": source.format,
        "origin": _json(origin.to_dict()) if origin is not None else None,
    }


def _json(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode()
    except UnicodeEncodeError:
        # Lone surrogates: JSON's \u escapes carry them losslessly.
        text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text


def _columns(articles: Sequence[Article], provenance: Provenance) -> list[list[Any]]:
    """The column values of ``articles`` in schema order."""
    ids: list[str] = []
    titles: list[str] = []
    texts: list[str] = []
    dates: list[str | None] = []
    days: list[dt.date | None] = []
    instants: list[dt.datetime | None] = []
    raws: list[str | None] = []
    urls: list[str | None] = []
    authors: list[tuple[str, ...]] = []
    languages: list[str | None] = []
    sources: list[dict[str, Any] | None] = []
    metas: list[str] = []
    for article in articles:
        ids.append(article.id)
        titles.append(article.title)
        texts.append(article.text)
        date = article.date
        if date is None:
            dates.append(None)
            days.append(None)
            instants.append(None)
        elif isinstance(date, dt.datetime):
            dates.append(date.isoformat())
            days.append(date.date())
            instants.append(date if date.utcoffset() is not None else None)
        else:
            dates.append(date.isoformat())
            days.append(date)
            instants.append(None)
        raws.append(article.date_raw)
        urls.append(article.url)
        authors.append(article.authors)
        languages.append(article.language)
        sources.append(_source_dict(article.source, provenance))
        metas.append(_json(article.meta.to_dict()) if article.meta else "{}")
    return [
        ids,
        titles,
        texts,
        dates,
        days,
        instants,
        raws,
        urls,
        authors,
        languages,
        sources,
        metas,
    ]


def _record_batch(articles: Sequence[Article], provenance: Provenance) -> pa.RecordBatch:
    pa = _pyarrow()
    table_schema = schema()
    arrays = []
    for field, values in zip(table_schema, _columns(articles, provenance), strict=True):
        try:
            arrays.append(pa.array(values, type=field.type))
        except (pa.ArrowException, UnicodeEncodeError) as exc:
            culprit = next(
                (a.id for a, v in zip(articles, values, strict=True) if _unencodable(v)), "?"
            )
            raise WriteError(
                f"article {culprit}: field {field.name!r} cannot be stored in Arrow: {exc}"
            ) from exc
    return pa.RecordBatch.from_arrays(arrays, schema=table_schema)


def _unencodable(value: Any) -> bool:
    try:
        json.dumps(value, default=str, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return True
    return False


def article_batches(
    articles: Iterable[Article],
    *,
    batch_size: int = BATCH_SIZE,
    provenance: Provenance = "full",
) -> Iterator[pa.RecordBatch]:
    """Stream ``articles`` as record batches of at most ``batch_size`` rows in :func:`schema`.

    ``provenance="root"`` stores each Article's first provenance (``source.root``) instead
    of its whole chain, as the file formats do.
    Raises :class:`WriteError` for a value Arrow cannot hold (a lone surrogate in a string).
    """
    if batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, got {batch_size}")
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= batch_size:
            yield _record_batch(chunk, provenance)
            chunk = []
    if chunk:
        yield _record_batch(chunk, provenance)


def to_arrow(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> pa.Table:
    """Every Article as one ``pyarrow.Table`` in :func:`schema`; :func:`from_arrow` reads it back equal."""
    pa = _pyarrow()
    table_schema = schema()
    # An empty table still gets one (empty) chunk: datasets cannot cast a column without one.
    batches = list(article_batches(articles, batch_size=batch_size)) or [
        pa.RecordBatch.from_pylist([], schema=table_schema)
    ]
    return pa.Table.from_batches(batches, table_schema)


# --- Arrow -> Articles ------------------------------------------------------------------

_Convert = Callable[[Any], Any]


def _text(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _optional_text(value: Any) -> str | None:
    return value if value is None or isinstance(value, str) else str(value)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        # Imported here: dateutil is not worth loading at `import corpuskit`.
        from corpuskit.formats._dates import parse_date_field  # noqa: PLC0415

        return parse_date_field(value) if value.strip() else None
    raise DateError(f"not a date: {type(value).__name__} {value!r}")


def _authors(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(split_authors(value))
    return tuple(str(author) for author in value)


def _meta(value: Any) -> dict[str, Any]:
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        loaded = json.loads(value)
        if not isinstance(loaded, dict):
            raise TypeError("the meta column must hold JSON objects")
        return loaded  # already JSON values: FrozenMap checks and freezes them
    if isinstance(value, list):  # an Arrow map arrives as (key, value) pairs
        value = dict(value)
    if not isinstance(value, dict):
        raise TypeError("the meta column must hold JSON objects")
    return {str(key): _json_value(item) for key, item in value.items()}


def _source(value: Any) -> SourceRef | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = json.loads(value)
    origin = value.get("origin")
    if isinstance(origin, str):  # the schema stores the rest of the chain as JSON
        value = {**value, "origin": json.loads(origin)}
    return SourceRef.from_dict(value)


def _json_value(value: Any) -> Any:
    """A foreign cell as a JSON value for ``meta`` (dates as ISO strings, decimals as text)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, numbers.Number):  # a Decimal from a decimal128 column
        return str(value)
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    raise TypeError(f"a {type(value).__name__} value cannot go into meta")


_CONVERTERS: dict[str, _Convert] = {
    "id": _optional_text,
    "title": _text,
    "text": _text,
    "date": _date,
    "date_raw": _optional_text,
    "url": _optional_text,
    "authors": _authors,
    "language": _optional_text,
    "meta": _meta,
    "source": _source,
}


class _Plan:
    """Which column fills which Article field, and which columns go into ``meta``."""

    def __init__(self, names: Sequence[str], mapping: Mapping[str, str]) -> None:
        for field, column in mapping.items():
            if column not in names:
                raise ConfigError(
                    f"no column {column!r} (for field {field!r}); the columns are {', '.join(names)}"
                )
        mapped = {column: field for field, column in mapping.items()}
        self.fields: dict[str, str] = {}
        for name in names:
            field = mapped.get(name, name)
            # A column named like a field that is mapped elsewhere is shadowed: it goes to meta.
            if field in ARTICLE_FIELDS and (name in mapped or name not in mapping):
                self.fields[field] = name
        derived = set(DERIVED_COLUMNS) if "date" in self.fields else set()
        self.extra = tuple(
            name for name in names if name not in self.fields.values() and name not in derived
        )
        self.has_date_raw = "date_raw" in self.fields


_ROW_ERRORS = (DateError, ValueError, TypeError, KeyError, AttributeError)
_STRING_TYPES = frozenset({"string", "large_string", "string_view"})
# Fields whose string cells need no conversion (title and text only when none is null).
_AS_IS_IF_STRING = frozenset({"id", "date_raw", "url", "language"})


class _Columns:
    """One batch converted column by column; rows that fail are kept in ``bad`` with the error."""

    def __init__(self, batch: Any, plan: _Plan) -> None:
        self.size: int = batch.num_rows
        self.bad: dict[int, Exception] = {}
        self.values: dict[str, list[Any]] = {
            field: self._convert(field, batch.column(name), _CONVERTERS[field])
            for field, name in plan.fields.items()
        }
        if plan.extra:
            extra = {
                name: self._convert(name, batch.column(name), _json_value) for name in plan.extra
            }
            metas = self.values.get("meta") or [{}] * self.size
            self.values["meta"] = [
                {**(meta or {}), **{name: cells[row] for name, cells in extra.items()}}
                for row, meta in enumerate(metas)
            ]
        if "date" in self.values and not plan.has_date_raw:
            found = batch.column(plan.fields["date"]).to_pylist()
            self.values["date_raw"] = [
                None if value is None else value if isinstance(value, str) else value.isoformat()
                for value in found
            ]

    def _convert(self, field: str, column: Any, convert: _Convert) -> list[Any]:
        cells: list[Any] = column.to_pylist()
        if str(column.type) in _STRING_TYPES and (
            field in _AS_IS_IF_STRING or (field in ("title", "text") and column.null_count == 0)
        ):
            return cells
        try:
            return [convert(cell) for cell in cells]
        except _ROW_ERRORS:
            pass
        converted = []
        for row, cell in enumerate(cells):
            try:
                converted.append(convert(cell))
            except _ROW_ERRORS as exc:
                self.bad.setdefault(row, exc)
                converted.append(None)
        return converted

    def articles(
        self,
        path: str | None,
        first_row: int,
        format: str | None,  # noqa: A002
    ) -> Iterator[Article | Failure]:
        """Each row as an Article, or a Failure naming its row (``first_row`` is the first's number)."""
        where = path or "<arrow>"
        none = [None] * self.size
        values = self.values
        columns = [
            values.get(field, none)
            for field in ("id", "title", "text", "date", "date_raw", "url", "authors", "language")
        ]
        sources, metas = values.get("source", none), values.get("meta", none)
        for row, (article_id, title, text, date, date_raw, url, authors, language) in enumerate(
            zip(*columns, strict=True)
        ):
            number = first_row + row
            error = self.bad.get(row)
            if error is None:
                stored = sources[row]
                if path is not None:
                    origin = stored.root if stored is not None else None
                    stored = SourceRef(path=path, line=number, format=format, origin=origin)
                title = title or ""  # noqa: PLW2901 - an absent column or a null cell
                text = text or ""  # noqa: PLW2901
                try:
                    yield Article(
                        id=article_id
                        if article_id is not None
                        else content_id(title, text, date_raw),
                        title=title,
                        text=text,
                        date=date,
                        date_raw=date_raw,
                        url=url,
                        authors=authors or (),
                        language=language,
                        source=stored,
                        meta=metas[row] or {},
                    )
                    continue
                except _ROW_ERRORS as exc:
                    error = exc
            yield Failure(
                path=where, line=number, message=f"not an Article: {error}", format=format
            )


def batch_items(
    batches: Iterable[Any],
    *,
    columns: str | Mapping[str, str] | None = None,
    path: str | None = None,
    format: str | None = None,  # noqa: A002 - the SourceRef field it fills
) -> Iterator[Article | Failure]:
    """Every row of Arrow record batches (or tables) as an Article, or a Failure naming its row.

    Columns named like Article fields fill them, ``columns`` maps fields to other
    column names (``"text=body,title=headline"``), and other columns go into ``meta``.
    Without ``path`` each Article keeps the ``source`` stored in the table; with it,
    ``source`` is the row (``line`` is the 1-based row number) and the stored one
    becomes its ``origin``.
    """
    mapping = column_map(columns)
    plan: _Plan | None = None
    rows = 0
    for batch in batches:
        if plan is None:
            plan = _Plan(batch.schema.names, mapping)
        converted = _Columns(batch, plan)
        yield from converted.articles(path, rows + 1, format)
        rows += converted.size


def from_arrow(
    table: Any, *, columns: str | Mapping[str, str] | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Article]:
    """Stream the Articles of a ``pyarrow.Table`` or ``RecordBatch``, as :func:`batch_items` reads them.

    A row that is not an Article raises :class:`ParseError` as ``<arrow>:ROW: message``.
    """
    batches = (
        table.to_batches(max_chunksize=batch_size) if hasattr(table, "to_batches") else [table]
    )
    for item in batch_items(batches, columns=columns):
        if isinstance(item, Failure):
            raise ParseError(item.message, path=item.path, line=item.line)
        yield item


# --- pandas -----------------------------------------------------------------------------


def to_pandas(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> pd.DataFrame:
    """Every Article as one row of a ``pandas.DataFrame``, through :func:`to_arrow`."""
    import_optional("pandas", "pandas", "pandas conversion")
    return to_arrow(articles, batch_size=batch_size).to_pandas()


def from_pandas(
    frame: pd.DataFrame, *, columns: str | Mapping[str, str] | None = None
) -> Iterator[Article]:
    """Stream the Articles of a ``pandas.DataFrame``, through :func:`from_arrow` (the index is ignored)."""
    pa = _pyarrow("pandas conversion")
    return from_arrow(pa.Table.from_pandas(frame, preserve_index=False), columns=columns)
