"""Engines: where the per-file work of a pipeline run happens.

An engine maps a function over tasks and returns the results **in task order**,
handing every call the same ``shared`` object (the configured steps).
The pipeline does the rest the same way on every engine, which is why a run gives
byte-identical output on one process, on N processes and on a Dask cluster.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import shutil
import tempfile
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


# In a worker: the shared object of the current map, and the file it was loaded from.
_SHARED: Any = None
_SHARED_PATH: str | None = None


def _call(job: tuple[Callable[[Any, Any], Any], Any, str]) -> Any:
    """Run one task in a worker, loading the map's shared object once per worker."""
    global _SHARED, _SHARED_PATH  # noqa: PLW0603 - one shared object per worker and map
    function, task, path = job
    if path != _SHARED_PATH:
        _SHARED = None  # let the previous map's object go before loading the next
        with open(path, "rb") as handle:
            _SHARED = pickle.load(handle)  # noqa: S301 - written by this run's driver
        _SHARED_PATH = path
    return function(task, _SHARED)


class ProcessEngine:
    """N worker processes on this machine (``--jobs N``), started once for the whole run.

    Each map writes its ``shared`` object to one temporary file; a worker loads it the
    first time it runs a task of that map, so ``shared`` travels once per worker and
    map, and the workers' start-up (interpreter, imports) is paid once per run.
    """

    name = "local"

    def __init__(self, jobs: int) -> None:
        """Use ``jobs`` worker processes (started with ``spawn``, the same on every platform)."""
        self.jobs = jobs
        self._context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = None
        self._directory: str | None = None
        self._maps = 0

    def map(
        self, function: Callable[[Any, Any], R], tasks: Sequence[Any], shared: Any
    ) -> Iterator[R]:
        """Yield ``function(task, shared)`` for each task, in order."""
        if len(tasks) <= 1:
            yield from SerialEngine().map(function, tasks, shared)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=self._context)
            self._directory = tempfile.mkdtemp(prefix="corpuskit-engine-")
        assert self._directory is not None  # noqa: S101 - set with the pool
        self._maps += 1
        path = os.path.join(self._directory, f"shared-{self._maps}.pickle")
        with open(path, "wb") as handle:
            pickle.dump(shared, handle, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            yield from self._pool.map(_call, [(function, task, path) for task in tasks])
        finally:
            with contextlib.suppress(OSError):
                os.remove(path)

    def close(self) -> None:
        """Stop the workers and remove the shared files."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None


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
