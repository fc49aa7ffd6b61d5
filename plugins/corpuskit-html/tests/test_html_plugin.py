"""Tests of the corpuskit_html plugin module: registration, sniffing, reading through corpuskit."""

from __future__ import annotations

import subprocess
import sys
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


def test_charset_reader_option(tmp_path: Path) -> None:
    """The charset reader option decodes a page saved without a declaration."""
    path = tmp_path / "cafe.html"
    path.write_bytes(
        article_page(title="Café owners welcome the pier", charset="x-none").encode("cp1252")
    )
    (article,) = list(corpuskit.read(path, options={"charset": "windows-1252"}))
    assert "Café owners welcome the pier" == article.title


def test_plugin_import_is_light() -> None:
    """Importing the plugin module (as plugin loading does) does not import trafilatura."""
    code = (
        "import sys, corpuskit_html; print('trafilatura' in sys.modules or 'lxml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False" == result.stdout.strip()
