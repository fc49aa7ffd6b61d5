import importlib.metadata
import subprocess
import sys

import pytest

from corpuskit import hookimpl, plugins
from corpuskit.errors import FormatError, PluginLoadError, PluginLoadWarning
from corpuskit.plugins import Format, FormatRegistry


def _fmt(name, suffixes=(), sniff=None, plugin="p"):
    return Format(
        name=name,
        suffixes=suffixes,
        reader=lambda source: iter(()),
        sniff=sniff,
        plugin=plugin,
        origin="o",
    )


def test_importing_corpuskit_loads_no_plugin():
    """A bare import registers nothing and imports no format module."""
    code = (
        "import sys, corpuskit, corpuskit.plugins as p; "
        "print(p._manager is None, 'corpuskit.formats.jsonl' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "True False" == out.strip()


def test_builtin_formats_register_through_the_hook(fresh_plugins):
    """The built-in formats appear with origin built-in and the plugin that supplied them."""
    registry = plugins.format_registry()
    assert {"csv", "dateheader", "jsonl"} <= {fmt.name for fmt in registry}
    assert ("built-in", "jsonl") == (registry.get("jsonl").origin, registry.get("jsonl").plugin)


def test_disable_env_blocks_a_builtin(fresh_plugins, monkeypatch):
    """CORPUSKIT_DISABLE_PLUGINS removes a built-in plugin's formats."""
    monkeypatch.setenv(plugins.DISABLE_ENV, "csv, jsonl")
    names = {fmt.name for fmt in plugins.format_registry()}
    assert "csv" not in names
    assert "jsonl" not in names
    assert "dateheader" in names


def test_duplicate_format_names_name_both_plugins():
    """Two formats with one name is an error that names both plugins."""
    with pytest.raises(PluginLoadError, match=r"'x'.*first.*second"):
        FormatRegistry([_fmt("x", plugin="first"), _fmt("x", plugin="second")])


def test_runtime_plugin_registers_a_format(fresh_plugins):
    """A plugin object registered at run time adds its format at once."""

    class Toy:
        @hookimpl
        def corpuskit_register_formats(self, register):
            register(_fmt("toy", (".toy",)))

    plugins.register_plugin(Toy(), name="toy-plugin")
    fmt = plugins.format_registry().get("toy")
    assert ("toy-plugin", "registered at run time") == (fmt.plugin, fmt.origin)


class _FakeDist:
    name = "corpuskit-broken"
    version = "9.9"


class _FakeEntryPoint:
    def __init__(self, name, value, loader):
        self.name, self.value, self._loader, self.dist = name, value, loader, _FakeDist()

    def load(self):
        return self._loader()


def _install_entry_points(monkeypatch, entry_points):
    real = importlib.metadata.entry_points

    def fake(**kwargs):
        if kwargs.get("group") == "corpuskit":
            return entry_points
        return real(**kwargs)

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)


def test_broken_entry_point_warns_and_the_rest_works(fresh_plugins, monkeypatch):
    """A plugin that fails to import warns with its name, distribution, cause and how to disable it."""

    def boom():
        raise ImportError("no module named nowhere")

    _install_entry_points(monkeypatch, [_FakeEntryPoint("broken", "nowhere:plugin", boom)])
    with pytest.warns(PluginLoadWarning) as caught:
        registry = plugins.format_registry()
    message = str(caught[0].message)
    for part in (
        "'broken'",
        "corpuskit-broken 9.9",
        "no module named nowhere",
        "CORPUSKIT_DISABLE_PLUGINS=broken",
    ):
        assert part in message
    assert "jsonl" in registry


def test_misspelled_hook_is_reported(fresh_plugins, monkeypatch):
    """A plugin whose hook name matches no spec is unregistered with a warning naming the hook."""

    class Typo:
        @hookimpl
        def corpuskit_register_fromats(self, register):
            """Misspelled on purpose."""

    _install_entry_points(monkeypatch, [_FakeEntryPoint("typo", "typo:Typo", Typo)])
    with pytest.warns(PluginLoadWarning, match="corpuskit_register_fromats"):
        plugins.get_plugin_manager()
    assert "typo" in {info.name for info in plugins.plugin_infos() if info.error}


def test_blocked_entry_point_is_not_loaded(fresh_plugins, monkeypatch):
    """A blocked entry point is never imported."""

    def never():
        raise AssertionError("loaded a blocked plugin")

    _install_entry_points(monkeypatch, [_FakeEntryPoint("blocked", "x:y", never)])
    monkeypatch.setenv(plugins.DISABLE_ENV, "blocked")
    assert "jsonl" in plugins.format_registry()


def test_choose_prefers_a_single_suffix_match():
    """A suffix claimed by one format decides without sniffing."""
    registry = FormatRegistry([_fmt("a", (".a",), sniff=lambda head: 1.0), _fmt("b", (".b",))])
    assert "b" == registry.choose(".b", lambda: b"").name


def test_choose_sniffs_among_suffix_candidates_and_highest_wins():
    """With several formats for a suffix, the highest sniff score wins, whatever the order."""
    low = _fmt("low", (".txt",), sniff=lambda head: 0.1)
    high = _fmt("high", (".txt",), sniff=lambda head: 0.9 if head.startswith(b"date") else 0.0)
    for order in ([low, high], [high, low]):
        registry = FormatRegistry(order)
        assert "high" == registry.choose(".txt", lambda: b"date 2020-01-01 x").name
        assert "low" == registry.choose(".txt", lambda: b"hello").name


def test_choose_refuses_a_tie():
    """Two formats sniffing equally is an error asking for --format."""
    registry = FormatRegistry(
        [_fmt("a", sniff=lambda head: 0.5), _fmt("b", sniff=lambda head: 0.5)]
    )
    with pytest.raises(FormatError, match="--format"):
        registry.choose(".zzz", lambda: b"x")


def test_unknown_format_lists_the_known_ones():
    """Asking for a format that does not exist names the ones that do."""
    with pytest.raises(FormatError, match="known formats: a"):
        FormatRegistry([_fmt("a")]).get("nope")


def test_format_names_are_checked():
    """A format name with capitals or spaces is refused."""
    with pytest.raises(ValueError, match="format names"):
        Format(name="Bad Name")
