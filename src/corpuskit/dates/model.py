"""The dates package's values: :class:`Precision`, :class:`NormalizedDate`, :class:`DateMention`."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["DateMention", "NormalizedDate", "Precision"]


class Precision(enum.IntEnum):
    """How much of a date the text gave, coarsest first."""

    YEAR = 1
    MONTH = 2
    WEEK = 3
    DAY = 4
    HOUR = 5
    MINUTE = 6
    SECOND = 7
    MICROSECOND = 8


class NormalizedDate(NamedTuple):
    """A date read from text.

    ``value`` is a ``datetime`` when the text gives a time (aware when it gives a zone
    or ``tz`` was passed) and a ``date`` otherwise; below day precision it is the first
    day of the year, month or week.
    ``ambiguous`` is true when the text has several readings (day/month order, a zone
    abbreviation with several meanings); ``alternatives`` holds the other readings and
    ``notes`` says what was ambiguous or ignored.
    ``zone`` is the zone as written (``"EDT"``, ``"-0400"``), if any.
    A ``NamedTuple`` rather than an attrs class: it is built on the hot path.
    """

    value: dt.date
    precision: Precision
    raw: str
    ambiguous: bool = False
    alternatives: tuple[dt.date, ...] = ()
    zone: str | None = None
    notes: tuple[str, ...] = ()


class DateMention(NamedTuple):
    """A date mentioned in running text: ``text[start:end]``, its value and precision.

    ``relative`` is true for mentions resolved against the reference ("last week").
    """

    start: int
    end: int
    text: str
    value: dt.date
    precision: Precision
    relative: bool = False
