"""Pipeline steps: the base class, the step registry, and per-step notes.

A step is configured once and then applied to every Article.
*Map* steps look at one Article at a time and may run in worker processes.
*Global* steps (boilerplate, dedupe, dates with per-source day/month order) must
see every Article before deciding: the pipeline calls :meth:`Step.observe` on each
in one pass, :meth:`Step.finish` once, and then :meth:`Step.apply` in a later pass.
Articles arrive in the same order, with the same ordinal, in every pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

import attrs

from corpuskit.errors import ConfigError, PluginLoadError
from corpuskit.model import Article, Drop

__all__ = ["Notes", "Step", "StepType", "StepTypeRegistry"]

_MAX_EXAMPLES = 50
_NAME_RE = re.compile(r"[a-z][a-z0-9_-]*\Z")


class Notes:
    """What a step wants in the report besides its drops: counts and a few examples.

    Notes made in worker processes are merged back in input order, so the report
    is the same for any number of jobs.
    """

    __slots__ = ("counts", "examples", "found")

    def __init__(self) -> None:
        """Start with no counts, examples or findings."""
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[Any]] = {}
        self.found: dict[str, Any] = {}

    def remember(self, key: str, value: Any) -> None:
        """Keep ``value`` (a JSON value) under ``key`` unless something is already there.

        Unlike examples these are never capped: use it for a bounded set that the
        report must list in full (the boilerplate strings, say).
        """
        self.found.setdefault(key, value)

    def add(self, kind: str, example: Any = None) -> None:
        """Count one ``kind`` and keep ``example`` (JSON value) among the first few of that kind."""
        self.counts[kind] += 1
        if example is not None:
            kept = self.examples.setdefault(kind, [])
            if len(kept) < _MAX_EXAMPLES:
                kept.append(example)

    def merge(self, other: Notes) -> None:
        """Add ``other``'s counts and examples to these."""
        self.counts.update(other.counts)
        for kind, examples in other.examples.items():
            kept = self.examples.setdefault(kind, [])
            kept.extend(examples[: max(0, _MAX_EXAMPLES - len(kept))])
        for key, value in other.found.items():
            self.found.setdefault(key, value)

    def take(self) -> Notes:
        """Return the notes so far and start afresh (used to ship notes out of a worker)."""
        taken = Notes()
        taken.counts, taken.examples, taken.found = self.counts, self.examples, self.found
        self.counts, self.examples, self.found = Counter(), {}, {}
        return taken

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts and examples."""
        data: dict[str, Any] = {
            "counts": dict(sorted(self.counts.items())),
            "examples": self.examples,
        }
        if self.found:
            data["found"] = [self.found[key] for key in sorted(self.found)]
        return data


class Step:
    """Base class of pipeline steps.

    Subclasses set ``name`` and implement :meth:`apply`; global steps also set
    ``needs_global_view = True`` and implement :meth:`observe` and :meth:`finish`.
    ``config`` returns the options the step was built with (for the report, so a
    run can be repeated exactly).
    """

    name: ClassVar[str] = "step"
    needs_global_view: bool = False
    mergeable: ClassVar[bool] = False
    """A global step that implements :meth:`merge` can observe in parallel (``--jobs``, Dask)."""

    def __init__(self) -> None:
        """Set up the step's notes."""
        self.notes = Notes()

    def observe(self, article: Article, ordinal: int) -> None:
        """See one Article in the observe pass (global steps only)."""

    def merge(self, other: Step) -> None:
        """Fold into this step what ``other`` observed (a copy of this step, before finishing).

        The pipeline observes parts of the input in separate copies and merges them
        in input order, so a step whose merge is exact decides as if it had seen
        everything itself.
        """
        raise NotImplementedError(f"step {self.name!r} cannot merge observations")

    def finish(self) -> None:
        """Decide, once every Article was observed (global steps only)."""

    def apply(self, article: Article, ordinal: int) -> Article | Drop:
        """Return the Article (perhaps changed through ``attrs.evolve``) or a Drop with a reason.

        ``ordinal`` is the record's position in the whole input for global steps and
        for every step after the first global one; map steps before it run per file,
        in worker processes, and get ``-1``.
        """
        raise NotImplementedError

    def config(self) -> dict[str, Any]:
        """The options this step was built with."""
        return {}

    def report(self) -> dict[str, Any]:
        """What the step adds to the run report (clusters, boilerplate strings, …)."""
        return {}

    def drop(self, article: Article, reason: str, detail: str = "", **fields: Any) -> Drop:
        """A Drop of ``article`` by this step."""
        return Drop(article=article, reason=reason, detail=detail, step=self.name, **fields)


@attrs.frozen(kw_only=True)
class StepType:
    """A kind of step a plugin registers: its name and a factory taking the step's options."""

    name: str
    factory: Callable[..., Step]
    description: str = ""
    plugin: str | None = None
    origin: str | None = None

    def build(self, options: Mapping[str, Any] | None = None) -> Step:
        """Build a configured step; bad options raise :class:`ConfigError` naming the step."""
        try:
            return self.factory(**dict(options or {}))
        except TypeError as exc:
            raise ConfigError(f"step {self.name!r}: {exc}") from exc
        except ValueError as exc:
            raise ConfigError(f"step {self.name!r}: {exc}") from exc


class StepTypeRegistry:
    """Every registered step type by name; a duplicate name is an error naming both plugins."""

    def __init__(self, types: Iterable[StepType]) -> None:
        """Index ``types`` by name."""
        by_name: dict[str, StepType] = {}
        for step_type in types:
            if not _NAME_RE.match(step_type.name):
                raise PluginLoadError(
                    f"plugin {step_type.plugin}: bad step name {step_type.name!r}"
                )
            other = by_name.get(step_type.name)
            if other is not None:
                raise PluginLoadError(
                    f"two plugins register the step {step_type.name!r}: {other.plugin} ({other.origin}) "
                    f"and {step_type.plugin} ({step_type.origin})"
                )
            by_name[step_type.name] = step_type
        self._by_name = dict(sorted(by_name.items()))

    def __iter__(self) -> Any:
        """Step types in name order."""
        return iter(self._by_name.values())

    def __contains__(self, name: object) -> bool:
        """Whether a step of that name is registered."""
        return name in self._by_name

    def get(self, name: str) -> StepType:
        """The step type called ``name``; :class:`ConfigError` listing the known ones otherwise."""
        try:
            return self._by_name[name]
        except KeyError:
            raise ConfigError(
                f"unknown step {name!r} (known steps: {', '.join(self._by_name)})"
            ) from None
