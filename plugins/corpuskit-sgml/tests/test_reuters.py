"""Tests for corpuskit_sgml.reuters."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from corpuskit_sgml.reuters import parse_reuters_date, read_reuters, sniff_reuters
from hypothesis import given
from hypothesis import strategies as st
from sgml_support import assert_only_corpuskit_outcomes, read_bytes

import corpuskit
from corpuskit import Article, Failure

if TYPE_CHECKING:
    from pathlib import Path

# Written for these tests after the layout of Reuters-21578 (lewis.dtd); not corpus text.
NORM = b"""<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="900" NEWID="7">
<DATE> 3-MAR-1987 09:15:05.40&#5;&#5;&#5;RM</DATE>
<TOPICS><D>grain</D><D>corn</D></TOPICS>
<PLACES><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES><D>cbt</D></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> &#5;&#5;&#5;C G
&#22;&#22;&#1;f0001&#31;reute</UNKNOWN>
<TEXT>&#2;
<TITLE>FARMERS PLANT MORE CORN &lt;ABC></TITLE>
<AUTHOR>    by Jane Doe, Reuters</AUTHOR>
<DATELINE>    CHICAGO, March 3 - </DATELINE><BODY>Farmers plan to plant more corn
this spring, a survey by &lt;ABC> &amp; Co said.
    The survey covered ten states.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""
BRIEF = b"""<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="901" NEWID="8">
<DATE>3-MAR-1987  10:16:24.19</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>CORN FUTURES OPEN HIGHER
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
"""
UNPROC = b"""<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="902" NEWID="9">
<DATE>31-MAR-1987 605:12:19.12</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
WEEKLY GRAIN TABLE - MAR 31
 WHEAT........12 vs.....10
 CORN.........\xfc9 vs......8
&#3;

</TEXT>
</REUTERS>
"""
FILE = b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n' + NORM + BRIEF + UNPROC


def read(data: bytes) -> list[Article | Failure]:
    """Read ``data`` with the Reuters reader."""
    return read_bytes(read_reuters, data, "reuters-sgml")


def articles(data: bytes) -> list[Article]:
    """Only the Articles ``data`` reads as."""
    return [item for item in read(data) if isinstance(item, Article)]


def test_reads_every_document() -> None:
    """Each <REUTERS> document becomes one Article with NEWID as id."""
    assert ["7", "8", "9"] == [article.id for article in articles(FILE)]


def test_normal_story_fields() -> None:
    """A NORM story fills title, text, date, authors and the category lists."""
    article = articles(FILE)[0]
    expected_text = (
        "Farmers plan to plant more corn\nthis spring, a survey by <ABC> & Co said.\n"
        "    The survey covered ten states.\n Reuter"
    )
    assert "FARMERS PLANT MORE CORN <ABC>" == article.title
    assert expected_text == article.text
    assert dt.datetime(1987, 3, 3, 9, 15, 5, 400000) == article.date
    assert " 3-MAR-1987 09:15:05.40&#5;&#5;&#5;RM" == article.date_raw
    assert ("Jane Doe, Reuters",) == article.authors
    expected_meta = {
        "topics": ("grain", "corn"),
        "places": ("usa",),
        "people": (),
        "orgs": (),
        "exchanges": ("cbt",),
        "companies": (),
        "text_type": "NORM",
        "dateline": "CHICAGO, March 3",
        "oldid": "900",
        "lewissplit": "TRAIN",
        "cgisplit": "TRAINING-SET",
        "has_topics": "YES",
    }
    assert expected_meta == dict(article.meta)


def test_brief_story_is_its_title() -> None:
    """A BRIEF story keeps its title and drops the wire's '***Blah blah blah.' filler."""
    article = articles(FILE)[1]
    assert ("CORN FUTURES OPEN HIGHER", "", "BRIEF") == (
        article.title,
        article.text,
        article.meta["text_type"],
    )


def test_unprocessed_story_keeps_raw_text_and_reports_decoding() -> None:
    """An UNPROC story's text is the raw TEXT; its Latin-1 byte is decoded and noted."""
    article = articles(FILE)[2]
    assert "" == article.title
    assert (
        "WEEKLY GRAIN TABLE - MAR 31\n WHEAT........12 vs.....10\n CORN.........\u00fc9 vs......8"
        == article.text
    )
    assert article.meta["decoding"].startswith("latin-1 fallback: not valid utf-8 (byte 0xfc")


def test_time_out_of_range_keeps_the_day() -> None:
    """An impossible hour keeps the day only, with a note."""
    article = articles(FILE)[2]
    assert dt.date(1987, 3, 31) == article.date
    assert "out of range" in article.meta["date_note"]


def test_source_line_and_byte_offset() -> None:
    """Each Article's source points at its <REUTERS> tag."""
    for article in articles(FILE):
        assert article.source is not None
        offset = article.source.byte_offset
        assert offset is not None
        assert FILE[offset:].startswith(b"<REUTERS")
        assert FILE.count(b"\n", 0, offset) + 1 == article.source.line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("26-FEB-1987 15:01:01.79", dt.datetime(1987, 2, 26, 15, 1, 1, 790000)),
        (" 9-APR-1987 13:32:06.7", dt.datetime(1987, 4, 9, 13, 32, 6, 700000)),
        ("  5-MAR-1987 09:00:00.00\t\t\tF", dt.datetime(1987, 3, 5, 9, 0)),
        ("9-APR-1987 00:00:00.00    # date added by guesswork ", dt.datetime(1987, 4, 9)),
        ("3-MAR-1987  10:16:24.19", dt.datetime(1987, 3, 3, 10, 16, 24, 190000)),
    ],
)
def test_parse_reuters_date(raw: str, expected: dt.datetime) -> None:
    """Reuters dates with leading spaces, short fractions and trailing junk are read."""
    assert (expected, None) == parse_reuters_date(raw)


def test_parse_reuters_date_rejects_other_text() -> None:
    """Text that is not a Reuters date gives no date and a note."""
    date, note = parse_reuters_date("yesterday")
    assert (None, True) == (date, note is not None and "not a Reuters date" in note)


def test_text_outside_documents_is_a_failure() -> None:
    """Stray text between documents is reported with its line; the documents are still read."""
    items = read(NORM + b"stray words\n" + BRIEF)
    failures = [item for item in items if isinstance(item, Failure)]
    assert [(NORM.count(b"\n") + 1, "text outside any document")] == [
        (f.line, f.message) for f in failures
    ]
    assert 2 == sum(isinstance(item, Article) for item in items)


def test_truncated_file_is_a_failure() -> None:
    """A file that ends inside a document reports the document's line."""
    items = read(NORM + BRIEF[:100])
    assert [(NORM.count(b"\n") + 1, "the file ends inside a document")] == [
        (item.line, item.message) for item in items if isinstance(item, Failure)
    ]


def test_sniff() -> None:
    """The sniffer knows a Reuters file and rejects a TREC one."""
    assert (0.95, 0.0) == (sniff_reuters(FILE[:8192]), sniff_reuters(b"<DOC>\n<DOCNO> X </DOCNO>"))


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_corpuskit_errors(data: bytes) -> None:
    """Any bytes give Articles and Failures, or a corpuskit error, never another exception."""
    assert_only_corpuskit_outcomes(read, data)


@given(
    st.lists(
        st.sampled_from([NORM, BRIEF, UNPROC, b"\n", b"<REUTERS>", b"</REUTERS>", b"junk"]),
        max_size=8,
    )
)
def test_shuffled_pieces_raise_only_corpuskit_errors(pieces: list[bytes]) -> None:
    """Documents, stray tags and junk in any order read without a foreign exception."""
    assert_only_corpuskit_outcomes(read, b"".join(pieces))


def test_real_reuters_collection(shared_dir: Path) -> None:
    """Reuters-21578 reads as 21,578 Articles with unique ids and every date read."""
    reader = corpuskit.read(shared_dir / "corpora/reuters21578/sgm", on_error="skip")
    items = list(reader)
    expected = (21578, 21578, 0, [])
    assert expected == (
        len(items),
        len({a.id for a in items}),
        sum(a.date is None for a in items),
        reader.failures,
    )


def test_real_reuters_sample(shared_dir: Path) -> None:
    """NEWID 1 (checked by hand against reut2-000.sgm) has its title, dateline, date and body."""
    reader = corpuskit.read(shared_dir / "corpora/reuters21578/sgm/reut2-000.sgm")
    first = next(reader)
    reader.close()
    assert ("1", "BAHIA COCOA REVIEW") == (first.id, first.title)
    assert (dt.datetime(1987, 2, 26, 15, 1, 1, 790000), "SALVADOR, Feb 26") == (
        first.date,
        first.meta["dateline"],
    )
    assert first.text.startswith("Showers continued throughout the week in\nthe Bahia cocoa zone")
    assert first.text.endswith(" Reuter")
