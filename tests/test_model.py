import datetime as dt
import json
import pickle

import attrs
import pytest
from hypothesis import given

from corpuskit.model import Article, Drop, Failure, FrozenMap, SourceRef, content_id
from strategies_local import full_articles


def test_article_is_frozen():
    """Assigning to a field of an Article raises."""
    article = Article.create(title="t", text="x")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.title = "other"  # type: ignore[misc]


def test_create_derives_a_stable_id():
    """The derived id is the same for the same content and pinned across versions."""
    first = Article.create(title="Title", text="Body.", date_raw="2021-10-15")
    second = Article.create(title="Title", text="Body.", date_raw="2021-10-15")
    assert first.id == second.id
    assert content_id("Title", "Body.", "2021-10-15") == first.id
    assert "128c2b4ff81dc067" == first.id  # pinned: ids must not change between releases


def test_id_changes_with_content():
    """A different title, date or text gives a different id."""
    base = content_id("t", "x", "d")
    assert (
        len(
            {
                base,
                content_id("t2", "x", "d"),
                content_id("t", "x2", "d"),
                content_id("t", "x", "d2"),
            }
        )
        == 4
    )


@given(full_articles())
def test_to_dict_round_trips_through_json(article):
    """to_dict -> JSON -> from_dict gives an equal Article, with an equal dict."""
    data = json.loads(json.dumps(article.to_dict()))
    back = Article.from_dict(data)
    assert article == back
    assert article.to_dict() == back.to_dict()


def test_source_round_trips_with_origin():
    """A SourceRef chain survives to_dict/from_dict and root finds the first provenance."""
    first = SourceRef(path="a.txt", line=3, byte_offset=10, format="dateheader")
    second = SourceRef(path="b.jsonl", line=1, byte_offset=0, format="jsonl", origin=first)
    article = Article.create(title="t", source=second)
    back = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert second == back.source
    assert first == back.source.root


def test_source_is_not_part_of_equality():
    """Two Articles that differ only in where they were read compare equal."""
    one = Article.create(title="t", source=SourceRef(path="a"))
    two = attrs.evolve(one, source=SourceRef(path="b"))
    assert one == two
    assert hash(one) == hash(two)


def test_datetime_keeps_precision_and_zone():
    """A date stays a date; an aware datetime keeps its offset through to_dict."""
    zone = dt.timezone(dt.timedelta(hours=-4))
    for value in (dt.date(2021, 10, 15), dt.datetime(2021, 10, 15, 3, 4, 5, 6, tzinfo=zone)):
        back = Article.from_dict(Article.create(date=value).to_dict())
        assert value == back.date
        assert type(value) is type(back.date)
        if isinstance(value, dt.datetime):
            assert value.utcoffset() == back.date.utcoffset()  # type: ignore[union-attr]


def test_meta_is_read_only_and_deeply_frozen():
    """Meta cannot be changed, nor can the lists and dicts inside it."""
    article = Article.create(meta={"tags": ["a", "b"], "nested": {"k": 1}})
    with pytest.raises(TypeError):
        article.meta["x"] = 1  # type: ignore[index]
    assert ("a", "b") == article.meta["tags"]
    assert isinstance(article.meta["nested"], FrozenMap)
    assert {"tags": ["a", "b"], "nested": {"k": 1}} == article.meta.to_dict()


def test_meta_refuses_values_json_cannot_hold():
    """A non-JSON meta value is refused when the Article is built."""
    with pytest.raises(TypeError, match="JSON"):
        Article.create(meta={"when": dt.date(2020, 1, 1)})


def test_articles_pickle():
    """Articles (with meta and source) survive pickling, as worker processes need."""
    article = Article.create(
        title="t", meta={"a": [1, {"b": None}]}, source=SourceRef(path="p", line=2)
    )
    back = pickle.loads(pickle.dumps(article))  # noqa: S301 - our own data
    assert article == back
    assert article.source == back.source


def test_from_dict_rejects_wrong_types():
    """A title that is not a string is refused with a TypeError naming the field."""
    with pytest.raises(TypeError, match="title"):
        Article.from_dict({"title": 3})


def test_failure_and_drop_describe_themselves():
    """Failure prints as path:line: message; Drop.to_dict names the article and reason."""
    failure = Failure(path="a.txt", line=4, message="bad")
    assert "a.txt:4: bad" == str(failure)
    article = Article.create(title="t", source=SourceRef(path="a.txt", line=1))
    drop = Drop(article=article, reason="exact-duplicate", kept_id="k", similarity=1.0)
    assert {
        "id": article.id,
        "source": "a.txt:1",
        "reason": "exact-duplicate",
        "detail": "",
        "step": None,
        "kept_id": "k",
        "similarity": 1.0,
    } == drop.to_dict()
