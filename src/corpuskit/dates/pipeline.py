"""The ``dates`` pipeline step.

It lives apart from :mod:`corpuskit.dates.step` so that importing corpuskit does not
import the pipeline.
"""

from __future__ import annotations

from corpuskit.dates.normalize import infer_date_order
from corpuskit.dates.step import STEP, OnFailure, _source_key, fill_date
from corpuskit.model import Article, Drop
from corpuskit.pipeline.steps import Step

__all__ = ["DatesStep"]


class DatesStep(Step):
    """The ``dates`` pipeline step: fill ``Article.date`` from ``date_raw``, never replacing a given date.

    With ``dayfirst=None`` (the default) the day/month order of each source file is
    inferred from its own unambiguous dates (:func:`infer_date_order`) in an observe
    pass; observations merge, so the pass runs in parallel.
    A date that cannot be filled is kept with ``meta["date_error"]`` and counted in
    the report with its ``path:line`` (``on_failure="keep"``, the default), or
    dropped with the reason (``on_failure="drop"``).
    """

    name = STEP
    mergeable = True

    def __init__(
        self,
        *,
        dayfirst: bool | None = None,
        yearfirst: bool | None = None,
        tz: str | None = None,
        on_failure: OnFailure = "keep",
    ) -> None:
        """Configure the step; see the class docstring."""
        super().__init__()
        if on_failure not in ("keep", "drop"):
            raise ValueError(f"on_failure must be 'keep' or 'drop', got {on_failure!r}")
        self.dayfirst, self.yearfirst, self.tz, self.on_failure = (
            dayfirst,
            yearfirst,
            tz,
            on_failure,
        )
        # Only an inferred order needs to see every article first.
        self.needs_global_view = dayfirst is None
        self.evidence: dict[str | None, list[int]] = {}
        self.orders: dict[str | None, bool | None] = {}

    def config(self) -> dict[str, object]:
        """The options this step was built with."""
        return {
            "dayfirst": self.dayfirst,
            "yearfirst": self.yearfirst,
            "tz": self.tz,
            "on_failure": self.on_failure,
        }

    def observe(self, article: Article, ordinal: int) -> None:  # noqa: ARG002
        """Count the day-first and month-first evidence of the article's ``date_raw``."""
        if article.date_raw:
            order = infer_date_order((article.date_raw,))
            if order.day_first or order.month_first:
                counts = self.evidence.setdefault(_source_key(article), [0, 0])
                counts[0] += order.day_first
                counts[1] += order.month_first

    def merge(self, other: Step) -> None:
        """Add another copy's evidence."""
        assert isinstance(other, DatesStep)  # noqa: S101 - the pipeline merges copies of one step
        for source, (day_first, month_first) in other.evidence.items():
            counts = self.evidence.setdefault(source, [0, 0])
            counts[0] += day_first
            counts[1] += month_first

    def finish(self) -> None:
        """Decide each source's order: the side with strictly more evidence."""
        self.orders = {
            source: (None if day == month else day > month)
            for source, (day, month) in self.evidence.items()
        }

    def apply(self, article: Article, ordinal: int) -> Article | Drop:  # noqa: ARG002
        """Fill the date, or keep/drop the article with the reason."""
        order = (
            self.dayfirst if self.dayfirst is not None else self.orders.get(_source_key(article))
        )
        result = fill_date(
            article,
            dayfirst=order,
            yearfirst=self.yearfirst,
            tz=self.tz,
            on_failure=self.on_failure,
        )
        if isinstance(result, Drop):
            return result
        error = result.meta.get("date_error")
        if error is not None and error is not article.meta.get("date_error"):
            where = str(article.source) if article.source is not None else article.id
            self.notes.add(
                str(error["reason"]),
                {"where": where, "raw": article.date_raw, "detail": error["detail"]},
            )
        elif result.date is not None and article.date is None:
            self.notes.add("filled")
        return result

    def report(self) -> dict[str, object]:
        """The day/month order decided for each source that needed one."""
        return {
            "orders": {str(source): order for source, order in sorted(self.orders.items(), key=str)}
        }
