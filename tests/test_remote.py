"""Tests for corpuskit.remote: fsspec URLs in corpuskit.read and corpuskit.write (on memory://)."""

import gzip
import sys
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpuskit
from corpuskit import Article
from corpuskit.errors import MissingDependencyError, SourceError, WriteError
from corpuskit.remote import is_url
from strategies_local import full_articles

fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def bucket():
    """A fresh memory:// folder, removed after the test."""
    name = f"memory://bucket-{uuid.uuid4().hex[:8]}"
    yield name
    memory = fsspec.filesystem("memory")
    if memory.exists(name):
        memory.rm(name, recursive=True)


def _articles(count):
    return [Article.create(title=f"t{n}", text=f"body {n}") for n in range(count)]


@given(st.lists(full_articles(), max_size=5), st.sampled_from(["jsonl", "jsonl.gz", "jsonl.xz"]))
def test_memory_round_trip_is_lossless(articles, suffix):
    """Articles written to a memory:// URL read back equal, compressed or not."""
    url = f"memory://round-trip/{uuid.uuid4().hex}.{suffix}"
    assert len(articles) == corpuskit.write(articles, url)
    back = list(corpuskit.read(url))
    fsspec.filesystem("memory").rm(url)
    assert articles == back


def test_directory_lists_in_name_order_and_skips_hidden(bucket):
    """A directory URL is walked like a local directory: sorted, recursive, hidden names skipped."""
    for name, count in (("b.jsonl", 1), ("a.jsonl", 2), ("sub/c.jsonl", 1), (".hidden.jsonl", 1)):
        corpuskit.write(_articles(count), f"{bucket}/{name}")
    reader = corpuskit.read(bucket)
    titles = [(str(article.source).rsplit("/", 1)[1], article.title) for article in reader]
    expected = [("a.jsonl:1", "t0"), ("a.jsonl:2", "t1"), ("b.jsonl:1", "t0"), ("c.jsonl:1", "t0")]
    assert expected == titles


def test_glob_matches_in_name_order(bucket):
    """A glob URL expands to its matches in name order."""
    for name in ("y.jsonl", "x.jsonl", "z.csv"):
        corpuskit.write(_articles(1), f"{bucket}/{name}")
    paths = [a.source.path.rsplit("/", 1)[1] for a in corpuskit.read(f"{bucket}/*.jsonl")]
    assert ["x.jsonl", "y.jsonl"] == paths


def test_missing_url_is_a_source_error(bucket):
    """A URL naming nothing raises SourceError; an empty glob says no file matches."""
    with pytest.raises(SourceError, match="no such file or directory"):
        list(corpuskit.read(f"{bucket}/absent.jsonl"))
    with pytest.raises(SourceError, match="no file matches"):
        list(corpuskit.read(f"{bucket}/*.absent"))


def test_failed_write_leaves_nothing_and_keeps_the_old_object(bucket):
    """When writing fails midway, the target keeps its old content and no temporary is left."""
    target = f"{bucket}/out.jsonl"
    corpuskit.write(_articles(1), target)

    def failing():
        yield from _articles(3)
        raise WriteError("disk full")

    with pytest.raises(WriteError, match="disk full"):
        corpuskit.write(failing(), target)
    memory = fsspec.filesystem("memory")
    assert [target.removeprefix("memory:/")] == memory.find(bucket)
    assert _articles(1) == list(corpuskit.read(target))


def test_damaged_gzip_reads_as_the_local_file_does(bucket, tmp_path):
    """A truncated remote .gz gives the same Articles and Failures as the same bytes on disk."""
    target = f"{bucket}/cut.jsonl.gz"
    corpuskit.write(_articles(2000), target)
    memory = fsspec.filesystem("memory")
    data = memory.cat(target)
    memory.pipe(target, data[: len(data) // 2])
    local = tmp_path / "cut.jsonl.gz"
    local.write_bytes(data[: len(data) // 2])
    remote_reader = corpuskit.read(target, on_error="skip")
    local_reader = corpuskit.read(local, on_error="skip")
    articles = list(remote_reader)
    assert 0 < len(articles) < 2000
    assert list(local_reader) == articles
    assert [(f.line, f.message) for f in local_reader.failures] == [
        (f.line, f.message) for f in remote_reader.failures
    ]
    assert "damaged compressed data" in remote_reader.failures[-1].message


def test_remote_gzip_is_detected_by_its_bytes(bucket):
    """A gzip file without a .gz suffix is decompressed from its magic bytes."""
    target = f"{bucket}/plain.jsonl"
    line = b'{"id": "x", "text": "hello"}\n'
    fsspec.filesystem("memory").pipe(target, gzip.compress(line))
    assert ["hello"] == [a.text for a in corpuskit.read(target)]


def test_file_url_is_the_local_path(tmp_path):
    """A file:// URL reads and writes the local file it names."""
    target = tmp_path / "local.jsonl"
    corpuskit.write(_articles(2), f"file://{target}")
    assert _articles(2) == list(corpuskit.read(target))
    assert _articles(2) == list(corpuskit.read(f"file://{tmp_path}"))


def test_without_fsspec_a_url_names_the_extra(monkeypatch):
    """Without fsspec, a URL raises MissingDependencyError with the pip line."""
    monkeypatch.setitem(sys.modules, "fsspec", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'corpuskit\[remote\]'"):
        list(corpuskit.read("memory://x/y.jsonl"))


def test_unknown_protocol_is_a_source_error():
    """A URL whose protocol fsspec does not know raises SourceError."""
    with pytest.raises(SourceError, match="nosuchfs://x"):
        list(corpuskit.read("nosuchfs://x/y.jsonl"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("s3://bucket/key", True),
        ("memory://x", True),
        ("file:///tmp/x", True),
        ("C://windows", False),
        ("relative/path.jsonl", False),
        ("/abs/path://odd", False),
    ],
)
def test_is_url(name, expected):
    """Only scheme:// names of two or more letters are URLs."""
    assert expected == is_url(name)
