"""``corpuskit plugin new NAME``: create a ready-to-install format plugin distribution."""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from corpuskit import __version__
from corpuskit.errors import ConfigError

if TYPE_CHECKING:
    import argparse

NAME = "plugin"
HELP = "create a new format plugin (a distribution with its tests) to build on"

_NAME_RE = re.compile(r"[a-z][a-z0-9_-]*\Z")
_BUILTIN = ("csv", "dateheader", "jsonl")
# Template in corpuskit/scaffold/plugin -> path in the new distribution.
_FILES = (
    ("pyproject.toml.tmpl", "pyproject.toml"),
    ("README.md.tmpl", "README.md"),
    ("module.py.tmpl", "src/corpuskit___MODULE__/__init__.py"),
    ("sample.tmpl", "tests/samples/sample.__NAME__"),
    ("test_conformance.py.tmpl", "tests/test_conformance.py"),
    ("test_properties.py.tmpl", "tests/test_properties.py"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add plugin's sub-actions."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="create corpuskit-NAME/: a plugin for the format NAME")
    new.add_argument(
        "name", metavar="NAME", help="the format's name: lowercase letters, digits, '-', '_'"
    )
    new.add_argument(
        "--directory",
        "-d",
        metavar="DIR",
        default=".",
        help="create corpuskit-NAME/ inside DIR (default: the current directory)",
    )


def run(args: argparse.Namespace) -> int:
    """Create the plugin and say what to do next."""
    target = create_plugin(args.name, Path(args.directory))
    print(f"created {target}/ (format {args.name!r}); next:", file=sys.stderr)
    print(f"  pip install -e '{target}[test]' && pytest {target}", file=sys.stderr)
    return 0


def create_plugin(name: str, directory: Path) -> Path:
    """Write the distribution ``corpuskit-NAME`` into ``directory``; return its path.

    Raises :class:`ConfigError` for an invalid or built-in name, or when the
    target already exists (nothing is ever overwritten).
    """
    if not _NAME_RE.match(name):
        raise ConfigError(
            f"{name!r} is not a format name: use lowercase letters, digits, '-' and '_', "
            "starting with a letter"
        )
    if name in _BUILTIN:
        raise ConfigError(f"{name!r} is a built-in format; choose another name")
    target = directory / f"corpuskit-{name}"
    if target.exists():
        raise ConfigError(f"{target} already exists; remove it or choose another name")
    values = {
        "__MODULE__": name.replace("-", "_"),
        "__NAME__": name,
        "__CORPUSKIT_VERSION__": __version__,
    }
    templates = resources.files("corpuskit.scaffold") / "plugin"
    rendered = [
        (_fill(relative, values), _fill(templates.joinpath(template).read_text("utf-8"), values))
        for template, relative in _FILES
    ]
    target.mkdir(parents=True)
    for relative, text in rendered:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def _fill(text: str, values: dict[str, str]) -> str:
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text
