"""The pipeline step that fills ``Article.date`` from ``Article.date_raw``.

``fill_date`` handles one Article; ``fill_dates`` handles a stream, deciding the
day/month order of each source file from its own ``date_raw`` values first.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Literal

import attrs

from corpuskit.dates.model import Precision
from corpuskit.dates.normalize import infer_date_order, normalize_date
from corpuskit.errors import DateError
from corpuskit.model import Article, Drop

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["STEP", "DateFill", "fill_date", "fill_dates"]

STEP = "dates"
"""The step name recorded in every Drop this step makes."""

OnFailure = Literal["drop", "keep"]


@attrs.frozen(kw_only=True)
class DateFill:
    """How the step reads dates: the options of :func:`fill_date`, as one object."""

    dayfirst: bool | None = None
    yearfirst: bool | None = None
    tz: dt.tzinfo | str | None = None
    on_failure: OnFailure = "drop"

    def __call__(self, article: Article) -> Article | Drop:
        """Apply :func:`fill_date` with these options."""
        return fill_date(
            article,
            dayfirst=self.dayfirst,
            yearfirst=self.yearfirst,
            tz=self.tz,
            on_failure=self.on_failure,
        )


def _failed(article: Article, reason: str, detail: str, on_failure: OnFailure) -> Article | Drop:
    if on_failure == "drop":
        return Drop(article=article, reason=reason, detail=detail, step=STEP)
    meta = {**article.meta.to_dict(), "date_error": {"reason": reason, "detail": detail}}
    return attrs.evolve(article, meta=meta)


def fill_date(
    article: Article,
    *,
    dayfirst: bool | None = None,
    yearfirst: bool | None = None,
    tz: dt.tzinfo | str | None = None,
    on_failure: OnFailure = "drop",
) -> Article | Drop:
    """Fill ``article.date`` from ``article.date_raw``; never replace a date the source gave.

    When the date cannot be filled the Article is dropped with a reason
    (``date-missing``, ``date-unreadable``, ``date-ambiguous``, ``date-imprecise``),
    or with ``on_failure="keep"`` kept with ``meta["date_error"]`` saying why.
    An Article that has a date keeps it; when its ``date_raw`` reads as another day,
    ``meta["date_conflict"]`` records that reading.
    """
    raw = article.date_raw
    if article.date is not None:
        return _check_conflict(article, dayfirst=dayfirst, yearfirst=yearfirst)
    if raw is None or not raw.strip():
        return _failed(article, "date-missing", "no date and no date_raw", on_failure)
    try:
        found = normalize_date(raw, dayfirst=dayfirst, yearfirst=yearfirst, tz=tz)
    except DateError as exc:
        return _failed(article, "date-unreadable", str(exc), on_failure)
    if found.precision < Precision.DAY:
        detail = f"{raw.strip()!r} gives only a {found.precision.name.lower()}, not a day"
        return _failed(article, "date-imprecise", detail, on_failure)
    if found.ambiguous and _differs_by_day(found.value, found.alternatives):
        readings = ", ".join(value.isoformat() for value in (found.value, *found.alternatives))
        return _failed(
            article, "date-ambiguous", f"{raw.strip()!r} reads as {readings}", on_failure
        )
    return attrs.evolve(article, date=found.value)


def _differs_by_day(value: dt.date, alternatives: tuple[dt.date, ...]) -> bool:
    """Whether the readings name different days (an ambiguous zone alone does not block a date)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return any(
        (other.date() if isinstance(other, dt.datetime) else other) != day for other in alternatives
    )


def _check_conflict(article: Article, *, dayfirst: bool | None, yearfirst: bool | None) -> Article:
    raw = article.date_raw
    date = article.date
    if raw is None or date is None:
        return article
    try:
        found = normalize_date(raw, dayfirst=dayfirst, yearfirst=yearfirst)
    except DateError:
        return article
    ours = found.value.date() if isinstance(found.value, dt.datetime) else found.value
    theirs = date.date() if isinstance(date, dt.datetime) else date
    if found.precision < Precision.DAY or ours == theirs:
        return article
    meta = {**article.meta.to_dict(), "date_conflict": found.value.isoformat()}
    return attrs.evolve(article, meta=meta)


def _source_key(article: Article) -> str | None:
    source = article.source
    return None if source is None else source.root.path


def fill_dates(
    articles: Iterable[Article],
    *,
    dayfirst: bool | None = None,
    yearfirst: bool | None = None,
    tz: dt.tzinfo | str | None = None,
    on_failure: OnFailure = "drop",
) -> Iterator[Article | Drop]:
    """Apply :func:`fill_date` to a stream, one source file at a time.

    With ``dayfirst=None`` the day/month order of each run of Articles from one source
    file is decided by :func:`infer_date_order` over their ``date_raw`` values; a file
    whose dates never say stays undecided, and its ambiguous dates are dropped.
    Articles of one file are held in memory until the file ends.
    """
    for _, group in itertools.groupby(articles, key=_source_key):
        batch = list(group)
        order = dayfirst
        if order is None:
            order = infer_date_order(
                article.date_raw for article in batch if article.date_raw
            ).dayfirst
        for article in batch:
            yield fill_date(
                article, dayfirst=order, yearfirst=yearfirst, tz=tz, on_failure=on_failure
            )
