"""Month and weekday names by language, gathered through ``corpuskit_register_date_languages``.

English and German are built-in plugins (``dates-en``, ``dates-de``); any plugin can add
more.  The merged word tables are built on first use and rebuilt when plugins change.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from corpuskit import plugins
from corpuskit.errors import PluginLoadError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pluggy import HookImpl

    _Validator = Callable[[object, attrs.Attribute[Mapping[str, int]], Mapping[str, int]], None]

__all__ = ["DateLanguage", "DateWords", "date_words"]

_MONTHS = 12
_WEEKDAYS = 7


def _fold_words(value: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType({word.casefold().rstrip("."): number for word, number in value.items()})


def _check_range(limit: int, first: int) -> _Validator:
    def check(
        _instance: object, attribute: attrs.Attribute[Mapping[str, int]], value: Mapping[str, int]
    ) -> None:
        for word, number in value.items():
            if not first <= number < first + limit:
                raise ValueError(
                    f"{attribute.name}: {word!r} maps to {number}, "
                    f"outside {first}..{first + limit - 1}"
                )

    return check


@attrs.frozen(kw_only=True)
class DateLanguage:
    """The month and weekday words of one language, as a plugin registers them.

    ``months`` maps each spelling to 1..12, ``weekdays`` each spelling to 0 (Monday)..6.
    Words are stored case-folded and without a trailing dot.
    """

    code: str
    months: Mapping[str, int] = attrs.field(
        converter=_fold_words, validator=_check_range(_MONTHS, 1)
    )
    weekdays: Mapping[str, int] = attrs.field(
        converter=_fold_words, validator=_check_range(_WEEKDAYS, 0)
    )
    plugin: str | None = None


@attrs.frozen(kw_only=True)
class DateWords:
    """The union of every registered language's words (case-folded, no trailing dot)."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    languages: tuple[DateLanguage, ...]


_cache: tuple[object, int, DateWords] | None = None


def date_words(*, refresh: bool = False) -> DateWords:
    """Return the merged word tables, loading plugins on first use.

    The tables are rebuilt when the plugin manager was reset, and with ``refresh=True``
    when a plugin was registered since (callers pass it after a miss, so a language
    registered at run time is seen).
    """
    global _cache  # noqa: PLW0603 - built lazily, once per plugin manager
    cache = _cache
    # A cheap staleness check for the hot path: get_plugin_manager() takes a lock.
    if cache is not None and not refresh and cache[0] is plugins._manager:  # noqa: SLF001
        return cache[2]
    manager = plugins.get_plugin_manager()
    impls = manager.hook.corpuskit_register_date_languages.get_hookimpls()
    if cache is not None and cache[0] is manager and cache[1] == len(impls):
        return cache[2]
    words = _collect(impls)
    _cache = (manager, len(impls), words)
    return words


def _merge(
    table: dict[str, tuple[int, str]], language: DateLanguage, kind: str, words: Mapping[str, int]
) -> None:
    for word, number in words.items():
        known = table.get(word)
        if known is not None and known[0] != number:
            raise PluginLoadError(
                f"the {kind} word {word!r} means {known[0]} in plugin {known[1]} "
                f"but {number} in plugin {language.plugin} ({language.code})"
            )
        table[word] = (number, str(language.plugin))


def _collect(impls: list[HookImpl]) -> DateWords:
    languages: dict[str, DateLanguage] = {}
    months: dict[str, tuple[int, str]] = {}
    weekdays: dict[str, tuple[int, str]] = {}
    for impl in impls:
        name = impl.plugin_name
        supplied: list[DateLanguage] = []

        def register(language: DateLanguage, _supplied: list[DateLanguage] = supplied) -> None:
            if not isinstance(language, DateLanguage):
                raise TypeError(
                    f"register() takes a corpuskit.DateLanguage, got {type(language).__name__}"
                )
            _supplied.append(language)

        impl.function(register=register)
        for language in supplied:
            other = languages.get(language.code)
            if other is not None:
                raise PluginLoadError(
                    f"two plugins register the date language {language.code!r}: "
                    f"{other.plugin} and {name}"
                )
            registered = attrs.evolve(language, plugin=name)
            languages[language.code] = registered
            _merge(months, registered, "month", registered.months)
            _merge(weekdays, registered, "weekday", registered.weekdays)
    return DateWords(
        months=MappingProxyType({word: number for word, (number, _) in months.items()}),
        weekdays=MappingProxyType({word: number for word, (number, _) in weekdays.items()}),
        languages=tuple(languages.values()),
    )
