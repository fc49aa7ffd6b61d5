import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpuskit
from corpuskit.errors import ParseError, WriteError
from corpuskit.formats import dateheader
from corpuskit.model import Article, Failure
from corpuskit.plugins import Sink, Source
from strategies_local import dateheader_articles


def _read(data: bytes, path: str = "mem.txt") -> list:
    return list(
        dateheader.read_dateheader(Source(path=path, stream=io.BytesIO(data), format="dateheader"))
    )


def _write(articles) -> bytes:
    buffer = io.BytesIO()
    dateheader.write_dateheader(articles, Sink(path="mem.txt", stream=buffer, format="dateheader"))
    return buffer.getvalue()


def test_reads_the_shared_sample(shared_dir):
    """The sample reads as one article dated 2021-10-15 with 12 paragraphs."""
    path = shared_dir / "samples" / "date-header-sample.txt"
    articles = list(corpuskit.read(path))
    assert 1 == len(articles)
    article = articles[0]
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert dt.date(2021, 10, 15) == article.date
    assert first_line.split(None, 2)[2].strip() == article.title
    assert 12 == len(article.text.split("\n\n"))
    assert article.text.startswith("President Vladimir Putin")
    assert (str(path), 1, "dateheader") == (
        article.source.path,
        article.source.line,
        article.source.format,
    )


def test_reads_several_records_with_lines_and_offsets():
    """Each record knows its header line and byte offset; bodies stop at the next header."""
    data = b"date 2020-01-02 One\n\nBody one.\n\nSecond para.\n  date 2020-01-03T10:00:00Z Two\nBody two.\n"
    one, two = _read(data)
    assert ("One", "Body one.\n\nSecond para.", 1, 0) == (
        one.title,
        one.text,
        one.source.line,
        one.source.byte_offset,
    )
    assert ("Two", "Body two.", 6, data.index(b"  date")) == (
        two.title,
        two.text,
        two.source.line,
        two.source.byte_offset,
    )
    assert dt.datetime(2020, 1, 3, 10, tzinfo=dt.timezone.utc) == two.date


def test_tolerates_bom_crlf_and_trailing_whitespace():
    """A BOM, CRLF line ends, trailing spaces and blank-line runs do not change the article."""
    plain = _read(b"date 2020-01-02 Title\n\nA line\nnext line\n\nB\n")
    messy = _read(
        b"\xef\xbb\xbfdate 2020-01-02 Title  \r\n\r\n\r\nA line \r\nnext line\t\r\n \r\n\r\nB\r\n\r\n"
    )
    assert plain == messy


def test_other_date_spellings_go_through_the_date_parser():
    """A non-ISO single-token date is understood; a day-only one stays a date."""
    (article,) = _read(b"date 15-Oct-2021 Title\nx\n")
    assert dt.date(2021, 10, 15) == article.date
    assert "15-Oct-2021" == article.date_raw


def test_body_line_starting_with_date_word_is_body():
    """A body line 'date night ...' (no digit in the token) is text, not a header."""
    (article,) = _read(b"date 2020-01-02 T\ndate night was fun\n")
    assert "date night was fun" == article.text


def test_a_header_with_a_bad_date_is_a_failure_and_the_rest_reads():
    """A header whose date is not understood fails at its line; the next record still reads."""
    items = _read(b"date 2020-01-02 A\nx\ndate 2020-13-45 B\ny\ndate 2020-01-03 C\nz\n")
    assert ["A", "C"] == [item.title for item in items if isinstance(item, Article)]
    (failure,) = [item for item in items if isinstance(item, Failure)]
    assert 3 == failure.line
    assert "date" in failure.message


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"", 1, "empty file"),
        (b"\n  \n", 1, "empty file"),
        (b"\n\nsome text\ndate 2020-01-01 T\n", 3, "text before the first"),
        (b"no header at all\n", 1, "text before the first"),
        (b"date 2020-01-01 T\nok\n\xff\xfe bad\n", 3, "not valid UTF-8"),
    ],
)
def test_bad_input_gives_one_failure_with_its_line(data, line, message):
    """Empty files, preambles and invalid UTF-8 fail with the right line and message."""
    failures = [item for item in _read(data) if isinstance(item, Failure)]
    assert 1 == len(failures)
    assert line == failures[0].line
    assert message in failures[0].message


@given(st.lists(dateheader_articles(), min_size=1, max_size=5))
def test_read_of_write_gives_back_the_articles(articles):
    """Writing then reading date-header records gives equal Articles."""
    assert articles == _read(_write(articles))


@given(st.lists(dateheader_articles(), min_size=1, max_size=4), st.integers(1, 64))
def test_block_size_does_not_change_the_result(articles, block):
    """Reading in tiny blocks gives the same Articles, lines and offsets as one big block."""
    data = _write(articles)
    whole = _read(data)
    original = dateheader._BLOCK
    dateheader._BLOCK = block
    try:
        pieces = _read(data)
    finally:
        dateheader._BLOCK = original
    assert [(a, a.source) for a in whole] == [(a, a.source) for a in pieces]


def test_header_like_body_lines_are_escaped_and_round_trip():
    """Body lines that would read as headers are escaped on write and restored on read."""
    text = "date 2020-01-01 not a header\n\n  \\date 1999 kept\n\n\\\\date 5 deeper"
    article = Article.create(title="T", text=text, date=dt.date(2020, 1, 1), date_raw="2020-01-01")
    written = _write([article])
    assert b"\n\\date 2020-01-01 not a header" in written
    assert [article] == _read(written)


def test_parsing_is_idempotent():
    """Reading, writing and reading again gives the same Articles as the first read."""
    first = _read(b"date 2020-01-02 T \r\n\r\n a \r\n\r\n\r\nb\n")
    assert first == _read(_write(first))


def test_writer_refuses_what_it_cannot_hold():
    """An article without a date, or with a title on two lines, is refused with its id."""
    with pytest.raises(WriteError, match="no date"):
        _write([Article.create(title="T")])
    with pytest.raises(WriteError, match="line break"):
        _write([Article.create(title="a\nb", date=dt.date(2020, 1, 1))])


@given(st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_corpuskit_errors(data):
    """Any bytes give Articles or Failures, never another exception."""
    for item in _read(data):
        assert isinstance(item, Article | Failure)


def test_read_raises_parse_error_with_place(tmp_path):
    """Through corpuskit.read, a bad record raises ParseError naming path and line."""
    path = tmp_path / "bad.txt"
    path.write_bytes(b"date 2020-01-01 A\nok\ndate 2020-99-99 B\n")
    with pytest.raises(ParseError, match=r"bad\.txt:3: "):
        list(corpuskit.read(path))
