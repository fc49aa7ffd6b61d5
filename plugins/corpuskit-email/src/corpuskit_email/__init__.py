"""corpuskit-email: mail and Usenet messages as corpuskit formats.

Installed, it registers two formats through corpuskit's ``corpuskit_register_formats``
hook (entry point ``email`` in the ``corpuskit`` group): ``email`` (one RFC 822 / RFC 1036
message per file, the 20 Newsgroups layout) and ``mbox`` (many messages per file).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpuskit import Article, Failure, Format, hookimpl
from corpuskit_email.dates import EXTRA_ZONES, parse_email_date
from corpuskit_email.mbox import read_mbox, sniff_mbox
from corpuskit_email.message import read_message

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from corpuskit.plugins import Source

__all__ = [
    "EXTRA_ZONES",
    "corpuskit_register_formats",
    "parse_email_date",
    "read_email",
    "read_mbox",
    "read_message",
    "sniff_email",
    "sniff_mbox",
]

__version__ = "0.1.0"

_HEADER = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:")
_TELLING = frozenset(
    {
        b"from",
        b"date",
        b"subject",
        b"message-id",
        b"newsgroups",
        b"path",
        b"xref",
        b"received",
        b"return-path",
    }
)
_SNIFF_LINES = 3


def sniff_email(head: bytes) -> float:
    """Score 0.6 when the first lines are headers and one of them is a mail or news header."""
    lines = head.split(b"\n", _SNIFF_LINES * 4)
    # Folded continuation lines start with white space; the header lines are the others.
    names = [_HEADER.match(line) for line in lines if line.strip() and line[:1] not in b" \t"][
        :_SNIFF_LINES
    ]
    if not names or not all(names):
        return 0.0
    return 0.6 if any(match.group(1).lower() in _TELLING for match in names if match) else 0.0


#: A file larger than this is not a mail or news post: it is reported, not read.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def read_email(source: Source) -> Iterator[Article | Failure]:
    """Read the one message of a file (headers, a blank line, the body).

    A file over :data:`MAX_MESSAGE_BYTES` is reported as a Failure rather than held whole.
    """
    data = source.stream.read(MAX_MESSAGE_BYTES + 1)
    if len(data) > MAX_MESSAGE_BYTES:
        yield Failure(
            path=source.path,
            line=1,
            message=f"larger than {MAX_MESSAGE_BYTES >> 20} MiB: not one message; not read",
            format="email",
        )
        return
    yield read_message(data, path=source.path, line=1, byte_offset=0, format_name="email")


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register ``email`` and ``mbox``."""
    register(
        Format(
            name="email",
            suffixes=(".eml", ".msg"),
            reader=read_email,
            sniff=sniff_email,
            description="one RFC 822 / 1036 mail or news message per file (20 Newsgroups)",
        )
    )
    register(
        Format(
            name="mbox",
            suffixes=(".mbox", ".mbx"),
            reader=read_mbox,
            sniff=sniff_mbox,
            description="mbox: messages separated by 'From ' lines",
        )
    )
