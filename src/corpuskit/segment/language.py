"""Languages for sentence splitting: what a plugin registers, and the registry that finds them.

A :class:`Language` is data only (abbreviations, sentence starters, a few switches).
The splitter compiles it once into lookup tables, cached by language code, so no
call to :func:`corpuskit.sentences` builds a pattern or a set.
"""

from __future__ import annotations

import re
import threading
import warnings
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from corpuskit import plugins
from corpuskit.errors import ConfigError, PluginLoadError, PluginLoadWarning

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import pluggy

__all__ = ["Language", "LanguageRegistry", "get_language", "language_registry"]

_CODE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*\Z")


def _to_words(value: Iterable[str]) -> frozenset[str]:
    """Lower-case abbreviations without their final period (``"Dr."`` -> ``"dr"``)."""
    if isinstance(value, str):
        raise TypeError("give a collection of words, not one string")
    return frozenset(word.strip().rstrip(".").lower() for word in value if word.strip().rstrip("."))


def _to_starters(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise TypeError("give a collection of words, not one string")
    return frozenset(word.strip() for word in value if word.strip())


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    if not _CODE_RE.match(value):
        raise ValueError(f"a language code is lower-case like 'en' or 'pt-br'; got {value!r}")


@attrs.frozen(kw_only=True)
class Language:
    """The sentence rules of one language, as a plugin registers them.

    ``abbreviations`` are words whose final period does not end a sentence unless
    the next word is one of ``sentence_starters``; they are matched case-blind and
    may hold inner periods (``"e.g"``, ``"ph.d"``); a trailing period is ignored.
    ``final_abbreviations`` (like ``etc``) end a sentence before any capitalised word.
    ``sentence_starters`` are capitalised words that, after an abbreviation or an
    initial, begin a new sentence (``He``, ``The``, ``However``).
    ``ordinal_numbers`` makes a period after a number of one to three digits an
    ordinal mark (German ``am 3. Oktober``) rather than a sentence end, unless a
    sentence starter follows.
    ``plugin`` and ``origin`` are filled in by the registry.
    """

    code: str = attrs.field(validator=_check_code)
    name: str = ""
    abbreviations: frozenset[str] = attrs.field(factory=frozenset, converter=_to_words)
    final_abbreviations: frozenset[str] = attrs.field(factory=frozenset, converter=_to_words)
    sentence_starters: frozenset[str] = attrs.field(factory=frozenset, converter=_to_starters)
    ordinal_numbers: bool = False
    plugin: str | None = None
    origin: str | None = None


class LanguageRegistry:
    """Every registered language, by code."""

    def __init__(self, languages: Iterable[Language]) -> None:
        """Index ``languages``; a duplicate code is a :class:`PluginLoadError` naming both."""
        by_code: dict[str, Language] = {}
        for language in languages:
            other = by_code.get(language.code)
            if other is not None:
                raise PluginLoadError(
                    f"two plugins register the language {language.code!r}: "
                    f"{other.plugin} ({other.origin}) and {language.plugin} ({language.origin}); "
                    f"disable one with {plugins.DISABLE_ENV}={language.plugin}"
                )
            by_code[language.code] = language
        self._by_code = MappingProxyType(dict(sorted(by_code.items())))

    def __iter__(self) -> Iterator[Language]:
        """Languages in code order."""
        return iter(self._by_code.values())

    def __len__(self) -> int:
        """How many languages there are."""
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        """Whether a language of that code is registered."""
        return code in self._by_code

    def get(self, code: str) -> Language:
        """The language ``code``; :class:`ConfigError` listing the known ones otherwise."""
        try:
            return self._by_code[code]
        except KeyError:
            known = ", ".join(self._by_code) or "none"
            raise ConfigError(f"no sentence rules for language {code!r} (known: {known})") from None


_lock = threading.Lock()
_cached: tuple[pluggy.PluginManager, tuple[object, ...], LanguageRegistry] | None = None


def language_registry() -> LanguageRegistry:
    """Return the registry of every language the loaded plugins provide.

    It is built on first use and rebuilt when the set of plugins changes
    (:func:`corpuskit.plugins.reset_plugins`, :func:`corpuskit.plugins.register_plugin`).
    """
    global _cached  # noqa: PLW0603 - one registry per plugin state, built lazily
    manager = plugins.get_plugin_manager()
    impls = tuple(
        impl.function for impl in manager.hook.corpuskit_register_languages.get_hookimpls()
    )
    with _lock:
        if _cached is None or _cached[0] is not manager or _cached[1] != impls:
            _cached = (manager, impls, LanguageRegistry(_collect_languages(manager)))
        return _cached[2]


def get_language(code: str) -> Language:
    """The registered language ``code`` (``ConfigError`` when there is none)."""
    return language_registry().get(code)


def _collect_languages(manager: pluggy.PluginManager) -> list[Language]:
    origins = {info.name: info.origin for info in plugins.plugin_infos()}
    languages: list[Language] = []
    for impl in manager.hook.corpuskit_register_languages.get_hookimpls():
        name = impl.plugin_name
        origin = origins.get(name, "registered at run time")
        supplied: list[Language] = []

        def register(language: Language, _supplied: list[Language] = supplied) -> None:
            if not isinstance(language, Language):
                raise TypeError(
                    f"register() takes a corpuskit.segment.Language, got {type(language).__name__}"
                )
            _supplied.append(language)

        try:
            impl.function(register=register)
        except Exception as exc:
            if origin == "built-in":
                raise
            # A broken plugin must not break unrelated work: warn and go on without it.
            message = (
                f"corpuskit plugin {name!r} from {origin}: corpuskit_register_languages raised "
                f"{type(exc).__name__}: {exc}; disable it with {plugins.DISABLE_ENV}={name}"
            )
            warnings.warn(PluginLoadWarning(message), stacklevel=3)
            continue
        languages.extend(
            attrs.evolve(language, plugin=name, origin=origin) for language in supplied
        )
    return languages
