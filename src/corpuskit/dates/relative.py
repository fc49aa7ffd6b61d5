"""English relative date expressions resolved against a reference date.

"yesterday", "3 days ago", "two weeks later", "in 5 days", "last Friday", "next week",
"this month".  Weeks start on Monday; a week's value is its Monday.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from corpuskit.dates.model import Precision

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "NUMBER_WORDS",
    "WHICH_DIRECTION",
    "WHICH_OFFSET",
    "as_date",
    "period_start",
    "resolve_relative",
    "shift",
    "weekday_from",
]

NUMBER_WORDS: Mapping[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
}
DAY_WORDS: Mapping[str, int] = {"today": 0, "tonight": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
_UNIT_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}
_DAYS_PER_WEEK = 7
_MONTHS = 12

NUMBER = (
    r"\d{1,4}|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
)
UNIT = r"(?P<unit>day|week|month|year)s?"
AGO = rf"(?P<n>{NUMBER})\s+{UNIT}\s+(?P<dir>ago|earlier|before|later|after|from\s+now|hence)"
IN_N = rf"in\s+(?P<n2>{NUMBER})\s+(?P<unit2>day|week|month|year)s?"
PERIOD = (
    r"(?P<which>last|past|previous|next|coming|this|current)\s+"
    r"(?P<what>week|month|year|[^\W\d_]{3,})"
)

_WHOLE = re.compile(
    rf"(?:{AGO}|{IN_N}|{PERIOD}|(?P<day>today|tonight|now|yesterday|tomorrow)|(?:on\s+)?(?P<wd>[^\W\d_]{{2,}}))\Z",
    re.IGNORECASE,
)


def as_date(value: dt.date) -> dt.date:
    """The calendar day of a ``date`` or ``datetime``."""
    return value.date() if isinstance(value, dt.datetime) else value


def number(word: str) -> int:
    """The count a numeral or number word stands for."""
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * _MONTHS + day.month - 1 + months
    year, month = divmod(index, _MONTHS)
    return dt.date(year, month + 1, 1)


def shift(reference: dt.date, amount: int, unit: str) -> tuple[dt.date, Precision]:
    """``reference`` moved by ``amount`` units, at the precision that unit carries."""
    day = as_date(reference)
    if unit == "day":
        return day + dt.timedelta(days=amount), Precision.DAY
    if unit == "week":
        return day + dt.timedelta(days=_DAYS_PER_WEEK * amount), Precision.DAY
    if unit == "month":
        return _add_months(day, amount), Precision.MONTH
    return dt.date(day.year + amount, 1, 1), Precision.YEAR


def period_start(reference: dt.date, unit: str, offset: int) -> tuple[dt.date, Precision]:
    """The start of the week, month or year ``offset`` periods from the one holding ``reference``.

    A week starts on Monday.
    """
    day = as_date(reference)
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday + dt.timedelta(days=_DAYS_PER_WEEK * offset), Precision.WEEK
    if unit == "month":
        return _add_months(day, offset), Precision.MONTH
    return dt.date(day.year + offset, 1, 1), Precision.YEAR


def weekday_from(reference: dt.date, weekday: int, direction: str) -> dt.date:
    """The ``weekday`` (0 = Monday) seen from ``reference``.

    ``direction``: ``past`` (on or before), ``future`` (on or after), ``last`` (strictly
    before), ``next`` (strictly after), ``this`` (in the same Monday-to-Sunday week) or
    ``nearest`` (the closer of past and future; the past on a tie, which cannot happen
    but for the day itself).
    """
    day = as_date(reference)
    back = (day.weekday() - weekday) % _DAYS_PER_WEEK
    forward = (weekday - day.weekday()) % _DAYS_PER_WEEK
    if direction == "past":
        return day - dt.timedelta(days=back)
    if direction == "future":
        return day + dt.timedelta(days=forward)
    if direction == "last":
        return day - dt.timedelta(days=back or _DAYS_PER_WEEK)
    if direction == "next":
        return day + dt.timedelta(days=forward or _DAYS_PER_WEEK)
    if direction == "this":
        return day + dt.timedelta(days=weekday - day.weekday())
    return day - dt.timedelta(days=back) if back <= forward else day + dt.timedelta(days=forward)


WHICH_OFFSET: Mapping[str, int] = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "this": 0,
    "current": 0,
}
"""How many periods away "last week", "this month", "next year" … are."""
WHICH_DIRECTION: Mapping[str, str] = {
    word: {-1: "last", 0: "this", 1: "next"}[offset] for word, offset in WHICH_OFFSET.items()
}
"""The :func:`weekday_from` direction of "last Friday", "this Friday", "next Friday" …"""


def resolve_relative(  # noqa: PLR0911 - one return per expression kind
    text: str, reference: dt.date, weekdays: Mapping[str, int]
) -> tuple[dt.date, Precision] | None:
    """Resolve a whole text that is one relative expression; None when it is not one."""
    match = _WHOLE.match(text)
    if match is None:
        return None
    groups = match.groupdict()
    if groups["n"] is not None:
        amount = number(groups["n"])
        sign = -1 if groups["dir"].lower() in {"ago", "earlier", "before"} else 1
        return shift(reference, sign * amount, groups["unit"].lower())
    if groups["n2"] is not None:
        return shift(reference, number(groups["n2"]), groups["unit2"].lower())
    if groups["day"] is not None:
        return as_date(reference) + dt.timedelta(
            days=DAY_WORDS[groups["day"].lower()]
        ), Precision.DAY
    if groups["which"] is not None:
        which = groups["which"].lower()
        what = groups["what"].lower()
        if what in {"week", "month", "year"}:
            return period_start(reference, what, WHICH_OFFSET[which])
        weekday = weekdays.get(what.casefold())
        if weekday is None:
            return None
        direction = WHICH_DIRECTION[which]
        return weekday_from(reference, weekday, direction), Precision.DAY
    weekday = weekdays.get(groups["wd"].casefold().rstrip("."))
    if weekday is None:
        return None
    return weekday_from(reference, weekday, "nearest"), Precision.DAY
