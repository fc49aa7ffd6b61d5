"""The one table of time-zone abbreviations corpuskit reads, and the offsets they stand for.

Each abbreviation maps to its readings, the usual one first; an abbreviation with more
than one reading (``IST``, ``CST`` …) is ambiguous and is reported as such.
Military letters follow the military convention (``A`` = UTC+1 … ``M`` = UTC+12,
``N`` = UTC-1 … ``Y`` = UTC-12, ``Z`` = UTC); RFC 822 printed their signs reversed,
so every letter but ``Z`` also carries the reversed reading and is ambiguous.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["ZONES", "ZoneReading", "zone_offset", "zone_tzinfo"]

ZoneReading = tuple[int, str]
"""(offset east of UTC in minutes, what the abbreviation means in that reading)."""

_TABLE: dict[str, tuple[ZoneReading, ...]] = {
    "UT": ((0, "Universal Time"),),
    "UTC": ((0, "Coordinated Universal Time"),),
    "GMT": ((0, "Greenwich Mean Time"),),
    "Z": ((0, "Zulu (UTC)"),),
    "EST": ((-300, "US Eastern Standard Time"),),
    "EDT": ((-240, "US Eastern Daylight Time"),),
    "CST": ((-360, "US Central Standard Time"), (480, "China Standard Time")),
    "CDT": ((-300, "US Central Daylight Time"),),
    "MST": ((-420, "US Mountain Standard Time"),),
    "MDT": ((-360, "US Mountain Daylight Time"),),
    "PST": ((-480, "US Pacific Standard Time"),),
    "PDT": ((-420, "US Pacific Daylight Time"),),
    "AKST": ((-540, "Alaska Standard Time"),),
    "AKDT": ((-480, "Alaska Daylight Time"),),
    "HST": ((-600, "Hawaii Standard Time"),),
    "AST": ((-240, "Atlantic Standard Time"), (180, "Arabia Standard Time")),
    "ADT": ((-180, "Atlantic Daylight Time"),),
    "NST": ((-210, "Newfoundland Standard Time"),),
    "NDT": ((-150, "Newfoundland Daylight Time"),),
    "WET": ((0, "Western European Time"),),
    "WEST": ((60, "Western European Summer Time"),),
    "BST": ((60, "British Summer Time"), (360, "Bangladesh Standard Time")),
    "IST": (
        (330, "India Standard Time"),
        (60, "Irish Standard Time"),
        (120, "Israel Standard Time"),
    ),
    "IDT": ((180, "Israel Daylight Time"),),
    "CET": ((60, "Central European Time"),),
    "CEST": ((120, "Central European Summer Time"),),
    "MET": ((60, "Middle European Time"),),
    "MEST": ((120, "Middle European Summer Time"),),
    "MEZ": ((60, "Mitteleuropäische Zeit"),),
    "MESZ": ((120, "Mitteleuropäische Sommerzeit"),),
    "EET": ((120, "Eastern European Time"),),
    "EEST": ((180, "Eastern European Summer Time"),),
    "MSK": ((180, "Moscow Time"),),
    "MSD": ((240, "Moscow Daylight Time"),),
    "WAT": ((60, "West Africa Time"),),
    "CAT": ((120, "Central Africa Time"),),
    "SAST": ((120, "South Africa Standard Time"),),
    "EAT": ((180, "East Africa Time"),),
    "PKT": ((300, "Pakistan Standard Time"),),
    "ICT": ((420, "Indochina Time"),),
    "WIB": ((420, "Western Indonesia Time"),),
    "SGT": ((480, "Singapore Time"),),
    "HKT": ((480, "Hong Kong Time"),),
    "AWST": ((480, "Australian Western Standard Time"),),
    "JST": ((540, "Japan Standard Time"),),
    "KST": ((540, "Korea Standard Time"),),
    "ACST": ((570, "Australian Central Standard Time"),),
    "ACDT": ((630, "Australian Central Daylight Time"),),
    "AEST": ((600, "Australian Eastern Standard Time"),),
    "AEDT": ((660, "Australian Eastern Daylight Time"),),
    "NZST": ((720, "New Zealand Standard Time"),),
    "NZDT": ((780, "New Zealand Daylight Time"),),
}
for _hours, _letter in enumerate("ABCDEFGHIKLM", 1):
    _TABLE[_letter] = (
        (_hours * 60, f"military {_letter}"),
        (-_hours * 60, f"military {_letter} as RFC 822 printed it"),
    )
for _hours, _letter in enumerate("NOPQRSTUVWXY", 1):
    _TABLE[_letter] = (
        (-_hours * 60, f"military {_letter}"),
        (_hours * 60, f"military {_letter} as RFC 822 printed it"),
    )

ZONES: Mapping[str, tuple[ZoneReading, ...]] = MappingProxyType(_TABLE)
"""Upper-case abbreviation -> its readings, the one corpuskit picks first."""

_TZINFOS: dict[tuple[int, str | None], dt.tzinfo] = {}


def zone_tzinfo(minutes: int, name: str | None = None) -> dt.tzinfo:
    """A fixed-offset tzinfo ``minutes`` east of UTC, named ``name`` when given (cached)."""
    key = (minutes, name)
    tzinfo = _TZINFOS.get(key)
    if tzinfo is None:
        offset = dt.timedelta(minutes=minutes)
        tzinfo = dt.timezone(offset, name) if name else dt.timezone(offset)
        _TZINFOS[key] = tzinfo
    return tzinfo


def zone_offset(text: str) -> int | None:
    """Minutes east of UTC of a numeric offset (``+0200``, ``-03:30``, ``+02``); None if not one."""
    if len(text) < 3 or text[0] not in "+-" or not text[1:3].isdigit():  # noqa: PLR2004
        return None
    rest = text[3:].lstrip(":")
    if rest and (len(rest) != 2 or not rest.isdigit()):  # noqa: PLR2004
        return None
    minutes = int(text[1:3]) * 60 + (int(rest) if rest else 0)
    return -minutes if text[0] == "-" else minutes
