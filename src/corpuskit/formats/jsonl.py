"""JSON Lines: one :meth:`Article.to_dict` object per line, lossless both ways.

The ``source`` written is the Article's first provenance (``source.root``); on
reading, ``source`` points at the JSONL line and keeps that provenance as ``origin``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

import attrs

from corpuskit.errors import WriteError
from corpuskit.hookspecs import hookimpl
from corpuskit.model import Article, Failure, SourceRef
from corpuskit.plugins import Format, Sink, Source

__all__ = ["read_jsonl", "write_jsonl"]

NAME = "jsonl"


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the JSONL format."""
    register(
        Format(
            name=NAME,
            suffixes=(".jsonl", ".ndjson"),
            reader=read_jsonl,
            writer=write_jsonl,
            sniff=sniff_jsonl,
            description="JSON Lines, one Article object per line (lossless)",
        )
    )


def sniff_jsonl(head: bytes) -> float:
    """Score 0.8 when the first non-blank character opens a JSON object."""
    return 0.8 if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else 0.0


def read_jsonl(source: Source) -> Iterator[Article | Failure]:
    """Read one Article per non-blank line."""
    path = source.path
    offset = 0
    loads = json.loads
    from_dict = Article.from_dict
    evolve = attrs.evolve
    for number, line in enumerate(source.stream, 1):
        start = offset
        offset += len(line)
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # noqa: PLW2901 - strip a byte-order mark
        if not line.strip():
            continue
        try:
            data = loads(line)
        except UnicodeDecodeError as exc:
            yield Failure(
                path=path, line=number, message=f"not valid UTF-8: {exc.reason}", format=NAME
            )
            continue
        except ValueError as exc:
            yield Failure(path=path, line=number, message=f"not valid JSON: {exc}", format=NAME)
            continue
        if not isinstance(data, dict):
            yield Failure(
                path=path,
                line=number,
                message=f"expected a JSON object, got {type(data).__name__}",
                format=NAME,
            )
            continue
        try:
            article = from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            yield Failure(path=path, line=number, message=f"not an Article: {exc}", format=NAME)
            continue
        origin = article.source.root if article.source is not None else None
        yield evolve(
            article,
            source=SourceRef(path=path, line=number, byte_offset=start, format=NAME, origin=origin),
        )


def write_jsonl(articles: Iterable[Article], sink: Sink) -> int:
    """Write one compact JSON object per Article; return how many were written."""
    write = sink.stream.write
    dumps = json.dumps
    count = 0
    for article in articles:
        data = article.to_dict()
        if article.source is not None:
            data["source"] = article.source.root.to_dict()
        line = dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            encoded = line.encode()
        except UnicodeEncodeError:
            # Lone surrogates: JSON's \u escapes carry them losslessly.
            encoded = dumps(data, ensure_ascii=True, separators=(",", ":")).encode()
        except ValueError as exc:  # pragma: no cover - defensive
            raise WriteError(f"article {article.id}: {exc}") from exc
        write(encoded + b"\n")
        count += 1
    return count
