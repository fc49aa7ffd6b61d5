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
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import attrs
from corpuskit import Article, Failure, ParseError, SourceRef, canonical_text, content_id

from corpuskit_feeds.guard import check_entities

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from corpuskit import Source

__all__ = ["MAX_FEED_BYTES", "NAME", "entry_article", "html_to_text", "read_feed"]

NAME = "feed"
MAX_FEED_BYTES = 64 * 1024 * 1024
"""A feed longer than this is refused (no real feed is near it)."""

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
    """Read one RSS or Atom file: one Article per entry.

    A feed that declares a dangerous entity raises :class:`ParseError` before parsing.
    A malformed feed yields the entries feedparser could read, then one Failure that
    says what was wrong.
    """
    import feedparser  # noqa: PLC0415 - loaded with the first feed, not with the plugin

    data = source.stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise ParseError(f"the feed is larger than {MAX_FEED_BYTES} bytes", path=source.path)
    check_entities(data, source.path)
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=True, sanitize_html=True)
    except Exception as exc:
        raise ParseError(
            f"feedparser failed: {type(exc).__name__}: {exc}", path=source.path
        ) from exc
    feed = parsed.get("feed") or {}
    for number, entry in enumerate(parsed.get("entries") or ()):
        ref = SourceRef(path=source.path, format=NAME)
        try:
            article = entry_article(entry, feed, ref)
            yield attrs.evolve(article, meta={**article.meta, "entry": number + 1})
        except (TypeError, ValueError, AttributeError) as exc:
            yield Failure(
                path=source.path, line=None, message=f"entry {number + 1}: {exc}", format=NAME
            )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and type(problem).__name__ not in _HARMLESS:
        line = problem.getLineNumber() if hasattr(problem, "getLineNumber") else None
        count = len(parsed.get("entries") or ())
        message = f"malformed feed, read as far as possible ({count} entries): {problem}"
        yield Failure(path=source.path, line=line, message=message, format=NAME)
