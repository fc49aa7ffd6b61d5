"""Tests for corpuskit.dedupe.minhash: words, shingles and signatures."""

from __future__ import annotations

import random
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit.dedupe.minhash import EMPTY, MinHasher, estimated_similarity

# The word rule of the module docstring, written as a regular expression.
WORD = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0\u00ab\u00bb\u2000-\u206f]+")


def python_shingles(text: str, n: int) -> set[str]:
    """The word n-grams of the documented rule, in plain Python."""
    words = WORD.findall(text.lower())
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


texts = st.text(alphabet=st.sampled_from("ab cd,.\n\u201c\u201d\u2014\u00e9\u00a0!x1"), max_size=80)


@given(st.lists(texts, min_size=1, max_size=6), st.integers(1, 4))
@settings(max_examples=60)
def test_shingles_match_the_word_rule(batch, n):
    """Each text has as many distinct shingle hashes as the word rule gives distinct shingles."""
    hashes, owner = MinHasher(ngram=n).shingle_hashes(batch)
    expected = [len(python_shingles(text, n)) for text in batch]
    actual = [len(set(hashes[owner == index].tolist())) for index in range(len(batch))]
    assert expected == actual


@given(st.lists(texts, min_size=1, max_size=5))
@settings(max_examples=40)
def test_signatures_do_not_depend_on_the_batch(batch):
    """A text's signature is the same alone and inside any batch."""
    hasher = MinHasher(num_perm=32)
    together = hasher.signatures(batch)
    alone = np.stack([hasher.signatures([text])[0] for text in batch])
    assert alone.tolist() == together.tolist()


def test_same_settings_give_the_same_signatures():
    """Two hashers with the same settings agree; another seed does not."""
    text = ["The quick brown fox jumps over the lazy dog while the cat sleeps."]
    first = MinHasher(seed=7).signatures(text)
    assert first.tolist() == MinHasher(seed=7).signatures(text).tolist()
    assert first.tolist() != MinHasher(seed=8).signatures(text).tolist()


def test_a_text_without_words_has_an_empty_signature():
    """Punctuation and spaces only: every position is EMPTY."""
    signature = MinHasher(num_perm=16).signatures(["  ... \u2014 !! "])
    assert [EMPTY] * 16 == signature[0].tolist()


def test_case_and_curly_quotes_do_not_change_the_signature():
    """Lower-casing and quote marks around words are not part of the words."""
    hasher = MinHasher(num_perm=64, ngram=3)
    plain = hasher.signatures(['he said "we must act now" today'])
    curly = hasher.signatures(["He said \u201cwe must act now\u201d today"])
    assert plain.tolist() == curly.tolist()


def test_estimate_follows_the_true_jaccard():
    """Over many edited pairs, the estimate's mean error is small and its spread is MinHash's."""
    rng = random.Random(3)  # noqa: S311 - seeded test data
    vocabulary = [f"w{i}" for i in range(3000)]
    hasher = MinHasher()
    errors = []
    for _ in range(150):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(80, 400))]
        edited = list(words)
        for _ in range(rng.randint(0, 30)):
            edited[rng.randrange(len(edited))] = rng.choice(vocabulary)
        a, b = " ".join(words), " ".join(edited)
        sa, sb = python_shingles(a, 5), python_shingles(b, 5)
        signatures = hasher.signatures([a, b])
        errors.append(
            float(estimated_similarity(signatures[0], signatures[1])) - len(sa & sb) / len(sa | sb)
        )
    assert abs(float(np.mean(errors))) < 0.01
    assert float(np.std(errors)) < 0.05
