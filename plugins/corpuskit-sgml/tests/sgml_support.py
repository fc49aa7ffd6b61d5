"""Helpers for the SGML plugin's tests (a module of its own so that test runs from the repository root find it)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from corpuskit import Article, CorpusError, Failure
from corpuskit.plugins import Source


def read_bytes(
    reader: Callable[[Source], Iterable[Article | Failure]], data: bytes, name: str
) -> list[Article | Failure]:
    """Run ``reader`` over ``data`` as if it were the file ``fixture.sgm``."""
    return list(reader(Source(path="fixture.sgm", stream=io.BytesIO(data), format=name)))


def assert_only_corpuskit_outcomes(
    read: Callable[[bytes], list[Article | Failure]], data: bytes
) -> None:
    """Reading ``data`` gives Articles and Failures or raises a corpuskit error, nothing else."""
    try:
        items = read(data)
    except CorpusError:
        return
    assert all(isinstance(item, Article | Failure) for item in items)
