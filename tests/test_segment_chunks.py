"""Tests for corpuskit.segment.chunks."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import chunks, sentences
from corpuskit.errors import ConfigError

TEXT = "One two three. Four five. Six seven eight nine. Ten."


def pieces(text: str, **options: int) -> list[str]:
    """The chunk texts of ``text``."""
    return [text[s:e] for s, e in chunks(text, **options)]


def test_sentences_are_packed():
    """Whole sentences are packed while they fit."""
    assert ["One two three. Four five.", "Six seven eight nine. Ten."] == pieces(TEXT, max_words=5)


def test_long_sentence_split_at_words():
    """A sentence over the limit is split at word boundaries."""
    assert ["One two", "three.", "Four five.", "Six seven", "eight nine.", "Ten."] == pieces(
        TEXT, max_words=2
    )


def test_long_word_is_cut():
    """A word longer than max_chars is cut at max_chars."""
    assert ["abcd", "efgh", "ij", "k."] == pieces("abcdefghij k.", max_chars=4)


def test_overlap_repeats_sentences():
    """With overlap=1 the last sentence of a chunk opens the next."""
    assert [
        "One two three. Four five.",
        "Four five. Six seven eight nine.",
        "Six seven eight nine. Ten.",
    ] == pieces(TEXT, max_words=6, overlap=1)


@pytest.mark.parametrize("options", [{}, {"max_chars": 0}, {"max_words": 5, "overlap": -1}])
def test_bad_options(options):
    """Missing or out-of-range limits raise ConfigError."""
    with pytest.raises(ConfigError):
        chunks(TEXT, **options)


_TEXT = st.text(alphabet=st.sampled_from(list("abc xyz. ?\n")), max_size=120)


@given(_TEXT, st.integers(1, 30), st.integers(1, 6))
def test_chunks_respect_limits_and_cover_text(text, max_chars, max_words):
    """Chunks keep both limits, are ordered and disjoint, and cover every non-space character."""
    spans = chunks(text, max_chars=max_chars, max_words=max_words)
    assert all(e - s <= max_chars and len(text[s:e].split()) <= max_words for s, e in spans)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert "".join(text.split()) == "".join("".join(text[s:e] for s, e in spans).split())


@given(_TEXT, st.integers(1, 6), st.integers(0, 3))
def test_chunks_never_split_fitting_sentences(text, max_words, overlap):
    """A sentence within the limit lies wholly inside some chunk."""
    spans = chunks(text, max_words=max_words, overlap=overlap)
    for s, e in sentences(text):
        if len(text[s:e].split()) <= max_words:
            assert any(cs <= s and e <= ce for cs, ce in spans)
