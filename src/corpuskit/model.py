"""The data every room of corpuskit shares: :class:`Article`, :class:`SourceRef`, :class:`Span`.

Articles are frozen: every operation returns a new one through :func:`attrs.evolve`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple, TypeAlias

import attrs

__all__ = [
    "Article",
    "Drop",
    "Failure",
    "FrozenMap",
    "JSONValue",
    "SourceRef",
    "Span",
    "content_id",
]

JSONValue: TypeAlias = Any
"""A value that ``json.dumps`` writes and ``json.loads`` reads back (containers frozen)."""


class Span(NamedTuple):
    """A half-open character range ``text[start:end]``."""

    start: int
    end: int


class FrozenMap(Mapping[str, Any]):
    """A read-only, picklable mapping of JSON values; nested dicts and lists are frozen too.

    Lists become tuples and dicts become ``FrozenMap`` so that nothing inside an
    Article can be changed after it is built.
    """

    __slots__ = ("_data",)
    _data: dict[str, Any]

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        """Copy and freeze ``data``; raise ``TypeError`` for a value JSON cannot hold."""
        frozen = {}
        if data:
            for key, value in data.items():
                if not isinstance(key, str):
                    raise TypeError(f"meta keys must be strings, got {key!r}")
                frozen[key] = _freeze(value)
        object.__setattr__(self, "_data", frozen)

    def __getitem__(self, key: str) -> Any:  # noqa: D105
        return self._data[key]

    def __iter__(self) -> Iterator[str]:  # noqa: D105
        return iter(self._data)

    def __len__(self) -> int:  # noqa: D105
        return len(self._data)

    def __repr__(self) -> str:  # noqa: D105
        return f"FrozenMap({self._data!r})"

    def __eq__(self, other: object) -> bool:  # noqa: D105
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:  # noqa: D105
        return hash(tuple(sorted(self._data.items(), key=lambda item: item[0])))

    def __setattr__(self, name: str, value: object) -> None:  # noqa: D105
        raise AttributeError("FrozenMap is read-only")

    def __reduce__(self) -> tuple[object, ...]:  # noqa: D105
        return (FrozenMap, (self._data,))

    def to_dict(self) -> dict[str, Any]:
        """Return a plain, mutable ``dict`` (nested containers thawed) for JSON."""
        return {key: _thaw(value) for key, value in self._data.items()}


_SCALARS = (str, int, float, bool, type(None))


def _freeze(value: Any) -> Any:
    kind = type(value)
    # Exact-type checks first: meta values are mostly strings and lists of strings.
    if kind in _SCALARS or kind is FrozenMap:
        return value
    if kind is list or kind is tuple:
        if all(type(item) is str for item in value):
            return tuple(value)
        return tuple(_freeze(item) for item in value)
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return tuple(_freeze(item) for item in value)
    if isinstance(value, Mapping):
        return FrozenMap(value)
    raise TypeError(
        f"meta values must be JSON values (str, number, bool, None, list, dict), got {type(value).__name__}"
    )


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    if isinstance(value, FrozenMap):
        return value.to_dict()
    return value


def _to_frozen_map(value: Mapping[str, Any] | None) -> FrozenMap:
    if isinstance(value, FrozenMap):
        return value
    return FrozenMap(value)


@attrs.frozen(kw_only=True)
class SourceRef:
    """Where an Article was read: the file, its 1-based line, the byte offset and the format.

    ``origin`` is the Article's first provenance when it was read back from a format
    that stores one (JSONL): the file it came from before that.
    """

    path: str
    line: int | None = None
    byte_offset: int | None = None
    format: str | None = None
    origin: SourceRef | None = None

    @property
    def root(self) -> SourceRef:
        """The first provenance in the chain (``self`` when there is no origin)."""
        ref = self
        while ref.origin is not None:
            ref = ref.origin
        return ref

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict; ``origin`` is included only when set."""
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "byte_offset": self.byte_offset,
            "format": self.format,
        }
        if self.origin is not None:
            data["origin"] = self.origin.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceRef:
        """Build a SourceRef from :meth:`to_dict` output."""
        origin = data.get("origin")
        return cls(
            path=str(data["path"]),
            line=data.get("line"),
            byte_offset=data.get("byte_offset"),
            format=data.get("format"),
            origin=cls.from_dict(origin) if origin is not None else None,
        )

    def __str__(self) -> str:
        """``path:line``, the way error messages name a place."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


def _to_authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def content_id(title: str, text: str, date_raw: str | None) -> str:
    """Derive a stable id from an Article's content: 16 hex digits of BLAKE2b.

    The same title, date and text give the same id on every machine and run;
    identical copies therefore share an id, which is what exact dedupe expects.
    """
    digest = hashlib.blake2b(digest_size=8)
    digest.update(title.encode("utf-8", "surrogatepass"))
    digest.update(b"\x1f")
    digest.update((date_raw or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\x1f")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@attrs.frozen(kw_only=True)
class Article:
    """One document of a corpus.

    ``text`` is the body with paragraphs separated by exactly one blank line.
    ``date`` is a :class:`datetime.date` when the source gives only a day and a
    :class:`datetime.datetime` when it gives a time (aware when it gives a zone).
    ``source`` is provenance, not content: it is left out of equality and hashing,
    so the same article read from two places compares equal.
    """

    id: str
    title: str = ""
    text: str = ""
    date: dt.date | None = None
    date_raw: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=_to_authors)
    language: str | None = None
    source: SourceRef | None = attrs.field(default=None, eq=False)
    meta: FrozenMap = attrs.field(factory=FrozenMap, converter=_to_frozen_map, hash=False)

    @classmethod
    def create(
        cls,
        *,
        title: str = "",
        text: str = "",
        date: dt.date | None = None,
        date_raw: str | None = None,
        id: str | None = None,  # noqa: A002 - the field's own name
        **fields: Any,
    ) -> Article:
        """Build an Article, deriving ``id`` from the content when the source has none."""
        if id is None:
            id = content_id(title, text, date_raw)  # noqa: A001
        return cls(id=id, title=title, text=text, date=date, date_raw=date_raw, **fields)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict; :meth:`from_dict` reads it back to an equal Article."""
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "date": _date_to_str(self.date),
            "date_raw": self.date_raw,
            "url": self.url,
            "authors": list(self.authors),
            "language": self.language,
            "source": self.source.to_dict() if self.source is not None else None,
            "meta": self.meta.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build an Article from :meth:`to_dict` output (missing optional keys take defaults).

        Raises ``KeyError``, ``TypeError`` or ``ValueError`` for a malformed dict;
        readers turn those into :class:`corpuskit.errors.ParseError` with the place.
        """
        source = data.get("source")
        title = data.get("title") or ""
        text = data.get("text") or ""
        date_raw = data.get("date_raw")
        for name, value in (("title", title), ("text", text)):
            if not isinstance(value, str):
                raise TypeError(f"{name!r} must be a string, got {type(value).__name__}")
        article_id = data.get("id")
        if article_id is None:
            article_id = content_id(title, text, date_raw)
        elif not isinstance(article_id, str):
            article_id = str(article_id)
        authors = data.get("authors") or ()
        if isinstance(authors, str):
            authors = (authors,)
        return cls(
            id=article_id,
            title=title,
            text=text,
            date=_date_from_str(data.get("date")),
            date_raw=date_raw,
            url=data.get("url"),
            authors=tuple(str(author) for author in authors),
            language=data.get("language"),
            source=SourceRef.from_dict(source) if source is not None else None,
            meta=data.get("meta") or {},
        )


def _date_to_str(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date_from_str(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"'date' must be an ISO string, got {type(value).__name__}")
    if "T" in value or " " in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


@attrs.frozen(kw_only=True)
class Failure:
    """A record a reader could not turn into an Article: where, and why."""

    path: str
    line: int | None
    message: str
    format: str | None = None

    def __str__(self) -> str:
        """``path:line: message``, as the CLI prints it."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict for reports."""
        return {
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "format": self.format,
        }


@attrs.frozen(kw_only=True)
class Drop:
    """An Article a step removed, and why.

    ``reason`` is a short stable key (``exact-duplicate``, ``too-short``, …) that
    reports count by; ``detail`` says more for a human.  Dedupe steps fill
    ``kept_id`` (the Article kept in its place) and ``similarity``.
    """

    article: Article
    reason: str
    detail: str = ""
    step: str | None = None
    kept_id: str | None = None
    similarity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict for reports (the Article by id and source only)."""
        source = self.article.source
        return {
            "id": self.article.id,
            "source": str(source) if source is not None else None,
            "reason": self.reason,
            "detail": self.detail,
            "step": self.step,
            "kept_id": self.kept_id,
            "similarity": self.similarity,
        }
