"""Tests for corpuskit_email.message."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from corpuskit_email.message import read_message
from hypothesis import given
from hypothesis import strategies as st

import corpuskit
from corpuskit import Article, Failure

if TYPE_CHECKING:
    from pathlib import Path

# Written for these tests after the 20 Newsgroups layout (RFC 1036 headers); not corpus text.
POST = b"""Xref: news.example.edu sci.example:1001 misc.example:2002
Path: news.example.edu!relay!
 user
From: pat@example.edu (Pat Example)
Newsgroups: sci.example,misc.example
Subject: Re: An example
 subject
Message-ID: <1993Apr5.1@example.edu>
Date: 5 Apr 93 20:41:08 GMT
References: <a1@example.com> <b2@example.com>
Organization: Example University
Lines: 3

In article <a1@example.com>, someone writes:
> quoted line

A reply.\x20\x20
"""


def read(data: bytes) -> Article | Failure:
    """Read one message's bytes."""
    return read_message(data, path="fixture.eml", line=1, byte_offset=0, format_name="email")


def article(data: bytes) -> Article:
    """The Article ``data`` reads as."""
    item = read(data)
    assert isinstance(item, Article)
    return item


def test_usenet_post_fields() -> None:
    """Subject, From, Message-ID, Date and the news headers land in their fields."""
    post = article(POST)
    expected = (
        "1993Apr5.1@example.edu",
        "Re: An example subject",
        ("pat@example.edu (Pat Example)",),
        dt.datetime(1993, 4, 5, 20, 41, 8, tzinfo=dt.timezone.utc),
        "5 Apr 93 20:41:08 GMT",
        "In article <a1@example.com>, someone writes:\n> quoted line\n\nA reply.",
        {
            "newsgroups": ("sci.example", "misc.example"),
            "references": ("a1@example.com", "b2@example.com"),
            "organization": "Example University",
        },
    )
    assert expected == (
        post.id,
        post.title,
        post.authors,
        post.date,
        post.date_raw,
        post.text,
        dict(post.meta),
    )


def test_undeclared_latin1_body_is_decoded_and_noted() -> None:
    """A stray Latin-1 byte in an undeclared body is decoded as Latin-1 and the note says where."""
    post = article(POST.replace(b"A reply.", b"Caf\xe9 reply."))
    offset = POST.split(b"\n\n", 1)[1].index(b"A reply.") + 3
    assert "Caf\u00e9 reply." in post.text
    assert (
        f"body: latin-1 fallback: not valid utf-8 (byte 0xe9 at offset {offset})"
        == post.meta["decoding"]
    )


def test_raw_bytes_in_headers_are_noted() -> None:
    """A raw 8-bit byte in a header is decoded and noted as a header fallback."""
    post = article(POST.replace(b"(Pat Example)", b"(P\xe4t Example)"))
    assert ("pat@example.edu (P\u00e4t Example)",) == post.authors
    assert post.meta["decoding"].startswith("headers: latin-1 fallback")


def test_declared_charset_and_quoted_printable() -> None:
    """A declared charset and a quoted-printable body are decoded without a note."""
    mime = (
        b"Mime-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n"
        b"Content-Transfer-Encoding: quoted-printable\n"
    )
    post = article(POST.replace(b"Lines: 3\n", mime).replace(b"A reply.", b"Caf=E9 =\nreply."))
    assert ("Caf\u00e9 reply.", None) == (post.text.splitlines()[-1], post.meta.get("decoding"))


def test_unknown_charset_is_noted() -> None:
    """An unknown declared charset falls back to UTF-8 and says so."""
    post = article(POST.replace(b"Lines: 3\n", b"Content-Type: text/plain; charset=ascii_827\n"))
    assert "body: unknown charset 'ascii_827'; decoded as utf-8" == post.meta["decoding"]


def test_base64_and_encoded_words() -> None:
    """A base64 body and an RFC 2047 subject are decoded."""
    mime = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n"
    data = (
        POST.split(b"\n\n")[0]
        .replace(b"Lines: 3", mime.rstrip())
        .replace(b"Subject: Re: An example\n subject", b"Subject: =?utf-8?q?Caf=C3=A9?=")
    )
    post = article(data + b"\n\nSGVsbG8sIHdvcmxkLg==\n")
    assert ("Caf\u00e9", "Hello, world.") == (post.title, post.text)


def test_multipart_takes_the_text_part() -> None:
    """A MIME multipart message gives its first text/plain part."""
    data = (
        b"From: a@example.com\nSubject: Parts\nDate: Mon, 3 May 1993 10:00:00 +0200\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="XX"\n\n'
        b"--XX\nContent-Type: text/html\n\n<p>html</p>\n"
        b"--XX\nContent-Type: text/plain; charset=iso-8859-1\n\nplain caf\xe9\n--XX--\n"
    )
    post = article(data)
    assert ("plain caf\u00e9", dt.timezone(dt.timedelta(hours=2))) == (
        post.text,
        post.date.tzinfo if isinstance(post.date, dt.datetime) else None,
    )


def test_not_a_message() -> None:
    """Bytes without a header block are a Failure."""
    assert Failure(
        path="fixture.eml",
        line=1,
        message="not a mail or news message: no header block",
        format="email",
    ) == read(b"just some text\nand more\n")


def test_no_message_id_derives_an_id() -> None:
    """Without Message-ID the id is derived from the content, the same for the same content."""
    data = POST.replace(b"Message-ID: <1993Apr5.1@example.edu>\n", b"")
    assert article(data).id == article(data).id
    assert 16 == len(article(data).id)


@given(st.binary(max_size=1500))
def test_arbitrary_bytes_give_an_article_or_a_failure(data: bytes) -> None:
    """Any bytes read as an Article or a Failure, never an exception."""
    assert isinstance(read(data), Article | Failure)


@given(
    st.lists(
        st.sampled_from(
            [
                *POST.splitlines(keepends=True),
                b"Content-Type: multipart/mixed; boundary=x\n",
                b"--x\n",
                b"Content-Transfer-Encoding: base64\n",
                b"=?bad?q?x?=\n",
                b"\xff\n",
                b"\n",
            ]
        ),
        max_size=20,
    )
)
def test_shuffled_lines_give_an_article_or_a_failure(lines: list[bytes]) -> None:
    """Headers, MIME parts and bad bytes in any order read as an Article or a Failure."""
    assert isinstance(read(b"".join(lines)), Article | Failure)


def test_real_newsgroups(shared_dir: Path) -> None:
    """20 Newsgroups mini: 2,000 posts, every date read, a zone wherever the header names one."""
    reader = corpuskit.read(shared_dir / "corpora/newsgroups20-mini", on_error="skip")
    posts = list(reader)
    undated = [post.id for post in posts if post.date is None]
    naive_with_zone = [
        post.date_raw
        for post in posts
        if isinstance(post.date, dt.datetime)
        and post.date.tzinfo is None
        and "date_note" not in post.meta
        and post.date_raw is not None
        and post.date_raw.split()[-1][-1:].isalpha()
    ]
    assert (2000, [], [], []) == (len(posts), reader.failures, undated, naive_with_zone)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_real_newsgroups_decoding_notes(shared_dir: Path) -> None:
    """The 6 posts that are not valid UTF-8 come through with their text and a Latin-1 note."""
    corpus = shared_dir / "corpora/newsgroups20-mini"
    invalid = [
        path
        for path in sorted(corpus.rglob("*"))
        if path.is_file() and not _is_utf8(path.read_bytes())
    ]
    posts = [next(iter(corpuskit.read(path))) for path in invalid]
    assert 6 == len(posts)
    assert [True] * 6 == [
        "latin-1 fallback" in post.meta.get("decoding", "") and bool(post.text) for post in posts
    ]
