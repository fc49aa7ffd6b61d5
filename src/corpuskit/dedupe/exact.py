"""Exact-duplicate keys: a digest of an article's normalized text.

Each normalization is switchable: Unicode NFKC, case folding, whitespace folding
(every run of whitespace, as ``str.split`` sees it, becomes one space, ends trimmed) and punctuation folding
(every character of a Unicode punctuation category is removed).
The key is the first 8 bytes (64 bits) or 16 bytes (128 bits) of the SHA-256 of the normalized text.
"""

from __future__ import annotations

import functools
import hashlib
import sys
import unicodedata

import attrs

from corpuskit.errors import ConfigError

__all__ = ["ExactKey"]

_ASCII_PUNCTUATION = bytes(
    code for code in range(128) if unicodedata.category(chr(code)).startswith("P")
)


@functools.cache
def _ascii_table(casefold: bool, whitespace: bool) -> bytes:  # noqa: FBT001 - cached on both
    """A ``bytes.translate`` table: lower case, and every character ``str.split`` splits on to a space."""
    source, target = b"", b""
    if casefold:
        source, target = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz"
    if whitespace:
        spaces = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
        source, target = source + spaces, target + b" " * len(spaces)
    return bytes.maketrans(source, target)


@functools.cache
def _punctuation_table() -> dict[int, None]:
    """Every Unicode punctuation character, mapped to nothing (built on first use)."""
    return {
        code: None
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)).startswith("P")
    }


@attrs.frozen(kw_only=True)
class ExactKey:
    """How texts are normalized and digested into exact-duplicate keys."""

    nfkc: bool = True
    casefold: bool = True
    whitespace: bool = True
    punctuation: bool = True
    digest_size: int = 8

    def __attrs_post_init__(self) -> None:
        """Check the digest size."""
        if self.digest_size not in (8, 16):
            raise ConfigError(f"digest_size must be 8 or 16 bytes, got {self.digest_size}")

    def normalize(self, text: str) -> str:
        """``text`` with the switched-on normalizations applied, in a fixed order."""
        return self._normalized_bytes(text).decode("utf-8", "surrogatepass")

    def _normalized_bytes(self, text: str) -> bytes:
        if text.isascii():
            # Same result as below, in C: NFKC leaves ASCII alone and casefold is lower().
            data = text.encode("ascii").translate(
                _ascii_table(self.casefold, self.whitespace),
                _ASCII_PUNCTUATION if self.punctuation else b"",
            )
            if self.whitespace:
                # Runs of spaces halve with each pass; news text needs one or two.
                while b"  " in data:
                    data = data.replace(b"  ", b" ")
                data = data.strip(b" ")
            return data
        if self.nfkc:
            text = unicodedata.normalize("NFKC", text)
        if self.casefold:
            text = text.casefold()
        if self.punctuation:
            text = text.translate(_punctuation_table())
        if self.whitespace:
            text = " ".join(text.split())
        return text.encode("utf-8", "surrogatepass")

    def digest(self, text: str) -> bytes:
        """The key of ``text``: the first bytes of the SHA-256 of its normalized UTF-8 bytes."""
        # SHA-256 rather than BLAKE2: CPUs with SHA extensions hash it twice as fast.
        return hashlib.sha256(self._normalized_bytes(text)).digest()[: self.digest_size]
