"""Reading WARC and WET records into Articles with FastWARC.

``response`` (and ``resource``) records that hold HTML go through corpuskit-html's
extraction; WET ``conversion`` records are already text.
Other records (``request``, ``metadata``, ``warcinfo``, ``revisit``, non-HTML payloads,
HTTP statuses other than 2xx) are not articles and are passed over.

Dates: ``Article.date`` is the *publication* date the page states (``None`` when it
states none, and always for WET); the crawl date (``WARC-Date``, as written) is kept
apart in ``meta["crawl_date"]``.
"""

from __future__ import annotations

import collections
import io
import zlib
from typing import IO, TYPE_CHECKING, Any

import attrs
from corpuskit import Article, ParseError, SourceRef, canonical_text, content_id
from corpuskit_html import extract_article
from corpuskit_html.extract import MAX_PAGE_BYTES
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

if TYPE_CHECKING:
    from collections.abc import Iterator

    from corpuskit import Failure, Source

__all__ = ["NAME", "read_warc"]

NAME = "warc"
_WANTED = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.conversion
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_STARTS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<meta",
    b"<title",
    b"<div",
    b"<p",
    b"<!--",
)
_HTTP_OK = range(200, 300)
_CRLF = b"\r\n"
_TAIL_BYTES = 65536
# Headers every WARC record has (WARC 1.1, section 5); a record without them is cut or corrupt.
_REQUIRED = ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length")


def _record_id(raw: str | None) -> str | None:
    return raw.strip().strip("<>") if raw else None


def _looks_like_html(body: bytes) -> bool:
    return body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_HTML_STARTS)


def _dechunk(body: bytes) -> bytes:
    """Undo HTTP chunked transfer coding; a malformed chunk ends the body there."""
    out = bytearray()
    position = 0
    while True:
        end = body.find(_CRLF, position)
        if end < 0:
            break
        size_field = body[position:end].split(b";", 1)[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            break
        if size == 0:
            break
        start = end + 2
        out += body[start : start + size]
        position = start + size + 2
    return bytes(out)


def _decompress(body: bytes, encoding: str) -> bytes | None:
    """Undo gzip or deflate content coding; output stops at MAX_PAGE_BYTES (a bomb stops there)."""
    wbits = {"gzip": 47, "x-gzip": 47, "deflate": 15}.get(encoding)
    if wbits is None:
        return None
    try:
        return zlib.decompressobj(wbits).decompress(body, MAX_PAGE_BYTES)
    except zlib.error:
        if encoding == "deflate":  # some servers send raw deflate without the zlib header
            try:
                return zlib.decompressobj(-15).decompress(body, MAX_PAGE_BYTES)
            except zlib.error:
                return None
        return None


def _http_payload(record: WarcRecord, body: bytes) -> bytes | None:
    headers = record.http_headers
    if (headers.get("Transfer-Encoding") or "").strip().lower() == "chunked":
        body = _dechunk(body)
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding and encoding != "identity":
        return _decompress(body, encoding)
    return body


def _html_of(record: WarcRecord, body: bytes) -> tuple[bytes, str | None] | None:
    """The HTML payload and HTTP charset of a record; ``None`` when it is not an HTML page."""
    kind = record.record_type
    if kind == WarcRecordType.response:
        if not record.is_http:
            return None
        headers = record.http_headers
        if headers is None or headers.status_code not in _HTTP_OK:
            return None
        content_type = (record.http_content_type or "").lower()
        payload = _http_payload(record, body)
        if payload is None:
            return None
        charset = record.http_charset
    else:
        content_type = (record.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        payload = body
        charset = None
    if content_type:
        return (payload, charset) if content_type in _HTML_TYPES else None
    return (payload, charset) if _looks_like_html(payload) else None


def _header_length(record: WarcRecord) -> int:
    buffer = io.BytesIO()
    record.headers.write(buffer)
    return len(buffer.getvalue())


def _block_length(record: WarcRecord) -> int:
    try:
        return int(record.headers.get("Content-Length") or 0)
    except ValueError:
        return int(record.content_length)


class _TailKeeper:
    """A read-only stream wrapper that counts the bytes and lines read and keeps the last bytes.

    FastWARC stops quietly at a record header cut short by the end of the file; the
    count and the tail tell whether anything but blank lines followed the last record.
    The pieces read since the start of the current record are kept (with the number of
    lines before each) so that a record or damage offset can be given its line.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0
        self.tail = b""
        self._lines = 0  # line ends read so far
        self._pieces: collections.deque[tuple[int, int, bytes]] = collections.deque()

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if data:
            self._pieces.append((self.count, self._lines, data))
            self._lines += data.count(b"\n")
        self.count += len(data)
        self.tail = (self.tail + data)[-_TAIL_BYTES:]
        return data

    def line_at(self, offset: int) -> int:
        """The 1-based line of the byte at ``offset`` (read, and not before the last ``forget``)."""
        for start, lines, data in self._pieces:
            if offset < start + len(data):
                return lines + data.count(b"\n", 0, max(0, offset - start)) + 1
        return self._lines + 1

    def forget(self, offset: int) -> None:
        """Drop the pieces that end before ``offset``: no line before it is asked for again."""
        while self._pieces and self._pieces[0][0] + len(self._pieces[0][2]) <= offset:
            self._pieces.popleft()

    def tell(self) -> int:
        """How many bytes were read."""
        return self.count

    def seek(self, offset: int, whence: int = 0) -> int:
        """Refuse: the wrapped stream may be a decompressor."""
        raise io.UnsupportedOperation(f"cannot seek to {offset} ({whence})")

    def close(self) -> None:
        """Leave closing to the stream's owner."""

    def leftover(self, end: int) -> bytes:
        """The bytes after ``end`` (only the kept tail of them), empty when there are none."""
        extra = self.count - end
        return self.tail[-extra:] if extra > 0 else b""


@attrs.define
class _Position:
    """Where reading stands: the end of the last whole record, for the damage message."""

    end: int = 0
    records: int = 0

    def damage(self, path: str, detail: str, stream: _TailKeeper) -> ParseError:
        where = f"damaged WARC data from byte {self.end} (after {self.records} whole records)"
        if self.records == 0 and detail == "Invalid WARC header":
            detail += " (not a WARC file; ARC files are not read)"
        return ParseError(f"{where}: {detail}", path=path, line=stream.line_at(self.end))


def read_warc(source: Source) -> Iterator[Article | Failure]:
    """Read the article records of one WARC or WET file.

    Byte offsets and lines count the decompressed stream (``SourceRef.byte_offset`` and
    ``SourceRef.line`` are where a record starts).
    A truncated or malformed file yields every record before the damage and then
    raises one :class:`corpuskit.ParseError` naming the byte offset (and its line).
    """
    path = source.path
    position = _Position()
    # Every record is walked (not only the wanted types) so that the damage offset is exact.
    stream = _TailKeeper(source.stream)
    records = ArchiveIterator(stream, parse_http=False, verify_digests=False)
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
            wanted = bool(record.record_type & _WANTED)
            if wanted and record.record_type != WarcRecordType.conversion:
                record.parse_http()
            body = record.reader.read()
        except StopIteration:
            if stream.leftover(position.end).strip():
                raise position.damage(
                    path, "the file ends inside a record header", stream
                ) from None
            return
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        # FastWARC's Rust panics derive from BaseException.
        except BaseException as exc:
            detail = str(exc) or type(exc).__name__
            raise position.damage(path, detail, stream) from exc
        absent = [name for name in _REQUIRED if not record.headers.get(name)]
        if absent:
            names = ", ".join(absent)
            raise position.damage(
                path, f"the record at byte {record.stream_pos} has no {names} header", stream
            )
        # After HTTP parsing, content_length counts the payload only.
        missing = record.content_length - len(body)
        if missing > 0:
            raise position.damage(
                path, f"the record at byte {record.stream_pos} ends {missing} bytes early", stream
            )
        position.end = record.stream_pos + _header_length(record) + _block_length(record) + 4
        position.records += 1
        line = stream.line_at(record.stream_pos)
        stream.forget(record.stream_pos)
        if wanted and (article := _article(record, body, path, line)) is not None:
            yield article


def _article(record: WarcRecord, body: bytes, path: str, line: int) -> Article | None:
    headers = record.headers
    crawl_date = headers.get("WARC-Date")
    url = headers.get("WARC-Target-URI")
    record_id = _record_id(headers.get("WARC-Record-ID"))
    ref = SourceRef(path=path, line=line, byte_offset=record.stream_pos, format=NAME)
    meta: dict[str, Any] = {"warc_type": headers.get("WARC-Type")}
    if crawl_date:
        meta["crawl_date"] = crawl_date.strip()
    if record.record_type == WarcRecordType.conversion:
        text = canonical_text(body.decode("utf-8", "replace"))
        return Article(
            id=record_id or content_id("", text, None),
            text=text,
            url=url,
            source=ref,
            meta=meta,
        )
    page = _html_of(record, body)
    if page is None:
        return None
    payload, charset = page
    article = extract_article(payload, url=url, charset=charset, source=ref, meta=meta)
    return attrs.evolve(article, id=record_id or article.id, url=url or article.url)
