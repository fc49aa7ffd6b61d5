"""Dates: ``normalize_date`` for header dates and ``date_mentions`` for dates in running text."""

from __future__ import annotations

from corpuskit.dates.languages import DateLanguage
from corpuskit.dates.model import DateMention, NormalizedDate, Precision
from corpuskit.dates.normalize import TWO_DIGIT_YEAR_PIVOT, normalize_date

__all__ = [
    "TWO_DIGIT_YEAR_PIVOT",
    "DateLanguage",
    "DateMention",
    "NormalizedDate",
    "Precision",
    "normalize_date",
]
