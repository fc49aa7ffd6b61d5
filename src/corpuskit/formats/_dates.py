"""Reading the date a format gives in one field (a header token, a CSV cell)."""

from __future__ import annotations

import datetime as dt

from dateutil import parser as dateutil_parser

from corpuskit.errors import DateError

__all__ = ["parse_date_field"]

# Two defaults that differ in every field: a field the text does not give comes
# out different under the two, which is how we know not to invent it.
_DEFAULT_A = dt.datetime(2000, 1, 1, 0, 0, 0, 0)  # noqa: DTZ001 - a sentinel, never a real date
_DEFAULT_B = dt.datetime(2001, 2, 2, 1, 1, 1, 1)  # noqa: DTZ001


def parse_date_field(text: str) -> dt.date:
    """Read one date field; a ``date`` when it gives a day, a ``datetime`` when it gives a time.

    ISO 8601 takes a fast path; other spellings go through dateutil.
    A field without at least a full day raises :class:`DateError`.
    """
    text = text.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # noqa: PLR2004 - YYYY-MM-DD
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    elif "T" in text:
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"not a date: {text!r}") from exc
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        raise DateError(f"not a full date (year, month and day): {text!r}")
    if first.hour != second.hour:
        return first.date()
    return first
