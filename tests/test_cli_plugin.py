"""Tests for `corpuskit plugin new`: the scaffold is complete, safe, and passes the kit."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from corpuskit.cli import main
from corpuskit.cli.plugin import create_plugin
from corpuskit.errors import ConfigError
from corpuskit.testing import check_format

FILES = [
    "README.md",
    "pyproject.toml",
    "src/corpuskit_{module}/__init__.py",
    "tests/samples/sample.{name}",
    "tests/test_conformance.py",
    "tests/test_properties.py",
]


def _files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(("name", "module"), [("demo", "demo"), ("my-news", "my_news")])
def test_new_writes_every_file_with_the_name_filled_in(tmp_path, name, module):
    """The distribution has its files, named after the format, with no placeholder left."""
    root = create_plugin(name, tmp_path)
    texts = [path.read_text(encoding="utf-8") for path in root.rglob("*") if path.is_file()]
    expected = sorted(item.format(name=name, module=module) for item in FILES)
    assert (tmp_path / f"corpuskit-{name}", expected) == (root, _files(root))
    assert [] == [text for text in texts if "__NAME__" in text or "__MODULE__" in text]


def test_new_declares_the_entry_point(tmp_path):
    """pyproject.toml registers the module in the corpuskit entry-point group."""
    text = (create_plugin("my-news", tmp_path) / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.corpuskit]\nmy-news = "corpuskit_my_news"\n' in text


def test_new_never_overwrites(tmp_path):
    """An existing target directory is an error, and its content is left alone."""
    existing = tmp_path / "corpuskit-demo"
    existing.mkdir()
    (existing / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ConfigError, match="corpuskit-demo already exists"):
        create_plugin("demo", tmp_path)
    assert ["mine.txt"] == _files(existing)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Demo", "'Demo' is not a format name"),
        ("9lives", "'9lives' is not a format name"),
        ("my.format", "'my.format' is not a format name"),
        ("jsonl", "'jsonl' is a built-in format"),
    ],
)
def test_new_refuses_bad_names(tmp_path, name, message):
    """Names that are not format names, or are taken by built-ins, are refused before writing."""
    with pytest.raises(ConfigError, match=message):
        create_plugin(name, tmp_path)
    assert [] == list(tmp_path.iterdir())


def test_the_cli_creates_the_plugin(tmp_path, capsys):
    """`corpuskit plugin new demo -d DIR` exits 0 and says how to install and test it."""
    status = main(["plugin", "new", "demo", "-d", str(tmp_path)])
    err = capsys.readouterr().err
    assert (0, True) == (status, (tmp_path / "corpuskit-demo" / "pyproject.toml").is_file())
    assert f"pytest {tmp_path / 'corpuskit-demo'}" in err


def test_the_cli_reports_an_existing_directory(tmp_path, capsys):
    """A second `plugin new` for the same name fails with one line naming the directory."""
    main(["plugin", "new", "demo", "-d", str(tmp_path)])
    capsys.readouterr()
    status = main(["plugin", "new", "demo", "-d", str(tmp_path)])
    target = tmp_path / "corpuskit-demo"
    expected = f"corpuskit plugin: {target} already exists; remove it or choose another name\n"
    assert (1, expected) == (status, capsys.readouterr().err)


@pytest.mark.parametrize(("name", "module"), [("demo", "demo"), ("my-news", "my_news")])
def test_the_generated_format_passes_the_kit(tmp_path, corpuskit_plugin, name, module):
    """The generated module, registered as is, passes every conformance property."""
    root = create_plugin(name, tmp_path)
    spec = importlib.util.spec_from_file_location(
        f"corpuskit_{module}", root / f"src/corpuskit_{module}/__init__.py"
    )
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    corpuskit_plugin(plugin, name=name)
    workdir = tmp_path / "work"
    workdir.mkdir()
    report = check_format(
        name,
        [root / "tests" / "samples" / f"sample.{name}"],
        round_trip_fields=("id", "title", "text", "date", "date_raw", "url", "authors", "language"),
        workdir=workdir,
        large_size=1 << 20,
        max_read=1 << 16,
        max_held=1 << 18,
    )
    assert ((), 8) == (report.problems, len(report.checked))


@pytest.mark.slow
def test_the_generated_distribution_installs_and_its_tests_pass(tmp_path):
    """The generated distribution installs with pip, and its own tests pass against it."""
    pytest.importorskip("hatchling", reason="building without isolation needs hatchling installed")
    root = create_plugin("demo", tmp_path)
    site = tmp_path / "site"
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
            str(site),
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, "") == (result.returncode, result.stderr), result.stdout
    assert "10 passed" in result.stdout
