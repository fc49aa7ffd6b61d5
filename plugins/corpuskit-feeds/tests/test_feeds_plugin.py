"""Tests of the corpuskit_feeds plugin module: registration."""

from __future__ import annotations

import subprocess
import sys

from corpuskit import format_registry


def test_format_is_registered_from_the_distribution() -> None:
    """`corpuskit formats` shows feed, supplied by corpuskit-feeds through the entry point."""
    fmt = format_registry().get("feed")
    origin = (fmt.origin or "").split()[0]
    assert ("feeds", "corpuskit-feeds", (".rss", ".atom", ".rdf")) == (
        fmt.plugin,
        origin,
        fmt.suffixes,
    )


def test_plugin_import_is_light() -> None:
    """Importing the plugin module (as plugin loading does) does not import feedparser."""
    code = "import sys, corpuskit_feeds; print('feedparser' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False" == result.stdout.strip()
