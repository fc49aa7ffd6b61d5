"""Tests for corpuskit.dedupe.exact: normalization and digests."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.dedupe.exact import ExactKey, _punctuation_table
from corpuskit.errors import ConfigError

flags = st.booleans()


def slow_normalize(key: ExactKey, text: str) -> str:
    """The documented steps, one after the other, on str."""
    if key.nfkc:
        text = unicodedata.normalize("NFKC", text)
    if key.casefold:
        text = text.casefold()
    if key.punctuation:
        text = text.translate(_punctuation_table())
    if key.whitespace:
        text = " ".join(text.split())
    return text


@given(st.text(alphabet=st.characters(max_codepoint=127)), flags, flags, flags, flags)
def test_the_ascii_fast_path_normalizes_like_the_general_one(
    text, nfkc, casefold, whitespace, punctuation
):
    """ASCII text takes a bytes shortcut with the same result as the documented steps."""
    key = ExactKey(nfkc=nfkc, casefold=casefold, whitespace=whitespace, punctuation=punctuation)
    assert slow_normalize(key, text) == key.normalize(text)


def test_default_key_ignores_case_spacing_punctuation_and_width():
    """Case, runs of whitespace, punctuation and full-width forms do not change the key."""
    key = ExactKey()
    assert key.digest("Hello, World!") == key.digest("  hello   world ")
    assert key.digest("\uff21\uff22\uff23 123") == key.digest("abc 123")
    assert key.digest("hello world") != key.digest("hello word")


def test_switched_off_normalizations_keep_differences():
    """With every switch off, only identical texts share a key."""
    key = ExactKey(nfkc=False, casefold=False, whitespace=False, punctuation=False)
    assert key.digest("Hello") != key.digest("hello")
    assert key.digest("a b") != key.digest("a  b")


def test_digest_size_is_64_or_128_bits():
    """Digests are 8 or 16 bytes; anything else is refused."""
    assert 16 == len(ExactKey(digest_size=16).digest("x"))
    with pytest.raises(ConfigError, match="digest_size"):
        ExactKey(digest_size=4)
