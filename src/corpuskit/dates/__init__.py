"""Dates: ``normalize_date`` for header dates and ``date_mentions`` for dates in running text.

See ``docs/dates.md`` for the spellings read, the ambiguity policy and the zone table.
"""

from __future__ import annotations

from corpuskit.dates.languages import DateLanguage, date_words
from corpuskit.dates.mentions import date_mentions
from corpuskit.dates.model import DateMention, NormalizedDate, Precision
from corpuskit.dates.normalize import (
    TWO_DIGIT_YEAR_PIVOT,
    DateOrder,
    infer_date_order,
    normalize_date,
)
from corpuskit.dates.step import DateFill, fill_date, fill_dates
from corpuskit.dates.zones import ZONES

__all__ = [
    "TWO_DIGIT_YEAR_PIVOT",
    "ZONES",
    "DateFill",
    "DateLanguage",
    "DateMention",
    "DateOrder",
    "NormalizedDate",
    "Precision",
    "date_mentions",
    "date_words",
    "fill_date",
    "fill_dates",
    "infer_date_order",
    "normalize_date",
]
