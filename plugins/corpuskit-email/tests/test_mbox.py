"""Tests for corpuskit_email.mbox."""

from __future__ import annotations

import io
import mailbox
from typing import TYPE_CHECKING

from corpuskit_email.mbox import read_mbox, sniff_mbox
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import Article, Failure
from corpuskit.plugins import Source

if TYPE_CHECKING:
    from pathlib import Path

MBOX = b"""From pat@example.com Mon Apr  5 20:41:08 1993
From: pat@example.com
Subject: First
Message-ID: <one@example.com>
Date: Mon, 5 Apr 1993 20:41:08 -0400

Body one.
>From the start, a quoted From line.

From lee@example.com Tue Apr  6 10:00:00 1993
From: lee@example.com
Subject: Second
Message-ID: <two@example.com>
Date: Tue, 6 Apr 1993 10:00:00 +0000

Body two.
"""


def read(data: bytes) -> list[Article | Failure]:
    """Read ``data`` as an mbox."""
    return list(read_mbox(Source(path="fixture.mbox", stream=io.BytesIO(data), format="mbox")))


def test_messages_with_lines_and_offsets() -> None:
    """Each message is an Article whose source is its 'From ' line."""
    items = read(MBOX)
    second = MBOX.index(b"From lee")
    expected = [
        ("one@example.com", 1, 0),
        ("two@example.com", MBOX.count(b"\n", 0, second) + 1, second),
    ]
    assert expected == [
        (a.id, a.source.line, a.source.byte_offset)
        for a in items
        if isinstance(a, Article) and a.source
    ]


def test_from_quoting_is_undone() -> None:
    """'>From ' in a body reads as 'From ' (mboxrd), and the separator blank line is not text."""
    first = read(MBOX)[0]
    assert isinstance(first, Article)
    assert "Body one.\nFrom the start, a quoted From line." == first.text


def test_preamble_and_empty_file() -> None:
    """Text before the first 'From ' line, and an empty file, are Failures."""
    items = read(b"junk\n" + MBOX)
    assert [(1, "text before the first 'From ' line")] == [
        (f.line, f.message) for f in items if isinstance(f, Failure)
    ]
    assert [
        Failure(path="fixture.mbox", line=1, message="empty mbox: no 'From ' line", format="mbox")
    ] == read(b"")


def test_reads_what_the_standard_library_writes(tmp_path: Path) -> None:
    """An mbox written by the mailbox module reads back with the same subjects and bodies."""
    box = mailbox.mbox(tmp_path / "box.mbox")
    for number in range(3):
        box.add(f"From: a@example.com\nSubject: S{number}\n\nFrom here, body {number}.\n")
    box.close()
    items = read((tmp_path / "box.mbox").read_bytes())
    expected = [(f"S{number}", f"From here, body {number}.") for number in range(3)]
    assert expected == [(a.title, a.text) for a in items if isinstance(a, Article)]


def test_sniff() -> None:
    """The sniffer knows an mbox and rejects a single message."""
    assert (0.9, 0.0) == (sniff_mbox(MBOX), sniff_mbox(b"From: pat@example.com\n"))


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_articles_and_failures(data: bytes) -> None:
    """Any bytes read as Articles and Failures, never an exception."""
    assert all(isinstance(item, Article | Failure) for item in read(data))


@given(
    st.lists(st.sampled_from([*MBOX.splitlines(keepends=True), b"\xfe\n", b"From \n"]), max_size=25)
)
def test_shuffled_lines_give_articles_and_failures(lines: list[bytes]) -> None:
    """Mbox lines in any order read as Articles and Failures, never an exception."""
    assert all(isinstance(item, Article | Failure) for item in read(b"".join(lines)))
