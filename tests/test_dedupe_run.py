"""Tests for corpuskit.dedupe.run: find_duplicates, dedupe, keep policies and explanations."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpuskit
from corpuskit import Article, find_duplicates
from corpuskit.dedupe.minhash import EMPTY, MinHasher, estimated_similarity
from corpuskit.errors import ConfigError

WORDS = [f"word{i}" for i in range(400)]


def story(seed: int, length: int = 60) -> str:
    """``length`` words drawn with ``seed``."""
    rng = random.Random(seed)  # noqa: S311 - seeded test data
    return " ".join(rng.choice(WORDS) for _ in range(length))


def edited(text: str, seed: int, edits: int) -> str:
    """``text`` with ``edits`` words replaced."""
    rng = random.Random(seed)  # noqa: S311 - seeded test data
    words = text.split()
    for _ in range(edits):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def make(article_id: str, text: str, day: int | None = None) -> Article:
    """An article dated in January 2020 (or undated)."""
    return Article(id=article_id, text=text, date=None if day is None else dt.date(2020, 1, day))


BASE = story(1, 200)
CORPUS = [
    make("late", BASE, day=9),
    make("copy", BASE.upper() + " !", day=5),
    make("near", edited(BASE, 2, 3), day=7),
    make("other", story(3, 200), day=1),
    make("empty", "", day=2),
]


def test_find_duplicates_names_the_kept_article_and_each_member():
    """The earliest member is kept; the copy is exact, the edited one near with its similarity."""
    [cluster] = find_duplicates(CORPUS)
    assert "copy" == cluster.kept_id
    assert [("late", "exact", 1.0), ("near", "near")] == [
        (m.id, m.kind, m.similarity) if m.kind == "exact" else (m.id, m.kind)
        for m in cluster.dropped
    ]
    assert 0.8 <= cluster.dropped[1].similarity < 1.0


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        ("earliest", "copy"),
        ("first", "late"),
        ("longest", "copy"),
        (lambda article: article.id, "copy"),
    ],
)
def test_keep_policies_pick_the_survivor(keep, expected):
    """Each keep policy picks its member; a callable key keeps the smallest."""
    [cluster] = find_duplicates(CORPUS, keep=keep)
    assert expected == cluster.kept_id


def test_earliest_breaks_date_ties_by_id_then_input_order():
    """Same date: the smaller id wins; same id too: the first in the input."""
    articles = [make("b", BASE, day=3), make("a", BASE, day=3), make("a", BASE, day=3)]
    [cluster] = find_duplicates(articles)
    assert ("a", 1) == (cluster.kept.id, cluster.kept.position)


def test_exact_method_ignores_near_copies():
    """method='exact' clusters only texts with the same normalized key."""
    [cluster] = find_duplicates(CORPUS, method="exact")
    assert ["late"] == [member.id for member in cluster.dropped]


def test_dedupe_yields_kept_articles_and_explains_each_drop():
    """The drops carry reason, kept id and similarity; the rest come out in input order."""
    run = corpuskit.dedupe(CORPUS)
    assert ["copy", "other", "empty"] == [article.id for article in run]
    assert [("late", "exact-duplicate", "copy", 1.0), ("near", "near-duplicate", "copy")] == [
        (d.article.id, d.reason, d.kept_id, d.similarity)
        if d.reason.startswith("exact")
        else (d.article.id, d.reason, d.kept_id)
        for d in run.drops
    ]
    assert {"exact-duplicate": 1, "near-duplicate": 1} == dict(run.dropped)


def test_dedupe_of_a_one_shot_iterator_equals_dedupe_of_a_list():
    """An iterator is spooled to disk for the second pass: same result as a list."""
    from_list = [article.id for article in corpuskit.dedupe(CORPUS)]
    from_iterator = [article.id for article in corpuskit.dedupe(iter(CORPUS))]
    assert from_list == from_iterator


def test_on_drop_receives_the_drops_instead_of_the_run():
    """With on_drop, drops are handed over and not kept in memory."""
    seen: list[str] = []
    run = corpuskit.dedupe(CORPUS, on_drop=lambda drop: seen.append(drop.article.id))
    list(run)
    assert (["late", "near"], []) == (seen, run.drops)


def test_bad_options_are_config_errors():
    """An unknown policy or method is refused with a ConfigError."""
    with pytest.raises(ConfigError, match="keep"):
        find_duplicates(CORPUS, keep="newest")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="method"):
        find_duplicates(CORPUS, method="fuzzy")  # type: ignore[arg-type]


def test_same_input_and_settings_give_the_same_clusters():
    """Two runs agree exactly."""
    assert find_duplicates(CORPUS) == find_duplicates(CORPUS)


# --- properties ------------------------------------------------------------------------------


@st.composite
def corpora(draw: st.DrawFn) -> list[Article]:
    """Articles drawn from a few stories: copies, copies with edits, changed case, and empty ones."""
    stories = draw(st.lists(st.integers(0, 50), min_size=1, max_size=4))
    articles = []
    for number in range(draw(st.integers(1, 14))):
        seed = draw(st.sampled_from(stories))
        text = story(seed, draw(st.integers(3, 60)))
        kind = draw(st.sampled_from(["same", "edit", "upper", "empty"]))
        if kind == "edit":
            text = edited(text, number, draw(st.integers(1, 4)))
        elif kind == "upper":
            text = text.upper()
        elif kind == "empty":
            text = draw(st.sampled_from(["", "  ", "..."]))
        day = draw(st.none() | st.integers(1, 28))
        articles.append(make(f"id{draw(st.integers(0, 5))}", text, day))
    return articles


@given(corpora(), st.sampled_from(["earliest", "longest", "first"]))
@settings(max_examples=50)
def test_exact_dedupe_is_idempotent(articles, keep):
    """Deduping the output of exact dedupe changes nothing."""
    once = list(corpuskit.dedupe(articles, method="exact", keep=keep))
    twice = list(corpuskit.dedupe(once, method="exact", keep=keep))
    assert once == twice


@given(
    corpora(), st.sampled_from(["exact", "near"]), st.sampled_from(["earliest", "longest", "first"])
)
@settings(max_examples=50)
def test_every_article_is_kept_or_dropped_with_a_reason(articles, method, keep):
    """Kept plus dropped is the input, each drop names its reason and a kept article."""
    run = corpuskit.dedupe(articles, method=method, keep=keep)
    kept = list(run)
    kept_positions = {id(article) for article in kept}
    assert len(articles) == run.read == len(kept) + len(run.drops)
    assert all(drop.reason in {"exact-duplicate", "near-duplicate"} for drop in run.drops)
    assert all(any(article.id == drop.kept_id for article in kept) for drop in run.drops)
    assert all(id(drop.article) not in kept_positions for drop in run.drops)


@given(corpora())
@settings(max_examples=50)
def test_no_two_kept_articles_reach_the_threshold(articles):
    """With bands > num_perm - ceil(threshold * num_perm), no kept pair reaches the threshold.

    128 positions at 0.8 allow 25 differences, so 26 bands of 4 rows cannot all hold one.
    """
    kept = list(corpuskit.dedupe(articles, threshold=0.8, bands=26, rows=4))
    signatures = MinHasher().signatures([article.text for article in kept])
    for first, second in itertools.combinations(range(len(kept)), 2):
        if signatures[first][0] == EMPTY or signatures[second][0] == EMPTY:
            continue
        assert float(estimated_similarity(signatures[first], signatures[second])) < 0.8


def test_with_default_banding_kept_pairs_stay_below_the_threshold_on_a_generated_corpus():
    """Default banding: on 300 edited copies no kept pair reaches the threshold."""
    articles = [make(f"a{n}", edited(story(n % 40, 120), n, n % 7)) for n in range(300)]
    kept = list(corpuskit.dedupe(articles))
    signatures = MinHasher().signatures([article.text for article in kept])
    similar = signatures[:, None, :] == signatures[None, :, :]
    scores = similar.mean(axis=2) - np.eye(len(kept))
    assert float(scores.max()) < 0.8


def test_importing_corpuskit_does_not_import_numpy():
    """Importing the package leaves numpy for the first dedupe run."""
    code = "import sys, corpuskit; print('numpy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    assert "False" == result.stdout.strip()
