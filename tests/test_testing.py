"""Tests for corpuskit.testing: the built-in formats conform, and broken formats are caught."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import (
    Article,
    Failure,
    Format,
    SourceError,
    SourceRef,
    canonical_text,
    content_id,
    hookimpl,
)
from corpuskit.testing import (
    BoundedStream,
    ConformanceError,
    FormatConformance,
    StreamingViolation,
    article_problems,
    check_format,
    sample_articles,
)
from corpuskit.testing._streams import held_too_much
from corpuskit.testing.strategies import articles

_HERE = Path(__file__).parent

# -- the built-in formats pass the kit ---------------------------------------------------------


class TestDateheaderConformance(FormatConformance):
    """dateheader keeps title, text and date; it derives ids and has no other fields."""

    format_name = "dateheader"
    samples = ("data/kit/sample.txt",)
    round_trip_fields = ("id", "title", "text", "date", "date_raw")


class TestJsonlConformance(FormatConformance):
    """JSONL is lossless."""

    format_name = "jsonl"
    samples = ("data/kit/sample.jsonl",)


class TestCsvConformance(FormatConformance):
    """CSV is lossless and has no sniffer."""

    format_name = "csv"
    samples = ("data/kit/sample.csv",)


class TestHeadlineConformance(FormatConformance):
    """headline holds one article per file with its title and text; its id derives from them."""

    format_name = "headline"
    samples = ("data/kit/headline.txt",)
    single_article = True
    round_trip_fields = ("title", "text")
    skip_properties = {  # noqa: RUF012 - a class setting, never mutated
        "streams": "one article per file: the article is the whole file, so the reader holds it",
    }


# -- a small format, and deliberately broken variants of it ------------------------------------

_ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)
_SNIFF = re.compile(rb"\d{4}-\d\d-\d\d[^\t\n]*\t")


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def _unescape(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in _ESCAPES:
            raise ValueError(f"unknown escape {match.group(0)!r}")
        return _ESCAPES[match.group(1)]

    return _ESCAPE.sub(replace, value)


@attrs.frozen
class TsvNews:
    """'DATE<TAB>URL<TAB>TITLE<TAB>TEXT' per line; the flags break it in one way each."""

    name: str = "tsvnews"
    leak: bool = False
    unstable_ids: bool = False
    slurp: str = ""  # "read": read() at once; "chunks": read everything, then parse
    loses_url: bool = False
    greedy_sniff: float = 0.0  # a score for any file
    line_shift: int = 0
    place: str = "line"  # "bytes": by byte offset alone, as binary formats do; "none": not at all;
    # "record": line is the record's number, as a binary format numbers its rows
    read_only: bool = False

    @hookimpl
    def corpuskit_register_formats(self, register):
        """Register the format under its name."""
        register(
            Format(
                name=self.name,
                suffixes=(".tsvn",),
                reader=self.read,
                writer=None if self.read_only else self.write,
                sniff=self.sniff,
            )
        )

    def sniff(self, head):
        """Score 0.7 when the file starts with an ISO date and a tab."""
        return self.greedy_sniff or (0.7 if _SNIFF.match(head) else 0.0)

    def lines(self, stream):
        """The input's lines, streamed or (when broken) read whole."""
        if self.slurp == "read":
            return io.BytesIO(stream.read())
        if self.slurp == "chunks":
            return io.BytesIO(b"".join(iter(lambda: stream.read(1 << 12), b"")))
        return stream

    def read(self, source):
        """Yield one Article per line, or a Failure naming the line."""
        offset = 0
        records = 0
        for number, raw in enumerate(self.lines(source.stream), 1):
            start, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            records += 1
            try:
                fields = raw.decode("utf-8").rstrip("\r\n").split("\t")
                if self.leak:
                    date_raw, url, title, text = fields
                elif len(fields) != 4:
                    yield Failure(
                        path=source.path, line=number, message=f"{len(fields)} fields, not 4"
                    )
                    continue
                else:
                    date_raw, url, title, text = fields
                date = (
                    dt.datetime.fromisoformat(date_raw)
                    if "T" in date_raw
                    else dt.date.fromisoformat(date_raw)
                )
                title, text, url = _unescape(title), canonical_text(_unescape(text)), _unescape(url)
            except UnicodeDecodeError as exc:
                yield Failure(path=source.path, line=number, message=f"not UTF-8: {exc.reason}")
                continue
            except ValueError as exc:
                if self.leak:
                    raise
                yield Failure(path=source.path, line=number, message=str(exc))
                continue
            yield Article(
                id=uuid.uuid4().hex if self.unstable_ids else content_id(title, text, date_raw),
                title=title,
                text=text,
                date=date,
                date_raw=date_raw,
                url=url or None,
                source=SourceRef(
                    path=source.path,
                    line=self._line(number, records),
                    byte_offset=None if self.place in {"none", "record"} else start,
                    format=self.name,
                ),
            )

    def _line(self, number, records):
        if self.place == "record":
            return records
        return number + self.line_shift if self.place == "line" else None

    def write(self, articles, sink):
        """Write one line per Article."""
        count = 0
        for article in articles:
            url = "" if self.loses_url or article.url is None else article.url
            fields = (
                article.date.isoformat(),
                _escape(url),
                _escape(article.title),
                _escape(article.text),
            )
            sink.stream.write(("\t".join(fields) + "\n").encode())
            count += 1
        return count


_SMALL = {"large_size": 1 << 19, "max_read": 1 << 15, "max_held": 1 << 17}
_TSV_FIELDS = ("id", "title", "text", "date", "date_raw", "url")


@pytest.fixture
def tsv_sample(tmp_path):
    """A two-line tsvnews sample file."""
    path = tmp_path / "sample.tsvn"
    path.write_text(
        "2024-03-05\thttps://example.org/a\tStorm closes port\t"
        "Gales hit the coast, Mr. Pengelly said.\\n\\nThe port shut.\n"
        "2024-03-06T08:15:00+01:00\t\tMarkets fall 3.5%\tInvestors sold… again.\n",
        encoding="utf-8",
    )
    return path


def _check(corpuskit_plugin, tmp_path, sample, plugin):
    corpuskit_plugin(plugin, name=plugin.name)
    workdir = tmp_path / "work"
    workdir.mkdir()
    return check_format(
        plugin.name, [sample], round_trip_fields=_TSV_FIELDS, workdir=workdir, **_SMALL
    )


def test_a_sound_format_passes_every_property(corpuskit_plugin, tmp_path, tsv_sample):
    """The unbroken tsvnews format passes all eight properties."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews())
    assert ((), 8) == (report.problems, len(report.checked))


def test_a_leaked_exception_is_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """A reader that lets ValueError escape on a bad line breaks bad-input, naming the exception."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="leaky", leak=True))
    first = report.problems[0]
    saved = tmp_path / "work" / "bad-input" / "input-002.tsvn"
    assert ("bad-input",) == report.broken
    assert (
        f"a byte-order mark alone ({saved})",
        (
            "raised ValueError: not enough values to unpack (expected 4, got 1), which is not a "
            "corpuskit error (yield a corpuskit.Failure, or raise corpuskit.ParseError with path "
            "and line)"
        ),
        b"\xef\xbb\xbf",
    ) == (first.input, first.message, saved.read_bytes())
    assert report.problems[-1].message.startswith("leaks ValueError: on ")


def test_unstable_ids_are_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """A reader that makes up a new id on every read breaks stable-ids (and the id's round trip)."""
    report = _check(
        corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="unstable", unstable_ids=True)
    )
    problem = next(problem for problem in report.problems if problem.property == "stable-ids")
    assert ("stable-ids", "round-trip") == report.broken
    assert problem.message.startswith("two reads gave different ids: article 1 is '")
    assert str(tsv_sample) == problem.input


def test_reading_the_whole_file_at_once_is_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """A reader that calls read() without a size breaks streams, and the message says so."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="slurpy", slurp="read"))
    assert ("streams",) == report.broken
    assert (
        "the reader called read(-1) without a size, asking for the whole stream: "
        "the reader must read its input in bounded pieces"
    ) == report.problems[0].message


def test_holding_the_whole_file_is_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """A reader that pulls the file in small pieces but parses only at the end breaks streams."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="hoarder", slurp="chunks"))
    assert ("streams",) == report.broken
    assert report.problems[0].message.startswith("when it handed out record 1 of ")
    assert report.problems[0].message.endswith("the reader holds its input instead of streaming it")


def test_a_writer_that_loses_a_field_is_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """A writer that drops the url breaks round-trip, naming the field and both values."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="lossy", loses_url=True))
    assert ("round-trip",) == report.broken
    assert report.problems[0].message.startswith(
        "url is lost: wrote 'https://example.org/a', read back None"
    )


def test_a_sniffer_that_claims_every_file_is_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """Scoring built-in formats' files as high as they do breaks ignores-builtin, per format."""
    greedy = TsvNews(name="greedy", greedy_sniff=0.9)
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, greedy)
    builtin = tmp_path / "work" / "builtin"
    assert ("ignores-builtin",) == report.broken
    assert [
        (
            str(builtin / "builtin-dateheader.txt"),
            (
                "sniff scores this dateheader sample 0.9, not below dateheader's own score 0.9: "
                "a dateheader file without its suffix would not be read as dateheader"
            ),
        ),
        (
            str(builtin / "builtin-jsonl.jsonl"),
            (
                "sniff scores this jsonl sample 0.9, not below jsonl's own score 0.8: "
                "a jsonl file without its suffix would not be read as jsonl"
            ),
        ),
        (
            str(builtin / "builtin-csv.csv"),
            (
                "sniff scores this csv sample 0.9; it should be 0, because csv has no sniffer "
                "and a csv file without its suffix would be read as 'greedy'"
            ),
        ),
    ] == [(problem.input, problem.message) for problem in report.problems]


def test_a_source_line_that_misses_its_record_is_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """A reader whose lines are off by one breaks reads, naming the line the offset is on."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="shifted", line_shift=1))
    assert [
        (f"{tsv_sample} (article 1)", "source.byte_offset 0 is on line 1, but source.line is 2"),
        (f"{tsv_sample} (article 2)", "source.line is 3; it must be a line of the file (1 to 2)"),
    ] == [(problem.input, problem.message) for problem in report.problems]


def test_a_byte_offset_alone_places_a_record(corpuskit_plugin, tmp_path, tsv_sample):
    """A reader that gives byte offsets and no lines (as binary formats do) passes reads."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="binary", place="bytes"))
    assert () == report.problems


def test_a_source_without_line_or_offset_is_reported(corpuskit_plugin, tmp_path, tsv_sample):
    """An Article whose source gives neither a line nor a byte offset breaks reads."""
    report = _check(corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="nowhere", place="none"))
    message = "source.line is None; it must be a line of the file (1 to 2)"
    assert [message, message] == [problem.message for problem in report.problems]


@pytest.fixture
def spaced_sample(tmp_path, tsv_sample):
    """The tsvnews sample with blank lines around its records, so lines and record numbers differ."""
    path = tmp_path / "spaced.tsvn"
    first, second = tsv_sample.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(f"\n\n{first}\n{second}", encoding="utf-8")
    return path


def test_record_lines_accept_record_numbers(corpuskit_plugin, tmp_path, spaced_sample):
    """With record_lines, a reader whose source.line numbers its records passes reads."""
    corpuskit_plugin(TsvNews(name="rows", place="record"), name="rows")
    report = check_format(
        "rows", [spaced_sample], properties=["reads"], record_lines=True, workdir=tmp_path
    )
    assert ((), ("reads",)) == (report.problems, report.checked)


def test_record_lines_refuse_file_lines(corpuskit_plugin, tmp_path, spaced_sample):
    """With record_lines, a source.line that is a line of the file, not the record's number, breaks reads."""
    corpuskit_plugin(TsvNews(name="lines"), name="lines")
    report = check_format(
        "lines", [spaced_sample], properties=["reads"], record_lines=True, workdir=tmp_path
    )
    assert [
        "source.line is 3; with record_lines it must be the record's number in the file (1)",
        "source.line is 5; with record_lines it must be the record's number in the file (2)",
    ] == [problem.message for problem in report.problems]


def test_problems_of_many_articles_are_capped_per_sample(corpuskit_plugin, tmp_path, tsv_sample):
    """Twelve unplaced Articles in one sample give five problems and one line counting the rest."""
    corpuskit_plugin(TsvNews(name="nowhere", place="none"), name="nowhere")
    many = tmp_path / "many.tsvn"
    many.write_text(tsv_sample.read_text(encoding="utf-8") * 6, encoding="utf-8")
    report = check_format("nowhere", [many], properties=["reads"], workdir=tmp_path)
    assert [
        *["source.line is None; it must be a line of the file (1 to 12)"] * 5,
        "... and 7 more like these",
    ] == [problem.message for problem in report.problems]


def test_a_format_without_a_writer_skips_the_round_trip(corpuskit_plugin, tmp_path, tsv_sample):
    """A read-only format passes the other seven properties and skips round-trip, saying why."""
    report = _check(
        corpuskit_plugin, tmp_path, tsv_sample, TsvNews(name="readonly", read_only=True)
    )
    assert ((), 7, (("round-trip", "the format cannot write"),)) == (
        report.problems,
        len(report.checked),
        report.skipped,
    )


def test_large_sample_makes_the_streaming_input(corpuskit_plugin, tmp_path, tsv_sample):
    """A large_sample function is called with the path and size, and its file is what is read."""
    calls = []

    def make(path, size):
        calls.append(size)
        path.write_bytes(tsv_sample.read_bytes() * (size // tsv_sample.stat().st_size + 1))

    corpuskit_plugin(TsvNews(name="hoard2", slurp="chunks"), name="hoard2")
    report = check_format(
        "hoard2",
        [tsv_sample],
        properties=["streams"],
        large_sample=make,
        workdir=tmp_path,
        **_SMALL,
    )
    assert [1 << 19] == calls
    assert report.problems[0].input.endswith(" bytes, made by large_sample())")


def test_an_unregistered_format_is_reported(tmp_path):
    """Checking a format nobody registers breaks registers and names the known formats."""
    report = check_format("nosuchformat", [], workdir=tmp_path)
    assert ("registers",) == report.broken
    assert "no format 'nosuchformat' is registered (known: " in report.problems[0].message


def test_raise_for_problems_raises_the_report(tmp_path):
    """ConformanceError carries the report and prints it, one problem per line."""
    report = check_format("nosuchformat", [], workdir=tmp_path)
    with pytest.raises(ConformanceError) as caught:
        report.raise_for_problems()
    assert (report, str(report)) == (caught.value.report, str(caught.value))
    assert str(caught.value).startswith(
        "format 'nosuchformat' breaks 1 of 1 properties checked (registers):\n  registers: "
    )


def test_properties_not_applicable_are_skipped_with_a_reason(tmp_path):
    """Csv has no sniffer: ignores-builtin is skipped, not passed."""
    report = check_format("csv", [], properties=["ignores-builtin"], workdir=tmp_path)
    assert (
        (),
        (("ignores-builtin", "the format has no sniff function: it is never chosen by content"),),
    ) == (
        report.checked,
        report.skipped,
    )


def test_skipped_properties_keep_their_reasons(tmp_path):
    """A mapping passed as skip leaves those properties out and reports each with its reason."""
    report = check_format(
        "csv",
        [],
        properties=["registers", "streams"],
        skip={"streams": "why not"},
        workdir=tmp_path,
    )
    assert (("registers",), (("streams", "why not"),)) == (report.checked, report.skipped)


def test_skip_properties_must_name_properties():
    """A misspelled name in a FormatConformance's skip_properties is an error, not a silent pass."""

    class Misspelled(FormatConformance):
        format_name = "csv"
        skip_properties = {"stream": "misspelled"}  # noqa: RUF012 - a class setting

    with pytest.raises(ValueError, match="unknown properties \\['stream'\\]"):
        Misspelled().check_property("streams", None)


def test_a_one_article_format_round_trips_one_file_per_article(tmp_path):
    """With single_article, headline's writer gets one article per file and the round trip holds."""
    sample = _HERE / "data" / "kit" / "headline.txt"
    report = check_format(
        "headline",
        [sample],
        properties=["round-trip"],
        round_trip_fields=("title", "text"),
        single_article=True,
        workdir=tmp_path,
    )
    assert (("round-trip",), ()) == (report.checked, report.problems)


def test_a_one_article_format_without_single_article_is_reported(tmp_path):
    """Written all into one file, headline's articles are refused by its writer, and that is reported."""
    sample = _HERE / "data" / "kit" / "headline.txt"
    report = check_format("headline", [sample], properties=["round-trip"], workdir=tmp_path)
    assert "the headline format holds one article per file" in report.problems[0].message


def test_unknown_properties_are_refused():
    """A misspelled property is an error, not a silently skipped check."""
    with pytest.raises(ValueError, match="unknown properties \\['round-trips'\\]"):
        check_format("csv", [], properties=["round-trips"])


def test_a_large_sample_no_larger_than_max_held_is_refused():
    """The streams check cannot catch a hoarding reader when the sample fits in max_held."""
    with pytest.raises(ValueError, match="large_size must exceed max_held"):
        check_format("csv", [], large_size=10, max_held=10)


def test_a_missing_sample_is_an_error(tmp_path):
    """A sample path that does not exist stops the check before anything runs."""
    with pytest.raises(SourceError, match=r"nothere\.jsonl: no such sample file"):
        check_format("jsonl", [tmp_path / "nothere.jsonl"])


def test_samples_that_fail_to_parse_break_reads(tmp_path):
    """A sample with a bad record breaks reads, with the record's path:line."""
    sample = tmp_path / "bad.jsonl"
    sample.write_text('{"title": "ok", "text": "fine"}\nnot json\n', encoding="utf-8")
    report = check_format("jsonl", [sample], properties=["reads"], workdir=tmp_path)
    assert (
        f"a sample should read cleanly, but record 2 failed: {sample}:2: not valid JSON"
        in report.problems[0].message
    )


def test_non_canonical_text_breaks_reads(tmp_path):
    """Jsonl reads text as stored; text with trailing spaces is reported as not canonical."""
    sample = tmp_path / "raw.jsonl"
    sample.write_text('{"title": "t", "text": "a  \\n\\n\\nb"}\n', encoding="utf-8")
    report = check_format("jsonl", [sample], properties=["reads"], workdir=tmp_path)
    assert [f"{sample} (article 1)"] == [problem.input for problem in report.problems]
    assert report.problems[0].message.startswith("text is not canonical")


def test_article_problems_names_wrong_types():
    """article_problems lists each field of the wrong type."""
    article = Article(id="", title=3, date="2024-01-01", authors=(1,))  # type: ignore[arg-type]
    assert [
        "id must be a non-empty string, got ''",
        "title must be a string, got int",
        "date must be a datetime.date, datetime.datetime or None, got str",
        "authors must be strings, got (1,)",
    ] == article_problems(article)


@given(articles())
def test_article_problems_accepts_valid_articles(article):
    """Every valid Article has no problem."""
    assert [] == article_problems(article)


def test_sample_articles_are_reproducible_and_valid():
    """The same seed gives the same valid Articles with distinct ids."""
    first = [next(sample_articles(7)) for _ in range(1)] + list(_take(sample_articles(7), 50))
    second = [next(sample_articles(7)) for _ in range(1)] + list(_take(sample_articles(7), 50))
    assert (first, [], 50) == (
        second,
        [p for a in first for p in article_problems(a)],
        len({a.id for a in first}),
    )


def _take(iterator, count):
    return [next(iterator) for _ in range(count)]


# -- the bounded stream ------------------------------------------------------------------------


@given(st.binary(max_size=2000), st.lists(st.integers(1, 64), min_size=1, max_size=50))
def test_bounded_stream_passes_bytes_through(data, sizes):
    """Bounded reads return the wrapped bytes in order, and pulled counts them."""
    stream = BoundedStream(io.BytesIO(data), max_read=64)
    pieces = [stream.read(size) for size in sizes]
    rest = iter(lambda: stream.read(64), b"")
    out = b"".join(pieces) + b"".join(rest)
    assert (data, len(data)) == (out, stream.pulled)


@given(st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"") + b"\n"), max_size=20))
def test_bounded_stream_iterates_lines(lines):
    """Iterating a bounded stream yields the wrapped stream's lines."""
    assert lines == list(BoundedStream(io.BytesIO(b"".join(lines)), max_read=64))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda s: s.read(),
            "the reader called read(-1) without a size, asking for the whole stream",
        ),
        (
            lambda s: s.read(None),
            "the reader called read(None) without a size, asking for the whole stream",
        ),
        (
            lambda s: s.read(65),
            "the reader called read(65) with 65 bytes at once (the bound is 64)",
        ),
        (
            lambda s: s.readlines(),
            "the reader called readlines(-1) without a size, asking for the whole stream",
        ),
        (lambda s: s.readline(), "readline() returned 65 bytes in one piece (the bound is 64)"),
        (
            lambda s: s.readinto(bytearray(100)),
            "the reader called read(100) with 100 bytes at once (the bound is 64)",
        ),
    ],
)
def test_bounded_stream_refuses_unbounded_reads(call, message):
    """Reads asking for (or returning) more than the bound raise StreamingViolation saying so."""
    stream = BoundedStream(io.BytesIO(b"x" * 200), max_read=64)
    with pytest.raises(StreamingViolation) as caught:
        call(stream)
    assert message == str(caught.value)


def test_streaming_violation_escapes_broad_handlers():
    """A reader's `except Exception` cannot swallow a StreamingViolation."""
    assert not issubclass(StreamingViolation, Exception)


@given(st.integers(1, 10**6), st.integers(1, 1000))
def test_reading_in_step_holds_nothing(total, count):
    """A reader that pulls exactly what its records need never holds too much."""
    pulled = [total * (k + 1) // count for k in range(count)]
    assert held_too_much(pulled, total, max_held=0) is None


@given(st.integers(10, 10**6), st.integers(2, 1000))
def test_reading_everything_first_is_held_too_much(total, count):
    """A reader that pulls everything before its first record holds all but one record's share."""
    pulled = [total] * count
    assert (0, total, total - total // count) == held_too_much(
        pulled, total, max_held=total - total // count - 1
    )
