"""``normalize_date``: one date field (a header, a cell) in any common spelling, read exactly.

Precompiled patterns read the common spellings (ISO 8601, RFC 2822 / Usenet / ctime,
Reuters, month names, numeric dates); dateutil reads the rest, as a last resort.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zoneinfo
from typing import TYPE_CHECKING

import attrs

from corpuskit.dates.languages import date_words
from corpuskit.dates.model import NormalizedDate, Precision
from corpuskit.dates.relative import resolve_relative
from corpuskit.dates.zones import ZONES, zone_offset, zone_tzinfo
from corpuskit.errors import DateError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "TWO_DIGIT_YEAR_PIVOT",
    "DateOrder",
    "infer_date_order",
    "normalize_date",
    "weekday_number",
]

TWO_DIGIT_YEAR_PIVOT = 69
"""Two-digit years below the pivot are 20xx, the others 19xx (``68`` -> 2068, ``69`` -> 1969).

The pivot of POSIX ``%y``; fixed, so a result never depends on the day it is computed.
"""

_new = tuple.__new__
# Enum member lookups cost ~140 ns on Python 3.11: the hot paths use these names.
_YEAR = Precision.YEAR
_MONTH = Precision.MONTH
_WEEK = Precision.WEEK
_DAY = Precision.DAY
_HOUR = Precision.HOUR
_MINUTE = Precision.MINUTE
_SECOND = Precision.SECOND
_MICROSECOND = Precision.MICROSECOND
_DATE_FROMISO = dt.date.fromisoformat
_DATETIME_FROMISO = dt.datetime.fromisoformat
_ISO_DATE_LEN = 10
_MAX_MONTH = 12
_MAX_DAY = 31
_NOON = 12
_MIN_PREFIX = 3
_MIN_YEAR_MONTH = 1000
_MAX_YEAR_MONTH = 2999

# --- pattern pieces -------------------------------------------------------------------
_WORD = r"[^\W\d_]{2,}"
_SEP = r"[\s,/.-]*"
_AP = r"(?P<ap>[ap])\.?\s?m\b\.?"
_TIME = (
    r"(?P<H>\d{1,2})(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?|(?=\s*[ap]\.?\s?m\b))"
    rf"(?:\s*{_AP})?"
)
_ZONE = (
    r"(?P<z>[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT|UT)[+-]\d{1,2}(?::?\d{2})?|[^\W\d_]{1,5}(?![^\W\d_]))"
    r"(?:\s*\((?P<zc>[^()]*)\))?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR_PART = r"(?P<y>'?\d{4}|'?\d{2})(?![\d:])"
_WEEKDAY = rf"(?:(?P<wd>{_WORD})\.?,?\s+)?"
_TAIL = rf"(?:(?:{_SEP}|\s+at\s+|T){_TIME})?(?:\s*{_ZONE})?\s*\Z"
_FLAGS = re.IGNORECASE

_DAY_MONTH = re.compile(
    rf"{_WEEKDAY}(?P<d>\d{{1,2}})(?!\d){_ORDINAL}\.?(?:\s*of)?{_SEP}(?P<mon>{_WORD})\.?"
    rf"(?:{_SEP}(?:of\s+)?{_YEAR_PART})?{_TAIL}",
    _FLAGS,
)
_MONTH_DAY = re.compile(
    rf"{_WEEKDAY}(?P<mon>{_WORD})\.?{_SEP}(?P<d>\d{{1,2}})(?!\d){_ORDINAL}(?:{_SEP}{_YEAR_PART})?"
    rf"(?:(?:{_SEP}|\s+at\s+){_TIME})?(?:\s*{_ZONE})?(?:\s+(?P<y2>\d{{4}}))?\s*\Z",
    _FLAGS,
)
_YEAR_MONTH_DAY = re.compile(
    rf"(?P<y>\d{{4}}){_SEP}(?P<mon>{_WORD})\.?{_SEP}(?P<d>\d{{1,2}})(?!\d){_ORDINAL}{_TAIL}",
    _FLAGS,
)
_MONTH_YEAR = re.compile(
    rf"(?:(?P<mon>{_WORD})\.?{_SEP}(?:of\s+)?(?P<y>'?\d{{4}}|'?\d{{2}})|(?P<y2>\d{{4}}){_SEP}(?P<mon2>{_WORD})\.?)\s*\Z",
    _FLAGS,
)
_NUMERIC = re.compile(
    rf"(?P<a>\d{{1,4}})(?P<sep>[/.-]|\s+)(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{4}}|\d{{2}})(?![\d:])"
    rf"(?:(?:[\s,]+|T){_TIME})?(?:\s*{_ZONE})?\s*\Z",
    _FLAGS,
)
_REUTERS = re.compile(
    r"(?P<d>\d{1,2})-(?P<mon>[A-Za-z]{3})-(?P<y>\d{4})\s+"
    r"(?:(?P<H>\d{1,2}):(?P<M>\d{2}):(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?(?=\s|&#|\Z))?(?P<junk>.*)\Z",
    re.DOTALL,
)
_ISO = re.compile(
    r"(?P<y>\d{4})(?:(?P<sep>-?)(?:W(?P<w>\d{2})(?:(?P=sep)(?P<wd>[1-7]))?|(?P<o>\d{3})(?!\d)|(?P<m>\d{2})"
    r"(?:(?P=sep)(?P<d>\d{2}))?))?"
    r"(?:[T ](?P<H>\d{2})(?::?(?P<M>\d{2})(?::?(?P<S>\d{2}))?)?(?:[.,](?P<f>\d+))?)?"
    r"\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?\Z",
    _FLAGS,
)
_EN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("Jan", "JAN"),
            ("Feb", "FEB"),
            ("Mar", "MAR"),
            ("Apr", "APR"),
            ("May", "MAY"),
            ("Jun", "JUN"),
            ("Jul", "JUL"),
            ("Aug", "AUG"),
            ("Sep", "SEP"),
            ("Oct", "OCT"),
            ("Nov", "NOV"),
            ("Dec", "DEC"),
        ),
        1,
    )
    for name in names
}
"""English month abbreviations as RFC 2822 and Reuters write them (the fast paths)."""
_RFC = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"\s+(\d{4}|\d{2})\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(?:([+-]\d{4})|([A-Z]{1,4})))?\Z"
)
_SIMPLE_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\Z")
_SIMPLE_MONTH_DAY = re.compile(r"([^\W\d_]{3,})\.?\s(\d{1,2}),?\s(\d{4})\Z")
_SIMPLE_DAY_MONTH = re.compile(r"(\d{1,2})\.?\s([^\W\d_]{3,})\.?\s(\d{4})\Z")
_TIME_ONLY = re.compile(rf"{_TIME}(?:\s*{_ZONE})?\s*\Z", _FLAGS)
_UNIX = re.compile(r"@?(?P<s>-?\d{1,11})(?:\.(?P<f>\d{1,6}))?\Z")
_ERA = re.compile(r"(?<=\d)\s*A\.?D\b\.?|\bA\.D\.", _FLAGS)
_HAS_DIGIT = re.compile(r"\d").search
_HAS_LETTER = re.compile(r"[^\W\d_]").search
_TIME_ON = re.compile(rf"{_TIME}\s+on\s+(?P<rest>.+)\Z", _FLAGS)
_STRIP = " \t\r\n,;:"

_CORE_PRECISION = {13: _HOUR, 16: _MINUTE, 19: _SECOND}
"""Precision of an extended ISO datetime by the length of its text without the zone."""
_HOUR_CORE = 13
_PRECISION_BY_TIME_FIELDS = (
    _HOUR,
    _MINUTE,
    _SECOND,
    _MICROSECOND,
)


# --- the entry point ------------------------------------------------------------------
def normalize_date(  # noqa: C901, PLR0912 - the inlined ISO fast path; a call per string costs more
    text: str | bytes,
    *,
    dayfirst: bool | None = None,
    yearfirst: bool | None = None,
    tz: dt.tzinfo | str | None = None,
    reference: dt.date | None = None,
    unix: bool = False,
) -> NormalizedDate:
    """Read the date in ``text``, which holds one date and nothing else (trailing junk aside).

    ``dayfirst`` decides ``03/04/2021``: True reads 3 April, False 4 March, and None
    (the default) returns the month-first reading with ``ambiguous=True`` and the other
    in ``alternatives``.  ``yearfirst`` reads two-digit ``10-09-03`` as year-month-day.
    ``tz`` makes a naive datetime aware (a zone in the text wins).
    ``reference`` resolves relative expressions ("yesterday", "last Friday", "3 days
    ago") and fills what the text leaves out ("Sep 25", "10:30").
    ``unix`` reads a bare number as seconds since 1970-01-01 UTC (``@1634300000``
    always is).  Raises :class:`~corpuskit.errors.DateError` saying what it could not read.
    """
    if type(text) is str:
        length = len(text)
        if length > _ISO_DATE_LEN and text[4] == "-":
            try:
                value = _DATETIME_FROMISO(text)
            except ValueError:
                pass
            else:
                # Inlined: this is the hot path of ISO-dated corpora.
                if value.tzinfo is None:
                    core = length
                    zone = None
                else:
                    last = text[-1]
                    if last == "Z" or last == "z":  # noqa: PLR1714 - faster than a membership test here
                        core = length - 1
                    elif text[-3] == ":":
                        core = length - 6
                    else:
                        core = length - (5 if text[-5] in "+-" else 3)
                    zone = text[core:]
                precision = _CORE_PRECISION.get(core)
                if precision is None or (core > _HOUR_CORE and text[13] != ":"):
                    precision = _time_precision(text[11:core])
                result = _new(NormalizedDate, (value, precision, text, False, (), zone, ()))
                return result if tz is None else _apply_tz(result, tz)
        elif length == _ISO_DATE_LEN and text[4] == "-" and text[7] == "-":
            try:
                return _new(NormalizedDate, (_DATE_FROMISO(text), _DAY, text, False, (), None, ()))
            except ValueError:
                pass
    else:
        text = _to_str(text)
    result = _read(
        text.strip(_STRIP),
        text,
        dayfirst=dayfirst,
        yearfirst=yearfirst,
        reference=reference,
        unix=unix,
    )
    return result if tz is None else _apply_tz(result, tz)


def _to_str(text: object) -> str:
    if isinstance(text, bytes | bytearray):
        return bytes(text).decode("utf-8", "replace")
    if isinstance(text, str):
        return str(text)
    raise TypeError(f"normalize_date() takes a str or bytes, got {type(text).__name__}")


def _apply_tz(result: NormalizedDate, tz: dt.tzinfo | str) -> NormalizedDate:
    value = result.value
    if not isinstance(value, dt.datetime) or value.tzinfo is not None:
        return result
    tzinfo = zoneinfo.ZoneInfo(tz) if isinstance(tz, str) else tz
    return result._replace(value=value.replace(tzinfo=tzinfo))


def _time_precision(time: str) -> Precision:
    """The precision of an ISO time part (``10``, ``1020``, ``10:20:30.5`` …)."""
    if "." in time or "," in time:
        return _MICROSECOND
    digits = len(time.replace(":", ""))
    return _PRECISION_BY_TIME_FIELDS[min(digits // 2, 4) - 1]


_DIGIT_FIRST: tuple[tuple[re.Pattern[str], str], ...] = (
    (_NUMERIC, "numeric"),
    (_DAY_MONTH, "words"),
    (_YEAR_MONTH_DAY, "words"),
    (_MONTH_YEAR, "month-year"),
    (_TIME_ONLY, "time"),
)
_WORD_FIRST: tuple[tuple[re.Pattern[str], str], ...] = (
    (_MONTH_DAY, "words"),
    (_MONTH_YEAR, "month-year"),
    (_DAY_MONTH, "words"),
)


def _read(  # noqa: C901, PLR0911, PLR0912 - one dispatcher over the spellings, cheapest first
    s: str,
    raw: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool | None,
    reference: dt.date | None,
    unix: bool,
) -> NormalizedDate:
    if not s:
        raise DateError("no date in an empty text")
    first = s[0]
    if first.isdigit():
        match = _REUTERS.match(s)
        if match is not None:
            result = _from_reuters(match, raw)
            if result is not None:
                return result
    result = _simple(s, raw, dayfirst)
    if result is not None:
        return result
    match = _RFC.match(s)
    if match is not None:
        result = _from_rfc(match, raw)
        if result is not None:
            return result
    if first.isdigit():
        match = _ISO.match(s)
        if match is not None and _iso_plausible(match, s):
            return _from_iso(match, raw)
    if (unix or first == "@") and (match := _UNIX.match(s)) is not None:
        return _from_unix(match, raw)
    if "AD" in s or "A.D" in s:
        s = _ERA.sub("", s).strip()
    for pattern, kind in _DIGIT_FIRST if first.isdigit() else _WORD_FIRST:
        match = pattern.match(s)
        if match is not None:
            result = _from_match(
                match, kind, raw, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference
            )
            if result is not None:
                return result
    match = _TIME_ON.match(s)
    if match is not None:
        day = _read(
            match["rest"],
            raw,
            dayfirst=dayfirst,
            yearfirst=yearfirst,
            reference=reference,
            unix=False,
        )
        if day.precision == _DAY:
            value = day.value
            return _build(raw, value.year, value.month, value.day, _time_groups(match), None)
    if reference is not None:
        relative = resolve_relative(s, reference, date_words().weekdays)
        if relative is not None:
            return NormalizedDate(relative[0], relative[1], raw)
    return _fallback(s, raw, dayfirst=dayfirst, yearfirst=yearfirst, reference=reference)


# --- building values ------------------------------------------------------------------
def _year(text: str) -> int:
    if text[0] == "'":
        text = text[1:]
    year = int(text)
    if len(text) == 2:  # noqa: PLR2004
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    return year


def weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 for a weekday word of any registered language, or for a prefix of one.

    A prefix of three letters or more counts when it starts only one weekday's names
    ("Frid" is Friday, "Thur" is Thursday).
    """
    key = word.casefold().rstrip(".")
    weekdays = date_words().weekdays
    number = weekdays.get(key)
    if number is not None or len(key) < _MIN_PREFIX:
        return number
    found = {value for name, value in weekdays.items() if name.startswith(key)}
    return found.pop() if len(found) == 1 else None


def _month_word(word: str) -> int | None:
    key = word.casefold().rstrip(".")
    month = date_words().months.get(key)
    if month is None:
        month = date_words(refresh=True).months.get(key)
    return month


def _zone(
    text: str | None, comment: str | None
) -> tuple[int | None, str | None, tuple[ZoneReadingAlt, ...]]:
    """(minutes east of UTC, zone as written, other readings) for a zone token."""
    if text is None:
        return None, None, ()
    offset = zone_offset(text)
    if offset is not None:
        return offset, text if comment is None else f"{text} ({comment})", ()
    upper = text.upper()
    if upper[:3] in {"UTC", "GMT"} or upper[:2] == "UT":
        rest = upper.lstrip("UTCGM")
        offset = zone_offset(rest if len(rest) > 3 else rest[0] + rest[1:].zfill(2)) if rest else 0  # noqa: PLR2004
        if offset is not None:
            return offset, text, ()
    readings = ZONES.get(upper)
    if readings is None:
        if comment is not None:
            offset = zone_offset(comment.strip())
            if offset is not None:
                return offset, f"{text} ({comment})", ()
        return None, text, ()
    return readings[0][0], text, tuple(readings[1:])


ZoneReadingAlt = tuple[int, str]


def _hour(hour: int, ampm: str | None) -> int:
    if ampm is None:
        return hour
    if hour > _NOON:
        raise DateError(f"hour {hour} with {ampm.upper()}M")
    if ampm in "aA":
        return 0 if hour == _NOON else hour
    return hour if hour == _NOON else hour + _NOON


def _build(  # noqa: PLR0917 - the fields of a date
    raw: str,
    year: int,
    month: int,
    day: int | None,
    time: tuple[str | None, str | None, str | None, str | None, str | None] | None,
    zone: tuple[str | None, str | None] | None,
    *,
    alternatives: tuple[tuple[int, int, int], ...] = (),
    notes: tuple[str, ...] = (),
) -> NormalizedDate:
    """A NormalizedDate from fields; ``time`` is (H, M, S, fraction, am/pm) as matched."""
    try:
        if day is None:
            return NormalizedDate(dt.date(year, month, 1), _MONTH, raw)
        if time is None or time[0] is None:
            value: dt.date = dt.date(year, month, day)
            others = tuple(dt.date(*other) for other in alternatives)
            zone_text = zone[0] if zone else None
            return NormalizedDate(value, _DAY, raw, bool(others), others, zone_text, notes)
        hour_s, minute_s, second_s, fraction, ampm = time
        hour = _hour(int(hour_s), ampm)  # type: ignore[arg-type]
        minute = int(minute_s) if minute_s else 0
        second = int(second_s) if second_s else 0
        micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
        if fraction:
            precision = _MICROSECOND
        elif second_s:
            precision = _SECOND
        elif minute_s:
            precision = _MINUTE
        else:
            precision = _HOUR
        offset, zone_text, other_zones = _zone(*zone) if zone else (None, None, ())
        tzinfo = (
            None
            if offset is None
            else zone_tzinfo(
                offset, zone[0] if zone and zone_offset(zone[0] or "") is None else None
            )
        )
        value = dt.datetime(year, month, day, hour, minute, second, micro, tzinfo)
        others = tuple(
            dt.datetime(y, m, d, hour, minute, second, micro, tzinfo) for y, m, d in alternatives
        )
        if offset is None and zone_text is not None:
            notes = (*notes, f"unknown zone {zone_text!r} ignored")
        if other_zones:
            others += tuple(
                value.replace(tzinfo=zone_tzinfo(minutes, zone_text)) for minutes, _ in other_zones
            )
            meaning = ", ".join(f"{name} ({minutes:+d} min)" for minutes, name in other_zones)
            notes = (*notes, f"zone {zone_text!r} can also mean {meaning}")
        return NormalizedDate(value, precision, raw, bool(others), others, zone_text, notes)
    except ValueError as exc:
        raise DateError(f"not a valid date: {raw.strip()!r} ({exc})") from None


def _time_groups(
    match: re.Match[str],
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    return match["H"], match["M"], match["S"], match["f"], match["ap"]


def _zone_groups(match: re.Match[str]) -> tuple[str | None, str | None] | None:
    zone = match["z"]
    return None if zone is None else (zone, match["zc"])


_NAMED_ZONES: dict[str, tuple[dt.tzinfo, tuple[dt.tzinfo, ...], tuple[str, ...]] | None] = {}


def _named_zone(name: str) -> tuple[dt.tzinfo, tuple[dt.tzinfo, ...], tuple[str, ...]] | None:
    """(tzinfo, the other readings' tzinfos, notes) of a zone abbreviation; None if unknown."""
    if name in _NAMED_ZONES:
        return _NAMED_ZONES[name]
    readings = ZONES.get(name)
    entry = None
    if readings is not None:
        others = tuple(zone_tzinfo(minutes, name) for minutes, _ in readings[1:])
        meaning = ", ".join(f"{what} ({minutes:+d} min)" for minutes, what in readings[1:])
        notes = (f"zone {name!r} can also mean {meaning}",) if others else ()
        entry = (zone_tzinfo(readings[0][0], name), others, notes)
    _NAMED_ZONES[name] = entry
    return entry


def _from_rfc(match: re.Match[str], raw: str) -> NormalizedDate | None:
    """RFC 2822 / Usenet dates with a numeric or a known named zone; None to read them slowly."""
    day, month, year_text, hour, minute, second, offset, name = match.groups()
    year = int(year_text)
    if len(year_text) == 2:  # noqa: PLR2004
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    others: tuple[dt.tzinfo, ...] = ()
    notes: tuple[str, ...] = ()
    if offset is not None:
        minutes = zone_offset(offset)
        tzinfo = None if minutes is None else zone_tzinfo(minutes)
        zone = offset
    elif name is not None:
        entry = _named_zone(name)
        if entry is None:
            return None
        tzinfo, others, notes = entry
        zone = name
    else:
        tzinfo = zone = None
    try:
        value = dt.datetime(
            year, _EN_MONTHS[month], int(day), int(hour), int(minute), int(second or 0), 0, tzinfo
        )
    except ValueError:
        return None
    precision = _SECOND if second else _MINUTE
    if others:
        alternatives = tuple(value.replace(tzinfo=other) for other in others)
        return _new(NormalizedDate, (value, precision, raw, True, alternatives, zone, notes))
    return _new(NormalizedDate, (value, precision, raw, False, (), zone, ()))


def _simple(s: str, raw: str, dayfirst: bool | None) -> NormalizedDate | None:  # noqa: FBT001, PLR0911 - a private hot-path helper; one return per spelling
    """The plainest day-precision spellings, read without the general patterns; None otherwise.

    ``12/31/2021``, ``31.12.2021`` (when the order is clear or given), ``December 31, 2021``
    and ``31 December 2021``.
    """
    if s[0].isdigit():
        match = _SIMPLE_NUMERIC.match(s)
        if match is not None:
            a, b = int(match[1]), int(match[3])
            if a > _MAX_MONTH or (dayfirst and b <= _MAX_MONTH):
                a, b = b, a
            elif not (b > _MAX_MONTH or dayfirst is not None or a == b):
                return _build(
                    raw,
                    int(match[4]),
                    a,
                    b,
                    None,
                    None,
                    alternatives=((int(match[4]), b, a),),
                    notes=(_order_note(match[1], match[3]),),
                )
            month, day = a, b
            year = match[4]
        else:
            match = _SIMPLE_DAY_MONTH.match(s)
            if match is None:
                return None
            found = date_words().months.get(match[2].casefold())
            if found is None:
                return None
            month, day, year = found, int(match[1]), match[3]
    else:
        match = _SIMPLE_MONTH_DAY.match(s)
        if match is None:
            return None
        found = date_words().months.get(match[1].casefold())
        if found is None:
            return None
        month, day, year = found, int(match[2]), match[3]
    try:
        value = dt.date(int(year), month, day)
    except ValueError:
        return None
    return _new(NormalizedDate, (value, _DAY, raw, False, (), None, ()))


def _from_reuters(match: re.Match[str], raw: str) -> NormalizedDate | None:
    month = _EN_MONTHS.get(match["mon"]) or _month_word(match["mon"])
    if month is None:
        return None
    day, _, year, hour, minute, second, fraction, junk = match.groups()
    junk = junk.strip()
    if hour is None or (junk and not junk.startswith(("&#", "#"))):
        notes = (f"trailing text ignored: {junk[:40]!r}",) if junk else ()
        time = None if hour is None else (hour, minute, second, fraction, None)
        return _build(raw, int(year), month, int(day), time, None, notes=notes)
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        value = dt.datetime(int(year), month, int(day), int(hour), int(minute), int(second), micro)  # noqa: DTZ001 - Reuters gives no zone
    except ValueError as exc:
        raise DateError(f"not a valid date: {raw.strip()!r} ({exc})") from None
    precision = _MICROSECOND if fraction else _SECOND
    return _new(NormalizedDate, (value, precision, raw, False, (), None, ()))


def _iso_plausible(match: re.Match[str], s: str) -> bool:
    """Whether an ISO-shaped match is ISO rather than a compact ``YYMMDD`` spelling."""
    if match["sep"]:
        return True
    if match["H"] is not None and match["d"] is None and match["o"] is None and match["w"] is None:
        return False  # "950404 122212": YYMMDD HHMMSS, not ISO
    if len(s) == 6 and match["m"] is not None:  # noqa: PLR2004 - YYYYMM only when it cannot be YYMMDD
        return (
            _MIN_YEAR_MONTH <= int(match["y"]) <= _MAX_YEAR_MONTH
            and 1 <= int(match["m"]) <= _MAX_MONTH
        )
    return True


def _from_iso(match: re.Match[str], raw: str) -> NormalizedDate:
    year = int(match["y"])
    try:
        if match["w"] is not None:
            week = int(match["w"])
            weekday = int(match["wd"] or 1)
            day_value = dt.date.fromisocalendar(year, week, weekday)
            if match["wd"] is None:
                return NormalizedDate(day_value, _WEEK, raw)
        elif match["o"] is not None:
            day_value = dt.date(year, 1, 1) + dt.timedelta(days=int(match["o"]) - 1)
            if day_value.year != year:
                raise DateError(f"not a valid date: {raw.strip()!r} (day {match['o']} of {year})")
        elif match["m"] is None:
            if match["H"] is not None:
                raise DateError(f"a time without a day: {raw.strip()!r}")
            return NormalizedDate(dt.date(year, 1, 1), _YEAR, raw)
        elif match["d"] is None:
            if match["H"] is not None:
                raise DateError(f"a time without a day: {raw.strip()!r}")
            return NormalizedDate(dt.date(year, int(match["m"]), 1), _MONTH, raw)
        else:
            day_value = dt.date(year, int(match["m"]), int(match["d"]))
    except ValueError as exc:
        raise DateError(f"not a valid date: {raw.strip()!r} ({exc})") from None
    zone = match["z"]
    time = (match["H"], match["M"], match["S"], match["f"], None)
    return _build(
        raw, day_value.year, day_value.month, day_value.day, time, (zone, None) if zone else None
    )


def _from_unix(match: re.Match[str], raw: str) -> NormalizedDate:
    seconds = int(match["s"])
    fraction = match["f"]
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        value = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(
            seconds=seconds, microseconds=micro
        )
    except OverflowError as exc:
        raise DateError(f"not a Unix time corpuskit can represent: {raw.strip()!r}") from exc
    return NormalizedDate(value, _MICROSECOND if fraction else _SECOND, raw, zone="UTC")


def _from_match(  # noqa: C901, PLR0911 - one branch per pattern family
    match: re.Match[str],
    kind: str,
    raw: str,
    *,
    dayfirst: bool | None,
    yearfirst: bool | None,
    reference: dt.date | None,
) -> NormalizedDate | None:
    groups = match.groupdict()
    zone = groups.get("z")
    if zone is not None and zone.upper() in {"AM", "PM"}:
        return None  # "Jan 20, 2015 PM": a meridiem without a time
    if kind == "numeric":
        return _from_numeric(match, raw, dayfirst=dayfirst, yearfirst=yearfirst)
    if kind == "time":
        if reference is None:
            raise DateError(f"a time but no date: {raw.strip()!r} (pass a reference date)")
        if groups["H"] is None:
            return None
        day = reference
        return _build(raw, day.year, day.month, day.day, _time_groups(match), _zone_groups(match))
    if kind == "month-year":
        month = _month_word(groups["mon"] or groups["mon2"])
        if month is None:
            return None
        return _build(raw, _year(groups["y"] or groups["y2"]), month, None, None, None)
    month = _month_word(groups["mon"])
    if month is None:
        return None
    weekday = groups.get("wd")
    if weekday is not None and weekday_number(weekday) is None:
        return None
    year_text = groups["y"] or groups.get("y2")
    if year_text is None:
        if reference is None:
            raise DateError(f"a day and month but no year: {raw.strip()!r} (pass a reference date)")
        year = reference.year
    else:
        year = _year(year_text)
    time = _time_groups(match) if groups.get("H") is not None else None
    return _build(raw, year, month, int(groups["d"]), time, _zone_groups(match))


def _from_numeric(  # noqa: PLR0911 - one return per field order
    match: re.Match[str], raw: str, *, dayfirst: bool | None, yearfirst: bool | None
) -> NormalizedDate | None:
    a_text, b_text, c_text = match["a"], match["b"], match["c"]
    a, b, c = int(a_text), int(b_text), int(c_text)
    time = _time_groups(match) if match["H"] is not None else None
    zone = _zone_groups(match)
    if len(a_text) >= 3 or (yearfirst and len(c_text) == 2):  # noqa: PLR2004
        year = _year(a_text) if len(a_text) == 2 else a  # noqa: PLR2004
        if b > _MAX_MONTH >= c:
            return _build(raw, year, c, b, time, zone)
        if dayfirst and yearfirst and c <= _MAX_MONTH:
            return _build(raw, year, c, b, time, zone)
        return _build(raw, year, b, c, time, zone)
    if len(c_text) == 3:  # noqa: PLR2004
        return None
    year = _year(c_text) if len(c_text) == 2 else c  # noqa: PLR2004
    if a > _MAX_MONTH or (dayfirst and b <= _MAX_MONTH):
        return _build(raw, year, b, a, time, zone)
    if b > _MAX_MONTH or dayfirst is not None or a == b:
        return _build(raw, year, a, b, time, zone)
    return _build(
        raw,
        year,
        a,
        b,
        time,
        zone,
        alternatives=((year, b, a),),
        notes=(_order_note(a_text, b_text),),
    )


def _order_note(first: str, second: str) -> str:
    a, b = int(first), int(second)
    return f"day/month order: {first}/{second} reads as month {a} day {b} or day {a} month {b}"


# --- the last resort ------------------------------------------------------------------
_SENTINEL_A = dt.datetime(2000, 1, 1, 0, 0, 0, 0)  # noqa: DTZ001 - sentinels, never real dates
_SENTINEL_B = dt.datetime(2001, 2, 2, 1, 1, 1, 1)  # noqa: DTZ001
_FIELDS = ("year", "month", "day", "hour", "minute", "second", "microsecond")
_HOUR_INDEX = 3
_FIELD_PRECISION = (
    _YEAR,
    _MONTH,
    _DAY,
    _HOUR,
    _MINUTE,
    _SECOND,
    _MICROSECOND,
)


def _dateutil(s: str, default: dt.datetime, dayfirst: bool, yearfirst: bool) -> dt.datetime:  # noqa: FBT001
    from dateutil import parser as dateutil_parser  # noqa: PLC0415 - the last resort; importing it costs ~20 ms

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names: reported in notes instead
        return dateutil_parser.parse(s, default=default, dayfirst=dayfirst, yearfirst=yearfirst)


def _fallback(  # noqa: C901, PLR0912 - maps dateutil fields to a precision
    s: str, raw: str, *, dayfirst: bool | None, yearfirst: bool | None, reference: dt.date | None
) -> NormalizedDate:
    if _HAS_DIGIT(s) is None and reference is None:
        raise DateError(f"no date in {raw.strip()!r}")
    try:
        first = _dateutil(s, _SENTINEL_A, bool(dayfirst), bool(yearfirst))
        second = _dateutil(s, _SENTINEL_B, bool(dayfirst), bool(yearfirst))
    except (ValueError, OverflowError) as exc:
        raise DateError(f"no date understood in {raw.strip()!r}") from exc
    given = [getattr(first, name) == getattr(second, name) for name in _FIELDS]
    finest = max((index for index, known in enumerate(given) if known), default=-1)
    if finest < 0:
        raise DateError(f"no date understood in {raw.strip()!r}")
    fields = [getattr(first, name) for name in _FIELDS]
    missing = [index for index in range(min(finest, _HOUR_INDEX)) if not given[index]]
    if missing:
        if reference is None:
            what = ", ".join(_FIELDS[index] for index in missing)
            raise DateError(f"no {what} in {raw.strip()!r} (pass a reference date)")
        for index in missing:
            fields[index] = getattr(reference, _FIELDS[index])
    for index in range(_HOUR_INDEX, finest):
        if not given[index]:
            fields[index] = 0  # "36 m 5" is 00:36:05
    precision = _FIELD_PRECISION[finest]
    if precision <= _MONTH and _HAS_LETTER(s) is None:
        raise DateError(f"no date in {raw.strip()!r} (numbers alone, without a day)")
    try:
        if precision <= _MONTH:
            value: dt.date = dt.date(fields[0], fields[1] if precision == _MONTH else 1, 1)
        elif precision == _DAY:
            value = dt.date(fields[0], fields[1], fields[2])
        else:
            offset = first.utcoffset()
            zone_name = first.tzname()
            fixed = (
                None
                if offset is None
                else zone_tzinfo(
                    int(offset.total_seconds()) // 60,
                    zone_name if zone_name and zone_name.isalpha() else None,
                )
            )
            value = dt.datetime(*fields, tzinfo=fixed)  # type: ignore[misc]
    except ValueError as exc:
        raise DateError(f"not a valid date: {raw.strip()!r} ({exc})") from None
    return NormalizedDate(value, precision, raw, notes=("read by dateutil",))


# --- a whole source's day/month order -------------------------------------------------
@attrs.frozen(kw_only=True)
class DateOrder:
    """The day/month order of a source: ``dayfirst`` True, False or None (undecided).

    ``day_first`` and ``month_first`` count the numeric dates that can only be read one
    way (``25/03/2021`` is day-first evidence, ``03/25/2021`` month-first).
    """

    dayfirst: bool | None
    day_first: int
    month_first: int


def infer_date_order(strings: Iterable[str]) -> DateOrder:
    """Decide day-first or month-first for a whole source from its unambiguous members.

    Only numeric dates whose first two numbers are both at most 31 count: one above 12
    settles that date's order.  The order with strictly more evidence wins; no evidence,
    or a tie, leaves it undecided.
    """
    day_first = month_first = 0
    for text in strings:
        match = _NUMERIC.match(text.strip(_STRIP))
        if match is None or len(match["a"]) > 2:  # noqa: PLR2004 - year first: no day/month question
            continue
        a, b = int(match["a"]), int(match["b"])
        if _MAX_MONTH < a <= _MAX_DAY and b <= _MAX_MONTH:
            day_first += 1
        elif _MAX_MONTH < b <= _MAX_DAY and a <= _MAX_MONTH:
            month_first += 1
    dayfirst = None if day_first == month_first else day_first > month_first
    return DateOrder(dayfirst=dayfirst, day_first=day_first, month_first=month_first)
