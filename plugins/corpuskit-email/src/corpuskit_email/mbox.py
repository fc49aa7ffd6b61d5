"""mbox files: messages separated by ``From `` lines, read one message at a time."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpuskit import Article, Failure
from corpuskit_email.message import read_message

if TYPE_CHECKING:
    from collections.abc import Iterator

    from corpuskit.plugins import Source

__all__ = ["read_mbox", "sniff_mbox"]

NAME = "mbox"
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
_SNIFF = re.compile(rb"\AFrom [^\r\n]*\r?\n[\x21-\x39\x3b-\x7e]+:")


def sniff_mbox(head: bytes) -> float:
    """Score 0.9 when the file opens with a ``From `` line followed by a header."""
    return 0.9 if _SNIFF.match(head) else 0.0


def read_mbox(source: Source) -> Iterator[Article | Failure]:
    """Read every message of an mbox stream, one at a time.

    A message starts at a line beginning ``From `` that opens the file or follows
    a blank line.  Lines quoted as ``>From `` (mboxrd) lose one ``>``.
    """
    path = source.path
    lines: list[bytes] = []
    start_line = 0  # 0: no message open yet
    start_byte = 0
    offset = 0
    previous_blank = True
    preamble: int | None = None  # the line of text before the first "From " line
    for number, line in enumerate(source.stream, 1):
        if line.startswith(b"From ") and previous_blank:
            if start_line:
                yield _finish(path, lines, start_line, start_byte)
            lines = []
            start_line = number
            start_byte = offset
        elif start_line:
            lines.append(_ESCAPED_FROM.sub(rb"\1", line) if line.startswith(b">") else line)
        elif preamble is None and line.strip():
            preamble = number
        offset += len(line)
        previous_blank = not line.strip()
    if preamble is not None:
        yield Failure(
            path=path, line=preamble, message="text before the first 'From ' line", format=NAME
        )
    if start_line:
        yield _finish(path, lines, start_line, start_byte)
    elif preamble is None:
        yield Failure(path=path, line=1, message="empty mbox: no 'From ' line", format=NAME)


def _finish(path: str, lines: list[bytes], line: int, byte_offset: int) -> Article | Failure:
    # The blank line before the next "From " line separates messages; it is not content.
    if lines and not lines[-1].strip():
        lines.pop()
    return read_message(
        b"".join(lines), path=path, line=line, byte_offset=byte_offset, format_name=NAME
    )
