"""normalize_date against the shared corpora and python-dateutil's own parser test cases.

Run as a script (``python tests/test_dates_corpora.py``) to print the counts.
"""

# The project writes `assert expected == actual` (SIM300 calls it a Yoda condition),
# and naive datetimes are expected values here (DTZ001).

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from dateutil import parser as dateutil_parser
from dateutil import tz as dateutil_tz

from corpuskit import DateError, Precision, date_mentions, normalize_date

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.shared

ROOT = Path(__file__).resolve().parent.parent
_REUTERS_DATE = re.compile(r"<DATE>(.*?)</DATE>", re.DOTALL)
_HEADER_DATE = re.compile(r"^Date:[ \t]*(.*?)\r?$", re.MULTILINE | re.IGNORECASE)


def reuters_dates(shared: Path) -> list[str]:
    """Every <DATE> value of Reuters-21578."""
    values = []
    for path in sorted((shared / "corpora" / "reuters21578" / "sgm").glob("*.sgm")):
        values.extend(_REUTERS_DATE.findall(path.read_text(encoding="latin-1")))
    return values


def newsgroup_dates(shared: Path) -> list[str]:
    """The Date: header of every 20 Newsgroups mini post (headers end at the first blank line)."""
    values = []
    for path in sorted((shared / "corpora" / "newsgroups20-mini").glob("*/*")):
        head = path.read_bytes().split(b"\n\n", 1)[0].decode("latin-1")
        values.extend(_HEADER_DATE.findall(head))
    return values


# --- dateutil's parser cases ------------------------------------------------------------
def _in_scope(case: dict[str, Any]) -> bool:
    return not case.get("custom_parser_object") and "fuzzy_with_tokens" not in case["kwargs"]


def _expected(case: dict[str, Any]) -> dt.datetime | None:
    expected = case.get("expected")
    if not expected:
        return None
    value = dt.datetime.fromisoformat(expected["datetime"])
    offset = (expected.get("tz") or {}).get("utcoffset_seconds")
    if offset is not None:
        value = value.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset)))
    return value


def _text(case: dict[str, Any]) -> Any:
    text = case["text"]
    return text["bytes"].encode() if isinstance(text, dict) else text


def _default(case: dict[str, Any]) -> dt.datetime | None:
    default = case["kwargs"].get("default")
    return None if default is None else dt.datetime.fromisoformat(default["datetime"])


def _as_datetime(value: dt.date, precision: Precision, default: dt.datetime | None) -> dt.datetime:
    """What dateutil would print for our reading: missing fields from ``default`` (else 1)."""
    if isinstance(value, dt.datetime):
        return value
    if precision <= Precision.MONTH:
        month = value.month if precision == Precision.MONTH else (default.month if default else 1)
        day = min(default.day if default else 1, calendar.monthrange(value.year, month)[1])
        return dt.datetime(value.year, month, day)
    return dt.datetime(value.year, value.month, value.day)


def corpuskit_reading(case: dict[str, Any]) -> dt.datetime | None:
    """Corpuskit's answer to a case.

    ``default`` becomes ``reference``; fuzzy text goes through ``date_mentions``.
    """
    kwargs = case["kwargs"]
    text = _text(case)
    default = _default(case)
    if not isinstance(text, str | bytes):
        return None
    try:
        found = normalize_date(
            text,
            dayfirst=kwargs.get("dayfirst"),
            yearfirst=kwargs.get("yearfirst"),
            reference=default,
        )
        value, precision = found.value, found.precision
    except DateError:
        if not kwargs.get("fuzzy"):
            return None
        mentions = [
            m for m in date_mentions(str(text), reference=default) if not m.relative or default
        ]
        if not mentions:
            return None
        value, precision = mentions[0].value, mentions[0].precision
    result = _as_datetime(value, precision, default)
    return result.replace(tzinfo=None) if kwargs.get("ignoretz") else result


def dateutil_reading(case: dict[str, Any]) -> dt.datetime | None:
    """Dateutil's own answer to a case, with the case's keyword arguments."""
    kwargs = dict(case["kwargs"])
    if "default" in kwargs:
        kwargs["default"] = _default(case)
    if "tzinfos" in kwargs:
        kwargs["tzinfos"] = {
            name: value
            if isinstance(value, int)
            else dateutil_tz.gettz(value["tzinfo"].split("zoneinfo/")[1].rstrip("')"))
            for name, value in kwargs["tzinfos"].items()
        }
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dateutil_parser.parse(_text(case), **kwargs)  # type: ignore[no-any-return]
    except (ValueError, TypeError, OverflowError):
        return None


def _agrees(case: dict[str, Any], value: dt.datetime | None) -> bool:
    expected = _expected(case)
    if expected is None:
        return value is None
    if value is None or value.replace(tzinfo=None) != expected.replace(tzinfo=None):
        return False
    return value.utcoffset() == expected.utcoffset()


def gold_counts(shared: Path) -> tuple[int, int, int, int]:
    """(in-scope cases, corpuskit agrees, dateutil agrees, out-of-scope cases)."""
    cases = json.loads(
        (shared / "gold" / "dateutil-parser-cases.json").read_text(encoding="utf-8")
    )["cases"]
    in_scope = [case for case in cases if _in_scope(case)]
    ours = sum(_agrees(case, corpuskit_reading(case)) for case in in_scope)
    theirs = sum(_agrees(case, dateutil_reading(case)) for case in in_scope)
    return len(in_scope), ours, theirs, len(cases) - len(in_scope)


def gold_disagreements(shared: Path) -> Iterator[tuple[str, Any, Any]]:
    """The in-scope cases corpuskit reads otherwise than expected."""
    cases = json.loads(
        (shared / "gold" / "dateutil-parser-cases.json").read_text(encoding="utf-8")
    )["cases"]
    for case in filter(_in_scope, cases):
        value = corpuskit_reading(case)
        if not _agrees(case, value):
            yield case["text"], case.get("expected") or case.get("expect_exception"), value


def test_reuters_dates_all_normalize(shared_dir: Path) -> None:
    """Every <DATE> of Reuters-21578 (21,578) normalizes to at least a day."""
    values = reuters_dates(shared_dir)
    precisions = [normalize_date(value).precision for value in values]
    assert (21578, 0) == (len(values), sum(precision < Precision.DAY for precision in precisions))


def test_newsgroup_dates_all_normalize_and_keep_zones(shared_dir: Path) -> None:
    """Every Date: header of 20 Newsgroups normalizes; every one that names a zone is aware."""
    values = newsgroup_dates(shared_dir)
    results = [normalize_date(value) for value in values]
    zoned = [result for result in results if result.zone is not None]
    aware = [result for result in zoned if result.value.tzinfo is not None]  # type: ignore[union-attr]
    assert 2000 == len(values)
    assert len(zoned) == len(aware)
    assert len(zoned) > 1900


def test_gold_cases_at_least_as_many_as_dateutil(shared_dir: Path) -> None:
    """On dateutil's parser cases corpuskit agrees with the expectation as often as dateutil."""
    total, ours, theirs, _ = gold_counts(shared_dir)
    assert ours >= theirs, f"corpuskit {ours} / dateutil {theirs} of {total}"


if __name__ == "__main__":
    shared = ROOT.parent / "shared"
    total, ours, theirs, out = gold_counts(shared)
    lines = [
        (
            f"dateutil parser cases: {total} in scope, "
            f"{out} out of scope (custom parserinfo or fuzzy_with_tokens)"
        ),
        f"corpuskit agrees: {ours}; dateutil agrees: {theirs}",
    ]
    if "-v" in sys.argv:
        lines.extend(
            f"  {text!r}: expected {expected}, corpuskit {value}"
            for text, expected, value in gold_disagreements(shared)
        )
    sys.stdout.write("\n".join(lines) + "\n")
