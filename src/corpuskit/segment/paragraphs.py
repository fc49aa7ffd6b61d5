"""Paragraph boundaries: a paragraph ends at a blank (or whitespace-only) line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpuskit.segment.sentences import spans_between

if TYPE_CHECKING:
    from corpuskit.model import Span

__all__ = ["paragraphs"]

# A line break, whitespace-only lines, and the whitespace before the next text.  Each part
# after the leading "\n" is greedy with nothing after it that can fail, so no backtracking.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def paragraphs(text: str) -> list[Span]:
    r"""Split ``text`` at blank lines into spans of paragraphs without surrounding whitespace.

    A line holding only spaces or tabs counts as blank; ``\r\n`` line ends work too.
    """
    return spans_between(text, [match.start() for match in _BLANK_LINE.finditer(text)])
