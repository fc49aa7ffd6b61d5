"""Tests of corpuskit.dates.languages and the corpuskit_register_date_languages hook."""

# The project writes `assert expected == actual` (SIM300 calls it a Yoda condition),
# and naive datetimes are expected values here (DTZ001).

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from corpuskit import DateLanguage, PluginLoadError, hookimpl, normalize_date, plugins
from corpuskit.dates import date_words

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent


class French:
    """A third-party language plugin, registered at run time."""

    @staticmethod
    @hookimpl
    def corpuskit_register_date_languages(register: Callable[[DateLanguage], None]) -> None:
        """Register French."""
        register(
            DateLanguage(code="fr", months={"octobre": 10, "mai": 5}, weekdays={"vendredi": 4})
        )


class BadGerman:
    """A plugin whose 'mai' contradicts German."""

    @staticmethod
    @hookimpl
    def corpuskit_register_date_languages(register: Callable[[DateLanguage], None]) -> None:
        """Register a language that maps 'mai' to June."""
        register(DateLanguage(code="xx", months={"mai": 6}, weekdays={}))


@pytest.mark.usefixtures("fresh_plugins")
def test_builtin_languages_register_through_the_hook() -> None:
    """English and German come from the plugins dates-en and dates-de."""
    languages = {language.code: language.plugin for language in date_words().languages}
    assert {"en": "dates-en", "de": "dates-de"} == languages


@pytest.mark.usefixtures("fresh_plugins")
def test_a_runtime_plugin_adds_a_language() -> None:
    """A language registered at run time is read at once."""
    with pytest.raises(ValueError, match="no date"):
        normalize_date("vendredi 15 octobre 2021")
    plugins.register_plugin(French(), name="dates-fr")
    assert dt.date(2021, 10, 15) == normalize_date("vendredi 15 octobre 2021").value


@pytest.mark.usefixtures("fresh_plugins")
def test_conflicting_words_name_both_plugins() -> None:
    """A word two plugins map to different months is an error naming both."""
    plugins.register_plugin(BadGerman(), name="bad")
    with pytest.raises(PluginLoadError, match=r"dates-de.*bad"):
        date_words(refresh=True)


@pytest.mark.usefixtures("fresh_plugins")
def test_blocked_builtin_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocking dates-de removes German words."""
    monkeypatch.setenv(plugins.DISABLE_ENV, "dates-de")
    plugins.reset_plugins()
    assert "oktober" not in date_words().months


def test_language_validates_numbers() -> None:
    """Months outside 1..12 are refused."""
    with pytest.raises(ValueError, match=r"outside 1\.\.12"):
        DateLanguage(code="zz", months={"x": 13}, weekdays={})


def test_hook_is_documented() -> None:
    """docs/plugins/hooks.md has a section for the hook."""
    text = (ROOT / "docs" / "plugins" / "hooks.md").read_text(encoding="utf-8")
    assert "## corpuskit_register_date_languages" in text
