"""Day-only dates as TREC and Gigaword spell them (``940104``, ``03/24/87``, ``Jan 1, 1989``)."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["parse_day"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_DIGITS = re.compile(r"(\d{6}|\d{8})\Z")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\Z")
_MONTH_FIRST = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DAY_FIRST = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{2}|\d{4})\b")
_CENTURY_PIVOT = 50  # two-digit years: 50-99 are 19xx, 00-49 are 20xx


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # noqa: PLR2004 - a two-digit year
        year += 1900 if year >= _CENTURY_PIVOT else 2000
    return year


def parse_day(text: str) -> dt.date | None:
    """The day a TREC or Gigaword date field gives, or ``None`` when its spelling is not known.

    Known spellings: ``YYMMDD``, ``YYYYMMDD``, ``MM/DD/YY``, ``Month D, YYYY …`` and
    ``D Month YYYY``; two-digit years 50-99 are 19xx, 00-49 are 20xx.
    """
    text = text.strip()
    try:
        if match := _DIGITS.match(text):
            digits = match.group(1)
            split = len(digits) - 4
            return dt.date(
                _year(digits[:split]), int(digits[split : split + 2]), int(digits[split + 2 :])
            )
        if match := _SLASHED.match(text):
            month, day, year = match.groups()
            return dt.date(_year(year), int(month), int(day))
        if match := _MONTH_FIRST.match(text):
            name, day, year = match.groups()
            month_number = _MONTHS.get(name.lower())
            return None if month_number is None else dt.date(_year(year), month_number, int(day))
        if match := _DAY_FIRST.match(text):
            day, name, year = match.groups()
            month_number = _MONTHS.get(name.lower())
            return None if month_number is None else dt.date(_year(year), month_number, int(day))
    except ValueError:
        return None
    return None
