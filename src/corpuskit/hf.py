"""Articles as Hugging Face ``datasets``, through Arrow (no Python object per row on the way out).

``datasets`` is imported on first use: ``pip install 'corpuskit[hf]'``.
Nothing here touches the Hub: datasets are built in memory or read from a local
``save_to_disk`` folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from corpuskit._optional import import_optional
from corpuskit.arrow import BATCH_SIZE, batch_items, to_arrow
from corpuskit.errors import ConfigError, ParseError, SourceError
from corpuskit.model import Article, Failure

if TYPE_CHECKING:
    import datasets

__all__ = ["from_hf", "to_hf"]


def _datasets() -> Any:
    return import_optional("datasets", "hf", "Hugging Face conversion")


def to_hf(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> datasets.Dataset:
    """Every Article as one row of an in-memory ``datasets.Dataset`` built from :func:`corpuskit.to_arrow`."""
    return _datasets().Dataset(to_arrow(articles, batch_size=batch_size))


def _open_saved(path: str, split: str | None) -> Any:
    hf = _datasets()
    if not os.path.isdir(path):
        raise SourceError(f"{path}: no such directory (expected a dataset saved with save_to_disk)")
    try:
        loaded = hf.load_from_disk(path)
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: not a dataset saved with save_to_disk: {exc}") from exc
    if isinstance(loaded, hf.DatasetDict):
        if split is None and len(loaded) == 1:
            return next(iter(loaded.values()))
        if split not in loaded:
            raise ConfigError(
                f"{path}: choose a split with split=NAME; the splits are {', '.join(loaded)}"
            )
        return loaded[split]
    return loaded


def from_hf(
    dataset: datasets.Dataset | datasets.DatasetDict | str | os.PathLike[str],
    *,
    split: str | None = None,
    columns: str | Mapping[str, str] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Article]:
    """Stream the Articles of a ``datasets.Dataset`` or of a local folder written by ``save_to_disk``.

    The rows are read as Arrow batches (in the dataset's order, after any ``select`` or
    ``shuffle``) and converted as :func:`corpuskit.from_arrow` does; ``columns`` maps
    Article fields to other column names.
    A ``DatasetDict`` needs ``split`` unless it has one split.
    A row that is not an Article raises :class:`ParseError` naming the row.
    """
    where = "<dataset>"
    if isinstance(dataset, str | os.PathLike):
        where = os.fspath(dataset)
        dataset = _open_saved(where, split)
    elif isinstance(dataset, Mapping):  # a DatasetDict
        if split is None and len(dataset) == 1:
            dataset = next(iter(dataset.values()))
        elif split in dataset:
            dataset = dataset[split]
        else:
            raise ConfigError(
                f"choose a split with split=NAME; the splits are {', '.join(dataset)}"
            )
    batches = dataset.with_format("arrow").iter(batch_size=batch_size)
    for item in batch_items(batches, columns=columns):
        if isinstance(item, Failure):
            raise ParseError(item.message, path=where, line=item.line)
        yield item
