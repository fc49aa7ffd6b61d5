"""corpuskit's pytest plugin (entry point ``pytest11``): fixtures for plugin authors.

pytest loads this module in every run wherever corpuskit is installed, so it imports
nothing but pytest at module level; the fixtures import corpuskit when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Iterator

    from corpuskit.testing import ConformanceReport

__all__ = ["corpuskit_check_format", "corpuskit_plugin"]


@pytest.fixture
def corpuskit_check_format(tmp_path: Path) -> Callable[..., ConformanceReport]:
    """``check(name, samples, **options)``: run the conformance check; fail the test on a problem.

    Takes the arguments of :func:`corpuskit.testing.check_format`; inputs go to ``tmp_path``.
    """
    from corpuskit.testing import check_format  # noqa: PLC0415 - keep plugin import cheap

    def check(
        name: str,
        samples: Iterable[str | os.PathLike[str]] = (),
        **options: Any,
    ) -> ConformanceReport:
        options.setdefault("workdir", tmp_path / "conformance")
        Path(options["workdir"]).mkdir(parents=True, exist_ok=True)
        report = check_format(name, samples, **options)
        report.raise_for_problems()
        return report

    return check


@pytest.fixture
def corpuskit_plugin() -> Iterator[Callable[..., str]]:
    """``register(plugin, name=None)``: register a plugin object for this test only.

    corpuskit's plugins are reloaded before the test and after it, so the plugin
    (and anything it broke) is gone for the next test.
    """
    from corpuskit import plugins  # noqa: PLC0415 - keep plugin import cheap

    plugins.reset_plugins()
    yield plugins.register_plugin
    plugins.reset_plugins()
