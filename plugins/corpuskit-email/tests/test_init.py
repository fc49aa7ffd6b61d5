"""Tests for corpuskit_email's registration, the email sniffer and the single-message reader."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from corpuskit_email import read_email, sniff_email

import corpuskit
from corpuskit import Article
from corpuskit.plugins import Source, format_registry, reset_plugins

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(autouse=True)
def fresh_plugins() -> None:
    """Load plugins afresh for each test."""
    reset_plugins()


def test_formats_registered_with_distribution() -> None:
    """Email and mbox come from the corpuskit-email distribution through the entry point."""
    registry = format_registry()
    assert [("email", "corpuskit-email 0.1.0")] * 2 == [
        (registry.get(n).plugin, registry.get(n).origin) for n in ("email", "mbox")
    ]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"Path: a!b\n c\nFrom: x@example.com\nSubject: s\n", 0.6),
        (b"Xref: host g:1\nNewsgroups: g\n", 0.6),
        (b"Title: not mail\nAuthor: x\n", 0.0),
        (b"A headline\n\nText.\n", 0.0),
        (b"From pat@example.com Mon Apr  5 20:41:08 1993\nFrom: pat\n", 0.0),
    ],
)
def test_sniff_email(head: bytes, expected: float) -> None:
    """Header lines (folded ones too) with a mail or news header score; other text does not."""
    assert expected == sniff_email(head)


def test_read_email() -> None:
    """A file is one message, sourced at line 1, byte 0."""
    data = b"From: a@example.com\nSubject: Hi\n\nBody.\n"
    (item,) = read_email(Source(path="m.eml", stream=io.BytesIO(data), format="email"))
    assert isinstance(item, Article)
    assert ("Hi", "Body.", 1, 0) == (
        item.title,
        item.text,
        item.source.line if item.source else None,
        item.source.byte_offset if item.source else None,
    )


def test_suffixless_post_is_sniffed_as_email(tmp_path: Path) -> None:
    """A 20 Newsgroups-style file without a suffix is read as email, not as headline text."""
    path = tmp_path / "51121"
    path.write_bytes(b"Newsgroups: g\nFrom: a@example.com\nSubject: Hi\n\nBody.\n")
    assert ["email"] == [a.source.format if a.source else None for a in corpuskit.read(path)]


def test_a_file_over_the_cap_is_reported_not_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file larger than MAX_MESSAGE_BYTES gives one Failure at line 1, and only the cap is read."""
    import corpuskit_email  # noqa: PLC0415 - the module whose cap is lowered

    from corpuskit import Failure  # noqa: PLC0415

    monkeypatch.setattr(corpuskit_email, "MAX_MESSAGE_BYTES", 100)
    stream = io.BytesIO(b"From: a@example.com\nSubject: big\n\n" + b"x" * 1000)
    items = list(read_email(Source(path="big.eml", stream=stream, format="email")))
    assert [(Failure, 1)] == [(type(item), item.line) for item in items]
    assert "larger than" in items[0].message
    assert stream.tell() == 101
