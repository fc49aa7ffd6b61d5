"""Tests for corpuskit.segment.language and the corpuskit_register_languages hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuskit import hookimpl, hookspecs, sentences
from corpuskit.errors import ConfigError, PluginLoadError, PluginLoadWarning
from corpuskit.plugins import register_plugin
from corpuskit.segment.language import Language, get_language, language_registry


@pytest.mark.usefixtures("fresh_plugins")
def test_builtin_languages():
    """English and German come from the built-in plugins segment-en and segment-de."""
    assert [("de", "segment-de", "built-in"), ("en", "segment-en", "built-in")] == [
        (lang.code, lang.plugin, lang.origin) for lang in language_registry()
    ]


@pytest.mark.usefixtures("fresh_plugins")
def test_unknown_language():
    """An unknown code raises ConfigError naming the known ones."""
    with pytest.raises(ConfigError, match="known: de, en"):
        get_language("xx")


def test_abbreviations_are_normalised():
    """Abbreviations are lower-cased and lose their final period."""
    assert (
        frozenset({"dr", "e.g"}) == Language(code="en", abbreviations=["Dr.", "e.g."]).abbreviations
    )


def test_bad_code():
    """A language code must be lower-case letters."""
    with pytest.raises(ValueError, match="language code"):
        Language(code="English")


class _Pirate:
    @staticmethod
    @hookimpl
    def corpuskit_register_languages(register):
        register(Language(code="xp", abbreviations=["cap"], sentence_starters=["Arr"]))


@pytest.mark.usefixtures("fresh_plugins")
def test_plugin_adds_language():
    """A plugin registered at run time adds a language that sentences() uses at once."""
    register_plugin(_Pirate(), name="pirate")
    text = "Ask the cap. Silver knows. Ask the cap. Arr we go."
    assert ["Ask the cap. Silver knows.", "Ask the cap.", "Arr we go."] == [
        text[s:e] for s, e in sentences(text, lang="xp")
    ]
    assert ("pirate", "registered at run time") == (
        get_language("xp").plugin,
        get_language("xp").origin,
    )


class _English:
    @staticmethod
    @hookimpl
    def corpuskit_register_languages(register):
        register(Language(code="en"))


@pytest.mark.usefixtures("fresh_plugins")
def test_duplicate_code_names_both():
    """Two plugins registering one code is an error naming both."""
    register_plugin(_English(), name="other-en")
    with pytest.raises(PluginLoadError, match=r"segment-en.*other-en"):
        language_registry()


class _Broken:
    @staticmethod
    @hookimpl
    def corpuskit_register_languages(register):
        raise RuntimeError("boom")


@pytest.mark.usefixtures("fresh_plugins")
def test_broken_plugin_warns():
    """A plugin whose hook raises is skipped with a warning; the others still work."""
    register_plugin(_Broken(), name="broken")
    with pytest.warns(PluginLoadWarning, match=r"broken.*boom"):
        codes = [lang.code for lang in language_registry()]
    assert ["de", "en"] == codes


@pytest.mark.usefixtures("fresh_plugins")
def test_blocked_builtin(monkeypatch):
    """Blocking segment-de removes German."""
    monkeypatch.setenv("CORPUSKIT_DISABLE_PLUGINS", "segment-de")
    assert ["en"] == [lang.code for lang in language_registry()]


def test_hook_is_documented():
    """Every hook spec has its own heading in docs/plugins/hooks.md."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "plugins" / "hooks.md").read_text(
        encoding="utf-8"
    )
    assert "## corpuskit_register_languages" in docs
    assert hasattr(hookspecs, "corpuskit_register_languages")
