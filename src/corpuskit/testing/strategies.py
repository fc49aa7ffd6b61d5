"""Hypothesis strategies for corpuskit data: news-like texts, dates in many spellings, Articles.

Needs Hypothesis (``pip install 'corpuskit[test]'``); nothing else in corpuskit imports it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from hypothesis import strategies as st

from corpuskit.model import Article, SourceRef, content_id
from corpuskit.testing._samples import ABBREVIATIONS, MONTHS, NAMES, WORDS

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["SpelledDate", "articles", "dates", "texts", "titles"]

_FIGURES = st.one_of(
    st.integers(0, 10**7).map(lambda n: f"{n:,}"),
    st.tuples(st.integers(0, 99), st.integers(0, 9)).map(lambda p: f"{p[0]}.{p[1]}%"),
    st.tuples(
        st.sampled_from("$€£"), st.integers(1, 999), st.sampled_from(("", " million", " billion"))
    ).map(lambda p: f"{p[0]}{p[1]}{p[2]}"),
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda p: f"{p[0]}:{p[1]:02d}"),
    st.integers(1, 99).map(lambda n: f"No. {n}"),
)
_ODD_WORDS = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Lo", "Nd"), exclude_characters="\x85"),
    min_size=1,
    max_size=10,
)
_TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(ABBREVIATIONS),
    _FIGURES,
    st.sampled_from(WORDS).map(lambda word: f"“{word}”"),
    st.sampled_from(WORDS).map(lambda word: f"({word})"),
    _ODD_WORDS,
)
_JOINERS = st.sampled_from((" ", " ", " ", " ", ", ", "; ", ": ", " — ", " - "))
_CLOSERS = st.sampled_from((".", ".", ".", "!", "?", "…", ".”", "?”", "...", ".)"))


@st.composite
def _sentences(draw: Callable[[st.SearchStrategy[Any]], Any]) -> str:
    tokens: list[str] = draw(st.lists(_TOKENS, min_size=1, max_size=14))
    text = tokens[0]
    for token in tokens[1:]:
        text += draw(_JOINERS) + token
    closer: str = draw(_CLOSERS)
    return text[:1].upper() + text[1:] + closer


def texts(
    *, min_paragraphs: int = 1, max_paragraphs: int = 4, max_sentences: int = 4
) -> st.SearchStrategy[str]:
    """Canonical news-like texts: sentences with abbreviations, figures, quotes and dashes.

    Paragraphs are separated by one blank line; a paragraph may be hard-wrapped
    over several lines.  ``canonical_text(text) == text`` always holds.
    """
    line = st.lists(_sentences(), min_size=1, max_size=max_sentences).map(" ".join)
    paragraph = st.lists(line, min_size=1, max_size=2).map("\n".join)
    return st.lists(paragraph, min_size=min_paragraphs, max_size=max_paragraphs).map("\n\n".join)


def titles() -> st.SearchStrategy[str]:
    """One-line headlines (no line breaks, no surrounding whitespace)."""
    return (
        st.lists(_TOKENS, min_size=1, max_size=12)
        .map(" ".join)
        .map(lambda title: title[:1].upper() + title[1:])
    )


class SpelledDate(NamedTuple):
    """A date as a source might spell it, and the value corpuskit should read from it."""

    text: str
    expected: dt.date


_ZONES = (
    ("Z", dt.timezone.utc),
    ("+00:00", dt.timezone.utc),
    ("+02:00", dt.timezone(dt.timedelta(hours=2))),
    ("-05:00", dt.timezone(dt.timedelta(hours=-5))),
    ("+05:30", dt.timezone(dt.timedelta(hours=5, minutes=30))),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _day_spellings(day: dt.date) -> list[str]:
    month = MONTHS[day.month - 1]
    spellings = [
        day.isoformat(),
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{month[:3]} {day.day} {day.year}",
        f"{day.day:02d}-{month[:3]}-{day.year}",
        f"{month[:3]}. {day.day}, {day.year}" if month != "May" else f"May {day.day}, {day.year}",
        f"{_WEEKDAYS[day.weekday()]}, {month} {day.day}, {day.year}",
        f"{day.year}/{day.month:02d}/{day.day:02d}",
        f"{day.year}{day.month:02d}{day.day:02d}",
    ]
    if day.day > 12:  # noqa: PLR2004 - only then is a numeric day/month order unambiguous
        spellings += [
            f"{day.month:02d}/{day.day:02d}/{day.year}",
            f"{day.day:02d}.{day.month:02d}.{day.year}",
        ]
    return spellings


def _moment_spellings(moment: dt.datetime, zone: str) -> list[str]:
    day = moment.date()
    month = MONTHS[day.month - 1]
    clock = f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    hour12 = moment.hour % 12 or 12
    minutes = f"{moment.minute:02d}:{moment.second:02d}"
    half = "AM" if moment.hour < 12 else "PM"  # noqa: PLR2004
    if not zone:
        return [
            f"{day.isoformat()}T{clock}",
            f"{day.isoformat()} {clock}",
            f"{month} {day.day}, {day.year} {hour12}:{minutes} {half}",
        ]
    rfc_zone = "GMT" if zone in ("Z", "+00:00") else zone.replace(":", "")
    return [
        f"{day.isoformat()}T{clock}{zone}",
        f"{_WEEKDAYS[day.weekday()][:3]}, {day.day:02d} {month[:3]} {day.year} {clock} {rfc_zone}",
        f"{day.day} {month} {day.year} {clock} {'UTC' if rfc_zone == 'GMT' else rfc_zone}",
    ]


@st.composite
def dates(
    draw: Callable[[st.SearchStrategy[Any]], Any],
    *,
    min_value: dt.date = dt.date(1900, 1, 1),
    max_value: dt.date = dt.date(2099, 12, 31),
    times: bool | None = None,
) -> SpelledDate:
    """A date spelled one of many ways news sources spell dates, with the value it means.

    ``expected`` is a :class:`datetime.date` when the spelling gives only a day and a
    :class:`datetime.datetime` when it gives a time (aware when it gives a zone).
    ``times=False`` gives only days, ``True`` only times, ``None`` both.
    Numeric day/month orders are used only when the day is above 12, so every
    spelling has one reading.
    """
    day: dt.date = draw(st.dates(min_value=min_value, max_value=max_value))
    with_time = draw(st.booleans()) if times is None else times
    if not with_time:
        return SpelledDate(draw(st.sampled_from(_day_spellings(day))), day)
    clock = dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59)))
    zone_name, zone = draw(st.sampled_from((("", None), *_ZONES)))
    moment = dt.datetime.combine(day, clock, tzinfo=zone)
    return SpelledDate(draw(st.sampled_from(_moment_spellings(moment, zone_name))), moment)


_META_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.lists(st.text(max_size=10), max_size=3),
)


@st.composite
def articles(
    draw: Callable[[st.SearchStrategy[Any]], Any],
    *,
    dated: bool | None = None,
    with_source: bool = False,
) -> Article:
    """Valid Articles with canonical news-like text, titles, dates and optional fields.

    ``dated=True`` always sets ``date`` (with the ``date_raw`` it was read from),
    ``False`` never, ``None`` sometimes.
    The id is derived from the content, as readers do when a source has none.
    ``with_source`` adds a :class:`corpuskit.SourceRef`.
    """
    title = draw(titles())
    text = draw(texts())
    has_date = draw(st.booleans()) if dated is None else dated
    date_raw, date = draw(dates()) if has_date else (None, None)
    source = None
    if with_source:
        source = SourceRef(
            path=draw(st.sampled_from(("news/2024.txt", "archive/a.jsonl", "feeds/x.csv"))),
            line=draw(st.integers(1, 10**6)),
            format=draw(st.sampled_from(("dateheader", "jsonl", "csv"))),
        )
    return Article(
        id=content_id(title, text, date_raw),
        title=title,
        text=text,
        date=date,
        date_raw=date_raw,
        url=draw(st.none() | st.integers(1, 10**6).map(lambda n: f"https://news.example.org/{n}")),
        authors=draw(st.lists(st.sampled_from(NAMES), max_size=3, unique=True).map(tuple)),
        language=draw(st.sampled_from((None, "en", "de", "fr", "es"))),
        source=source,
        meta=draw(st.dictionaries(st.text(min_size=1, max_size=8), _META_VALUES, max_size=3)),
    )
