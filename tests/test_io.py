import bz2
import gzip
import lzma
import os

import pytest

import corpuskit
from corpuskit.errors import FormatError, ParseError, SourceError, WriteError
from corpuskit.io import atomic_output, iter_paths
from corpuskit.model import Article

RECORD = b"date 2020-01-02 Title\n\nBody.\n"


def test_iter_paths_walks_directories_in_sorted_order(tmp_path):
    """Directories are walked recursively in name order; hidden entries are skipped."""
    for name in ("b/2.txt", "b/1.txt", "a.txt", ".hidden/x.txt", "c/.dot.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(RECORD)
    expected = [str(tmp_path / name) for name in ("a.txt", "b/1.txt", "b/2.txt")]
    assert expected == list(iter_paths([tmp_path]))


def test_iter_paths_expands_globs_and_keeps_input_order(tmp_path):
    """A glob expands sorted, and inputs keep the order given."""
    for name in ("x2.txt", "x1.txt", "y.txt"):
        (tmp_path / name).write_bytes(RECORD)
    paths = list(iter_paths([str(tmp_path / "y.txt"), str(tmp_path / "x*.txt")]))
    assert [str(tmp_path / n) for n in ("y.txt", "x1.txt", "x2.txt")] == paths


def test_missing_inputs_are_source_errors(tmp_path):
    """A missing file or an empty glob raises SourceError naming it."""
    with pytest.raises(SourceError, match="no such file"):
        list(iter_paths([tmp_path / "nope.txt"]))
    with pytest.raises(SourceError, match="no file matches"):
        list(iter_paths([str(tmp_path / "*.zzz")]))


@pytest.mark.parametrize(
    ("suffix", "opener"), [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)]
)
def test_compressed_inputs_read_transparently(tmp_path, suffix, opener):
    """gzip, bzip2 and xz inputs read like plain ones, the format taken from the inner suffix."""
    path = tmp_path / f"a.txt{suffix}"
    with opener(path, "wb") as handle:
        handle.write(RECORD)
    (article,) = corpuskit.read(path)
    assert "Title" == article.title


def test_truncated_gzip_reports_the_damage_with_a_line(tmp_path):
    """A truncated .gz keeps the records before the damage, then fails with path:line."""
    data = b"".join(
        b"date 2020-01-%02d T%d\n\n" % (day, day) + b"x" * 4000 + b"\n" for day in range(1, 29)
    )
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(data)[:-200])
    reader = corpuskit.read(path, on_error="skip")
    articles = list(reader)
    assert 0 < len(articles) < 28
    (failure,) = reader.failures
    assert failure.line is not None
    assert "damaged compressed data" in failure.message
    with pytest.raises(ParseError, match=r"cut\.txt\.gz:\d+: damaged"):
        list(corpuskit.read(path))


@pytest.mark.parametrize("suffix", ["", ".gz", ".bz2", ".xz"])
def test_write_then_read_jsonl_with_compression(tmp_path, suffix):
    """Write compresses by suffix, and read gives the same Articles back."""
    articles = [Article.create(title=f"t{i}", text="body") for i in range(3)]
    path = tmp_path / f"out.jsonl{suffix}"
    assert 3 == corpuskit.write(articles, path)
    assert articles == list(corpuskit.read(path))


def test_gzip_output_is_reproducible(tmp_path):
    """Two runs write byte-identical .gz files (no timestamp in the header)."""
    articles = [Article.create(title="t", text="body")]
    corpuskit.write(articles, tmp_path / "a.jsonl.gz")
    corpuskit.write(articles, tmp_path / "b.jsonl.gz")
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()


def test_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path):
    """An error mid-write leaves no partial output and no temporary file, and an old file stays."""

    def articles():
        yield Article.create(title="one")
        raise ParseError("boom", path="in.txt", line=7)

    target = tmp_path / "out.jsonl"
    with pytest.raises(ParseError):
        corpuskit.write(articles(), target)
    assert [] == os.listdir(tmp_path)
    target.write_text("old\n")
    with pytest.raises(ParseError):
        corpuskit.write(articles(), target)
    assert "old\n" == target.read_text()
    assert ["out.jsonl"] == os.listdir(tmp_path)


def test_atomic_output_needs_an_existing_directory(tmp_path):
    """Writing into a missing directory is a WriteError, not a traceback."""
    with (
        pytest.raises(WriteError, match="does not exist"),
        atomic_output(tmp_path / "no" / "x.jsonl"),
    ):
        pass


def test_unknown_output_suffix_asks_for_to(tmp_path):
    """An output suffix no format writes is a FormatError suggesting --to."""
    with pytest.raises(FormatError, match="--to"):
        corpuskit.write([], tmp_path / "out.zzz")


def test_skip_mode_collects_failures_and_goes_on(tmp_path):
    """With on_error='skip', bad records are kept in reader.failures and good ones still read."""
    (tmp_path / "a.txt").write_bytes(b"date 2020-01-01 A\nx\ndate 2020-99-01 B\ny\n")
    (tmp_path / "b.txt").write_bytes(RECORD)
    reader = corpuskit.read(tmp_path, on_error="skip")
    assert ["A", "Title"] == [article.title for article in reader]
    assert [3] == [failure.line for failure in reader.failures]
    assert 2 == reader.files_done


def test_unknown_content_is_reported_not_dropped(tmp_path):
    """A file whose format cannot be told is a failure in skip mode, and an error otherwise."""
    (tmp_path / "mystery.bin").write_bytes(b"\x00\x01")
    reader = corpuskit.read(tmp_path, on_error="skip")
    assert [] == list(reader)
    assert "cannot tell the format" in reader.failures[0].message
    with pytest.raises(ParseError, match=r"mystery\.bin:1: cannot tell"):
        list(corpuskit.read(tmp_path))
