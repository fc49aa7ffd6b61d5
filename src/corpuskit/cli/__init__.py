"""The ``corpuskit`` command line.

Each subcommand is a module of this package with ``NAME``, ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``; :data:`COMMANDS` lists them.
A user error prints one line to stderr and exits non-zero; ``--debug`` shows the
traceback instead.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from corpuskit._version import __version__
from corpuskit.errors import CorpusError

__all__ = ["COMMANDS", "main"]

COMMANDS: tuple[str, ...] = (
    "clean",
    "convert",
    "dates",
    "dedupe",
    "formats",
    "plugin",
    "segment",
)
"""Subcommand modules, in the order ``--help`` lists them."""

EXIT_USAGE = 2
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130


def _command_modules() -> list[ModuleType]:
    return [importlib.import_module(f"corpuskit.cli.{name}") for name in COMMANDS]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand (used by the CLI reference docs too)."""
    parser = argparse.ArgumentParser(
        prog="corpuskit",
        description="Turn text collections from any source format into a clean corpus.",
    )
    parser.add_argument("--version", action="version", version=f"corpuskit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _command_modules():
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        sub.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False))
    try:
        return int(args.run(args))
    except CorpusError as exc:
        if debug:
            raise
        print(
            f"corpuskit {args.command}: {exc}" if not _names_a_place(exc) else str(exc),
            file=sys.stderr,
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        if debug:
            raise
        print(f"corpuskit {args.command}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `corpuskit ... | head` closed the pipe: not an error of ours.
        sys.stderr.close()
        return EXIT_ERROR
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"corpuskit {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR


def _names_a_place(exc: CorpusError) -> bool:
    """Whether the message already starts with ``path:`` (then it is printed as is)."""
    path = getattr(exc, "path", None)
    return bool(path) and str(exc).startswith(str(path))
