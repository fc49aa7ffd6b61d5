"""Tests for corpuskit_sgml.trec, on fixtures written after the published TREC layouts."""

from __future__ import annotations

import datetime as dt

from corpuskit_sgml.trec import read_trec, sniff_trec
from hypothesis import given
from hypothesis import strategies as st
from sgml_support import assert_only_corpuskit_outcomes, read_bytes

from corpuskit import Article, Failure

# AP newswire layout (TREC disks 1-3): DOCNO, FILEID, HEAD, BYLINE, DATELINE, TEXT.
AP = b"""<DOC>
<DOCNO> AP880101-0001 </DOCNO>
<FILEID>AP-NR-01-01-88 0001EST</FILEID>
<HEAD>Town Council Votes to Repave Main Street</HEAD>
<BYLINE>By PAT EXAMPLE</BYLINE>
<BYLINE>Associated Press Writer</BYLINE>
<DATELINE>SPRINGFIELD (AP) </DATELINE>
<TEXT>
   The town council voted on Friday to repave Main Street.
   Work is to begin in the spring &amp; end by the fall.
</TEXT>
</DOC>
"""
# Wall Street Journal layout: HL for the title, DD for the date.
WSJ = b"""<DOC>
<DOCNO> WSJ870324-0001 </DOCNO>
<HL> Widget Maker Agrees
@ To Sell Its Gadget Unit </HL>
<DD> 03/24/87 </DD>
<SO> WALL STREET JOURNAL (J) </SO>
<DATELINE> NEW YORK </DATELINE>
<TEXT>
    A widget maker said it agreed to sell its gadget unit.
</TEXT>
</DOC>
"""
# Financial Times layout (TREC disk 4): DATE as YYMMDD, HEADLINE, TEXT.
FT = b"""<DOC>
<DOCNO>FT911-1</DOCNO>
<PROFILE>_AN-XXXXXXXXFT</PROFILE>
<DATE>910514
</DATE>
<HEADLINE>
FT  14 MAY 91 / An example headline
</HEADLINE>
<TEXT>
First paragraph of the example.
Second line of it.
</TEXT>
<PUB>The Financial Times</PUB>
</DOC>
"""
# Los Angeles Times layout (TREC disk 5): <P> inside DATE, HEADLINE and TEXT.
LATIMES = b"""<DOC>
<DOCNO> LA010189-0001 </DOCNO>
<DOCID> 1 </DOCID>
<DATE>
<P>
January 1, 1989, Sunday, Home Edition
</P>
</DATE>
<HEADLINE>
<P>
An Example Headline
</P>
</HEADLINE>
<TEXT>
<P>
The first paragraph is wrapped
over two lines.
</P>
<P>
The second paragraph.
</P>
</TEXT>
</DOC>
"""


def read(data: bytes) -> list[Article | Failure]:
    """Read ``data`` with the TREC reader."""
    return read_bytes(read_trec, data, "trec")


def only(data: bytes) -> Article:
    """The one Article ``data`` reads as."""
    (item,) = read(data)
    assert isinstance(item, Article)
    return item


def test_ap_layout() -> None:
    """AP: DOCNO id, HEAD title, BYLINEs as authors, DATELINE and FILEID in meta, TEXT as lines."""
    article = only(AP)
    expected = (
        "AP880101-0001",
        "Town Council Votes to Repave Main Street",
        ("PAT EXAMPLE", "Associated Press Writer"),
        (
            "   The town council voted on Friday to repave Main Street.\n"
            "   Work is to begin in the spring & end by the fall."
        ),
        {"dateline": "SPRINGFIELD (AP)", "fileid": "AP-NR-01-01-88 0001EST"},
        None,
    )
    assert expected == (
        article.id,
        article.title,
        article.authors,
        article.text,
        dict(article.meta),
        article.date,
    )


def test_wsj_layout() -> None:
    """WSJ: HL title on one line, DD date MM/DD/YY, SO kept in meta."""
    article = only(WSJ)
    expected = (
        "Widget Maker Agrees @ To Sell Its Gadget Unit",
        dt.date(1987, 3, 24),
        "03/24/87",
        "WALL STREET JOURNAL (J)",
    )
    assert expected == (article.title, article.date, article.date_raw, article.meta["so"])


def test_ft_layout() -> None:
    """FT: DATE as YYMMDD, HEADLINE, PUB and PROFILE in meta."""
    article = only(FT)
    expected = (
        "FT911-1",
        dt.date(1991, 5, 14),
        "FT 14 MAY 91 / An example headline",
        "The Financial Times",
    )
    assert expected == (article.id, article.date, article.title, article.meta["pub"])


def test_latimes_layout() -> None:
    """LA Times: <P> paragraphs are reflowed, blank-line separated; the date is read from prose."""
    article = only(LATIMES)
    expected = (
        dt.date(1989, 1, 1),
        "An Example Headline",
        "The first paragraph is wrapped over two lines.\n\nThe second paragraph.",
    )
    assert expected == (article.date, article.title, article.text)


def test_several_documents_keep_their_lines() -> None:
    """Documents in one file keep their order and the line of their <DOC> tag."""
    data = AP + b"\n" + WSJ + FT
    items = read(data)
    assert [
        (1, "AP880101-0001"),
        (AP.count(b"\n") + 2, "WSJ870324-0001"),
        (data.count(b"\n", 0, data.index(FT)) + 1, "FT911-1"),
    ] == [
        (item.source.line if item.source else None, item.id)
        for item in items
        if isinstance(item, Article)
    ]


def test_unknown_date_spelling_is_noted() -> None:
    """A date the reader cannot spell out stays raw, with a note."""
    article = only(AP.replace(b"<HEAD>", b"<DATE>sometime</DATE>\n<HEAD>"))
    assert (None, "sometime", "date spelling not known: 'sometime'") == (
        article.date,
        article.date_raw,
        article.meta["date_note"],
    )


def test_sniff() -> None:
    """The sniffer knows <DOC><DOCNO> and rejects Gigaword's <DOC id=…>."""
    assert (0.85, 0.0) == (sniff_trec(AP), sniff_trec(b'<DOC id="X_1" type="story" >'))


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_only_corpuskit_errors(data: bytes) -> None:
    """Any bytes give Articles and Failures, or a corpuskit error, never another exception."""
    assert_only_corpuskit_outcomes(read, data)


@given(
    st.lists(
        st.sampled_from(
            [AP, WSJ, LATIMES, b"<DOC>", b"</DOC>", b"<TEXT>", b"\xff", b"&#99999999999;"]
        ),
        max_size=8,
    )
)
def test_shuffled_pieces_raise_only_corpuskit_errors(pieces: list[bytes]) -> None:
    """Documents, stray tags and bad bytes in any order read without a foreign exception."""
    assert_only_corpuskit_outcomes(read, b"".join(pieces))
