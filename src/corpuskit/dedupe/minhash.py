"""MinHash signatures of word n-gram shingles, vectorised with numpy over batches of texts.

The whole batch is handled as one byte buffer, so the cost per article is a few
numpy passes over its bytes, never a Python loop over its words:

1. texts are lower-cased and encoded as UTF-8; a *word* is a maximal run of ASCII
   letters and digits and non-ASCII characters, where ASCII punctuation, the
   General Punctuation block (U+2000-U+206F: curly quotes, dashes), U+00A0 and
   the guillemets separate words;
2. each word gets a 64-bit polynomial hash from one prefix sum over the buffer
   (byte ``k`` times ``BASE**k`` mod 2**64; a word's hash is the difference of the
   sums at its ends times ``BASE**-start``), finished with the splitmix64 mixer;
3. each shingle (``ngram`` consecutive words of one article; an article with fewer
   words has one shingle of all of them) hashes to a mix of its words' hashes;
4. the signature is a *one-permutation* MinHash with optimal densification
   (Shrivastava, 2017): a shingle's hash picks one of ``num_perm`` bins and the
   bin keeps the smallest value; an empty bin copies the value of the first
   non-empty bin on a seeded probe sequence shared by all articles.
   Two signatures agree at a position with probability equal to the Jaccard
   similarity of the shingle sets, as with ``num_perm`` independent permutations,
   at the cost of one hash per shingle instead of ``num_perm``.

Everything is seeded by ``seed``: the same texts and settings give the same
signatures on every machine and run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from corpuskit.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["MinHasher", "estimated_similarity", "mix64"]

EMPTY = 0xFFFFFFFF
"""The value of a signature position no shingle reached (an article without words)."""

_BASE = 0x100000001B3  # the FNV prime: odd, so invertible mod 2**64
_PROBES = 1024
_MAX_NGRAM = 64
_MAX_PERM = 4096
_LETTERS = 26
_DIGITS = 10
_NON_ASCII = 0x80
_LEAD_C2 = 0xC2  # UTF-8 lead byte of U+0080-U+00BF
_LEAD_E2 = 0xE2  # UTF-8 lead byte of U+2000-U+2FFF
_C2_SEPARATORS = (0xA0, 0xAB, 0xBB)  # no-break space and guillemets
_E2_SEPARATORS = (0x80, 0x81)  # second bytes of the General Punctuation block


def mix64(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finalizer, applied elementwise (a bijection on 64-bit integers)."""
    import numpy as np  # noqa: PLC0415 - numpy loads only when dedupe runs

    x: npt.NDArray[np.uint64] = values ^ (values >> np.uint64(30))
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def _is_word(buffer: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Whether each byte belongs to a word: ASCII letters and digits, and every non-ASCII byte."""
    import numpy as np  # noqa: PLC0415

    # Wrapping uint8 arithmetic: (b | 0x20) - ord("a") < 26 is a letter of either case.
    letter = ((buffer | np.uint8(0x20)) - np.uint8(ord("a"))) < _LETTERS
    digit = (buffer - np.uint8(ord("0"))) < _DIGITS
    result: npt.NDArray[np.bool_] = letter | digit | (buffer >= _NON_ASCII)
    return result


@attrs.frozen(kw_only=True)
class MinHasher:
    """Turns texts into MinHash signatures: ``num_perm`` unsigned 32-bit values per text.

    ``ngram`` is the number of words per shingle and ``seed`` picks the hash
    functions; signatures made with different settings are not comparable.
    """

    num_perm: int = 128
    ngram: int = 5
    seed: int = 1
    _tables: dict[str, Any] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the settings and draw the seeded constants."""
        if not 1 <= self.num_perm <= _MAX_PERM:
            raise ConfigError(f"num_perm must be between 1 and {_MAX_PERM}, got {self.num_perm}")
        if not 1 <= self.ngram <= _MAX_NGRAM:
            raise ConfigError(f"ngram must be between 1 and {_MAX_NGRAM}, got {self.ngram}")
        import numpy as np  # noqa: PLC0415

        rng = np.random.Generator(np.random.PCG64(self.seed))
        self._tables["multipliers"] = rng.integers(
            0, 1 << 63, size=self.ngram, dtype=np.uint64
        ) * np.uint64(2) + np.uint64(1)
        self._tables["salt"] = rng.integers(0, 1 << 63, size=1, dtype=np.uint64)
        self._tables["probes"] = rng.integers(
            0, self.num_perm, size=(_PROBES, self.num_perm), dtype=np.int64
        )

    def _powers(self, length: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
        """Powers of the base and of its inverse mod 2**64, at least ``length`` of each."""
        import numpy as np  # noqa: PLC0415

        cached = self._tables.get("powers")
        if cached is not None and len(cached[0]) >= length:
            return cached[0], cached[1]
        size = 1 << max(16, (length - 1).bit_length())
        powers = np.full(size, _BASE, dtype=np.uint64)
        powers[0] = 1
        np.cumprod(powers, out=powers)
        inverse = np.full(size, pow(_BASE, -1, 1 << 64), dtype=np.uint64)
        inverse[0] = 1
        np.cumprod(inverse, out=inverse)
        self._tables["powers"] = (powers, inverse)
        return powers, inverse

    def shingle_hashes(
        self, texts: Sequence[str]
    ) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
        """The 64-bit hash of every shingle of ``texts`` and the index of its text.

        Shingles come in text order; a text without words has none.
        """
        import numpy as np  # noqa: PLC0415

        encoded = [text.lower().encode("utf-8", "surrogatepass") for text in texts]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        buffer = np.frombuffer(b"\n".join(encoded), dtype=np.uint8)
        # Byte offset where each text starts in the buffer (texts are joined by one "\n").
        text_starts = np.zeros(len(encoded), dtype=np.int64)
        if len(encoded) > 1:
            np.cumsum(lengths[:-1] + 1, out=text_starts[1:])
        is_word = _is_word(buffer)
        _mark_unicode_separators(buffer, is_word)
        edges = np.diff(np.concatenate(([False], is_word, [False])).view(np.int8))
        starts = np.flatnonzero(edges == 1)
        ends = np.flatnonzero(edges == -1)
        if len(starts) == 0:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        powers, inverse = self._powers(len(buffer))
        prefix = np.zeros(len(buffer) + 1, dtype=np.uint64)
        np.cumsum(np.multiply(buffer, powers[: len(buffer)], dtype=np.uint64), out=prefix[1:])
        words = mix64((prefix[ends] - prefix[starts]) * inverse[starts])
        word_text = np.searchsorted(text_starts, starts, side="right") - 1
        return self._shingles(words, word_text, len(texts))

    def _shingles(
        self, words: npt.NDArray[np.uint64], word_text: npt.NDArray[np.int64], count: int
    ) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
        import numpy as np  # noqa: PLC0415

        n = self.ngram
        per_text = np.bincount(word_text, minlength=count)
        text_end = np.cumsum(per_text)
        text_begin = text_end - per_text
        position = np.arange(len(words), dtype=np.int64)
        end_of = text_end[word_text]
        valid = (position <= end_of - n) | (
            (position == text_begin[word_text]) & (per_text[word_text] < n)
        )
        index = np.flatnonzero(valid)
        padded = np.concatenate((words, np.zeros(n, dtype=np.uint64)))
        multipliers = self._tables["multipliers"]
        # Every position's n-gram from shifted views (no gathers), then the valid ones.
        every = words * multipliers[0]
        for offset in range(1, n):
            every += padded[offset : offset + len(words)] * multipliers[offset]
        hashes = every[index]
        # A text shorter than n words has one shingle of its words only.
        short = np.flatnonzero(per_text[word_text[index]] < n)
        if len(short):
            begin = index[short]
            length = per_text[word_text[begin]]
            partial = padded[begin] * multipliers[0]
            for offset in range(1, n):
                term = padded[begin + offset] * multipliers[offset]
                term[offset >= length] = 0
                partial += term
            hashes[short] = partial
        return mix64(hashes ^ self._tables["salt"]), word_text[index]

    def signatures(self, texts: Sequence[str]) -> npt.NDArray[np.uint32]:
        """The signatures of ``texts``: an array of shape ``(len(texts), num_perm)``.

        A text without words gets a signature of :data:`EMPTY` values only.
        """
        import numpy as np  # noqa: PLC0415

        hashes, text = self.shingle_hashes(texts)
        perm = self.num_perm
        signature = np.full(len(texts) * perm, EMPTY, dtype=np.uint32)
        bins = ((hashes >> np.uint64(32)) * np.uint64(perm)) >> np.uint64(32)
        slots = text * perm + bins.astype(np.int64)
        np.minimum.at(signature, slots, (hashes & np.uint64(EMPTY)).astype(np.uint32))
        filled = np.zeros(len(texts) * perm, dtype=bool)
        filled[slots] = True
        matrix = signature.reshape(len(texts), perm)
        self._densify(matrix, filled.reshape(len(texts), perm))
        return matrix

    def _densify(self, signature: npt.NDArray[np.uint32], filled: npt.NDArray[np.bool_]) -> None:
        """Fill empty bins from the first filled bin on each bin's seeded probe sequence."""
        import numpy as np  # noqa: PLC0415

        has_any: npt.NDArray[np.bool_] = np.any(filled, axis=1)
        rows, cols = np.nonzero(~filled & has_any[:, None])
        if len(rows) == 0:
            return
        original = signature.copy()
        probes = self._tables["probes"]
        for attempt in range(_PROBES):
            source = probes[attempt, cols]
            hit = filled[rows, source]
            signature[rows[hit], cols[hit]] = original[rows[hit], source[hit]]
            rows, cols = rows[~hit], cols[~hit]
            if len(rows) == 0:
                return
        # A text with a handful of shingles can outlast the probes: take its first filled bin.
        first = np.argmax(filled[rows], axis=1)
        signature[rows, cols] = original[rows, first]


def _mark_unicode_separators(buffer: npt.NDArray[np.uint8], is_word: npt.NDArray[np.bool_]) -> None:
    """Mark General Punctuation (E2 80/81 xx), U+00A0 and guillemets (C2 A0/AB/BB) as separators."""
    import numpy as np  # noqa: PLC0415

    if len(buffer) < 2:  # noqa: PLR2004 - a two-byte sequence needs two bytes
        return
    lead = np.flatnonzero(buffer[:-1] >= _LEAD_C2)
    if len(lead) == 0:
        return
    second = buffer[lead + 1]
    first = buffer[lead]
    three = lead[(first == _LEAD_E2) & np.isin(second, _E2_SEPARATORS)]
    two = lead[(first == _LEAD_C2) & np.isin(second, _C2_SEPARATORS)]
    for width, where in ((3, three), (2, two)):
        for offset in range(width):
            is_word[np.minimum(where + offset, len(buffer) - 1)] = False


def estimated_similarity(
    first: npt.NDArray[np.uint32], second: npt.NDArray[np.uint32]
) -> npt.NDArray[np.float64]:
    """The estimated Jaccard similarity of signature rows: the share of equal positions."""
    import numpy as np  # noqa: PLC0415

    result: npt.NDArray[np.float64] = np.count_nonzero(first == second, axis=-1) / first.shape[-1]
    return result
