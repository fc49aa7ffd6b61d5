"""Reading the date a format gives in one field (a header token, a CSV cell)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.dates.model import Precision
from corpuskit.dates.normalize import normalize_date
from corpuskit.errors import DateError

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["parse_date_field"]


def parse_date_field(text: str) -> dt.date:
    """Read one date field; a ``date`` when it gives a day, a ``datetime`` when it gives a time.

    A thin call into :func:`corpuskit.normalize_date` (one date mechanism for the whole
    library); a field without at least a full day raises :class:`DateError`.
    An ambiguous day/month order takes the month-first reading, as before.
    """
    found = normalize_date(text)
    if found.precision < Precision.DAY:
        raise DateError(f"not a full date (year, month and day): {text.strip()!r}")
    return found.value
