"""Chunks: runs of whole sentences under a size limit, for indexing and model input."""

from __future__ import annotations

import re
from itertools import accumulate
from typing import TYPE_CHECKING

from corpuskit.errors import ConfigError
from corpuskit.model import Span
from corpuskit.segment.sentences import sentences

if TYPE_CHECKING:
    from corpuskit.segment.language import Language

__all__ = ["chunks"]

_WORD = re.compile(r"\S+")


def chunks(
    text: str,
    *,
    max_chars: int | None = None,
    max_words: int | None = None,
    overlap: int = 0,
    lang: str | Language = "en",
) -> list[Span]:
    """Pack whole sentences into chunks of at most ``max_chars`` characters and ``max_words`` words.

    A chunk's span runs from its first sentence's start to its last sentence's end.
    A sentence over a limit is split at word boundaries; a single word longer than
    ``max_chars`` is cut at ``max_chars``.
    ``overlap`` is how many sentences (or pieces of a split sentence) at the end of one
    chunk open the next one too, as far as the limits allow; each chunk still adds
    at least one new piece.
    Raises :class:`ConfigError` when no limit is given or a number is out of range.
    """
    if max_chars is None and max_words is None:
        raise ConfigError("chunks need a limit: give max_chars, max_words or both")
    for name, value in (("max_chars", max_chars), ("max_words", max_words)):
        if value is not None and value < 1:
            raise ConfigError(f"{name} must be at least 1, got {value}")
    if overlap < 0:
        raise ConfigError(f"overlap must be 0 or more, got {overlap}")
    char_limit = max_chars if max_chars is not None else len(text) + 1
    word_limit = max_words if max_words is not None else len(text) + 1
    units: list[Span] = []
    counts: list[int] = []
    for span in sentences(text, lang=lang):
        words = len(text[span.start : span.end].split())
        if span.end - span.start <= char_limit and words <= word_limit:
            units.append(span)
            counts.append(words)
        else:
            pieces = _split_words(text, span, char_limit, word_limit)
            units.extend(pieces)
            counts.extend(len(text[piece.start : piece.end].split()) for piece in pieces)
    return _pack(units, [0, *accumulate(counts)], char_limit, word_limit, overlap)


def _pack(
    units: list[Span], words: list[int], char_limit: int, word_limit: int, overlap: int
) -> list[Span]:
    """Greedily pack ``units`` (``words[i]`` words before unit i) into chunks."""

    def fits(first: int, last: int) -> bool:
        return (
            units[last].end - units[first].start <= char_limit
            and words[last + 1] - words[first] <= word_limit
        )

    out: list[Span] = []
    first = 0
    total = len(units)
    while first < total:
        last = first
        while last + 1 < total and fits(first, last + 1):
            last += 1
        out.append(Span(units[first].start, units[last].end))
        if last + 1 >= total:
            break
        following = max(last + 1 - overlap, first + 1)
        while following <= last and not fits(following, last + 1):
            following += 1
        first = following
    return out


def _split_words(text: str, span: Span, char_limit: int, word_limit: int) -> list[Span]:
    """Split one over-long sentence into pieces at word boundaries."""
    pieces: list[Span] = []
    start = end = -1
    count = 0
    for match in _WORD.finditer(text, span.start, span.end):
        word_start, word_end = match.span()
        while word_end - word_start > char_limit:  # a word longer than the limit: cut it
            if start >= 0:
                pieces.append(Span(start, end))
                start, count = -1, 0
            pieces.append(Span(word_start, word_start + char_limit))
            word_start += char_limit
        if start >= 0 and (word_end - start > char_limit or count + 1 > word_limit):
            pieces.append(Span(start, end))
            start, count = -1, 0
        if start < 0:
            start = word_start
        end = word_end
        count += 1
    if start >= 0:
        pieces.append(Span(start, end))
    return pieces
