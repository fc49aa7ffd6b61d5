import os
import subprocess
import sys
from pathlib import Path

import pytest

TOY = Path(__file__).resolve().parent / "data" / "corpuskit-toyformat"


@pytest.fixture(scope="module")
def toy_site(tmp_path_factory):
    """The toy plugin distribution pip-installed (offline) into a fresh target directory."""
    pytest.importorskip(
        "hatchling", reason="building the toy plugin needs hatchling (the test extra)"
    )
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(TOY),
        ],
        check=True,
        capture_output=True,
    )
    return target


def _cli(site, *args, **env):
    environment = {**os.environ, "PYTHONPATH": str(site), **env}
    return subprocess.run(
        [sys.executable, "-m", "corpuskit", *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def test_installed_plugin_is_listed_with_its_distribution(toy_site):
    """`corpuskit formats` lists the pip-installed plugin's format with its distribution and version."""
    result = _cli(toy_site, "formats")
    line = next(line for line in result.stdout.splitlines() if line.startswith("toy "))
    assert "corpuskit-toyformat 0.0.1" in line


def test_installed_plugin_is_used_by_convert(toy_site, tmp_path):
    """`corpuskit convert` reads a .toy file through the plugin and writes it back as .toy."""
    source = tmp_path / "a.toy"
    source.write_text("First\tBody one\nSecond\tBody two\n")
    result = _cli(toy_site, "convert", source, "-o", tmp_path / "b.jsonl")
    assert 0 == result.returncode, result.stderr
    back = _cli(toy_site, "convert", tmp_path / "b.jsonl", "-o", tmp_path / "c.toy")
    assert 0 == back.returncode, back.stderr
    assert source.read_text() == (tmp_path / "c.toy").read_text()


def test_disabled_plugin_is_not_loaded(toy_site):
    """CORPUSKIT_DISABLE_PLUGINS=toyformat hides the plugin's format."""
    result = _cli(toy_site, "formats", CORPUSKIT_DISABLE_PLUGINS="toyformat")
    assert not any(line.startswith("toy ") for line in result.stdout.splitlines())
