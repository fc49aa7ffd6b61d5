"""A toy corpuskit format plugin: each line is ``TITLE<TAB>TEXT``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from corpuskit import Article, Failure, Format, Sink, Source, SourceRef, hookimpl


def read_toy(source: Source) -> Iterator[Article | Failure]:
    """One Article per line."""
    for number, raw in enumerate(source.stream, 1):
        try:
            title, text = raw.decode("utf-8").rstrip("\n").split("\t", 1)
        except (UnicodeDecodeError, ValueError):
            yield Failure(
                path=source.path, line=number, message="expected TITLE<TAB>TEXT", format="toy"
            )
            continue
        yield Article.create(
            title=title, text=text, source=SourceRef(path=source.path, line=number, format="toy")
        )


def write_toy(articles: Iterable[Article], sink: Sink) -> int:
    """One line per Article."""
    count = 0
    for article in articles:
        sink.stream.write(f"{article.title}\t{article.text}\n".encode())
        count += 1
    return count


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the toy format."""
    register(Format(name="toy", suffixes=(".toy",), reader=read_toy, writer=write_toy))
