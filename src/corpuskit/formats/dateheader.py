"""The date-header format: plain text, each record headed by a line ``date <DATE> <TITLE>``.

Layout (see ``docs/formats/dateheader.md``):

* a record starts at a header line: optional leading whitespace, the word ``date``,
  whitespace, one date token containing a digit, then optionally whitespace and
  the title (the rest of the line);
* the body is every following line up to the next header line or the end of the
  file; paragraphs are separated by one or more blank lines;
* CRLF line ends, a UTF-8 byte-order mark and trailing whitespace are tolerated.

Escaping: a body line that begins (after optional whitespace) with backslashes and
then ``date`` followed by whitespace is written with one more backslash, and read
with one fewer. So a body line that would read as a header is never taken for one,
and every text round-trips.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator

from corpuskit.errors import DateError, WriteError
from corpuskit.formats._dates import parse_date_field
from corpuskit.hookspecs import hookimpl
from corpuskit.model import Article, Failure, SourceRef, content_id
from corpuskit.plugins import Format, Sink, Source
from corpuskit.text import canonical_text

__all__ = ["read_dateheader", "write_dateheader"]

NAME = "dateheader"
_BLOCK = 1 << 22
_BOM = b"\xef\xbb\xbf"
_HEADER = re.compile(rb"^[ \t]*date[ \t]+(\S+)(?:[ \t]+([^\r\n]*))?\r?$", re.MULTILINE)
_HAS_DIGIT = re.compile(rb"\d").search
_ESCAPED = re.compile(r"^([ \t]*)\\(\\*date[ \t])", re.MULTILINE)
_NEEDS_ESCAPE = re.compile(r"^([ \t]*)(\\*date[ \t])", re.MULTILINE)
_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:[ \t]*\r?\n)*[ \t]*date[ \t]+\S*\d\S*")
_MAX_CACHED_DATES = 4096
_UNSEEN = "unseen"  # a cache miss (None is a real value: an ambiguous date left to the dates step)


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register the date-header format."""
    register(
        Format(
            name=NAME,
            suffixes=(".txt", ".dh"),
            reader=read_dateheader,
            writer=write_dateheader,
            sniff=sniff_dateheader,
            description="plain text; each record starts with a line 'date <DATE> <TITLE>'",
        )
    )


def sniff_dateheader(head: bytes) -> float:
    """Score 0.9 when the first non-blank line is a date header, else 0."""
    return 0.9 if _SNIFF.match(head) else 0.0


class _Record:
    """A header seen but whose body has not ended yet."""

    __slots__ = ("byte_offset", "date", "date_raw", "line", "start", "title")

    def __init__(  # noqa: PLR0917 - built once per record, positional on purpose
        self,
        start: int,
        line: int,
        byte_offset: int,
        date_raw: str,
        date: dt.date | str | None,
        title: str,
    ) -> None:
        self.start = start  # index in the current buffer of the byte after the header line
        self.line = line
        self.byte_offset = byte_offset
        self.date_raw = date_raw
        self.date = date  # a str is the message of a bad date
        self.title = title


def read_dateheader(source: Source) -> Iterator[Article | Failure]:  # noqa: C901, PLR0912, PLR0915 - one streaming loop
    """Read every record of one date-header stream, streaming in blocks of 4 MiB."""
    path = source.path
    stream = source.stream
    dates: dict[bytes, dt.date | str | None] = {}
    buf = b""
    base_byte = 0  # byte offset in the file of buf[0]
    cursor = 0  # a position in buf whose line number is known...
    cursor_line = 1  # ...and that line number
    scan = 0  # where the next header search starts
    record: _Record | None = None
    preamble_reported = False
    seen_text = False  # any non-blank byte before the first header
    first_block = True

    while True:
        block = stream.read(_BLOCK)
        eof = not block
        buf += block
        if first_block and (len(buf) >= len(_BOM) or eof):
            first_block = False
            if buf.startswith(_BOM):
                buf = buf[len(_BOM) :]
                base_byte = len(_BOM)
        if eof:
            end = len(buf)
        else:
            end = buf.rfind(b"\n", scan) + 1
            if end == 0:
                continue  # no complete line yet

        for match in _HEADER.finditer(buf, scan, end):
            if _HAS_DIGIT(match.group(1)) is None:
                continue  # "date night ..." is body text, not a header
            start = match.start()
            if record is None:
                if not preamble_reported and buf[cursor:start].strip():
                    yield _preamble_failure(path, buf, cursor, cursor_line, start)
                    preamble_reported = True
            else:
                yield _finish(path, record, buf[record.start : start])
            cursor_line += buf.count(b"\n", cursor, start)
            cursor = start
            record = _start_record(match, cursor_line, base_byte + start, dates)

        if eof:
            if record is not None:
                yield _finish(path, record, buf[record.start :])
            elif buf[cursor:].strip():
                if not preamble_reported:
                    yield _preamble_failure(path, buf, cursor, cursor_line, len(buf))
            elif not seen_text:
                yield Failure(
                    path=path,
                    line=1,
                    message="empty file: no 'date <DATE> <TITLE>' header",
                    format=NAME,
                )
            return

        # Drop what is consumed: keep the open record's body, or nothing before any header.
        keep = end
        if record is not None:
            keep = record.start
        elif buf[cursor:end].strip():
            seen_text = True
            if not preamble_reported:
                yield _preamble_failure(path, buf, cursor, cursor_line, end)
                preamble_reported = True
        cursor_line += buf.count(b"\n", cursor, keep)
        cursor = 0
        if record is not None:
            record.start = 0
        buf = buf[keep:]
        base_byte += keep
        scan = end - keep


def _preamble_failure(path: str, buf: bytes, start: int, start_line: int, end: int) -> Failure:
    text = buf[start:end]
    skipped = len(text) - len(text.lstrip())
    line = start_line + text.count(b"\n", 0, skipped)
    return Failure(
        path=path,
        line=line,
        message="text before the first 'date <DATE> <TITLE>' header line",
        format=NAME,
    )


def _start_record(
    match: re.Match[bytes], line: int, byte_offset: int, dates: dict[bytes, dt.date | str | None]
) -> _Record:
    token = match.group(1)
    date = dates.get(token, _UNSEEN)
    if date is _UNSEEN:
        try:
            date = parse_date_field(token.decode("utf-8"))
        except UnicodeDecodeError:
            date = "the header's date is not valid UTF-8"
        except DateError as exc:
            date = f"the header's date is not understood: {exc}"
        if len(dates) >= _MAX_CACHED_DATES:
            dates.clear()
        dates[token] = date
    title_bytes = match.group(2) or b""
    try:
        title = title_bytes.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        title = ""
        date = f"the title is not valid UTF-8 (byte 0x{title_bytes[exc.start]:02x})"
    after = match.end() + 1  # skip the header's newline
    return _Record(after, line, byte_offset, token.decode("utf-8", "replace"), date, title)


def _finish(path: str, record: _Record, body: bytes) -> Article | Failure:
    if isinstance(record.date, str):
        return Failure(path=path, line=record.line, message=record.date, format=NAME)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = record.line + 1 + body.count(b"\n", 0, exc.start)
        return Failure(
            path=path,
            line=line,
            message=f"not valid UTF-8 (byte 0x{body[exc.start]:02x}) in the record of line {record.line}",
            format=NAME,
        )
    text = canonical_text(text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1\2", text)
    return Article(
        id=content_id(record.title, text, record.date_raw),
        title=record.title,
        text=text,
        date=record.date,
        date_raw=record.date_raw,
        source=SourceRef(path=path, line=record.line, byte_offset=record.byte_offset, format=NAME),
    )


def _date_token(article: Article) -> str:
    date = article.date
    raw = article.date_raw
    if raw and not any(char.isspace() for char in raw) and any(char.isdigit() for char in raw):
        try:
            if parse_date_field(raw) == date:
                return raw  # the token as found (an ambiguous one reads back as None, as given)
        except DateError:
            pass
    if date is None:
        raise WriteError(f"article {article.id}: has no date, and a dateheader record needs one")
    return date.isoformat()


def write_dateheader(articles: Iterable[Article], sink: Sink) -> int:
    """Write Articles as date-header records; return how many were written.

    The title must fit on one line; body lines that would read as headers are escaped.
    """
    write = sink.stream.write
    count = 0
    for article in articles:
        title = article.title
        if "\n" in title or "\r" in title:
            raise WriteError(
                f"article {article.id}: the title has a line break, which a dateheader header cannot hold"
            )
        text = article.text
        if "date" in text:
            text = _NEEDS_ESCAPE.sub(r"\1\\\2", text)
        header = f"date {_date_token(article)} {title}".rstrip()
        separator = "\n\n" if count else ""
        try:
            data = f"{separator}{header}\n\n{text}\n".encode()
        except UnicodeEncodeError as exc:
            raise WriteError(
                f"article {article.id}: cannot be encoded as UTF-8: {exc.reason}"
            ) from exc
        write(data)
        count += 1
    return count
