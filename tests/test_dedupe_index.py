"""Tests for corpuskit.dedupe.index: incremental dedupe and crash safety."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpuskit
from corpuskit import Article, DedupeIndex, DedupeSettings
from corpuskit.errors import ConfigError

WORDS = [f"w{i}" for i in range(300)]


def corpus(size: int, seed: int) -> list[Article]:
    """Stories with exact and edited copies spread over the list, dated in random order."""
    rng = random.Random(seed)  # noqa: S311 - seeded test data
    stories = [" ".join(rng.choice(WORDS) for _ in range(80)) for _ in range(max(1, size // 3))]
    articles = []
    for number in range(size):
        words = rng.choice(stories).split()
        for _ in range(rng.choice([0, 0, 2, 5])):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        articles.append(
            Article(
                id=f"a{number}", text=" ".join(words), date=dt.date(2020, 1, rng.randint(1, 28))
            )
        )
    return articles


def outcome(
    run: corpuskit.DedupeRun,
) -> tuple[list[str], list[tuple[str, str, str | None, float | None]]]:
    """The kept ids and each drop as (id, reason, kept id, similarity)."""
    kept = [article.id for article in run]
    drops = [(drop.article.id, drop.reason, drop.kept_id, drop.similarity) for drop in run.drops]
    return kept, drops


@given(
    st.integers(2, 40),
    st.integers(0, 1000),
    st.data(),
    st.sampled_from(["exact", "near"]),
    st.sampled_from(["earliest", "longest", "first"]),
)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_batch_b_against_the_index_of_a_equals_one_run_over_a_and_b(  # noqa: PLR0917 - Hypothesis passes drawn values
    tmp_path_factory, size, seed, data, method, keep
):
    """Deduping B against A's saved index gives B exactly what one run over A then B gives."""
    articles = corpus(size, seed)
    split = data.draw(st.integers(1, size - 1))
    a, b = articles[:split], articles[split:]
    one_run = corpuskit.dedupe(a + b, method=method, keep=keep)
    kept_all, drops_all = outcome(one_run)
    b_ids = {article.id for article in b}
    expected = ([i for i in kept_all if i in b_ids], [d for d in drops_all if d[0] in b_ids])
    path = tmp_path_factory.mktemp("index") / "index.db"
    settings_ = DedupeSettings(method=method)
    with DedupeIndex.open(path, settings_) as index:
        list(corpuskit.dedupe(a, method=method, keep=keep, index=index))
    with DedupeIndex.open(path) as index:
        assert expected == outcome(corpuskit.dedupe(b, method=method, keep=keep, index=index))
        assert size == len(index)


@given(st.integers(3, 40), st.integers(0, 1000), st.data(), st.sampled_from(["exact", "near"]))
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_three_batches_through_the_index_equal_one_run(tmp_path_factory, size, seed, data, method):
    """A, then B, then C through the index: C gets what one run over A, B and C gives it."""
    articles = corpus(size, seed)
    first = data.draw(st.integers(1, size - 2))
    second = data.draw(st.integers(first + 1, size - 1))
    kept_all, drops_all = outcome(corpuskit.dedupe(articles, method=method))
    c_ids = {article.id for article in articles[second:]}
    expected = ([i for i in kept_all if i in c_ids], [d for d in drops_all if d[0] in c_ids])
    path = tmp_path_factory.mktemp("index") / "index.db"
    with DedupeIndex.open(path, DedupeSettings(method=method)) as index:
        list(corpuskit.dedupe(articles[:first], method=method, index=index))
        list(corpuskit.dedupe(articles[first:second], method=method, index=index))
        assert expected == outcome(corpuskit.dedupe(articles[second:], method=method, index=index))


def test_an_index_article_beaten_by_a_new_one_is_reported_as_superseded(tmp_path):
    """An earlier-dated copy arriving later wins, and the old survivor is listed."""
    text = " ".join(WORDS[:50])
    with DedupeIndex.open(tmp_path / "i.db") as index:
        list(
            corpuskit.dedupe([Article(id="old", text=text, date=dt.date(2020, 5, 1))], index=index)
        )
        run = corpuskit.dedupe(
            [Article(id="new", text=text, date=dt.date(2020, 1, 1))], index=index
        )
        assert ["new"] == [article.id for article in run]
        assert [("old", "new")] == [(member.id, kept.id) for member, kept in run.superseded]


def test_other_settings_than_the_index_are_refused(tmp_path):
    """An index keeps its settings: opening or using it with others is a ConfigError."""
    DedupeIndex.open(tmp_path / "i.db", DedupeSettings(num_perm=64)).close()
    with pytest.raises(ConfigError, match="other settings"):
        DedupeIndex.open(tmp_path / "i.db", DedupeSettings(num_perm=128))
    with (
        DedupeIndex.open(tmp_path / "i.db") as index,
        pytest.raises(ConfigError, match="other settings"),
    ):
        corpuskit.dedupe([], num_perm=128, index=index)


def test_a_file_that_is_not_an_index_is_refused(tmp_path):
    """A random file is not taken for an index."""
    path = tmp_path / "x.db"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(corpuskit.DedupeIndexError, match="not a corpuskit dedupe index"):
        DedupeIndex.open(path)


def test_an_exception_mid_append_leaves_the_index_as_it_was(tmp_path, monkeypatch):
    """A failure after the batch row is written rolls the whole append back."""
    path = tmp_path / "i.db"
    with DedupeIndex.open(path) as index:
        list(corpuskit.dedupe(corpus(10, 1), index=index))

    def explode(self, rows):
        raise OSError("disk full")

    monkeypatch.setattr(DedupeIndex, "_write_roots", explode)
    with DedupeIndex.open(path) as index, pytest.raises(OSError, match="disk full"):
        list(corpuskit.dedupe(corpus(10, 2), index=index))
    with DedupeIndex.open(path) as index:
        assert {"integrity": "ok", "articles": 10} == index.check()


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from test_dedupe_index import corpus
    import corpuskit
    from corpuskit import DedupeIndex

    def die(self, rows):
        self._connection.executemany("INSERT OR REPLACE INTO roots VALUES (?, ?)", rows)
        os.kill(os.getpid(), signal.SIGKILL)

    DedupeIndex._write_roots = die
    with DedupeIndex.open({path!r}) as index:
        list(corpuskit.dedupe(corpus(30, 2), index=index))
    """
)


def test_a_process_killed_mid_append_leaves_a_readable_index(tmp_path):
    """SIGKILL between the writes of one append: on reopening, the index is whole and unchanged."""
    path = tmp_path / "i.db"
    with DedupeIndex.open(path) as index:
        list(corpuskit.dedupe(corpus(20, 1), index=index))
        before = index.records()
    script = KILLER.format(tests=str(__import__("pathlib").Path(__file__).parent), path=str(path))
    result = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True)
    assert -9 == result.returncode
    with DedupeIndex.open(path) as index:
        after = index.records()
        assert {"integrity": "ok", "articles": 20} == index.check()
    assert before.ids == after.ids
    assert before.signatures.tolist() == after.signatures.tolist()
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM batches").fetchone() == (1,)
