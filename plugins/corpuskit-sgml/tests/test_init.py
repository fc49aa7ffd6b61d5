"""Tests for corpuskit_sgml's registration: the formats, their origin, and the choice among them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import corpuskit
from corpuskit.plugins import format_registry, reset_plugins

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(autouse=True)
def fresh_plugins() -> None:
    """Load plugins afresh for each test."""
    reset_plugins()


def test_formats_registered_with_distribution() -> None:
    """The three formats come from the corpuskit-sgml distribution through the entry point."""
    registry = format_registry()
    origins = {
        name: (registry.get(name).plugin, registry.get(name).origin)
        for name in ("reuters-sgml", "trec", "gigaword")
    }
    expected = dict.fromkeys(("reuters-sgml", "trec", "gigaword"), ("sgml", "corpuskit-sgml 0.1.0"))
    assert expected == origins


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="YES" NEWID="1">', "reuters-sgml"),
        (b"<DOC>\n<DOCNO> AP880101-0001 </DOCNO>", "trec"),
        (b'<DOC id="XIN_ENG_19950101.0001" type="story" >', "gigaword"),
    ],
)
def test_sniffing_chooses_among_the_shared_suffix(head: bytes, expected: str) -> None:
    """A .sgm file goes to the format whose sniffer knows its opening."""
    assert expected == format_registry().choose(".sgm", lambda: head).name


def test_read_through_corpuskit(tmp_path: Path) -> None:
    """corpuskit.read picks the format by sniffing a suffix-less Gigaword file."""
    path = tmp_path / "xin_eng_199501"
    path.write_bytes(
        b'<DOC id="XIN_ENG_19950101.0001" type="story" >\n<TEXT>\n<P>Hi.</P>\n</TEXT>\n</DOC>\n'
    )
    assert [("XIN_ENG_19950101.0001", "gigaword")] == [
        (a.id, a.source.format if a.source else None) for a in corpuskit.read(path)
    ]
