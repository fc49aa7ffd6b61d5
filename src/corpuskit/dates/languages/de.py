"""German month and weekday names (the built-in plugin ``dates-de``, which proves the hook)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.dates.languages import DateLanguage
from corpuskit.hookspecs import hookimpl

if TYPE_CHECKING:
    from collections.abc import Callable

MONTHS = (
    ("januar", "jänner", "jan", "jän"),
    ("februar", "feber", "feb"),
    ("märz", "maerz", "mär", "mrz"),
    ("april", "apr"),
    ("mai",),
    ("juni", "jun"),
    ("juli", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "okt"),
    ("november", "nov"),
    ("dezember", "dez"),
)
WEEKDAYS = (
    ("montag", "mo"),
    ("dienstag", "di"),
    ("mittwoch", "mi"),
    ("donnerstag", "do"),
    ("freitag", "fr"),
    ("samstag", "sonnabend", "sa"),
    ("sonntag", "so"),
)


@hookimpl
def corpuskit_register_date_languages(register: Callable[[DateLanguage], None]) -> None:
    """Register German."""
    register(
        DateLanguage(
            code="de",
            months={word: number for number, words in enumerate(MONTHS, 1) for word in words},
            weekdays={word: number for number, words in enumerate(WEEKDAYS) for word in words},
        )
    )
