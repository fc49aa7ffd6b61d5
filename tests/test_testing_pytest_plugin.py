"""Tests for corpuskit.testing.pytest_plugin: cheap to load, and its fixtures work."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import pytest

from corpuskit import Format, hookimpl
from corpuskit.plugins import format_registry, register_plugin
from corpuskit.testing import ConformanceError

# Runs in a fresh interpreter where importing hypothesis fails.
_WITHOUT_HYPOTHESIS = """
import sys
sys.modules["hypothesis"] = None
import corpuskit.testing.pytest_plugin
heavy = ("corpuskit.formats", "corpuskit.testing.strategies", "hypothesis", "dateutil")
loaded = sorted(name for name, module in sys.modules.items() if module and name.startswith(heavy))
import corpuskit.testing
try:
    import corpuskit.testing.strategies
except ImportError:
    print(loaded, "strategies need hypothesis")
"""


def test_the_plugin_is_registered_with_pytest():
    """The corpuskit distribution declares the pytest11 entry point for the plugin module."""
    entry_points = importlib.metadata.entry_points(group="pytest11")
    assert ["corpuskit.testing.pytest_plugin"] == [
        ep.value for ep in entry_points if ep.name == "corpuskit"
    ]


def test_the_plugin_loads_without_hypothesis_and_imports_little():
    """Loading the plugin loads no format, Hypothesis or dateutil, and needs no Hypothesis."""
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_HYPOTHESIS], capture_output=True, text=True, check=True
    )
    expected = "[] strategies need hypothesis\n"
    assert expected == result.stdout


def test_importing_corpuskit_imports_neither_pytest_nor_hypothesis():
    """The library itself never pulls in the test tools."""
    code = (
        "import sys, corpuskit; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('pytest', '_pytest', 'hypothesis')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "[]\n" == result.stdout


class _Scratch:
    @hookimpl
    def corpuskit_register_formats(self, register):
        register(Format(name="scratch", suffixes=(".scratch",)))


def test_corpuskit_plugin_registers_for_one_test(corpuskit_plugin):
    """The fixture's register() makes a plugin's formats visible at once."""
    corpuskit_plugin(_Scratch(), name="scratch")
    assert "scratch" in format_registry()


@pytest.mark.usefixtures("fresh_plugins")
def test_corpuskit_plugin_starts_from_the_installed_plugins(request):
    """A plugin registered before the fixture is set up is forgotten by it."""
    register_plugin(_Scratch(), name="scratch")
    request.getfixturevalue("corpuskit_plugin")
    assert "scratch" not in format_registry()


def test_corpuskit_check_format_fails_on_problems(corpuskit_check_format):
    """The fixture raises ConformanceError for a broken format."""
    with pytest.raises(ConformanceError, match="no format 'nosuchformat' is registered"):
        corpuskit_check_format("nosuchformat")


def test_corpuskit_check_format_returns_the_report(corpuskit_check_format, tmp_path):
    """The fixture returns the report of a format that passes, with inputs under tmp_path."""
    sample = tmp_path / "one.jsonl"
    sample.write_text('{"title": "t", "text": "x"}\n', encoding="utf-8")
    report = corpuskit_check_format("jsonl", [sample], properties=["reads", "stable-ids"])
    assert (("reads", "stable-ids"), True) == (report.checked, (tmp_path / "conformance").is_dir())
