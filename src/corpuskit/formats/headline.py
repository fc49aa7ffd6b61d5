"""The headline-first format: one article per file, the first line its title (the BBC layout).

Layout (see ``docs/formats/headline.md``):

* the first non-blank line is the title;
* every line after it is the body, paragraphs separated by blank lines;
* a UTF-8 byte-order mark, CRLF line ends and trailing whitespace are tolerated.

Encoding policy, the reader option ``encoding_errors``:

* ``"fallback"`` (the default): a file that is not valid UTF-8 is decoded as
  Latin-1, and ``meta["decoding"]`` says so and where the first bad byte was;
* ``"strict"``: such a file is a :class:`corpuskit.Failure` and is skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.errors import ConfigError, WriteError
from corpuskit.hookspecs import hookimpl
from corpuskit.model import Article, Failure, SourceRef, content_id
from corpuskit.plugins import Format, Sink, Source
from corpuskit.text import canonical_text, decode_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = ["ENCODING_POLICIES", "read_headline", "sniff_headline", "write_headline"]

NAME = "headline"
ENCODING_POLICIES = ("fallback", "strict")
"""Values of the reader option ``encoding_errors``; the first is the default."""
_BOM = b"\xef\xbb\xbf"
_MAX_TITLE = 300  # bytes: longer than any headline, shorter than most paragraphs
# Below dateheader's 0.9: a headline file is plain text, so a specific format must win.
_SNIFF_SCORE = 0.3


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the headline-first format."""
    register(
        Format(
            name=NAME,
            suffixes=(".txt",),
            write_suffixes=(),  # .txt output stays dateheader; write this with --to headline
            reader=read_headline,
            writer=write_headline,
            sniff=sniff_headline,
            description="one article per file: the first line is the title, then paragraphs",
        )
    )


def sniff_headline(head: bytes) -> float:
    """Score 0.3 when the first non-blank line is short and followed by a blank line, else 0.

    No NUL byte may appear; "short" is at most 300 bytes, a headline rather than a paragraph.
    """
    if b"\x00" in head:
        return 0.0
    title, newline, rest = head.removeprefix(_BOM).lstrip().partition(b"\n")
    if not title.strip() or len(title) > _MAX_TITLE:
        return 0.0
    if newline and rest.partition(b"\n")[0].strip():
        return 0.0  # the second line is text, not the blank line after a headline
    return _SNIFF_SCORE


def _policy(source: Source) -> str:
    policy = source.options.get("encoding_errors", ENCODING_POLICIES[0])
    if policy not in ENCODING_POLICIES:
        choices = " or ".join(repr(name) for name in ENCODING_POLICIES)
        raise ConfigError(f"encoding_errors must be {choices}, got {policy!r}")
    return str(policy)


def read_headline(source: Source) -> Iterator[Article | Failure]:
    """Read the one Article of a headline-first file."""
    path = source.path
    policy = _policy(source)
    data = source.stream.read()
    offset = 0
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        offset = len(_BOM)
    meta: dict[str, str] = {}
    try:
        text, note = decode_text(data, fallback=None if policy == "strict" else "latin-1")
    except UnicodeDecodeError as exc:
        line = 1 + data.count(b"\n", 0, exc.start)
        message = (
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "the file is skipped under encoding_errors='strict'"
        )
        yield Failure(path=path, line=line, message=message, format=NAME)
        return
    if note is not None:
        meta["decoding"] = note
    text = canonical_text(text)
    if not text:
        yield Failure(path=path, line=1, message="empty file: no headline", format=NAME)
        return
    title, _, body = text.partition("\n")
    title = title.strip()
    body = body.lstrip("\n")
    # Where the title's line starts: blank lines before it were dropped by canonical_text.
    first_char = len(data) - len(data.lstrip(b" \t\r\n"))
    line_start = data.rfind(b"\n", 0, first_char) + 1
    line = 1 + data.count(b"\n", 0, line_start)
    yield Article(
        id=content_id(title, body, None),
        title=title,
        text=body,
        source=SourceRef(path=path, line=line, byte_offset=offset + line_start, format=NAME),
        meta=meta,
    )


def write_headline(articles: Iterable[Article], sink: Sink) -> int:
    """Write one Article as a headline-first file; return 1 (0 for no Article).

    The format holds one article per file, so a second Article is a :class:`WriteError`.
    """
    count = 0
    for article in articles:
        if count:
            raise WriteError(f"{sink.path}: the headline format holds one article per file")
        title = article.title.strip()
        if not title or "\n" in title or "\r" in title:
            raise WriteError(
                f"article {article.id}: a headline file needs a one-line, non-empty title"
            )
        body = f"\n\n{article.text}" if article.text else ""
        try:
            sink.stream.write(f"{title}{body}\n".encode())
        except UnicodeEncodeError as exc:
            raise WriteError(
                f"article {article.id}: cannot be encoded as UTF-8: {exc.reason}"
            ) from exc
        count += 1
    return count
