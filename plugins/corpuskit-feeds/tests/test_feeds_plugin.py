"""Tests of the corpuskit_feeds plugin module: registration."""

from __future__ import annotations

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
