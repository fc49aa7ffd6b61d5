"""Tests of the corpuskit_html plugin module: registration, sniffing, reading through corpuskit."""

from __future__ import annotations

from pathlib import Path

import corpuskit
from corpuskit import format_registry

from corpuskit_html import sniff_html
from html_pages import article_page


def test_format_is_registered_from_the_distribution() -> None:
    """`corpuskit formats` shows html, supplied by corpuskit-html through the entry point."""
    fmt = format_registry().get("html")
    assert ("html", "corpuskit-html", (".html", ".htm", ".xhtml")) == (
        fmt.plugin,
        fmt.origin.split()[0],
        fmt.suffixes,
    )


def test_sniff() -> None:
    """An HTML start scores, anything else does not."""
    assert (0.6, 0.6, 0.0) == (
        sniff_html(b"\n<!DOCTYPE html><html>"),
        sniff_html(b"<HTML>"),
        sniff_html(b"{}"),
    )


def test_read_a_page_through_corpuskit(tmp_path: Path) -> None:
    """corpuskit.read picks the format by suffix and yields one Article with its provenance."""
    path = tmp_path / "pier.html"
    path.write_text(article_page(), encoding="utf-8")
    (article,) = list(corpuskit.read(path))
    source = article.source
    assert source is not None
    assert ("Council votes to rebuild the harbour pier", str(path), "html") == (
        article.title,
        source.path,
        source.format,
    )
