"""Tests for corpuskit.formats.headline."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import corpuskit
from corpuskit import Article, ConfigError, CorpusError, Failure
from corpuskit.formats.headline import read_headline, sniff_headline, write_headline
from corpuskit.plugins import Sink, Source, format_registry

STORY = (
    b"Ad sales rise at example firm\n\nFirst paragraph,\nstill the first.\n\nSecond paragraph.\n"
)


def read(data: bytes, **options: str) -> list[Article | Failure]:
    """Read ``data`` as a headline-first file."""
    return list(
        read_headline(
            Source(path="story.txt", stream=io.BytesIO(data), format="headline", options=options)
        )
    )


def test_title_and_paragraphs() -> None:
    """The first line is the title; the rest is the text, paragraphs kept."""
    (article,) = read(STORY)
    assert isinstance(article, Article)
    expected = (
        "Ad sales rise at example firm",
        "First paragraph,\nstill the first.\n\nSecond paragraph.",
        {},
    )
    assert expected == (article.title, article.text, dict(article.meta))


def test_blank_lines_bom_and_crlf() -> None:
    """Leading blank lines, a BOM and CRLF are tolerated; the source is the title's line."""
    (article,) = read(b"\xef\xbb\xbf\r\n\r\n  Title  \r\n\r\nBody.\r\n")
    assert isinstance(article, Article)
    assert ("Title", "Body.", 3, 7) == (
        article.title,
        article.text,
        article.source.line if article.source else None,
        article.source.byte_offset if article.source else None,
    )


def test_fallback_policy_records_a_note() -> None:
    """By default a file that is not UTF-8 is read as Latin-1, with a note in meta."""
    (article,) = read(b"Price\n\nIt cost \xa315.\n")
    assert isinstance(article, Article)
    assert ("It cost \u00a315.", "latin-1 fallback: not valid utf-8 (byte 0xa3 at offset 15)") == (
        article.text,
        article.meta["decoding"],
    )


def test_strict_policy_fails_with_the_line() -> None:
    """With encoding_errors='strict' such a file is a Failure naming the line of the bad byte."""
    (failure,) = read(b"Price\n\nIt cost \xa315.\n", encoding_errors="strict")
    assert isinstance(failure, Failure)
    assert (3, True) == (failure.line, failure.message.startswith("not valid UTF-8 (byte 0xa3)"))


def test_unknown_policy_is_a_config_error() -> None:
    """An unknown encoding_errors value raises ConfigError."""
    with pytest.raises(ConfigError, match="encoding_errors"):
        read(STORY, encoding_errors="ignore")


def test_empty_file_is_a_failure() -> None:
    """A blank file is a Failure."""
    assert [
        Failure(path="story.txt", line=1, message="empty file: no headline", format="headline")
    ] == read(b" \n\n")


def test_sniff_loses_to_dateheader() -> None:
    """On .txt, a date-header file goes to dateheader and other text to headline."""
    registry = format_registry()
    assert ["dateheader", "headline"] == [
        registry.choose(".txt", lambda data=data: data).name
        for data in (b"date 2004-01-01 Title\n\nBody\n", STORY)
    ]
    assert (0.3, 0.0) == (sniff_headline(STORY), sniff_headline(b"\x00\x01"))


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xef\xbb\xbf\n Title\r\n\r\nBody", 0.3),
        (b"Title only", 0.3),
        (b"First line\nsecond line of prose\n", 0.0),
        (b"x" * 301 + b"\n\nBody", 0.0),
        (b" \n\n", 0.0),
    ],
)
def test_sniff_wants_a_headline_then_a_blank_line(head: bytes, expected: float) -> None:
    """Only a short first line followed by a blank line looks like a headline file."""
    assert expected == sniff_headline(head)


_titles = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)
_paragraphs = st.lists(_titles, max_size=4).map("\n\n".join)


@given(_titles, _paragraphs)
def test_round_trip(title: str, text: str) -> None:
    """Writing an Article and reading it back keeps its title and text."""
    sink = io.BytesIO()
    article = Article.create(title=title, text=text)
    assert 1 == write_headline([article], Sink(path="out.txt", stream=sink, format="headline"))
    (back,) = read(sink.getvalue())
    assert isinstance(back, Article)
    assert (title, text) == (back.title, back.text)


@given(st.binary(max_size=500))
def test_arbitrary_bytes_give_an_article_or_a_failure(data: bytes) -> None:
    """Any bytes read as one Article or one Failure, under both policies."""
    for policy in ("fallback", "strict"):
        try:
            items = read(data, encoding_errors=policy)
        except CorpusError:
            continue
        assert [True] == [isinstance(item, Article | Failure) for item in items]


def test_real_bbc(shared_dir: Path) -> None:
    """BBC News reads as 2,225 Articles; sport/199.txt is decoded as Latin-1 with a note."""
    bbc = shared_dir / "corpora/bbc"
    reader = corpuskit.read(str(bbc / "*" / "*.txt"), on_error="skip")
    articles = list(reader)
    noted = [
        a.source.path[len(str(bbc)) + 1 :] for a in articles if "decoding" in a.meta and a.source
    ]
    assert (2225, [], ["sport/199.txt"]) == (len(articles), reader.failures, noted)


def test_real_bbc_strict(shared_dir: Path) -> None:
    """Under encoding_errors='strict', sport/199.txt is the one Failure."""
    reader = corpuskit.read(
        shared_dir / "corpora/bbc/sport/199.txt",
        on_error="skip",
        options={"encoding_errors": "strict"},
    )
    assert ([], ["199.txt"]) == (list(reader), [Path(f.path).name for f in reader.failures])
