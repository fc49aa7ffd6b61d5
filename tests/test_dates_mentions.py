"""Tests of corpuskit.dates.mentions: dates in running text."""

# The project writes `assert expected == actual` (SIM300 calls it a Yoda condition),
# and naive datetimes are expected values here (DTZ001).

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit import Precision, date_mentions, read

if TYPE_CHECKING:
    from pathlib import Path

FRIDAY = dt.date(2021, 10, 15)


def _found(text: str, reference: dt.date | None = FRIDAY) -> list[tuple[str, dt.date, Precision]]:
    return [(m.text, m.value, m.precision) for m in date_mentions(text, reference=reference)]


@pytest.mark.shared
def test_sample_article(shared_dir: Path) -> None:
    """The sample article's mentions resolve against its own date, Friday 2021-10-15."""
    article = next(iter(read([str(shared_dir / "samples" / "date-header-sample.txt")])))
    assert FRIDAY == article.date
    expected = [
        ("on Friday", dt.date(2021, 10, 15), Precision.DAY),
        ("next week", dt.date(2021, 10, 18), Precision.WEEK),
        ("on Wednesday", dt.date(2021, 10, 20), Precision.DAY),
        ("This month", dt.date(2021, 10, 1), Precision.MONTH),
        ("in 1989", dt.date(1989, 1, 1), Precision.YEAR),
    ]
    assert expected == _found(article.text, article.date)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It opened on October 15, 2021.",
            [("October 15, 2021", dt.date(2021, 10, 15), Precision.DAY)],
        ),
        ("Due 15 Oct.", [("15 Oct.", dt.date(2021, 10, 15), Precision.DAY)]),
        ("Back on Jan. 3 we met.", [("Jan. 3", dt.date(2022, 1, 3), Precision.DAY)]),
        ("It ended in 1989.", [("in 1989", dt.date(1989, 1, 1), Precision.YEAR)]),
        ("Sales in March 2020 fell.", [("March 2020", dt.date(2020, 3, 1), Precision.MONTH)]),
        ("He left yesterday.", [("yesterday", dt.date(2021, 10, 14), Precision.DAY)]),
        ("We met last week.", [("last week", dt.date(2021, 10, 4), Precision.WEEK)]),
        ("See you next Wednesday.", [("next Wednesday", dt.date(2021, 10, 20), Precision.DAY)]),
        ("It rained 3 days ago.", [("3 days ago", dt.date(2021, 10, 12), Precision.DAY)]),
        (
            "Meet at 3:00 PM on December 3rd, 2003.",
            [("3:00 PM on December 3rd, 2003", dt.datetime(2003, 12, 3, 15), Precision.MINUTE)],
        ),
        (
            "Am 15. Oktober 2021 fiel Schnee.",
            [("15. Oktober 2021", dt.date(2021, 10, 15), Precision.DAY)],
        ),
        ("It grew 20% in 2020 % terms, with 1500 people.", []),
        ("We may go, the mayor said.", []),
        ("It lasts until may be too late.", []),
        ("It lasts until May.", [("until May", dt.date(2021, 5, 1), Precision.MONTH)]),
    ],
)
def test_mentions(text: str, expected: list[tuple[str, dt.date, Precision]]) -> None:
    """Absolute and relative mentions are found with their values and precisions."""
    assert expected == _found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister said on Wednesday that talks failed.", dt.date(2021, 10, 13)),
        ("The ministers will meet on Wednesday.", dt.date(2021, 10, 20)),
        ("Talks are planned for Monday.", dt.date(2021, 10, 18)),
        ("Markets opened Tuesday.", dt.date(2021, 10, 12)),
        ("Thursday: a day.", dt.date(2021, 10, 14)),
        ("Saturday: a day.", dt.date(2021, 10, 16)),
    ],
)
def test_bare_weekday_follows_tense(text: str, expected: dt.date) -> None:
    """A bare weekday goes back in a past clause, forward in a future one, else to the nearest."""
    assert [expected] == [m.value for m in date_mentions(text, reference=FRIDAY)]


def test_without_reference_only_complete_dates() -> None:
    """Without a reference only mentions that carry their own year are returned."""
    assert [("15 October 2021", dt.date(2021, 10, 15), Precision.DAY)] == _found(
        "15 October 2021, or 16 Oct, or yesterday.", None
    )


@given(
    st.lists(
        st.sampled_from(
            [
                "on Friday",
                " said ",
                "15 Oct 2021",
                "next week",
                "in 1989",
                "x",
                ". ",
                "yesterday",
                "2020-01-02",
                "\n",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_offsets_are_exact(text: str) -> None:
    """text[start:end] is each mention exactly, and mentions come in order without overlap."""
    mentions = date_mentions(text, reference=FRIDAY)
    assert [m.text for m in mentions] == [text[m.start : m.end] for m in mentions]
    ends = [m.end for m in mentions]
    starts = [m.start for m in mentions]
    assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))
