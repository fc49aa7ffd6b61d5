"""The ``parquet`` format for corpuskit: Articles as Parquet, one row group at a time both ways.

The columns are corpuskit's Arrow schema (:func:`corpuskit.arrow.schema`, documented
in ``docs/interop/parquet.md``), so a file written here reads back to equal Articles,
and a Parquet file written by someone else reads through a column mapping
(``--columns text=body,title=headline,date=published``).

Writer options (``corpuskit.write(..., options={...})``):
``compression`` (``snappy`` by default; ``zstd``, ``gzip``, ``brotli``, ``lz4``, ``none``),
``compression_level`` and ``row_group_size`` (Articles per row group, 10,000 by default).
Reader options: ``columns`` and ``batch_size`` (rows converted at a time).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from corpuskit import Article, ConfigError, Failure, Format, ParseError, Sink, Source, hookimpl
from corpuskit._optional import import_optional
from corpuskit.arrow import BATCH_SIZE, DERIVED_COLUMNS, article_batches, batch_items, schema
from corpuskit.columns import column_map

__all__ = ["NAME", "read_parquet", "sniff_parquet", "write_parquet"]

NAME = "parquet"
DEFAULT_COMPRESSION = "snappy"
_MAGIC = b"PAR1"


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the Parquet format."""
    register(
        Format(
            name=NAME,
            suffixes=(".parquet", ".pq"),
            reader=read_parquet,
            writer=write_parquet,
            sniff=sniff_parquet,
            description="Apache Parquet in corpuskit's Arrow schema; --columns maps foreign files",
        )
    )


def sniff_parquet(head: bytes) -> float:
    """Score 1.0 when the file starts with Parquet's magic bytes ``PAR1``."""
    return 1.0 if head.startswith(_MAGIC) else 0.0


def _pyarrow() -> tuple[Any, Any]:
    purpose = "the Parquet format"
    return (
        import_optional("pyarrow", "parquet", purpose),
        import_optional("pyarrow.parquet", "parquet", purpose),
    )


def _positive(options: Mapping[str, Any], key: str, default: int) -> int:
    value = options.get(key, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise ConfigError(f"the {NAME} option {key!r} must be a positive integer, got {value!r}")
    return number


def read_parquet(source: Source) -> Iterator[Article | Failure]:
    """Read one Article per row, one row group at a time.

    ``source`` on each Article is the file and the 1-based row number (as ``line``),
    with the provenance stored in the file as its ``origin``.
    A file that is not Parquet, or whose data is damaged, raises :class:`ParseError` at the
    row where reading stopped: the row after the last one read (row 1 when the file cannot be opened).
    """
    pa, pq = _pyarrow()
    mapping = column_map(source.options.get("columns"))
    batch_size = _positive(source.options, "batch_size", BATCH_SIZE)
    stream = source.stream
    if not stream.seekable():
        # A compressed .parquet.gz: Parquet needs random access, so this one file is held in memory.
        stream = io.BytesIO(stream.read())
    try:
        # No pre-buffering: with it, memory grows with the file (pyarrow keeps the buffered ranges).
        parquet_file = pq.ParquetFile(stream, pre_buffer=False)
    except (pa.ArrowException, OSError) as exc:
        raise ParseError(f"not a Parquet file: {exc}", path=source.path, line=1) from exc
    names = parquet_file.schema_arrow.names
    # The typed date copies are derived from `date`: no need to decode them.
    wanted = (
        [name for name in names if name not in DERIVED_COLUMNS]
        if "date" in names or "date" in mapping
        else None
    )
    rows = 0
    try:
        batches = parquet_file.iter_batches(batch_size=batch_size, columns=wanted)
        for item in batch_items(batches, columns=mapping, path=source.path, format=NAME):
            rows += 1
            yield item
    except ConfigError as exc:  # a mapped column the file does not have
        raise ParseError(str(exc), path=source.path, line=rows + 1) from exc
    except (pa.ArrowException, OSError, UnicodeDecodeError) as exc:
        # A flipped byte in a string column surfaces as undecodable UTF-8 when the row is built.
        raise ParseError(f"damaged Parquet data: {exc}", path=source.path, line=rows + 1) from exc


def write_parquet(articles: Iterable[Article], sink: Sink) -> int:
    """Write Articles as row groups of ``row_group_size``; return how many were written."""
    pa, pq = _pyarrow()
    options = sink.options
    compression = str(options.get("compression", DEFAULT_COMPRESSION)).lower()
    level = options.get("compression_level")
    row_group_size = _positive(options, "row_group_size", BATCH_SIZE)
    try:
        writer = pq.ParquetWriter(
            sink.stream,
            schema(),
            compression=compression,
            compression_level=None if level is None else int(level),
        )
    except (pa.ArrowException, ValueError, TypeError) as exc:
        raise ConfigError(
            f"{sink.path}: cannot write Parquet with compression {compression!r} "
            f"(level {level!r}): {exc}"
        ) from exc
    count = 0
    with writer:
        for batch in article_batches(articles, batch_size=row_group_size, provenance="root"):
            writer.write_batch(batch)
            count += batch.num_rows
    return count
