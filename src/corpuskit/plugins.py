"""The plugin manager and the format registry.

Nothing is loaded at import time: the manager is built on first use by
:func:`get_plugin_manager`, which registers corpuskit's own plugins first and then
every entry point of the ``corpuskit`` group, through the same path.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import re
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import IO, Any, TypeAlias, TypeVar

import attrs
import pluggy

from corpuskit import hookspecs
from corpuskit.errors import FormatError, PluginLoadError, PluginLoadWarning
from corpuskit.model import Article, Failure

__all__ = [
    "BUILTIN_PLUGINS",
    "DISABLE_ENV",
    "Format",
    "FormatRegistry",
    "PluginInfo",
    "Reader",
    "Sink",
    "Source",
    "Writer",
    "collect_registrations",
    "format_registry",
    "get_plugin_manager",
    "plugin_infos",
    "register_plugin",
    "reset_plugins",
]

DISABLE_ENV = "CORPUSKIT_DISABLE_PLUGINS"
"""Comma-separated plugin names that are never registered (built-in ones included)."""

BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("dateheader", "corpuskit.formats.dateheader"),
    ("jsonl", "corpuskit.formats.jsonl"),
    ("csv", "corpuskit.formats.csv"),
    ("steps", "corpuskit.pipeline.builtin"),
    ("dates-en", "corpuskit.dates.languages.en"),
    ("dates-de", "corpuskit.dates.languages.de"),
    ("headline", "corpuskit.formats.headline"),
    ("segment-en", "corpuskit.segment.languages.en"),
    ("segment-de", "corpuskit.segment.languages.de"),
)
"""(plugin name, module) of corpuskit's own plugins, registered before any entry point."""

_NAME_RE = re.compile(r"[a-z][a-z0-9_-]*\Z")


@attrs.frozen(kw_only=True)
class Source:
    """One opened input handed to a format's reader.

    ``stream`` yields the decompressed bytes; ``path`` is the file as the user named
    it (use it in every message); ``options`` are the reader options the caller passed.
    """

    path: str
    stream: IO[bytes]
    format: str
    options: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class Sink:
    """One opened output handed to a format's writer (compression is already applied)."""

    path: str
    stream: IO[bytes]
    format: str
    options: Mapping[str, Any] = attrs.field(factory=dict)


Reader: TypeAlias = Callable[[Source], Iterable[Article | Failure]]
Writer: TypeAlias = Callable[[Iterable[Article], Sink], int]
Sniffer: TypeAlias = Callable[[bytes], float]


def _to_suffixes(value: Iterable[str]) -> tuple[str, ...]:
    suffixes = tuple(suffix.lower() for suffix in value)
    for suffix in suffixes:
        if not suffix.startswith(".") or len(suffix) < 2:  # noqa: PLR2004
            raise ValueError(f"a suffix starts with a dot, like '.txt'; got {suffix!r}")
    return suffixes


def _check_name(_instance: object, _attribute: object, value: str) -> None:
    if not _NAME_RE.match(value):
        raise ValueError(
            f"format names are lowercase letters, digits, '-' and '_', starting with a letter; got {value!r}"
        )


@attrs.frozen(kw_only=True)
class Format:
    """A source or output format, as a plugin registers it.

    ``plugin`` and ``origin`` are filled in by the registry: the plugin that
    registered the format and where that plugin came from (``built-in`` or the
    distribution and version).
    ``write_suffixes`` are the suffixes whose output files this format writes by
    default (``None``: the same as ``suffixes``); a format that shares a suffix with
    another can read it and still leave writing it to the other.
    """

    name: str = attrs.field(validator=_check_name)
    suffixes: tuple[str, ...] = attrs.field(default=(), converter=_to_suffixes)
    reader: Reader | None = None
    writer: Writer | None = None
    sniff: Sniffer | None = None
    description: str = ""
    write_suffixes: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_to_suffixes)
    )
    plugin: str | None = None
    origin: str | None = None

    def writes(self, suffix: str) -> bool:
        """Whether output files with ``suffix`` are written in this format by default."""
        if self.writer is None:
            return False
        return suffix.lower() in (
            self.suffixes if self.write_suffixes is None else self.write_suffixes
        )


@attrs.frozen(kw_only=True)
class PluginInfo:
    """A registered plugin: its name, where it came from, and what failed, if anything."""

    name: str
    origin: str
    error: str | None = None


_lock = threading.RLock()
_manager: pluggy.PluginManager | None = None
_infos: dict[str, PluginInfo] = {}
_registry: FormatRegistry | None = None


def _blocked_names() -> set[str]:
    return {name.strip() for name in os.environ.get(DISABLE_ENV, "").split(",") if name.strip()}


def _disable_hint(name: str) -> str:
    return f"disable it with {DISABLE_ENV}={name}"


def get_plugin_manager() -> pluggy.PluginManager:
    """Return the process-wide plugin manager, loading plugins on first call."""
    global _manager  # noqa: PLW0603 - one manager per process, built lazily
    with _lock:
        if _manager is None:
            _manager = _load_plugin_manager()
        return _manager


def _load_plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager("corpuskit")
    manager.add_hookspecs(hookspecs)
    blocked = _blocked_names()
    for name in sorted(blocked):
        manager.set_blocked(name)
    _infos.clear()
    for name, module_name in BUILTIN_PLUGINS:
        if name in blocked:
            continue
        manager.register(importlib.import_module(module_name), name=name)
        _infos[name] = PluginInfo(name=name, origin="built-in")
    entry_points = sorted(
        importlib.metadata.entry_points(group="corpuskit"), key=lambda ep: (ep.name, ep.value)
    )
    for entry_point in entry_points:
        _load_entry_point(manager, entry_point, blocked)
    _check_pending(manager)
    return manager


def _distribution(entry_point: importlib.metadata.EntryPoint) -> str:
    dist = entry_point.dist
    if dist is None:
        return "an unknown distribution"
    return f"{dist.name} {dist.version}"


def _load_entry_point(
    manager: pluggy.PluginManager, entry_point: importlib.metadata.EntryPoint, blocked: set[str]
) -> None:
    name = entry_point.name
    if name in blocked:
        return
    origin = _distribution(entry_point)
    if name in _infos:
        _warn_plugin(
            name,
            origin,
            f"its name is already taken by the plugin from {_infos[name].origin}",
        )
        return
    try:
        plugin = entry_point.load()
        manager.register(plugin, name=name)
    except Exception as exc:  # noqa: BLE001 - a broken plugin must not break corpuskit
        _warn_plugin(name, origin, f"{type(exc).__name__}: {exc}", entry_point.value)
        return
    _infos[name] = PluginInfo(name=name, origin=origin)


def _warn_plugin(name: str, origin: str, cause: str, target: str | None = None) -> None:
    where = f"entry point {name!r}" + (f" ({target})" if target else "")
    message = (
        f"corpuskit plugin {where} from {origin} failed to load: {cause}; {_disable_hint(name)}"
    )
    _infos[name] = PluginInfo(name=name, origin=origin, error=cause)
    warnings.warn(PluginLoadWarning(message), stacklevel=4)


def _check_pending(manager: pluggy.PluginManager) -> None:
    """Unregister (with a warning) any plugin whose hook names match no spec."""
    while True:
        try:
            manager.check_pending()
        except pluggy.PluginValidationError as exc:
            name = manager.get_name(exc.plugin) or repr(exc.plugin)
            manager.unregister(exc.plugin)
            info = _infos.get(name)
            if info is not None and info.origin == "built-in":
                raise PluginLoadError(f"built-in plugin {name!r}: {exc}") from exc
            _warn_plugin(name, info.origin if info else "runtime registration", str(exc))
        else:
            return


def register_plugin(plugin: object, name: str | None = None) -> str:
    """Register a plugin object at run time (after the entry points); return its name.

    The format registry is rebuilt on next use, so the plugin's formats are visible
    at once.
    """
    global _registry  # noqa: PLW0603
    with _lock:
        manager = get_plugin_manager()
        registered = manager.register(plugin, name=name)
        if registered is None:
            raise PluginLoadError(f"plugin {name!r} is blocked ({DISABLE_ENV})")
        _infos[registered] = PluginInfo(name=registered, origin="registered at run time")
        _check_pending(manager)
        _registry = None
        return registered


def reset_plugins() -> None:
    """Forget every loaded plugin; the next use loads them again (for tests and long-lived hosts)."""
    global _manager, _registry  # noqa: PLW0603
    with _lock:
        _manager = None
        _registry = None
        _infos.clear()


def plugin_infos() -> list[PluginInfo]:
    """Every plugin corpuskit tried to load, sorted by name, failures included."""
    get_plugin_manager()
    with _lock:
        return sorted(_infos.values(), key=lambda info: info.name)


class FormatRegistry:
    """Every registered format, by name and by suffix; chooses the format of a file."""

    def __init__(self, formats: Iterable[Format]) -> None:
        """Index ``formats``; a duplicate name raises :class:`PluginLoadError` naming both."""
        by_name: dict[str, Format] = {}
        for fmt in formats:
            other = by_name.get(fmt.name)
            if other is not None:
                raise PluginLoadError(
                    f"two plugins register the format {fmt.name!r}: "
                    f"{other.plugin} ({other.origin}) and {fmt.plugin} ({fmt.origin}); "
                    f"{_disable_hint(str(fmt.plugin))}"
                )
            by_name[fmt.name] = fmt
        self._by_name = MappingProxyType(dict(sorted(by_name.items())))

    def __iter__(self) -> Iterator[Format]:
        """Formats in name order."""
        return iter(self._by_name.values())

    def __len__(self) -> int:
        """How many formats there are."""
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        """Whether a format of that name is registered."""
        return name in self._by_name

    def get(self, name: str) -> Format:
        """The format called ``name``; :class:`FormatError` listing the known ones otherwise."""
        try:
            return self._by_name[name]
        except KeyError:
            known = ", ".join(self._by_name) or "none"
            raise FormatError(f"unknown format {name!r} (known formats: {known})") from None

    def by_suffix(self, suffix: str) -> list[Format]:
        """Formats claiming ``suffix`` (like ``.txt``), in name order."""
        suffix = suffix.lower()
        return [fmt for fmt in self._by_name.values() if suffix in fmt.suffixes]

    def choose(
        self, suffix: str, head: Callable[[], bytes], *, purpose: str = "read", path: str = ""
    ) -> Format:
        """Choose the format of a file from its suffix, then by sniffing ``head()``.

        Sniffing is consulted only when the suffix names no format or several;
        among the candidates the highest score wins, and a tie is an error (never
        install order).
        """
        able = self._able(purpose)
        candidates = [fmt for fmt in self.by_suffix(suffix) if fmt in able] if suffix else []
        if len(candidates) == 1:
            return candidates[0]
        pool = candidates or [fmt for fmt in able if fmt.sniff is not None]
        scored = [(fmt.sniff(head()), fmt) for fmt in pool if fmt.sniff is not None] if pool else []
        scored = [(score, fmt) for score, fmt in scored if score > 0]
        where = f"{path}: " if path else ""
        if not scored:
            hint = "pass --format NAME (see `corpuskit formats`)"
            if candidates:
                names = ", ".join(fmt.name for fmt in candidates)
                raise FormatError(
                    f"{where}the content fits none of the formats for {suffix!r} ({names}); {hint}"
                )
            raise FormatError(f"{where}cannot tell the format of this file; {hint}")
        best = max(score for score, _ in scored)
        winners = [fmt for score, fmt in scored if score == best]
        if len(winners) > 1:
            names = ", ".join(fmt.name for fmt in winners)
            raise FormatError(
                f"{where}the file fits several formats equally ({names}); pass --format NAME"
            )
        return winners[0]

    def _able(self, purpose: str) -> list[Format]:
        if purpose == "write":
            return [fmt for fmt in self._by_name.values() if fmt.writer is not None]
        return [fmt for fmt in self._by_name.values() if fmt.reader is not None]


def format_registry() -> FormatRegistry:
    """Return the registry of every format the loaded plugins provide (built on first use)."""
    global _registry  # noqa: PLW0603
    with _lock:
        if _registry is None:
            _registry = FormatRegistry(_collect_formats(get_plugin_manager()))
        return _registry


def _collect_formats(manager: pluggy.PluginManager) -> list[Format]:
    return collect_registrations(manager, "corpuskit_register_formats", Format)


_T = TypeVar("_T")


def collect_registrations(
    manager: pluggy.PluginManager, hook_name: str, kind: type[_T]
) -> list[_T]:
    """Call each plugin's implementation of a ``register``-style hook separately.

    Every registered object must be a ``kind``; attrs classes with ``plugin`` and
    ``origin`` fields get them filled in.  A third-party implementation that raises
    is skipped with a :class:`PluginLoadWarning`; a built-in one that raises is a bug
    and propagates.
    """
    collected: list[_T] = []
    fields = {field.name for field in attrs.fields(kind)} if attrs.has(kind) else set()
    for impl in getattr(manager.hook, hook_name).get_hookimpls():
        name = impl.plugin_name
        origin = _infos.get(name, PluginInfo(name=name, origin="registered at run time")).origin
        supplied: list[_T] = []

        def register(thing: _T, _supplied: list[_T] = supplied) -> None:
            if not isinstance(thing, kind):
                raise TypeError(f"register() takes a {kind.__name__}, got {type(thing).__name__}")
            _supplied.append(thing)

        try:
            impl.function(register=register)
        except Exception as exc:
            if origin == "built-in":
                raise
            _warn_plugin(name, origin, f"{hook_name} raised {type(exc).__name__}: {exc}")
            continue
        if {"plugin", "origin"} <= fields:
            supplied = [attrs.evolve(thing, plugin=name, origin=origin) for thing in supplied]  # type: ignore[misc]
        collected.extend(supplied)
    return collected
