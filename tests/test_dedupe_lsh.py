"""Tests for corpuskit.dedupe.lsh: banding, candidate pairs and verification."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.dedupe.lsh import band_keys, candidate_pairs, choose_bands, verified_pairs
from corpuskit.errors import ConfigError


def test_choose_bands_agrees_with_datasketch_at_its_weights():
    """With datasketch's weights the choice is datasketch's own."""
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold, num_perm in ((0.8, 128), (0.5, 64), (0.9, 256)):
        expected = lsh._optimal_param(threshold, num_perm, 0.5, 0.5)
        assert expected == choose_bands(
            threshold, num_perm, false_positive_weight=0.5, false_negative_weight=0.5
        )


def test_default_banding_favours_recall():
    """The default weights pick more bands than the balanced ones (candidates are verified anyway)."""
    assert (
        choose_bands(0.8, 128)[0]
        > choose_bands(0.8, 128, false_positive_weight=0.5, false_negative_weight=0.5)[0]
    )


def test_a_bad_threshold_is_a_config_error():
    """A threshold outside (0, 1] is refused."""
    with pytest.raises(ConfigError, match="threshold"):
        choose_bands(1.5, 128)


signatures = st.integers(2, 12).flatmap(
    lambda rows: st.lists(
        st.lists(st.integers(0, 2), min_size=8, max_size=8), min_size=rows, max_size=rows
    )
)


@given(signatures, st.sampled_from([(1, 8), (2, 4), (4, 2), (8, 1), (3, 2)]))
@settings(max_examples=80)
def test_candidates_are_exactly_the_rows_sharing_a_band(rows, banding):
    """candidate_pairs returns every pair that agrees on a whole band, and no other."""
    array = np.array(rows, dtype=np.uint32)
    bands, width = banding
    expected = sorted(
        (i, j)
        for i, j in itertools.combinations(range(len(rows)), 2)
        if any(
            rows[i][b * width : (b + 1) * width] == rows[j][b * width : (b + 1) * width]
            for b in range(bands)
        )
    )
    actual = [tuple(pair) for pair in candidate_pairs(band_keys(array, bands, width)).tolist()]
    assert expected == actual


def test_min_second_keeps_only_pairs_with_a_new_row():
    """Pairs whose second row is below min_second are left out."""
    array = np.zeros((4, 4), dtype=np.uint32)
    pairs = candidate_pairs(band_keys(array, 2, 2), min_second=3)
    assert [[0, 3], [1, 3], [2, 3]] == pairs.tolist()


def test_verification_keeps_pairs_at_or_above_the_threshold():
    """A pair agreeing on 4 of 5 positions passes at 0.8, one agreeing on 3 does not."""
    array = np.array([[1, 2, 3, 4, 5], [1, 2, 3, 4, 9], [1, 2, 3, 8, 9]], dtype=np.uint32)
    pairs, scores = verified_pairs(array, np.array([[0, 1], [0, 2]]), 0.8)
    assert [[0, 1]] == pairs.tolist()
    assert [0.8] == scores.tolist()
