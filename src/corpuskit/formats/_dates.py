"""Reading the date a format gives in one field (a header token, a CSV cell)."""

from __future__ import annotations

import datetime as dt

from corpuskit.dates.model import Precision
from corpuskit.dates.normalize import normalize_date
from corpuskit.errors import DateError

__all__ = ["parse_date_field"]


def parse_date_field(text: str) -> dt.date | None:
    """Read one date field; a ``date`` when it gives a day, a ``datetime`` when it gives a time.

    A thin call into :func:`corpuskit.normalize_date` (one date mechanism for the whole
    library); a field without at least a full day raises :class:`DateError`.
    ``None`` when the day/month order is ambiguous (``03/04/2021``): a reader keeps
    ``date_raw`` and leaves the choice to the ``dates`` step, which decides per source
    instead of guessing per field.
    """
    found = normalize_date(text)
    if found.precision < Precision.DAY:
        raise DateError(f"not a full date (year, month and day): {text.strip()!r}")
    if found.ambiguous and _differs_by_day(found.value, found.alternatives):
        return None
    return found.value


def _differs_by_day(value: dt.date, alternatives: tuple[dt.date, ...]) -> bool:
    day = value.date() if isinstance(value, dt.datetime) else value
    return any(
        (other.date() if isinstance(other, dt.datetime) else other) != day for other in alternatives
    )
