"""Engines: where the per-file work of a pipeline run happens.

An engine maps a function over tasks and returns the results **in task order**,
handing every call the same ``shared`` object (the configured steps).
The pipeline does the rest the same way on every engine, which is why a run gives
byte-identical output on one process, on N processes and on a Dask cluster.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

__all__ = ["Engine", "ProcessEngine", "SerialEngine", "make_engine"]

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs ``function(task, shared)`` for each task; yields the results in task order."""

    name: str

    def map(
        self, function: Callable[[Any, Any], R], tasks: Sequence[Any], shared: Any
    ) -> Iterator[R]:
        """Yield ``function(task, shared)`` for each task, in order."""
        ...  # pragma: no cover - a protocol

    def close(self) -> None:
        """Release workers."""
        ...  # pragma: no cover - a protocol


class SerialEngine:
    """Everything in this process, one task after the other."""

    name = "serial"

    def map(
        self, function: Callable[[Any, Any], R], tasks: Sequence[Any], shared: Any
    ) -> Iterator[R]:
        """Yield ``function(task, shared)`` for each task, in order."""
        for task in tasks:
            yield function(task, shared)

    def close(self) -> None:
        """Nothing to release."""


_SHARED: Any = None


def _set_shared(shared: Any) -> None:
    global _SHARED  # noqa: PLW0603 - one shared object per worker process, set once per map
    _SHARED = shared


def _call(job: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, task = job
    return function(task, _SHARED)


class ProcessEngine:
    """N worker processes on this machine (``--jobs N``); ``shared`` is sent once per worker."""

    name = "local"

    def __init__(self, jobs: int) -> None:
        """Use ``jobs`` worker processes (started with ``spawn``, the same on every platform)."""
        self.jobs = jobs
        self._context = multiprocessing.get_context("spawn")

    def map(
        self, function: Callable[[Any, Any], R], tasks: Sequence[Any], shared: Any
    ) -> Iterator[R]:
        """Yield ``function(task, shared)`` for each task, in order."""
        if len(tasks) <= 1:
            yield from SerialEngine().map(function, tasks, shared)
            return
        with ProcessPoolExecutor(
            max_workers=min(self.jobs, len(tasks)),
            mp_context=self._context,
            initializer=_set_shared,
            initargs=(shared,),
        ) as pool:
            yield from pool.map(_call, [(function, task) for task in tasks])

    def close(self) -> None:
        """Pools are closed after each map."""


def make_engine(name: str = "local", *, jobs: int = 1, **options: Any) -> Engine:
    """The engine called ``name``: ``local`` (``jobs`` processes) or ``dask`` (see ``corpuskit.dask``)."""
    if name == "local":
        return SerialEngine() if jobs <= 1 else ProcessEngine(jobs)
    if name == "dask":
        from corpuskit.dask import DaskEngine  # noqa: PLC0415 - an optional extra

        engine: Engine = DaskEngine(**options)
        return engine
    from corpuskit.errors import ConfigError  # noqa: PLC0415

    raise ConfigError(f"unknown engine {name!r} (engines: local, dask)")
