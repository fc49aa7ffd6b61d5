"""corpuskit on Dask: the same pipeline, with the per-file work on a Dask cluster.

Needs the extra: ``pip install 'corpuskit[dask]'``.

* :class:`DaskEngine` runs a pipeline's per-file stages (spill, observe, final) as
  Dask tasks; the driver merges observations and writes the output, exactly as the
  local engine does, so kept and dropped ids, clusters and counts are identical.
* :func:`read` gives a ``dask.bag.Bag`` of Articles, one partition per file.
* :func:`run` runs a :class:`corpuskit.pipeline.Pipeline` on a client you already have.

The work directory (beside the output) must be on storage every worker can read
and write: the local disk for a ``LocalCluster``, a shared file system otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from corpuskit.errors import ConfigError, ParseError
from corpuskit.io import iter_paths, path_items
from corpuskit.model import Article, Failure

if TYPE_CHECKING:
    import dask.bag
    import distributed

    from corpuskit.pipeline import Pipeline, Report

__all__ = ["DaskEngine", "read", "read_items", "run"]

R = TypeVar("R")
_INSTALL = "the dask engine needs dask and distributed: pip install 'corpuskit[dask]'"


def _require() -> Any:
    try:
        import distributed  # noqa: PLC0415 - an optional extra
    except ImportError:
        raise ConfigError(_INSTALL) from None
    return distributed


class _Shared:
    """A holder, so that scattering a tuple sends one object rather than its elements."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _invoke(task: Any, function: Callable[[Any, Any], Any], shared: _Shared) -> Any:
    return function(task, shared.value)


class DaskEngine:
    """Per-file pipeline work as Dask tasks, results gathered in task order.

    Give a ``client``, or a ``scheduler`` address, or neither to start a
    ``LocalCluster`` of ``workers`` single-threaded worker processes.
    A task whose worker dies is retried on another (``retries``); every task
    writes its file atomically, so a retry neither loses nor duplicates articles.
    """

    name = "dask"

    def __init__(
        self,
        *,
        client: distributed.Client | None = None,
        scheduler: str | None = None,
        workers: int | None = None,
        retries: int = 3,
    ) -> None:
        """Connect to (or start) the cluster."""
        distributed = _require()
        self.retries = retries
        self._owned: list[Any] = []
        if client is not None:
            self.client = client
        elif scheduler is not None:
            self.client = distributed.Client(scheduler)
            self._owned.append(self.client)
        else:
            cluster = distributed.LocalCluster(
                n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
            self.client = distributed.Client(cluster)
            self._owned += [self.client, cluster]

    def map(
        self, function: Callable[[Any, Any], R], tasks: Sequence[Any], shared: Any
    ) -> Iterator[R]:
        """Yield ``function(task, shared)`` for each task, in task order."""
        if not tasks:
            return
        shared_future = self.client.scatter(_Shared(shared), broadcast=True)  # type: ignore[no-untyped-call]
        futures = self.client.map(
            _invoke,
            list(tasks),
            function=function,
            shared=shared_future,
            pure=False,
            retries=self.retries,
        )
        try:
            for future in futures:
                yield future.result()
        finally:
            self.client.cancel(futures)  # type: ignore[no-untyped-call]

    def close(self) -> None:
        """Close the client and cluster this engine started (not a client it was given)."""
        for owned in self._owned:
            owned.close()
        self._owned.clear()


def _read_partition(
    paths: Iterable[str], fmt: str | None, options: Mapping[str, Any]
) -> list[Article | Failure]:
    return [item for path in paths for item in path_items(path, fmt, options)]


def read_items(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,  # noqa: A002
    options: Mapping[str, Any] | None = None,
) -> dask.bag.Bag:
    """A bag of every Article and Failure, one partition per input file, in input order."""
    _require()
    import dask.bag as db  # noqa: PLC0415

    listed = list(iter_paths([paths] if isinstance(paths, str | os.PathLike) else paths))
    files = db.from_sequence(listed or [None], npartitions=max(1, len(listed)))  # type: ignore[no-untyped-call]
    if not listed:
        files = files.filter(lambda _: False)
    bag: dask.bag.Bag = files.map_partitions(_read_partition, format, dict(options or {}))
    return bag


def _articles_or_raise(items: Iterable[Article | Failure]) -> list[Article]:
    articles = []
    for item in items:
        if isinstance(item, Failure):
            raise ParseError(item.message, path=item.path, line=item.line)
        articles.append(item)
    return articles


def read(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,  # noqa: A002
    options: Mapping[str, Any] | None = None,
) -> dask.bag.Bag:
    """A bag of Articles, one partition per input file; a bad record raises ParseError when computed.

    Use :func:`read_items` to keep the records that fail as :class:`corpuskit.Failure`
    instead (nothing is ever dropped silently).
    """
    items = read_items(paths, format=format, options=options)
    bag: dask.bag.Bag = items.map_partitions(_articles_or_raise)  # type: ignore[no-untyped-call]
    return bag


def run(
    pipeline: Pipeline,
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    client: distributed.Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    report_path: str | os.PathLike[str] | None = None,
    html_path: str | os.PathLike[str] | None = None,
    **options: Any,
) -> Report:
    """Run ``pipeline`` on Dask (your ``client``, a ``scheduler`` address, or a new LocalCluster)."""
    from corpuskit.pipeline import RunOptions  # noqa: PLC0415

    engine_options = {
        key: value
        for key, value in (("client", client), ("scheduler", scheduler), ("workers", workers))
        if value is not None
    }
    run_options = RunOptions(engine="dask", engine_options=engine_options, **options)
    return pipeline.run(
        inputs, output, options=run_options, report_path=report_path, html_path=html_path
    )
