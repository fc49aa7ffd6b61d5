"""Tests of corpuskit_html.extract."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from corpuskit import Article, SourceRef
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit_html.extract import extract_article, page_text
from html_pages import PARAGRAPHS, article_page

HEAD = (
    '<link rel="canonical" href="https://gazette.example/news/pier">'
    '<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">'
)


def test_fields_of_an_article_page() -> None:
    """Title, paragraphs, date, author, language and canonical URL come out of one page."""
    article = extract_article(article_page(head=HEAD).encode(), url="https://gazette.example/?id=7")
    actual = (
        article.title,
        article.text,
        article.date,
        article.date_raw,
        article.authors,
        article.language,
        article.url,
        article.meta["date_source"],
    )
    expected = (
        "Council votes to rebuild the harbour pier",
        "\n\n".join(PARAGRAPHS),
        dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.timezone.utc),
        "2024-03-05T09:30:00+00:00",
        ("Ann Example",),
        "en",
        "https://gazette.example/news/pier",
        "meta[property=article:published_time]",
    )
    assert expected == actual


def test_header_charset_decodes_the_page() -> None:
    """A page in windows-1252 without a declaration reads right with the header's charset."""
    page = article_page(title="Café owners welcome the pier", charset="x-none")
    article = extract_article(page.encode("cp1252"), charset="windows-1252")
    assert ("Café owners welcome the pier", "cp1252") == (article.title, article.meta["charset"])


def test_source_and_meta_are_kept() -> None:
    """The given SourceRef and meta reach the Article."""
    ref = SourceRef(path="p.html", line=1, byte_offset=0, format="html")
    article = extract_article(
        article_page().encode(), source=ref, meta={"crawl_date": "2024-01-01"}
    )
    assert (ref, "2024-01-01") == (article.source, article.meta["crawl_date"])


def test_no_body_gives_empty_text() -> None:
    """A page without an article still gives an Article, with empty text."""
    article = extract_article(b"<html><head><title>Index</title></head><body></body></html>")
    assert ("Index", "") == (article.title, article.text)


def test_page_text_drops_a_repeated_title() -> None:
    """A first block equal to the title is dropped and blocks become paragraphs."""
    assert "One.\n\nTwo." == page_text("The  Title\nOne.\n\n  \nTwo.", "the title")


@settings(max_examples=40)
@given(st.binary(max_size=400))
def test_any_bytes_give_an_article(data: bytes) -> None:
    """Whatever the bytes, extraction returns an Article and raises nothing."""
    assert isinstance(extract_article(data), Article)


@settings(max_examples=30)
@given(st.text(alphabet=st.sampled_from("<>/ap=\"' &;!-\x00\x0c\u00e9\u4e2d"), max_size=200))
def test_tag_soup_gives_an_article(text: str) -> None:
    """Tag soup, control characters and stray entities never raise."""
    assert isinstance(extract_article(text.encode("utf-8", "surrogatepass")), Article)


@pytest.mark.usefixtures("shared_dir")
def test_every_shared_page_has_a_body(shared_dir: Path) -> None:
    """Each of the 181 benchmark pages gives an Article with a title and a body."""
    folder = shared_dir / "corpora" / "html-articles"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    empty = []
    for key, item in sorted(truth.items()):
        article = extract_article(
            gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()), url=item["url"]
        )
        if not (article.title and article.text):
            empty.append(key)
    assert (181, []) == (len(truth), empty)


def test_language_needs_a_language_tag() -> None:
    """A charset label in a language meta tag is not a language; a real tag is read."""
    wrong = article_page(lang="", head='<meta name="language" content="utf-8">')
    right = article_page(lang="", head='<meta http-equiv="content-language" content="pt-BR">')
    actual = (extract_article(wrong.encode()).language, extract_article(right.encode()).language)
    assert (None, "pt") == actual
