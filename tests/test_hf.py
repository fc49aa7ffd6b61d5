"""Tests for corpuskit.hf: Hugging Face datasets in and out through Arrow."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpuskit
from corpuskit import Article
from corpuskit.errors import ConfigError, ParseError, SourceError
from strategies_local import same_sources, sourced_articles

datasets = pytest.importorskip("datasets")


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sourced_articles(), max_size=5))
def test_hf_round_trip_is_lossless(articles):
    """Articles -> datasets.Dataset -> Articles gives equal Articles with equal provenance."""
    back = list(corpuskit.from_hf(corpuskit.to_hf(articles), batch_size=2))
    assert articles == back
    assert same_sources(articles, back)


def test_to_hf_holds_the_arrow_table():
    """The Dataset's data is the Arrow table to_arrow builds (no per-row conversion)."""
    articles = [Article.create(title=str(n), text="x" * n) for n in range(5)]
    dataset = corpuskit.to_hf(articles)
    assert corpuskit.to_arrow(articles).to_pydict() == dataset.data.table.to_pydict()


def test_saved_dataset_reads_back(tmp_path):
    """A dataset written with save_to_disk reads back from its folder."""
    articles = [Article.create(title=str(n), text="body", authors=["x"]) for n in range(4)]
    corpuskit.to_hf(articles).save_to_disk(str(tmp_path / "saved"))
    assert articles == list(corpuskit.from_hf(tmp_path / "saved"))


def test_dataset_order_after_select_is_kept():
    """Rows come in the dataset's order after select, not the order of the underlying table."""
    articles = [Article.create(text=str(n)) for n in range(6)]
    dataset = corpuskit.to_hf(articles).select([4, 0, 2])
    assert [articles[4], articles[0], articles[2]] == list(corpuskit.from_hf(dataset))


def test_foreign_dataset_reads_through_a_column_mapping():
    """A dataset with other column names maps them; other columns go to meta."""
    dataset = datasets.Dataset.from_dict(
        {"content": ["one", "two"], "label": [0, 1], "published": ["2024-01-02", None]}
    )
    first, second = corpuskit.from_hf(dataset, columns="text=content,date=published")
    assert ("one", {"label": 0}, "2024-01-02") == (first.text, dict(first.meta), first.date_raw)
    assert ("two", None) == (second.text, second.date)


def test_dataset_dict_needs_a_split(tmp_path):
    """A DatasetDict with several splits needs split=NAME; with it, that split is read."""
    train = corpuskit.to_hf([Article.create(text="train")])
    test = corpuskit.to_hf([Article.create(text="test")])
    saved = tmp_path / "dict"
    datasets.DatasetDict({"train": train, "test": test}).save_to_disk(str(saved))
    with pytest.raises(ConfigError, match="the splits are"):
        list(corpuskit.from_hf(saved))
    assert ["test"] == [a.text for a in corpuskit.from_hf(saved, split="test")]


def test_missing_folder_is_a_source_error(tmp_path):
    """A folder that does not exist raises SourceError naming it."""
    with pytest.raises(SourceError, match="no such directory"):
        list(corpuskit.from_hf(tmp_path / "nothing"))


def test_bad_row_names_its_row():
    """A row that is not an Article raises ParseError with its 1-based row number."""
    dataset = datasets.Dataset.from_dict({"text": ["a", "b"], "date": ["2024-01-01", "soon"]})
    with pytest.raises(ParseError, match=r"^<dataset>:2: "):
        list(corpuskit.from_hf(dataset))
