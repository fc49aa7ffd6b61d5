"""Feed entries to Articles, through feedparser.

Each entry becomes one Article: ``title`` (as text), ``url`` (the entry's link),
``date`` (published, else updated; with its zone when the feed gives one), ``authors``,
``text`` (the entry's content, else its summary, as text), ``language``, and ``id``
(the entry's id or guid, else derived from the content).
``meta`` holds ``date_field`` (``published`` or ``updated``), ``feed_title``,
``feed_link`` and ``entry`` (the entry's 1-based place in the feed).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import io
import re
import xml.parsers.expat
from html.parser import HTMLParser
from typing import IO, TYPE_CHECKING, Any

import attrs
from corpuskit import Article, Failure, ParseError, SourceRef, canonical_text, content_id

from corpuskit_feeds.guard import check_entities
from corpuskit_feeds.split import Damage, Entry, Header, split_feed

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from corpuskit import Source

__all__ = ["BATCH_BYTES", "NAME", "entry_article", "html_to_text", "read_feed"]

NAME = "feed"
BATCH_BYTES = 256 * 1024
"""Entries are handed to feedparser together, up to this many bytes at a time (it costs less than one by one)."""

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "dd",
        "dt",
    ]
)
_SKIPPED = frozenset({"script", "style"})
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\Z")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d\Z")
# Diagnostics feedparser raises for feeds it read whole: they are not damage.
_HARMLESS = frozenset({"CharacterEncodingOverride", "NonXMLContentType"})
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml[^>]*\?>")
_UNDECODABLE = frozenset(
    xml.parsers.expat.errors.codes[message]
    for message in (
        xml.parsers.expat.errors.XML_ERROR_UNKNOWN_ENCODING,
        xml.parsers.expat.errors.XML_ERROR_INCORRECT_ENCODING,
    )
)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment: block elements become paragraph breaks, tags go."""
    if "<" not in markup:
        return canonical_text(_squeeze(html.unescape(markup)))
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return canonical_text(_squeeze("".join(collector.parts)))


def _squeeze(text: str) -> str:
    """Collapse runs of spaces inside each paragraph, keeping the paragraph breaks."""
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _detail_text(value: str, detail: Mapping[str, Any] | None) -> str:
    kind = str((detail or {}).get("type") or "text/plain")
    if kind in _HTML_TYPES:
        return html_to_text(value)
    return canonical_text(_squeeze(value))


def _parse_date(raw: str, parsed: Any) -> dt.date | None:
    """Read a feed date with its zone; fall back to feedparser's UTC reading of odd spellings."""
    text = raw.strip()
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return _from_struct(parsed)
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    return _from_struct(parsed)


def _from_struct(parsed: Any) -> dt.datetime | None:
    """Feedparser's own reading (a UTC ``struct_time``), for spellings we do not read."""
    try:
        year, month, day, hour, minute, second = parsed[:6]
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone.utc)
    except (TypeError, ValueError):
        return None


def _language(value: object) -> str | None:
    if isinstance(value, str):
        match = _LANGUAGE.match(value.strip())
        if match:
            return match.group(1).lower()
    return None


def _authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    names = [
        str(author.get("name") or "").strip()
        for author in entry.get("authors") or ()
        if hasattr(author, "get")
    ]
    names = [name for name in names if name]
    if not names and entry.get("author"):
        names = [str(entry["author"]).strip()]
    return tuple(names)


def _body(entry: Mapping[str, Any]) -> str:
    for content in entry.get("content") or ():
        value = content.get("value") if hasattr(content, "get") else None
        if value:
            return _detail_text(str(value), content)
    summary = entry.get("summary")
    return _detail_text(str(summary), entry.get("summary_detail")) if summary else ""


def entry_article(
    entry: Mapping[str, Any], feed: Mapping[str, Any], source: SourceRef | None = None
) -> Article:
    """Build the Article of one feedparser entry; ``feed`` is the parsed feed's channel."""
    title_detail = entry.get("title_detail") or {}
    title = _detail_text(str(entry.get("title") or ""), title_detail).replace("\n\n", " ")
    text = _body(entry)
    date: dt.date | None = None
    date_raw: str | None = None
    meta: dict[str, Any] = {}
    for field in ("published", "updated"):
        raw = entry.get(field)
        if raw:
            date_raw = str(raw)
            date = _parse_date(date_raw, entry.get(f"{field}_parsed"))
            meta["date_field"] = field
            break
    for key, name in (("title", "feed_title"), ("link", "feed_link")):
        if feed.get(key):
            meta[name] = str(feed[key])
    entry_id = entry.get("id") or entry.get("guid")
    return Article(
        id=str(entry_id) if entry_id else content_id(title, text, date_raw),
        title=title,
        text=text,
        date=date,
        date_raw=date_raw,
        url=str(entry["link"]) if entry.get("link") else None,
        authors=_authors(entry),
        language=_language(entry.get("language") or title_detail.get("language"))
        or _language(feed.get("language")),
        source=source,
        meta=meta,
    )


def read_feed(source: Source) -> Iterator[Article | Failure]:
    """Read one RSS or Atom file as it streams in: one Article per entry.

    The feed is cut into its header and its entries (:func:`corpuskit_feeds.split.split_feed`),
    and feedparser reads each entry put between the header and the end tags the header leaves
    open, so memory holds one entry at a time.
    A feed that declares a dangerous entity raises :class:`ParseError` before any entry is read.
    A damaged feed yields the entries before the damage, then one Failure with the damage's
    line, and stops; damage in the header, which feedparser reads past, is reported once,
    before the entries, which follow.
    """
    return _FeedReader(source.path).read(source.stream)


@attrs.frozen
class _Place:
    """Where expat finds a document broken: the byte, the line, and what is wrong."""

    index: int
    line: int
    message: str


def _locate(document: bytes, *, fragment: bool = False) -> _Place | None:
    """Where expat stops reading ``document``; ``None`` when it reads it, or cannot decode it.

    A ``fragment`` is read without namespaces and with undeclared entities allowed, since
    the header that declares them is not part of it.
    """
    if fragment:
        parser = xml.parsers.expat.ParserCreate()
        parser.UseForeignDTD(True)  # noqa: FBT003 - expat's own signature
    else:
        parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(document, True)  # noqa: FBT003 - expat's own signature
    except xml.parsers.expat.ExpatError as exc:
        if exc.code in _UNDECODABLE:
            return None
        return _Place(parser.ErrorByteIndex, exc.lineno, xml.parsers.expat.ErrorString(exc.code))
    return None


def _describe(problem: Exception) -> str:
    message = problem.getMessage() if hasattr(problem, "getMessage") else str(problem)
    return str(message)


class _FeedReader:
    """One feed's reading: its header, the entries read so far, and whether the header is damaged."""

    def __init__(self, path: str) -> None:
        import feedparser  # noqa: PLC0415 - loaded with the first feed, not with the plugin

        self._feedparser = feedparser
        self.path = path
        self.header: Header | None = None
        self.header_damaged = False
        self.entries = 0

    def read(self, stream: IO[bytes]) -> Iterator[Article | Failure]:
        batch: list[Entry] = []
        batched = 0  # bytes in the batch
        for piece in split_feed(stream):
            if isinstance(piece, Entry):
                batch.append(piece)
                batched += len(piece.data)
                if batched < BATCH_BYTES:
                    continue
            elif isinstance(piece, Header):
                check_entities(piece.data, self.path)
                self.header = piece
                continue
            items, stop = self._batch(batch)
            batch, batched = [], 0
            yield from items
            if stop:
                return
            if isinstance(piece, Damage):
                yield self._failure(*self._first_damage(piece))
                return
        items, stop = self._batch(batch)
        yield from items
        if not stop and self.header is not None and self.header.whole:
            yield from self._check_whole(self.header.data)

    def _batch(self, entries: list[Entry]) -> tuple[list[Article | Failure], bool]:
        """The Articles of ``entries`` read as one feed, else one by one to find the damage."""
        header = self.header
        if len(entries) > 1 and header is not None and not self.header_damaged:
            joined = b"".join(entry.data for entry in entries)
            parsed = self._parse(header.data + joined + header.closers, entries[0].line)
            found = parsed.get("entries") or ()
            if _problem(parsed) is None and len(found) == len(entries):
                feed = parsed.get("feed") or {}
                return [
                    item
                    for entry, one in zip(entries, found, strict=True)
                    for item in self._articles(feed, (one,), entry)
                ], False
        items: list[Article | Failure] = []
        for entry in entries:
            more, stop = self._entry(entry)
            items += more
            if stop:
                return items, True
        return items, False

    def _articles(
        self, feed: Mapping[str, Any], found: Iterable[Any], entry: Entry
    ) -> list[Article | Failure]:
        """The Articles of the feedparser entries ``found`` in ``entry``, the next in the feed."""
        self.entries += 1
        ref = SourceRef(path=self.path, line=entry.line, byte_offset=entry.byte_offset, format=NAME)
        items: list[Article | Failure] = []
        for one in found:
            try:
                article = entry_article(one, feed, ref)
                items.append(attrs.evolve(article, meta={**article.meta, "entry": self.entries}))
            except (TypeError, ValueError, AttributeError) as exc:
                message = f"entry {self.entries}: {exc}"
                items.append(Failure(path=self.path, line=entry.line, message=message, format=NAME))
        return items

    def _first_damage(self, damage: Damage) -> tuple[int, str]:
        """The scan's damage, or expat's in the header when it comes first and nothing was read."""
        header = self.header
        if header is not None and not self.entries and not self.header_damaged:
            place = _locate(header.data + header.closers)
            if place is not None and place.index < len(header.data) and place.line < damage.line:
                return place.line, place.message
        return damage.line, damage.message

    def _failure(self, line: int, detail: str) -> Failure:
        message = f"malformed feed, read as far as possible ({self.entries} entries): {detail}"
        return Failure(path=self.path, line=max(line, 1), message=message, format=NAME)

    def _parse(self, document: bytes, line: int) -> Any:
        try:
            return self._feedparser.parse(
                io.BytesIO(document), resolve_relative_uris=True, sanitize_html=True
            )
        except Exception as exc:
            raise ParseError(
                f"feedparser failed: {type(exc).__name__}: {exc}", path=self.path, line=line
            ) from exc

    def _check_whole(self, document: bytes) -> Iterator[Failure]:
        """A feed without entries: report it when feedparser finds it damaged."""
        problem = _problem(self._parse(document, 1))
        if problem is not None:
            place = _locate(document)
            if place is not None:
                yield self._failure(place.line, place.message)
            else:
                line = problem.getLineNumber() if hasattr(problem, "getLineNumber") else None
                yield self._failure(line if isinstance(line, int) else 1, _describe(problem))

    def _entry(self, entry: Entry) -> tuple[list[Article | Failure], bool]:
        """The Articles of one entry, or the Failure that ends the feed (then ``True``)."""
        header = self.header
        assert header is not None  # noqa: S101 - split_feed yields the header first
        document = header.data + entry.data + header.closers
        parsed = self._parse(document, entry.line)
        problem = _problem(parsed)
        items: list[Article | Failure] = []
        if problem is not None and not self.header_damaged:
            place = _locate(document)
            if place is None or place.index >= len(header.data):
                if place is None:
                    return [self._failure(entry.line, _describe(problem))], True
                # The entry starts on the header's last line.
                line = entry.line + place.line - (header.data.count(b"\n") + 1)
                last = entry.line + entry.data.count(b"\n")
                return [self._failure(min(line, last), place.message)], True
            self.header_damaged = True
            items.append(
                Failure(
                    path=self.path,
                    line=place.line,
                    message=f"malformed feed header, read past: {place.message}",
                    format=NAME,
                )
            )
        if self.header_damaged:
            # The header's damage hides the entry's own from a reading of the whole: read it alone.
            declaration = _DECLARATION.match(header.data)
            prefix = declaration.group(0) if declaration else b""
            place = _locate(prefix + b"<x>" + entry.data + b"</x>", fragment=True)
            if place is not None:
                line = entry.line + place.line - 1 - prefix.count(b"\n")
                return [*items, self._failure(line, place.message)], True
        return [
            *items,
            *self._articles(parsed.get("feed") or {}, parsed.get("entries") or (), entry),
        ], False


def _problem(parsed: Any) -> Exception | None:
    """The diagnostic feedparser gives a damaged document (``None`` for the harmless ones)."""
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is None or type(problem).__name__ in _HARMLESS:
        return None
    return problem if isinstance(problem, Exception) else Exception(str(problem))
