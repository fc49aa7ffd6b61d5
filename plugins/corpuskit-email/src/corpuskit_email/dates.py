"""``Date:`` headers of mail and Usenet, with the zones the standard library does not know."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

__all__ = ["EXTRA_ZONES", "parse_email_date"]

EXTRA_ZONES: dict[str, int] = {
    # Zone names seen in 1990s Usenet that email.utils does not know, in minutes east of UTC.
    "BST": 60,
    "WET": 0,
    "WEST": 60,
    "MET": 60,
    "MEZ": 60,
    "CET": 60,
    "MEST": 120,
    "MESZ": 120,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "IDT": 180,
    "MSK": 180,
    "HKT": 480,
    "SGT": 480,
    "AWST": 480,
    "JST": 540,
    "KST": 540,
    "ACST": 570,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "HST": -600,
    "AKST": -540,
    "AKDT": -480,
    "NST": -210,
    "NDT": -150,
}
"""Zone abbreviations read on top of RFC 822's (UT, GMT, EST … PDT), in minutes east of UTC."""

_COMMENT = re.compile(r"\([^()]*\)")
_SHORT_OFFSET = re.compile(r"([+-])(\d{2})\Z")  # "+02": hours only
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\Z")
_OFFSET = re.compile(r"[+-]\d{4}\Z")
# The zone names email.utils reads itself (RFC 822 section 5).
_RFC822_ZONES = frozenset(
    {"UT", "UTC", "GMT", "Z", "AST", "ADT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"}
)


def _zone_token(tokens: list[str]) -> tuple[bool, str | None]:
    """Whether the date gives a time, and the token after the time (the zone), if any."""
    for index, token in enumerate(tokens):
        if _TIME.match(token):
            return True, tokens[index + 1] if index + 1 < len(tokens) else None
    return False, None


def parse_email_date(raw: str) -> tuple[dt.date | None, str | None]:
    """Read a ``Date:`` header: an aware datetime when it names a zone, and a note on anything odd.

    ``email.utils`` reads RFC 822/2822 dates; on top of it this reads two-digit
    offsets (``+02``), the zone names in :data:`EXTRA_ZONES`, and comments such as
    ``-0400 (EDT)``.  A date with no zone gives a naive datetime (never an invented
    zone); an unknown zone name gives a naive datetime and a note; text that is no
    date gives ``(None, note)``.
    """
    text = " ".join(_COMMENT.sub(" ", raw).split())
    if not text:
        return None, "empty Date header"
    text = _SHORT_OFFSET.sub(r"\g<1>\g<2>00", text)
    fields = email.utils.parsedate_tz(text)
    if fields is None:
        return None, f"not an RFC 822 date: {raw.strip()!r}"
    year, month, day, hour, minute, second = fields[:6]
    has_time, zone = _zone_token(text.split())
    offset_seconds: int | None = None
    note = None
    if zone is not None:
        name = zone.upper()
        if name in _RFC822_ZONES or _OFFSET.match(zone):
            offset_seconds = fields[9]  # parsedate_tz read it (and gives 0 for "no zone")
        elif name in EXTRA_ZONES:
            offset_seconds = EXTRA_ZONES[name] * 60
        else:
            note = f"unknown zone {zone!r}: the time is kept without a zone"
    try:
        if not has_time:
            return dt.date(year, month, day), note
        tzinfo = (
            None if offset_seconds is None else dt.timezone(dt.timedelta(seconds=offset_seconds))
        )
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=tzinfo), note
    except (ValueError, OverflowError) as exc:
        return None, f"not a valid date: {raw.strip()!r} ({exc})"
