"""One exception hierarchy for everything corpuskit raises on purpose.

Every error a user can cause derives from :class:`CorpusError`, so a caller (and the
CLI) can catch exactly corpuskit's errors and let programming errors through.
Errors that point into a file carry the path and, where known, the 1-based line,
and print as ``path:line: message``.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "CorpusError",
    "DateError",
    "FormatError",
    "MissingDependencyError",
    "ParseError",
    "PluginLoadError",
    "PluginLoadWarning",
    "SourceError",
    "WriteError",
]


class CorpusError(Exception):
    """Base class of every error corpuskit raises on purpose."""


def _where(path: str | None, line: int | None) -> str:
    if path is None:
        return ""
    if line is None:
        return f"{path}: "
    return f"{path}:{line}: "


class ParseError(CorpusError):
    """A source could not be read as its format: ``path:line: message``."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        """Record what went wrong and where; ``line`` is 1-based."""
        self.message = message
        self.path = path
        self.line = line
        super().__init__(f"{_where(path, line)}{message}")

    def __reduce__(self) -> tuple[object, ...]:  # noqa: D105
        # Keyword-only constructor: teach pickle (multiprocessing, Dask) to rebuild it.
        return (_rebuild_parse_error, (type(self), self.message, self.path, self.line))


def _rebuild_parse_error(
    cls: type[ParseError], message: str, path: str | None, line: int | None
) -> ParseError:
    return cls(message, path=path, line=line)


class SourceError(CorpusError):
    """An input could not be opened or listed (missing file, unreadable directory)."""


class FormatError(CorpusError):
    """No format, or more than one, fits a request; or a format cannot do what was asked."""


class WriteError(CorpusError):
    """An output could not be written; nothing was left behind."""


class DateError(CorpusError, ValueError):
    """A text holds no date that corpuskit understands."""


class ConfigError(CorpusError):
    """A configuration value or option is invalid."""


class MissingDependencyError(CorpusError, ImportError):
    """An optional dependency is not installed; the message gives the ``pip install`` line that fixes it."""


class PluginLoadError(CorpusError):
    """A plugin could not be loaded or registered something invalid."""


class PluginLoadWarning(UserWarning):
    """A third-party plugin failed to load; the rest of corpuskit still works."""
