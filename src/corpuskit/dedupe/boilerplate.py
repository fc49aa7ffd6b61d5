"""Boilerplate: lines, paragraphs or sentences that recur in many articles of one source.

Two passes over the articles: :meth:`BoilerplateStripper.count` sees every article
and counts, per source, in how many articles each unit occurs (as 64-bit hashes,
8 bytes per distinct unit and article); :meth:`BoilerplateStripper.strip` then
removes the units that occur in at least ``min_articles`` articles of the
article's source, and turns an article left without text into a
``boilerplate-empty`` Drop.

The source of an article is ``source_key(article)``; by default the format and
the directory of the file it was first read from (``article.source.root``), so
that the files of one feed or archive count together.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

import attrs

from corpuskit.errors import ConfigError
from corpuskit.model import Article, Drop, Span
from corpuskit.text import canonical_text

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["BoilerplateString", "BoilerplateStripper", "Unit", "default_source_key"]

Unit = Literal["line", "paragraph", "sentence"]
UNITS: tuple[str, ...] = ("line", "paragraph", "sentence")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CHUNK = 1 << 16


def default_source_key(article: Article) -> str:
    """The format and directory of the file ``article`` was first read from (``""`` if unknown)."""
    if article.source is None:
        return ""
    root = article.source.root
    return f"{root.format or ''}:{os.path.dirname(root.path)}"


@attrs.frozen(kw_only=True)
class BoilerplateString:
    """A unit found to be boilerplate: its text, its source and in how many articles it occurs."""

    text: str
    source: str
    count: int

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict for reports."""
        return {"text": self.text, "source": self.source, "count": self.count}


def _unit_spans(text: str, unit: str) -> Iterator[Span]:
    """The spans of the units of ``text``, each without surrounding whitespace."""
    if unit == "sentence":
        from corpuskit.segment import sentences  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415 - the segment room's

        yield from sentences(text, lang="en")
        return
    pattern = _PARAGRAPH_BREAK if unit == "paragraph" else re.compile(r"\n")
    start = 0
    for match in pattern.finditer(text):
        yield Span(start, match.start())
        start = match.end()
    yield Span(start, len(text))


def _trimmed(text: str, span: Span) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hash(source: str, unit_text: str) -> int:
    digest = hashlib.blake2b(
        f"{source}\x1f{unit_text}".encode("utf-8", "surrogatepass"), digest_size=8
    )
    return int.from_bytes(digest.digest(), "little")


class BoilerplateStripper:
    """Finds and removes boilerplate units; see the module docstring for the two passes."""

    def __init__(
        self,
        *,
        unit: Unit = "line",
        min_articles: int = 5,
        source_key: Callable[[Article], str] = default_source_key,
    ) -> None:
        """Count the units that recur in at least ``min_articles`` articles of one source."""
        if unit not in UNITS:
            raise ConfigError(f"boilerplate unit must be one of {', '.join(UNITS)}, got {unit!r}")
        if min_articles < 2:  # noqa: PLR2004 - one article cannot make a unit recur
            raise ConfigError(f"min_articles must be at least 2, got {min_articles}")
        self.unit = unit
        self.min_articles = min_articles
        self.source_key = source_key
        self._pending: list[int] = []
        self._chunks: list[npt.NDArray[np.uint64]] = []
        self._boilerplate: dict[int, int] | None = None
        self._found: dict[int, BoilerplateString] = {}

    def _units(self, article: Article) -> Iterator[tuple[int, int, int]]:
        source = self.source_key(article)
        for span in _unit_spans(article.text, self.unit):
            start, end = _trimmed(article.text, span)
            if start < end:
                yield start, end, _hash(source, article.text[start:end])

    def count(self, article: Article) -> None:
        """First pass: count the distinct units of ``article``."""
        if self._boilerplate is not None:
            raise RuntimeError("count() after strip(): the counts are already final")
        self._pending.extend({hashed for _, _, hashed in self._units(article)})
        if len(self._pending) >= _CHUNK:
            self._flush()

    def freeze(self) -> None:
        """End the counting pass: settle which units are boilerplate."""
        self._finish()

    def merge(self, other: BoilerplateStripper) -> None:
        """Add the counts of another stripper (same settings) that counted other articles."""
        if self._boilerplate is not None or other._boilerplate is not None:
            raise RuntimeError("merge() after strip(): the counts are already final")
        other._flush()
        self._flush()
        self._chunks.extend(other._chunks)

    def _flush(self) -> None:
        import numpy as np  # noqa: PLC0415

        if self._pending:
            self._chunks.append(np.array(self._pending, dtype=np.uint64))
            self._pending = []

    def _finish(self) -> dict[int, int]:
        if self._boilerplate is None:
            import numpy as np  # noqa: PLC0415

            self._flush()
            found: dict[int, int] = {}
            if self._chunks:
                values, counts = np.unique(np.concatenate(self._chunks), return_counts=True)
                frequent = counts >= self.min_articles
                found = dict(zip(values[frequent].tolist(), counts[frequent].tolist(), strict=True))
            self._chunks = []
            self._boilerplate = found
        return self._boilerplate

    def strip(self, article: Article) -> Article | Drop:
        """Second pass: ``article`` without its boilerplate, or a Drop if nothing is left."""
        boilerplate = self._finish()
        if not boilerplate:
            return article
        cuts: list[tuple[int, int]] = []
        for start, end, hashed in self._units(article):
            count = boilerplate.get(hashed)
            if count is not None:
                cuts.append((start, end))
                if hashed not in self._found:
                    self._found[hashed] = BoilerplateString(
                        text=article.text[start:end], source=self.source_key(article), count=count
                    )
        if not cuts:
            return article
        text = article.text
        pieces: list[str] = []
        position = 0
        for start, end in cuts:
            pieces.append(text[position:start])
            position = end
            # A removed sentence takes the spaces after it along.
            while self.unit == "sentence" and position < len(text) and text[position] in " \t":
                position += 1
        pieces.append(text[position:])
        stripped = canonical_text("".join(pieces))
        removed = len(cuts)
        if not stripped.strip():
            return Drop(
                article=article,
                reason="boilerplate-empty",
                detail=f"only boilerplate: {removed} {self.unit}(s) removed",
                step="dedupe",
            )
        return attrs.evolve(article, text=stripped)

    @property
    def found(self) -> list[BoilerplateString]:
        """The boilerplate strings removed so far, most frequent first, then by text."""
        return sorted(self._found.values(), key=lambda item: (-item.count, item.source, item.text))
