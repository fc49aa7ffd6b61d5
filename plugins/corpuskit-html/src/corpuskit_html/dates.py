"""Finding a page's publication date, and saying where it was found.

Structured sources come first because they carry the time and the zone: JSON-LD
``datePublished``, then ``<meta>`` tags, then a ``<time>`` element, then a date in
the URL's path; htmldate's search of the whole page is the last resort (it gives a day).
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import json
import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

__all__ = ["PublicationDate", "find_publication_date", "parse_iso_date"]

# Meta tags that state the publication date, as (attribute, value) in lower case, best first.
_META_KEYS = (
    ("property", "article:published_time"),
    ("itemprop", "datepublished"),
    ("name", "article:published_time"),
    ("property", "og:published_time"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "publish_date"),
    ("name", "date"),
    ("name", "dc.date.issued"),
    ("name", "dc.date"),
    ("name", "dcterms.created"),
    ("name", "sailthru.date"),
    ("name", "parsely-pub-date"),
    ("property", "og:article:published_time"),
    ("name", "citation_publication_date"),
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?=[/_.-]|$)")
_OFFSET_NO_COLON = re.compile(r"([+-]\d\d)(\d\d)\Z")
_ISO_DAY_LENGTH = 10
_MAX_JSON_LD = 200_000


@attrs.frozen(kw_only=True)
class PublicationDate:
    """A publication date: the value, the text it was read from, and where that was."""

    value: dt.date
    raw: str
    source: str


def parse_iso_date(text: str) -> dt.date | None:
    """Read an ISO 8601 (or RFC 2822) date; ``None`` when it is neither.

    A day alone gives a ``date``; a time gives a ``datetime``, aware when a zone is given.
    """
    text = text.strip()
    if len(text) == _ISO_DAY_LENGTH:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    iso = text.replace(" ", "T", 1)
    if iso.endswith(("Z", "z")):
        iso = iso[:-1] + "+00:00"
    iso = _OFFSET_NO_COLON.sub(r"\1:\2", iso)
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _json_ld_dates(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iterfind(".//script[@type]"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        content = script.text or ""
        if len(content) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(content)
        except ValueError:
            continue
        yield from _walk_json_ld(data, depth=0)


def _walk_json_ld(data: object, depth: int) -> Iterator[str]:
    if depth > 8:  # noqa: PLR2004 - deep nesting is never an article's own date
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        value = data.get("datePublished")
        if isinstance(value, str):
            yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in data:
                yield from _walk_json_ld(data[key], depth + 1)


def _meta_dates(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    found: dict[tuple[str, str], str] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            value = meta.get(attribute)
            if value:
                found.setdefault((attribute, value.strip().lower()), content)
    for key in _META_KEYS:
        if key in found:
            yield found[key], f"meta[{key[0]}={key[1]}]"


def _time_dates(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    fallback: list[str] = []
    for element in tree.iterfind(".//time[@datetime]"):
        value = element.get("datetime") or ""
        if (element.get("itemprop") or "").lower() == "datepublished" or element.get(
            "pubdate"
        ) is not None:
            yield value, "time[datePublished]"
        elif not fallback:
            fallback.append(value)
    for value in fallback:
        yield value, "time"


def _url_date(url: str | None) -> PublicationDate | None:
    if not url:
        return None
    match = _URL_DATE.search(url)
    if match is None:
        return None
    year, month, day = (int(group) for group in match.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return PublicationDate(value=value, raw=match.group(0).strip("/"), source="url")


def _candidates(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    for value in _json_ld_dates(tree):
        yield value, "json-ld"
    yield from _meta_dates(tree)
    yield from _time_dates(tree)


def find_publication_date(tree: HtmlElement, url: str | None = None) -> PublicationDate | None:
    """The publication date of a parsed page (an lxml tree), or ``None`` when none is found."""
    for raw, source in _candidates(tree):
        value = parse_iso_date(raw)
        if value is not None:
            return PublicationDate(value=value, raw=raw.strip(), source=source)
    from_url = _url_date(url)
    if from_url is not None:
        return from_url
    return _htmldate(tree, url)


def _htmldate(tree: HtmlElement, url: str | None) -> PublicationDate | None:
    from htmldate import find_date  # noqa: PLC0415 - heavy, and only the last resort

    try:
        found = find_date(
            copy.deepcopy(tree),
            url=url,
            original_date=True,
            extensive_search=True,
            outputformat="%Y-%m-%d",
        )
    except Exception:  # noqa: BLE001 - a date heuristic must never lose the article
        return None
    if not found:
        return None
    value = parse_iso_date(found)
    return None if value is None else PublicationDate(value=value, raw=found, source="htmldate")
