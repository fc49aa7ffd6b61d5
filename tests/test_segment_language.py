"""Tests for corpuskit.segment.language and the corpuskit_register_languages hook."""

from __future__ import annotations

import pytest

from corpuskit import hookimpl, sentences
from corpuskit.errors import ConfigError, PluginLoadError, PluginLoadWarning
from corpuskit.plugins import register_plugin
from corpuskit.segment.language import Language, get_language, language_registry


def test_builtin_languages(fresh_plugins):
    """English and German come from the built-in plugins segment-en and segment-de."""
    assert [("de", "segment-de", "built-in"), ("en", "segment-en", "built-in")] == [
        (lang.code, lang.plugin, lang.origin) for lang in language_registry()
    ]


def test_unknown_language(fresh_plugins):
    """An unknown code raises ConfigError naming the known ones."""
    with pytest.raises(ConfigError, match="known: de, en"):
        get_language("xx")


def test_abbreviations_are_normalised():
    """Abbreviations are lower-cased and lose their final period."""
    assert frozenset({"dr", "e.g"}) == Language(code="en", abbreviations=["Dr.", "e.g."]).abbreviations


def test_bad_code():
    """A language code must be lower-case letters."""
    with pytest.raises(ValueError, match="language code"):
        Language(code="English")


class _Pirate:
    @staticmethod
    @hookimpl
    def corpuskit_register_languages(register):
        register(Language(code="xp", abbreviations=["cap"], sentence_starters=["Arr"]))


def test_plugin_adds_language(fresh_plugins):
    """A plugin registered at run time adds a language that sentences() uses at once."""
    register_plugin(_Pirate(), name="pirate")
    text = "Ask the cap. Silver knows. Ask the cap. Arr we go."
    assert ["Ask the cap. Silver knows.", "Ask the cap.", "Arr we go."] == [
        text[s:e] for s, e in sentences(text, lang="xp")
    ]
    assert ("pirate", "registered at run time") == (get_language("xp").plugin, get_language("xp").origin)


class _English:
    @staticmethod
    @hookimpl
    def corpuskit_register_languages(register):
        register(Language(code="en"))


def test_duplicate_code_names_both(fresh_plugins):
    """Two plugins registering one code is an error naming both."""
    register_plugin(_English(), name="other-en")
    with pytest.raises(PluginLoadError, match="segment-en.*other-en"):
        language_registry()


class _Broken:
    @staticmethod
    @hookimpl
    def corpuskit_register_languages(register):
        raise RuntimeError("boom")


def test_broken_plugin_warns(fresh_plugins):
    """A plugin whose hook raises is skipped with a warning; the others still work."""
    register_plugin(_Broken(), name="broken")
    with pytest.warns(PluginLoadWarning, match="broken.*boom"):
        codes = [lang.code for lang in language_registry()]
    assert ["de", "en"] == codes


def test_blocked_builtin(fresh_plugins, monkeypatch):
    """Blocking segment-de removes German."""
    monkeypatch.setenv("CORPUSKIT_DISABLE_PLUGINS", "segment-de")
    assert ["en"] == [lang.code for lang in language_registry()]


def test_hook_is_documented():
    """Every hook spec has its own heading in docs/plugins/hooks.md."""
    from pathlib import Path

    from corpuskit import hookspecs

    docs = (Path(__file__).resolve().parent.parent / "docs" / "plugins" / "hooks.md").read_text(encoding="utf-8")
    assert "## corpuskit_register_languages" in docs
    assert hasattr(hookspecs, "corpuskit_register_languages")
