"""Tests of the corpuskit_warc plugin module: registration and sniffing."""

from __future__ import annotations

import subprocess
import sys

from corpuskit import format_registry

from corpuskit_warc import sniff_warc


def test_format_is_registered_from_the_distribution() -> None:
    """`corpuskit formats` shows warc, supplied by corpuskit-warc through the entry point."""
    fmt = format_registry().get("warc")
    origin = (fmt.origin or "").split()[0]
    assert ("warc", "corpuskit-warc", (".warc", ".wet")) == (fmt.plugin, origin, fmt.suffixes)


def test_sniff() -> None:
    """A WARC version line scores, anything else does not."""
    assert (0.95, 0.0) == (sniff_warc(b"WARC/1.1\r\nWARC-Type: warcinfo"), sniff_warc(b"<html>"))


def test_plugin_import_is_light() -> None:
    """Loading the plugin module imports neither FastWARC nor trafilatura."""
    code = (
        "import sys, corpuskit_warc; print({'fastwarc', 'trafilatura'} & set(sys.modules) != set())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False" == result.stdout.strip()
