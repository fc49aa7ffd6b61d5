"""Tests for corpuskit.dedupe.boilerplate: recurring lines, paragraphs and sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuskit import Article, Drop, SourceRef, dedupe
from corpuskit.dedupe.boilerplate import BoilerplateStripper, default_source_key
from corpuskit.errors import ConfigError

TRAILER = "This is a condensed version of the information."


def article(number: int, text: str, path: str = "feed/a.txt") -> Article:
    """An article read from ``path`` as dateheader."""
    return Article(id=f"a{number}", text=text, source=SourceRef(path=path, format="dateheader"))


def strip_all(
    articles: list[Article], **options: object
) -> tuple[list[Article | Drop], BoilerplateStripper]:
    """Both passes of a stripper over ``articles``."""
    stripper = BoilerplateStripper(**options)  # type: ignore[arg-type]
    for item in articles:
        stripper.count(item)
    return [stripper.strip(item) for item in articles], stripper


def test_a_recurring_paragraph_is_removed_and_reported():
    """A trailer paragraph in k articles goes, with its count; unique paragraphs stay."""
    articles = [article(n, f"Story {n} is about something new.\n\n{TRAILER}") for n in range(3)]
    stripped, stripper = strip_all(articles, unit="paragraph", min_articles=3)
    assert [f"Story {n} is about something new." for n in range(3)] == [
        item.text for item in stripped
    ]  # type: ignore[union-attr]
    assert [(TRAILER, 3)] == [(found.text, found.count) for found in stripper.found]


def test_fewer_than_k_articles_is_not_boilerplate():
    """A paragraph in k - 1 articles stays."""
    articles = [article(n, f"Story {n}.\n\n{TRAILER}") for n in range(2)] + [article(9, "Other.")]
    stripped, stripper = strip_all(articles, unit="paragraph", min_articles=3)
    assert articles == stripped
    assert [] == stripper.found


def test_a_reuter_sign_off_line_is_removed():
    """The last line 'Reuter' of news bodies is boilerplate at line level."""
    articles = [article(n, f"Prices rose {n} pct.\nTraders said so.\n Reuter") for n in range(4)]
    stripped, _ = strip_all(articles, unit="line", min_articles=4)
    assert [f"Prices rose {n} pct." for n in range(4)] == [
        item.text.split("\n")[0] for item in stripped
    ]  # type: ignore[union-attr]
    assert all("Reuter" not in item.text for item in stripped)  # type: ignore[union-attr]


def test_an_article_of_boilerplate_only_is_dropped_with_that_reason():
    """Nothing left after stripping: a boilerplate-empty Drop."""
    articles = [article(n, f"Story {n}.\n\n{TRAILER}") for n in range(3)] + [article(7, TRAILER)]
    stripped, _ = strip_all(articles, unit="paragraph", min_articles=3)
    assert isinstance(stripped[-1], Drop)
    assert "boilerplate-empty" == stripped[-1].reason


def test_sources_count_separately():
    """The same paragraph in two sources does not add up across them."""
    articles = [article(n, f"S{n}.\n\n{TRAILER}", path=f"feed{n % 2}/x.txt") for n in range(4)]
    stripped, _ = strip_all(articles, unit="paragraph", min_articles=3)
    assert articles == stripped


def test_default_source_is_format_and_directory():
    """The default source key is the root provenance's format and directory."""
    assert "dateheader:feed" == default_source_key(article(1, "x", path="feed/a.txt"))
    assert "" == default_source_key(Article(id="x"))


def test_bad_options_are_config_errors():
    """Unknown units and k below 2 are refused."""
    with pytest.raises(ConfigError, match="unit"):
        BoilerplateStripper(unit="word")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="min_articles"):
        BoilerplateStripper(min_articles=1)


def test_a_recurring_sentence_is_removed_from_its_paragraph():
    """At sentence level the trailer sentence goes and the rest of the paragraph stays."""
    pytest.importorskip("corpuskit.segment")
    articles = [article(n, f"Story {n} happened today. {TRAILER}") for n in range(3)]
    stripped, _ = strip_all(articles, unit="sentence", min_articles=3)
    assert [f"Story {n} happened today." for n in range(3)] == [item.text for item in stripped]  # type: ignore[union-attr]


paragraphs = st.lists(
    st.sampled_from(["Alpha beta.", "Gamma delta.", TRAILER, "Epsilon."]), min_size=1, max_size=4
)


@given(st.lists(paragraphs, min_size=1, max_size=8), st.integers(2, 4))
@settings(max_examples=60)
def test_every_article_is_kept_or_dropped_and_boilerplate_is_gone(bodies, k):
    """After stripping no boilerplate paragraph is left, and read = kept + dropped."""
    articles = [article(n, "\n\n".join(body)) for n, body in enumerate(bodies)]
    run = dedupe(articles, method="exact", boilerplate="paragraph", boilerplate_min_articles=k)
    kept = list(run)
    found = {item.text for item in run.boilerplate}
    assert len(articles) == run.read == len(kept) + sum(run.dropped.values())
    assert all(paragraph not in found for item in kept for paragraph in item.text.split("\n\n"))
