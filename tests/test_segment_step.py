"""Tests for corpuskit.segment.step."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpuskit import Article
from corpuskit.segment.step import segment_article


def test_spans_in_meta():
    """Paragraph and sentence spans and the language go to meta; the rest is unchanged."""
    article = Article.create(text="One. Two.\n\nThree.", meta={"keep": 1})
    result = segment_article(article)
    assert [[0, 9], [11, 17]] == result.meta.to_dict()["paragraphs"]
    assert [[0, 4], [5, 9], [11, 17]] == result.meta.to_dict()["sentences"]
    assert "en" == result.meta["segment_language"]
    assert 1 == result.meta["keep"]
    assert article.text == result.text


def test_language_from_article():
    """The Article's language is used when registered, English otherwise."""
    german = Article.create(text="Am 3. Mai kam er.", language="de")
    french = Article.create(text="Bonjour.", language="fr")
    assert ("de", [[0, 17]]) == (
        segment_article(german).meta["segment_language"],
        segment_article(german).meta.to_dict()["sentences"],
    )
    assert "en" == segment_article(french).meta["segment_language"]
    austrian = Article.create(text="Am 3. Mai.", language="de-AT")
    assert "de" == segment_article(austrian).meta["segment_language"]


@given(st.text(max_size=60))
def test_step_round_trips(text):
    """The segmented Article survives to_dict/from_dict."""
    result = segment_article(Article.create(text=text))
    assert result == Article.from_dict(result.to_dict())
