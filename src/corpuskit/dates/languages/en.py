"""English month and weekday names (the built-in plugin ``dates-en``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.dates.languages import DateLanguage
from corpuskit.hookspecs import hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable

MONTHS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
WEEKDAYS = (
    ("monday", "mon"),
    ("tuesday", "tue", "tues"),
    ("wednesday", "wed"),
    ("thursday", "thu", "thur", "thurs"),
    ("friday", "fri"),
    ("saturday", "sat"),
    ("sunday", "sun"),
)


@hookimpl
def corpuskit_register_date_languages(register: Callable[[DateLanguage], None]) -> None:
    """Register English."""
    register(
        DateLanguage(
            code="en",
            months={word: number for number, words in enumerate(MONTHS, 1) for word in words},
            weekdays={word: number for number, words in enumerate(WEEKDAYS) for word in words},
        )
    )
