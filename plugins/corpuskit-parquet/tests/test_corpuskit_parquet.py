"""Tests for the corpuskit-parquet plugin: round trips, row groups, compression, foreign files, URLs."""

import datetime as dt
import io
import json
import uuid

import pytest
from corpuskit_parquet import read_parquet, sniff_parquet, write_parquet
from hypothesis import given
from hypothesis import strategies as st
from parquet_strategies import articles

import corpuskit
from corpuskit import Article, ConfigError, Sink, Source, SourceRef
from corpuskit.cli import main
from corpuskit.plugins import format_registry

pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")


def _write(items, **options):
    stream = io.BytesIO()
    count = write_parquet(
        items, Sink(path="mem.parquet", stream=stream, format="parquet", options=options)
    )
    return count, stream.getvalue()


def _read(data, **options):
    source = Source(path="mem.parquet", stream=io.BytesIO(data), format="parquet", options=options)
    return list(read_parquet(source))


@given(st.lists(articles, max_size=8), st.integers(1, 3))
def test_parquet_round_trip_is_lossless(items, row_group_size):
    """Articles -> Parquet -> Articles gives equal Articles; each source is the row, with the first provenance."""
    count, data = _write(items, row_group_size=row_group_size)
    back = _read(data, batch_size=2)
    assert len(items) == count
    assert items == back
    assert [a.date.isoformat() if a.date else None for a in items] == [
        b.date.isoformat() if b.date else None for b in back
    ]
    expected_sources = [
        SourceRef(
            path="mem.parquet",
            line=row,
            format="parquet",
            origin=a.source.root if a.source else None,
        )
        for row, a in enumerate(items, 1)
    ]
    assert expected_sources == [b.source for b in back]


def test_row_groups_are_bounded():
    """row_group_size bounds the rows of each row group."""
    _, data = _write([Article.create(text=str(n)) for n in range(25)], row_group_size=10)
    metadata = pq.ParquetFile(io.BytesIO(data)).metadata
    assert [10, 10, 5] == [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]


@pytest.mark.parametrize(
    ("option", "codec"), [(None, "SNAPPY"), ("zstd", "ZSTD"), ("none", "UNCOMPRESSED")]
)
def test_compression_is_an_option(option, codec):
    """The compression option picks the codec of every column; snappy is the default."""
    options = {} if option is None else {"compression": option}
    _, data = _write([Article.create(text="x")], **options)
    column = pq.ParquetFile(io.BytesIO(data)).metadata.row_group(0).column(0)
    assert codec == column.compression


def test_unknown_compression_is_a_config_error(tmp_path):
    """An unknown codec raises ConfigError and leaves no file behind."""
    target = tmp_path / "out.parquet"
    with pytest.raises(ConfigError, match="compression 'bogus'"):
        corpuskit.write([Article.create(text="x")], target, options={"compression": "bogus"})
    assert [] == list(tmp_path.iterdir())


def test_bad_row_group_size_is_a_config_error():
    """row_group_size must be a positive integer."""
    with pytest.raises(ConfigError, match="'row_group_size' must be a positive integer"):
        _write([Article.create(text="x")], row_group_size="0")


def _foreign_file(path):
    table = pa.table(
        {
            "headline": ["Storm closes harbour", "Ferry timetable"],
            "body": ["Boats stayed in.", "New times from Monday."],
            "published": pa.array(
                [dt.datetime(2024, 3, 1, 9, 30), dt.datetime(2024, 3, 4, 7, 0)],
                pa.timestamp("ms"),
            ),
            "section": ["harbour", "transport"],
        }
    )
    pq.write_table(table, path, row_group_size=1)


def test_foreign_file_reads_through_a_column_mapping(tmp_path):
    """A Parquet file with other column names reads through --columns; other columns go to meta."""
    path = tmp_path / "foreign.parquet"
    _foreign_file(path)
    options = {"columns": "text=body,title=headline,date=published"}
    first, second = corpuskit.read(path, options=options)
    assert ("Storm closes harbour", "Boats stayed in.") == (first.title, first.text)
    assert dt.datetime(2024, 3, 1, 9, 30) == first.date
    assert {"section": "transport"} == dict(second.meta)
    assert SourceRef(path=str(path), line=2, format="parquet") == second.source


def test_foreign_file_converts_on_the_command_line(tmp_path, capsys):
    """`corpuskit convert foreign.parquet --columns ... -o out.jsonl` writes the mapped Articles."""
    path = tmp_path / "foreign.parquet"
    _foreign_file(path)
    out = tmp_path / "out.jsonl"
    status = main(
        [
            "convert",
            str(path),
            "--columns",
            "text=body,title=headline,date=published",
            "-o",
            str(out),
            "-q",
        ]
    )
    assert 0 == status
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert ["2024-03-01T09:30:00", "2024-03-04T07:00:00"] == [row["date"] for row in rows]


def test_missing_mapped_column_is_a_failure_naming_the_file(tmp_path):
    """Mapping to a column the file lacks is reported as `path:1: no column ...` (row 1, where reading stops)."""
    path = tmp_path / "foreign.parquet"
    _foreign_file(path)
    reader = corpuskit.read(path, on_error="skip", options={"columns": "text=content"})
    assert [] == list(reader)
    assert [f"{path}:1: no column 'content' (for field 'text')"] == [
        str(f).split(";")[0] for f in reader.failures
    ]


def test_not_a_parquet_file_is_a_failure(tmp_path):
    """A .parquet file that is not Parquet is reported, not raised as a crash."""
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"PAR1 but not really")
    reader = corpuskit.read(path, on_error="skip")
    assert [] == list(reader)
    assert reader.failures[0].message.startswith("not a Parquet file")


def test_parquet_is_sniffed_by_its_magic_bytes(tmp_path):
    """A Parquet file with another suffix is recognised from its first bytes."""
    items = [Article.create(text="x")]
    path = tmp_path / "data.bin"
    corpuskit.write(items, path, format="parquet")
    assert items == list(corpuskit.read(path))
    assert 1.0 == sniff_parquet(path.read_bytes()[:8])
    assert 0.0 == sniff_parquet(b'{"id": 1}')


def test_gzipped_parquet_reads_back(tmp_path):
    """out.parquet.gz is gzipped Parquet and reads back equal."""
    items = [Article.create(text=str(n)) for n in range(3)]
    corpuskit.write(items, tmp_path / "out.parquet.gz")
    assert items == list(corpuskit.read(tmp_path / "out.parquet.gz"))


def test_plugin_is_registered_through_its_entry_point():
    """The format comes from the corpuskit-parquet distribution, not from corpuskit itself."""
    fmt = format_registry().get("parquet")
    assert ("parquet", (".parquet", ".pq")) == (fmt.plugin, fmt.suffixes)
    assert fmt.origin.startswith("corpuskit-parquet ")


def test_convert_to_memory_url_and_back(tmp_path):
    """`corpuskit convert x.jsonl -o memory://bucket/y.parquet` and back gives the same Articles."""
    pytest.importorskip("fsspec")
    items = [
        Article.create(title="Storm", text="Boats stayed in.", date=dt.date(2024, 3, 1)),
        Article.create(
            title="Ferry",
            text="New times.",
            date=dt.datetime(2024, 3, 4, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            authors=["A. Smith"],
            meta={"section": "transport"},
        ),
    ]
    source = tmp_path / "x.jsonl"
    corpuskit.write(items, source)
    url = f"memory://bucket-{uuid.uuid4().hex[:8]}/y.parquet"
    assert 0 == main(["convert", str(source), "-o", url, "-q"])
    back = tmp_path / "z.jsonl"
    assert 0 == main(["convert", url, "-o", str(back), "-q"])
    assert items == list(corpuskit.read(back))
    stored = [json.loads(line)["source"] for line in back.read_text().splitlines()]
    assert [(str(source), n, "jsonl") for n in (1, 2)] == [
        (ref["path"], ref["line"], ref["format"]) for ref in stored
    ]


def test_compression_is_chosen_on_the_command_line(tmp_path):
    """`corpuskit convert ... --write-option compression=gzip` writes gzip-compressed Parquet."""
    source = tmp_path / "x.jsonl"
    corpuskit.write([Article.create(text="x")], source)
    out = tmp_path / "y.parquet"
    options = ["--write-option", "compression=gzip", "--write-option", "row_group_size=1"]
    assert 0 == main(["convert", str(source), "-o", str(out), "-q", *options])
    assert "GZIP" == pq.ParquetFile(out).metadata.row_group(0).column(0).compression


def test_damaged_row_group_stops_at_its_first_row():
    """Damage in the third row group: the 20 rows before it, then ParseError at row 21."""
    items = [Article.create(text=f"story {n} " * 20) for n in range(30)]
    _, data = _write(items, row_group_size=10)
    group = pq.ParquetFile(io.BytesIO(data)).metadata.row_group(2)
    text = next(
        group.column(i)
        for i in range(group.num_columns)
        if group.column(i).path_in_schema == "text"
    )
    start = text.data_page_offset
    damaged = (
        data[:start]
        + b"\xff" * text.total_compressed_size
        + data[start + text.total_compressed_size :]
    )
    source = Source(
        path="mem.parquet", stream=io.BytesIO(damaged), format="parquet", options={"batch_size": 10}
    )
    read = []
    with pytest.raises(corpuskit.ParseError, match="damaged Parquet data") as caught:
        read.extend(read_parquet(source))
    assert (items[:20], "mem.parquet", 21) == (read, caught.value.path, caught.value.line)


def test_not_parquet_at_all_is_an_error_at_row_1():
    """Bytes that are not Parquet raise ParseError at row 1, where reading stopped."""
    with pytest.raises(corpuskit.ParseError, match="not a Parquet file") as caught:
        _read(b"PAR1 and then nothing")
    assert ("mem.parquet", 1) == (caught.value.path, caught.value.line)
