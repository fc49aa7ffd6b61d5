"""Locality-sensitive hashing of MinHash signatures: banding, candidate pairs, verification.

A signature of ``num_perm`` values is cut into ``bands`` bands of ``rows`` values;
each band becomes one 64-bit integer key, and two signatures that share a key in
any band are a candidate pair.
Candidates are found by sorting each band's keys (no Python dictionary per
article), then verified by their estimated Jaccard similarity.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from corpuskit.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["band_keys", "candidate_pairs", "choose_bands", "verified_pairs"]

_INTEGRATION_STEPS = 200
_PAIR_CHUNK = 1 << 16


def _integrate(function: object, low: float, high: float) -> float:
    """Simpson's rule with a fixed number of steps (deterministic, no scipy)."""
    steps = _INTEGRATION_STEPS
    width = (high - low) / steps
    if width == 0:
        return 0.0
    f = function  # a callable float -> float
    total = f(low) + f(high)  # type: ignore[operator]
    for step in range(1, steps):
        total += (4 if step % 2 else 2) * f(low + step * width)  # type: ignore[operator]
    return float(total * width / 3)


@lru_cache(maxsize=64)
def choose_bands(
    threshold: float,
    num_perm: int,
    *,
    false_positive_weight: float = 0.1,
    false_negative_weight: float = 0.9,
) -> tuple[int, int]:
    """The ``(bands, rows)`` with ``bands * rows <= num_perm`` that minimise weighted error.

    The false-positive probability is the area under the S-curve
    ``1 - (1 - s**rows)**bands`` below ``threshold``; the false-negative probability
    is the area above the curve from ``threshold`` to 1.
    This is the criterion datasketch's ``MinHashLSH`` uses; its weights are 0.5 and 0.5.
    Here every candidate is verified by its estimated similarity, so a false
    positive costs one comparison while a false negative loses a duplicate: the
    default weights favour recall.
    """
    if not 0.0 < threshold <= 1.0:
        raise ConfigError(f"threshold must be in (0, 1], got {threshold}")
    best = (math.inf, 1, 1)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):

            def curve(s: float, rows: int = rows, bands: int = bands) -> float:
                return float(1.0 - (1.0 - s**rows) ** bands)

            false_positive = _integrate(curve, 0.0, threshold)
            false_negative = _integrate(lambda s, c=curve: 1.0 - c(s), threshold, 1.0)
            error = false_positive * false_positive_weight + false_negative * false_negative_weight
            if error < best[0]:
                best = (error, bands, rows)
    return best[1], best[2]


def band_keys(signatures: npt.NDArray[np.uint32], bands: int, rows: int) -> npt.NDArray[np.uint64]:
    """One 64-bit key per band and signature: an array of shape ``(len(signatures), bands)``."""
    import numpy as np  # noqa: PLC0415

    from corpuskit.dedupe.minhash import mix64  # noqa: PLC0415

    if bands * rows > signatures.shape[1]:
        raise ConfigError(
            f"bands x rows ({bands} x {rows}) exceeds the signature length {signatures.shape[1]}"
        )
    keys = np.zeros((signatures.shape[0], bands), dtype=np.uint64)
    for band in range(bands):
        key = np.full(signatures.shape[0], band + 1, dtype=np.uint64)
        for column in range(band * rows, (band + 1) * rows):
            key = mix64(key ^ signatures[:, column].astype(np.uint64))
        keys[:, band] = key
    return keys


def candidate_pairs(keys: npt.NDArray[np.uint64], *, min_second: int = 0) -> npt.NDArray[np.int64]:
    """Every pair ``(i, j)``, ``i < j``, of rows sharing a key in some band, once, sorted.

    Only pairs with ``j >= min_second`` are returned (for deduping new rows against old).
    """
    import numpy as np  # noqa: PLC0415

    found: list[npt.NDArray[np.int64]] = []
    count = np.int64(len(keys))
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        same = ordered[1:] == ordered[:-1]
        if not same.any():
            continue
        # Label each run of equal keys, then pair each position with the next ones in its run.
        run = np.concatenate(([0], np.cumsum(~same)))
        positions = np.flatnonzero(
            np.concatenate((same, [False])) | np.concatenate(([False], same))
        )
        distance = 1
        while len(positions):
            partner = positions + distance
            inside = partner < len(order)
            positions, partner = positions[inside], partner[inside]
            match = run[positions] == run[partner]
            positions, partner = positions[match], partner[match]
            if len(positions) == 0:
                break
            first, second = order[positions], order[partner]
            low, high = np.minimum(first, second), np.maximum(first, second)
            keep = high >= min_second
            # One int64 per pair (low * rows + high): cheap to sort and deduplicate.
            found.append(low[keep] * count + high[keep])
            distance += 1
        # Pairs recur in many bands: deduplicate after each band to bound memory.
        found = [np.unique(np.concatenate(found))] if found else []
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // count, codes % count), axis=1).astype(np.int64)


def verified_pairs(
    signatures: npt.NDArray[np.uint32], pairs: npt.NDArray[np.int64], threshold: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The pairs whose estimated Jaccard similarity reaches ``threshold``, with it."""
    import numpy as np  # noqa: PLC0415

    from corpuskit.dedupe.minhash import estimated_similarity  # noqa: PLC0415

    kept: list[npt.NDArray[np.int64]] = []
    scores: list[npt.NDArray[np.float64]] = []
    for begin in range(0, len(pairs), _PAIR_CHUNK):
        chunk = pairs[begin : begin + _PAIR_CHUNK]
        similarity = estimated_similarity(signatures[chunk[:, 0]], signatures[chunk[:, 1]])
        # Compare counts, not floats: a similarity is a whole number of positions.
        enough = similarity * signatures.shape[1] >= math.ceil(
            threshold * signatures.shape[1] - 1e-9
        )
        kept.append(chunk[enough])
        scores.append(similarity[enough])
    if not kept:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.float64)
    return np.concatenate(kept), np.concatenate(scores)
