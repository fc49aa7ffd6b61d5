"""The local process engine: results in order, the right shared object for every map."""

from __future__ import annotations

import os

from corpuskit.engines import ProcessEngine, SerialEngine


def _tag(task: int, shared: str) -> tuple[str, int, int]:
    """What a task saw: the map's shared object, its task and the worker's pid."""
    return shared, task, os.getpid()


def test_workers_serve_several_maps_each_with_its_own_shared_object() -> None:
    """One pool runs map after map; every task sees its own map's shared object, in task order."""
    engine = ProcessEngine(2)
    try:
        first = list(engine.map(_tag, list(range(6)), "first"))
        second = list(engine.map(_tag, list(range(6)), "second"))
        directory = engine._directory
    finally:
        engine.close()
    assert [("first", n) for n in range(6)] == [(shared, task) for shared, task, _ in first]
    assert [("second", n) for n in range(6)] == [(shared, task) for shared, task, _ in second]
    # Workers are started once for the run: both maps together ran on at most two processes.
    assert len({pid for *_, pid in first + second}) <= 2
    assert os.getpid() not in {pid for *_, pid in first + second}
    assert directory is not None
    assert not os.path.exists(directory)


def test_the_same_results_as_the_serial_engine() -> None:
    """Process and serial engines give the same results for the same tasks."""
    engine = ProcessEngine(2)
    try:
        processes = [(s, t) for s, t, _ in engine.map(_tag, list(range(10)), "x")]
    finally:
        engine.close()
    serial = [(s, t) for s, t, _ in SerialEngine().map(_tag, list(range(10)), "x")]
    assert serial == processes
