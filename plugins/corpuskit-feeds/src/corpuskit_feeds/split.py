"""Cutting a feed into its entries as its bytes stream in.

feedparser reads a whole document at once.
To stream, the feed is scanned lexically (tags, comments, CDATA sections, processing
instructions and the document type; nothing is parsed, so any ASCII-compatible encoding
and any entity passes) in pieces of :data:`CHUNK` bytes, and cut into

* the *header*: every byte before the first entry (the prolog, the root element's start
  tag, the channel's own fields), with the end tags that close what it leaves open;
* the *entries*: each ``<item>`` (RSS) or ``<entry>`` (Atom) from its start tag to its
  end tag, with the line and byte offset where it starts;
* the first *damage* the scan meets (an end tag that closes nothing open, a feed that
  ends inside an entry, an entry inside an entry), with its line; the scan stops there.

Each entry put between the header and its end tags is a small feed that feedparser reads
as it would read that entry in the whole feed.
UTF-16 and UTF-32 feeds are re-encoded as UTF-8 on the way: lines stay the same, but byte
offsets would count the new bytes, so none are given for them.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
from typing import IO, TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "CHUNK",
    "MAX_ENTRY_BYTES",
    "MAX_HEADER_BYTES",
    "Damage",
    "Entry",
    "Header",
    "split_feed",
]

CHUNK = 64 * 1024
"""Bytes read from the stream at a time."""
MAX_HEADER_BYTES = 4 * 1024 * 1024
"""A feed with no entry in its first 4 MiB is refused as damaged (no real channel header is near it)."""
MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""An entry longer than this is damage (the scan would otherwise hold an unclosed entry forever)."""
_MAX_TAG_BYTES = 1024 * 1024
_LOOKAHEAD = 9  # len(b"<![CDATA[") and len(b"<!DOCTYPE")

# feedparser reads the elements of these namespaces (and of none) as RSS or Atom elements.
_FEED_NAMESPACES = frozenset(
    {
        b"http://backend.userland.com/rss",
        b"http://blogs.law.harvard.edu/tech/rss",
        b"http://purl.org/rss/1.0/",
        b"http://my.netscape.com/rdf/simple/0.9/",
        b"http://example.com/newformat#",
        b"http://example.com/necho",
        b"http://purl.org/echo/",
        b"uri/of/echo/namespace#",
        b"http://purl.org/pie/",
        b"http://purl.org/atom/ns#",
        b"http://www.w3.org/2005/atom",
        b"http://purl.org/rss/1.0/modules/rss091#",
    }
)
_ENTRY_NAMES = frozenset({b"item", b"entry"})

_NAME = rb"[^\s/<>!?\"'=]+"
_START = re.compile(rb"<(" + _NAME + rb")((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>")
_END = re.compile(rb"</(" + _NAME + rb")\s*>")
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL)
_XMLNS = re.compile(rb"xmlns:([^\s=]+)\s*=\s*([\"'])(.*?)\2", re.DOTALL)
_DECLARED_ENCODING = re.compile(r"\A(<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")

# Byte-order marks, then the first bytes of `<?` or `<` without one (XML 1.0, appendix F).
_WIDE = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)


@attrs.frozen
class Header:
    """The bytes before the first entry, and the end tags that close what they leave open."""

    data: bytes
    closers: bytes
    whole: bool
    """The feed has no entry: ``data`` is all of it."""


@attrs.frozen
class Entry:
    """One entry's bytes, from its start tag to its end tag, and where it starts."""

    data: bytes
    line: int
    byte_offset: int | None


@attrs.frozen
class Damage:
    """Where the scan found the feed broken, and how; nothing after it is read."""

    line: int
    message: str


def split_feed(stream: IO[bytes]) -> Iterator[Header | Entry | Damage]:
    """Yield the header, then each entry, then the damage if any, reading ``stream`` in chunks.

    The header comes before the first entry; a feed without entries yields a whole header.
    """
    chunks, transcoded = _chunks(stream)
    return _Splitter(_Buffer(chunks), transcoded=transcoded).pieces()


def _chunks(stream: IO[bytes]) -> tuple[Iterator[bytes], bool]:
    """The stream's chunks, as UTF-8 when the feed is in UTF-16 or UTF-32; and whether it was."""
    head = stream.read(CHUNK)
    rest = iter(functools.partial(stream.read, CHUNK), b"")
    encoding = next((name for mark, name in _WIDE if head.startswith(mark)), None)
    if encoding is None:
        return itertools.chain((head,), rest), False
    return _transcoded(head, rest, encoding), True


def _transcoded(head: bytes, rest: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    first = decoder.decode(head).removeprefix("\ufeff")
    # The declaration must now say what the bytes are, or feedparser decodes them wrongly.
    yield _DECLARED_ENCODING.sub(r"\1\2utf-8\2", first, count=1).encode()
    for chunk in rest:
        yield decoder.decode(chunk).encode()
    yield decoder.decode(b"", final=True).encode()


class _Buffer:
    """The bytes read and not yet forgotten, with line counting and reads on demand.

    No ``re.Match`` may outlive a call here: a match holds the bytearray, which then cannot grow.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self.data = bytearray()
        self.base = 0  # the offset of data[0] in the scanned bytes
        self.eof = False
        self._counted = 0  # lines are counted up to data[_counted]
        self._line = 1  # the line of data[_counted]
        self._last = b""  # the last byte read

    def more(self) -> bool:
        """Read one more chunk; ``False`` at the end of the stream."""
        while not self.eof:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
            elif chunk:
                self.data += chunk
                self._last = chunk[-1:]
                return True
        return False

    def ensure(self, end: int) -> None:
        """Read until ``data`` holds ``end`` bytes or the stream ends."""
        while len(self.data) < end and self.more():
            pass

    def line_at(self, index: int) -> int:
        """The 1-based line of ``data[index]``."""
        if index < self._counted:
            return self._line - self.data.count(b"\n", index, self._counted)
        self._line += self.data.count(b"\n", self._counted, index)
        self._counted = index
        return self._line

    def last_line(self) -> int:
        """The line of the last byte read (which may be forgotten)."""
        line = self.line_at(len(self.data))
        return line - 1 if self._last == b"\n" else line

    def forget(self, upto: int) -> None:
        """Drop ``data[:upto]``."""
        self.line_at(upto)
        del self.data[:upto]
        self.base += upto
        self._counted -= upto

    def find(self, needle: bytes, start: int, limit: int) -> int:
        """The index of ``needle`` at or after ``start``, reading on; -1 past ``limit`` bytes or at the end."""
        at = start
        while True:
            found = self.data.find(needle, at)
            if found >= 0:
                return found
            if len(self.data) - start > limit:
                return -1
            at = max(start, len(self.data) - len(needle) + 1)
            if not self.more():
                return -1

    def match(self, pattern: re.Pattern[bytes], at: int) -> tuple[int, tuple[bytes, ...]] | None:
        """Match ``pattern`` at ``at``, reading on while it might still match; (end, groups)."""
        while True:
            found = pattern.match(self.data, at)
            if found is not None:
                return found.end(), tuple(
                    found.group(i) or b"" for i in range(1, found.re.groups + 1)
                )
            if len(self.data) - at > _MAX_TAG_BYTES or not self.more():
                return None


@functools.lru_cache(maxsize=64)
def _inside(name: bytes) -> re.Pattern[bytes]:
    """What matters inside an entry named ``name``: comments, CDATA, and its own tags."""
    return re.compile(rb"<!--|<!\[CDATA\[|<(/?)" + re.escape(name) + rb"(?=[\s/>])")


class _Splitter:
    def __init__(self, buffer: _Buffer, *, transcoded: bool) -> None:
        self.buffer = buffer
        self.transcoded = transcoded
        self.open: list[tuple[bytes, int]] = []  # element name and line, outside entries
        self.prefixes: dict[bytes, bytes] = {}
        self.root_seen = False
        self.header: Header | None = None

    def _closers(self) -> bytes:
        return b"".join(b"</" + name + b">" for name, _ in reversed(self.open))

    def _is_entry(self, name: bytes) -> bool:
        prefix, _, local = name.rpartition(b":")
        if local.lower() not in _ENTRY_NAMES:
            return False
        uri = self.prefixes.get(prefix, b"")
        # feedparser reads any namespace that names backend.userland.com/rss as RSS 2.0's.
        return not prefix or uri in _FEED_NAMESPACES or b"backend.userland.com/rss" in uri

    def pieces(self) -> Iterator[Header | Entry | Damage]:
        pos = 0
        while (lt := self._next_markup(pos)) is not None:
            step = self._token(lt)
            if isinstance(step, int):
                pos = step
                continue
            if isinstance(step, Damage):
                if self.header is None:
                    yield self._whole_header()
                yield step
                return
            entry, pos = step
            if self.header is None:
                self.header = Header(bytes(self.buffer.data[:lt]), self._closers(), whole=False)
                yield self.header
            yield entry
            if isinstance(entry, Damage):
                return
        yield from self._at_end()

    def _next_markup(self, pos: int) -> int | None:
        """The index of the next ``<`` at or after ``pos``; ``None`` at the end or past the header limit.

        Bytes before ``pos`` are forgotten once the header is kept.
        """
        buffer = self.buffer
        if self.header is not None and pos > CHUNK:
            buffer.forget(pos)
            pos = 0
        while True:
            lt = buffer.data.find(b"<", pos)
            if self.header is None and (len(buffer.data) if lt < 0 else lt) > MAX_HEADER_BYTES:
                return None
            if lt >= 0:
                buffer.ensure(lt + _LOOKAHEAD)
                return lt
            pos = len(buffer.data)
            if self.header is not None:
                buffer.forget(pos)
                pos = 0
            if not buffer.more():
                return None

    def _at_end(self) -> Iterator[Header | Damage]:
        buffer = self.buffer
        if self.header is None and len(buffer.data) > MAX_HEADER_BYTES:
            limit = f"{MAX_HEADER_BYTES:,}"
            line = buffer.line_at(MAX_HEADER_BYTES)
            yield Damage(line, f"no <item> or <entry> in the first {limit} bytes")
            return
        if self.header is None:
            yield self._whole_header()
        if self.open:
            name, line = self.open[-1]
            text = name.decode("utf-8", "replace")
            yield Damage(buffer.last_line(), f"the feed ends before <{text}> of line {line} closes")

    def _whole_header(self) -> Header:
        self.header = Header(bytes(self.buffer.data), b"", whole=True)
        return self.header

    def _unclosed(self, lt: int, what: str) -> str:
        """Why the tag at ``lt`` did not match: the feed ends inside it, or it is malformed."""
        if self.buffer.eof and b">" not in self.buffer.data[lt:]:
            return f"the feed ends inside the {what} that starts here"
        return f"a malformed {what}"

    def _damage(self, at: int, message: str) -> Damage:
        return Damage(self.buffer.line_at(at), message)

    def _token(self, lt: int) -> int | Damage | tuple[Entry | Damage, int]:
        """Read the markup at ``lt`` outside entries; the position after it, an entry, or damage."""
        data = self.buffer.data
        for opener, closer, what in (
            (b"<!--", b"-->", "comment"),
            (b"<![CDATA[", b"]]>", "CDATA section"),
            (b"<?", b"?>", "processing instruction"),
        ):
            if data.startswith(opener, lt):
                end = self.buffer.find(closer, lt + len(opener), MAX_ENTRY_BYTES)
                if end < 0:
                    return self._damage(lt, f"the {what} that starts here does not end")
                return end + len(closer)
        if data.startswith(b"<!DOCTYPE", lt):
            return self._doctype(lt)
        if data.startswith(b"<!", lt):
            return self._damage(lt, "a declaration outside the document type")
        if data.startswith(b"</", lt):
            return self._end_tag(lt)
        return self._start_tag(lt)

    def _doctype(self, lt: int) -> int | Damage:
        if self.root_seen:
            return self._damage(lt, "a document type inside the feed")
        found = self.buffer.match(_DOCTYPE, lt)
        if found is None:
            return self._damage(lt, "the document type that starts here does not end")
        return found[0]

    def _end_tag(self, lt: int) -> int | Damage:
        found = self.buffer.match(_END, lt)
        if found is None:
            return self._damage(lt, self._unclosed(lt, "end tag"))
        end, (name,) = found
        text = name.decode("utf-8", "replace")
        if not self.open:
            return self._damage(lt, f"</{text}> closes no open element")
        open_name, line = self.open.pop()
        if open_name != name:
            open_text = open_name.decode("utf-8", "replace")
            return self._damage(lt, f"</{text}> closes <{open_text}> of line {line}")
        return end

    def _start_tag(self, lt: int) -> int | Damage | tuple[Entry | Damage, int]:
        found = self.buffer.match(_START, lt)
        if found is None:
            return self._damage(lt, self._unclosed(lt, "tag"))
        end, (name, attributes) = found
        if self.root_seen and not self.open:
            text = name.decode("utf-8", "replace")
            return self._damage(lt, f"a second root element <{text}>")
        self.root_seen = True
        for prefix, _quote, uri in _XMLNS.findall(attributes):
            self.prefixes[prefix] = uri.strip().lower()
        empty = attributes.endswith(b"/")
        if self._is_entry(name):
            return self._entry(lt, end, name, empty=empty)
        if not empty:
            self.open.append((name, self.buffer.line_at(lt)))
        return end

    def _entry(
        self, lt: int, after: int, name: bytes, *, empty: bool
    ) -> tuple[Entry | Damage, int]:
        """Read the entry whose start tag spans ``lt`` to ``after``; the Entry and where it ends."""
        buffer = self.buffer
        line = buffer.line_at(lt)
        text = name.decode("utf-8", "replace")
        end = after if empty else self._entry_end(lt, after, name, line, text)
        if isinstance(end, Damage):
            return end, after
        offset = None if self.transcoded else buffer.base + lt
        return Entry(bytes(buffer.data[lt:end]), line, offset), end

    def _entry_end(self, lt: int, pos: int, name: bytes, line: int, text: str) -> int | Damage:
        buffer = self.buffer
        inside = _inside(name)
        while True:
            if len(buffer.data) - lt > MAX_ENTRY_BYTES:
                return Damage(
                    line, f"the <{text}> that starts here is longer than {MAX_ENTRY_BYTES:,} bytes"
                )
            found = inside.search(buffer.data, pos)
            if found is None:
                pos = max(pos, len(buffer.data) - len(name) - _LOOKAHEAD)
                if not buffer.more():
                    return Damage(
                        buffer.last_line(), f"the feed ends inside the <{text}> of line {line}"
                    )
                continue
            at, token, slash = found.start(), found.group(0), found.group(1)
            del found
            if token in {b"<!--", b"<![CDATA["}:
                closer = b"-->" if token == b"<!--" else b"]]>"
                close = buffer.find(closer, at + len(token), MAX_ENTRY_BYTES)
                if close < 0:
                    what = "comment" if token == b"<!--" else "CDATA section"
                    return Damage(buffer.line_at(at), f"the {what} that starts here does not end")
                pos = close + len(closer)
            elif slash:
                closing = buffer.match(_END, at)
                if closing is None:
                    return Damage(buffer.line_at(at), self._unclosed(at, "end tag"))
                return closing[0]
            else:
                return Damage(
                    buffer.line_at(at), f"<{text}> opens inside the <{text}> of line {line}"
                )
