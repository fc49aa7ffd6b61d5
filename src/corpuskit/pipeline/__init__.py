"""The cleaning pipeline: steps, their registry, configuration, the run, and its report.

Examples:
    >>> from corpuskit.pipeline import Pipeline, build_step
    >>> pipeline = Pipeline([build_step("cleanup"), build_step("filter", min_words=2)])
    >>> [step.name for step in pipeline.steps]
    ['cleanup', 'filter']
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from corpuskit.errors import ConfigError
from corpuskit.pipeline.report import Report, RunStats
from corpuskit.pipeline.run import AccountingError, Pipeline, RunOptions
from corpuskit.pipeline.steps import Notes, Step, StepType, StepTypeRegistry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "DEFAULT_STEPS",
    "AccountingError",
    "Notes",
    "Pipeline",
    "Report",
    "RunOptions",
    "RunStats",
    "Step",
    "StepType",
    "StepTypeRegistry",
    "build_pipeline",
    "build_step",
    "load_config",
    "step_registry",
]

DEFAULT_STEPS: tuple[str, ...] = (
    "cleanup",
    "dates",
    "boilerplate",
    "exact-dedupe",
    "near-dedupe",
    "filter",
    "segment",
)
"""The steps ``corpuskit clean`` runs when the configuration names none, in this order."""

_registry: StepTypeRegistry | None = None


def step_registry() -> StepTypeRegistry:
    """Every step type the loaded plugins register (built on first use)."""
    global _registry  # noqa: PLW0603 - cached like the format registry
    from corpuskit import plugins  # noqa: PLC0415 - plugins load lazily

    manager = plugins.get_plugin_manager()
    if _registry is None or getattr(_registry, "_manager", None) is not manager:
        _registry = StepTypeRegistry(
            plugins.collect_registrations(manager, "corpuskit_register_steps", StepType)
        )
        _registry._manager = manager  # type: ignore[attr-defined]  # noqa: SLF001 - cache key
    return _registry


def build_step(name: str, **options: Any) -> Step:
    """Build one configured step by its registered name."""
    return step_registry().get(name).build(options)


def load_config(path: str | Path) -> dict[str, Any]:
    """Read a ``clean.toml`` file: ``[pipeline] steps = [...]`` and one ``[steps.NAME]`` table per step."""
    try:
        with open(path, "rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"pipeline", "steps"})
    if unknown:
        raise ConfigError(
            f"{path}: unknown tables {unknown}; a config has [pipeline] and [steps.NAME]"
        )
    return data


def build_pipeline(
    config: Mapping[str, Any] | None = None,
    *,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Pipeline:
    """Build a Pipeline from a configuration dict (as :func:`load_config` returns).

    ``overrides`` (from command-line flags) update the options of named steps.
    The pipeline's ``config`` is the effective configuration, defaults filled in,
    so the report can repeat the run exactly.
    """
    config = dict(config or {})
    names: Sequence[str] = config.get("pipeline", {}).get("steps", DEFAULT_STEPS)
    if isinstance(names, str) or not all(isinstance(name, str) for name in names):
        raise ConfigError("[pipeline] steps must be a list of step names")
    step_options: dict[str, dict[str, Any]] = {
        name: dict(value) for name, value in config.get("steps", {}).items()
    }
    for name, options in (overrides or {}).items():
        step_options.setdefault(name, {}).update(options)
    stray = sorted(set(step_options) - set(names))
    if stray:
        raise ConfigError(
            f"options given for steps that are not in the pipeline: {', '.join(stray)}"
        )
    steps = [build_step(name, **step_options.get(name, {})) for name in names]
    effective = {
        "pipeline": {"steps": list(names)},
        "steps": {step.name: step.config() for step in steps},
    }
    return Pipeline(steps, config=effective)
