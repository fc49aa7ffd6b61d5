"""Importing an optional dependency, or saying which extra installs it."""

from __future__ import annotations

import importlib
from types import ModuleType

from corpuskit.errors import MissingDependencyError

__all__ = ["import_optional"]


def import_optional(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module``; raise :class:`MissingDependencyError` naming ``corpuskit[extra]`` if it is absent."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{purpose} needs the {module.partition('.')[0]} package: pip install 'corpuskit[{extra}]'"
        ) from exc
