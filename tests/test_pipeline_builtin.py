import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.errors import ConfigError
from corpuskit.model import Article, Drop
from corpuskit.pipeline import build_step, builtin
from corpuskit.pipeline.builtin import unwrap_paragraph
from corpuskit.text import canonical_text

WRAPPED = (
    "The council met on Monday to discuss the harbour plan and the\n"
    "cost of repairs, which has risen sharply since the January storm\n"
    "hit the coast."
)


def test_unwrap_joins_hard_wrapped_lines():
    """Lines of a wrapped paragraph are joined with single spaces."""
    assert WRAPPED.replace("\n", " ") == unwrap_paragraph(WRAPPED)


def test_unwrap_leaves_short_lines_and_lists_alone():
    """Short lines (verse, addresses) and list items are not joined in auto mode."""
    for paragraph in (
        "Roses are red\nViolets are blue",
        "Items we discussed today at length:\n- a first item",
    ):
        assert paragraph == unwrap_paragraph(paragraph)


def test_unwrap_joins_a_hyphenated_break_without_a_space():
    """A line ending in a hyphen joins the next word directly."""
    text = "This is a fairly long line that ends with a well-\nknown phrase."
    assert "This is a fairly long line that ends with a well-known phrase." == unwrap_paragraph(
        text
    )


def test_cleanup_repairs_text():
    """NFC, control characters, odd spaces, trailing whitespace and wraps are all repaired."""
    article = Article.create(
        title="  Cafe\u0301\u00a0news \x07 ",
        text=f"A\u200b \t b\x00c  \r\n\r\n\r\n{WRAPPED}\n\n",
    )
    cleaned = build_step("cleanup").apply(article, 0)
    assert "Café news" == cleaned.title
    assert "A bc\n\n" + WRAPPED.replace("\n", " ") == cleaned.text


def test_cleanup_returns_the_same_object_when_nothing_changes():
    """An already clean article comes back as the very same object."""
    article = Article.create(title="Clean", text="Already clean.\n\nTwo paragraphs.")
    assert article is build_step("cleanup").apply(article, 0)


@given(st.text(), st.text())
def test_cleanup_is_idempotent(title, text):
    """Cleaning a cleaned article changes nothing."""
    step = build_step("cleanup")
    once = step.apply(Article.create(title=title, text=text), 0)
    twice = step.apply(once, 0)
    assert once == twice
    assert canonical_text(once.text) == once.text


def test_cleanup_rejects_an_unknown_unwrap_mode():
    """A bad option is a ConfigError naming the step."""
    with pytest.raises(ConfigError, match="cleanup"):
        build_step("cleanup", unwrap="sometimes")


@pytest.mark.parametrize(
    ("options", "article", "reason"),
    [
        ({"min_words": 3}, Article.create(text="two words"), "too-short"),
        ({"min_chars": 10}, Article.create(text="short"), "too-short"),
        ({"require": ["date"]}, Article.create(text="x"), "missing-field"),
        (
            {"date_from": "2021-01-01"},
            Article.create(text="x", date=dt.date(2020, 5, 1)),
            "date-out-of-range",
        ),
        (
            {"date_to": "2021-01-01"},
            Article.create(text="x", date=dt.datetime(2021, 1, 2, 1)),
            "date-out-of-range",
        ),
        ({"date_to": "2021-01-01"}, Article.create(text="x"), "date-out-of-range"),
    ],
)
def test_filter_drops_with_a_reason(options, article, reason):
    """Each filter rule drops with its own reason and the step's name."""
    result = build_step("filter", **options).apply(article, 0)
    assert isinstance(result, Drop)
    assert (reason, "filter") == (result.reason, result.step)


def test_filter_keeps_what_passes():
    """An article meeting every rule is kept unchanged."""
    article = Article.create(title="t", text="three words here", date=dt.date(2021, 6, 1))
    step = build_step(
        "filter", min_words=3, date_from="2021-01-01", date_to="2021-12-31", require=["title"]
    )
    assert article is step.apply(article, 0)


def test_fix_mojibake_needs_ftfy_or_works():
    """fix_mojibake repairs UTF-8 read as Latin-1 when ftfy is installed."""
    pytest.importorskip("ftfy")
    step = build_step("cleanup", fix_mojibake=True)
    assert "café" == step.apply(Article.create(text="cafÃ©"), 0).text


@given(
    st.text(
        alphabet=st.characters(codec="utf-8") | st.sampled_from(" \t\n\xa0\u200b\u3000\x0b\x85")
    )
)
def test_cleanup_shortcuts_change_nothing(text):
    """The isprintable shortcut gives what always running both substitutions gives."""
    expected = canonical_text(builtin._SPACES.sub(" ", builtin._CONTROL.sub("", text)))
    expected = (
        "\n\n".join(unwrap_paragraph(p) for p in expected.split("\n\n")) if expected else expected
    )
    assert expected == build_step("cleanup", nfc=False).apply(Article.create(text=text), 0).text


def test_segment_step_records_spans_that_slice_back():
    """The segment step stores paragraph and sentence spans that slice back to the text."""
    article = Article.create(
        text="Dr. Smith arrived at 3 p.m. on Monday. He left.\n\nA new paragraph."
    )
    result = build_step("segment").apply(article, 0)
    sentences = [article.text[start:end] for start, end in result.meta["sentences"]]
    assert ["Dr. Smith arrived at 3 p.m. on Monday.", "He left.", "A new paragraph."] == sentences
    assert 2 == len(result.meta["paragraphs"])
