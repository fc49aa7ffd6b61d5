"""``date_mentions``: dates in running text, absolute or resolved against the article's date."""

from __future__ import annotations

import datetime as dt
import re

from corpuskit.dates.languages import DateWords, date_words
from corpuskit.dates.model import DateMention, Precision
from corpuskit.dates.normalize import normalize_date
from corpuskit.dates.relative import (
    AGO,
    DAY_WORDS,
    IN_N,
    WHICH_DIRECTION,
    WHICH_OFFSET,
    as_date,
    number,
    period_start,
    shift,
    weekday_from,
)
from corpuskit.errors import DateError

__all__ = ["date_mentions"]

_MIN_WEEKDAY_WORD = 6  # full weekday names only: "sat", "sun", "wed" are ordinary words too
_MIN_YEAR = 1000
_MAX_YEAR = 2099
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?|\d{1,2}\s*[ap]\.?m\b\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR_CUES = r"in|since|until|till|by|from|during|before|after|around|circa|early|late|mid-"

_FUTURE_WORDS = frozenset(
    {
        "will",
        "shall",
        "won't",
        "going",
        "plans",
        "plan",
        "planned",
        "expected",
        "scheduled",
        "due",
        "upcoming",
        "next",
        "tomorrow",
    }
)
_PAST_WORDS = frozenset(
    {
        "said",
        "told",
        "was",
        "were",
        "had",
        "did",
        "stated",
        "announced",
        "met",
        "held",
        "took",
        "went",
        "came",
        "gave",
        "made",
        "ago",
        "last",
        "earlier",
        "yesterday",
    }
)
_NOT_PAST = frozenset(
    {"need", "needed", "indeed", "speed", "seed", "feed", "hundred", "red", "bed", "united"}
)
_WORDS = re.compile(r"[^\W\d_][\w']*")
_CLAUSE_END = re.compile(r"[.!?;\n]")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_patterns: tuple[DateWords, re.Pattern[str]] | None = None


def _pattern(words: DateWords) -> re.Pattern[str]:
    global _patterns  # noqa: PLW0603 - compiled once per set of registered languages
    if _patterns is not None and _patterns[0] is words:
        return _patterns[1]
    month_word = rf"(?:{_alternation(list(words.months))})\b"
    month = rf"{month_word}\.?"
    weekday = rf"(?:{_alternation([w for w in words.weekdays if len(w) >= _MIN_WEEKDAY_WORD])})\b"
    time_before = rf"(?:(?P<tb>{_TIME})\s+on\s+)?"
    time_after = rf"(?:,?\s+(?:at\s+)?(?P<ta>{_TIME}))?"
    source = (
        rf"\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}"
        rf"(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:[.,]\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)\b"
        rf"|{time_before}(?P<d1>\d{{1,2}}){_ORDINAL}\.?\s+(?:of\s+)?(?P<m1>{month})(?:,?\s+(?:of\s+)?(?P<y1>\d{{4}})\b)?{time_after}"
        rf"|{time_before.replace('tb', 'tb2')}"
        rf"(?P<m2>{month})\s+(?P<d2>\d{{1,2}}){_ORDINAL}\b(?!\s*[%:])"
        rf"(?:,?\s+(?P<y2>\d{{4}})\b)?"
        rf"{time_after.replace('ta', 'ta2')}"
        rf"|(?P<m3>{month}),?\s+(?:of\s+)?(?P<y3>\d{{4}})\b"
        rf"|\b(?:in|since|until|by|during|early|late|mid-)\s+(?P<m4>{month_word})(?!\s*\d)"
        rf"|\b(?P<ago>{AGO}|{IN_N})\b"
        rf"|\b(?P<which>last|past|previous|next|coming|this|current)\s+(?P<what>week|month|year|{weekday})\b"
        rf"|\b(?P<day>today|tonight|yesterday|tomorrow)\b"
        rf"|\b(?:on\s+)?(?P<wd>{weekday})"
        rf"|\b(?:{_YEAR_CUES})\s+(?P<y5>\d{{4}})\b(?!\s*%)"
    )
    compiled = re.compile(source, re.IGNORECASE)
    _patterns = (words, compiled)
    return compiled


def date_mentions(text: str, *, reference: dt.date | None) -> list[DateMention]:
    """Every date mentioned in ``text``, in order, with ``text[start:end]`` the mention exactly.

    Absolute dates ("October 15, 2021", "15 Oct", "in 1989") and relative ones ("last
    week", "next Wednesday", "yesterday") are resolved against ``reference`` (the
    article's date); without one, only mentions that give their own year are returned.
    A bare weekday ("on Friday") takes the direction its clause's tense suggests: the
    past one ("said on Friday"), the coming one ("will meet on Wednesday"), else the
    nearest; any of them may be ``reference`` itself.
    A day and month without a year take the year that puts them nearest ``reference``.
    """
    words = date_words()
    mentions = []
    for match in _pattern(words).finditer(text):
        resolved = _resolve(match, text, reference, words)
        if resolved is not None:
            value, precision, relative = resolved
            mentions.append(
                DateMention(match.start(), match.end(), match.group(), value, precision, relative)
            )
    return mentions


def _month(words: DateWords, word: str) -> int:
    return words.months[word.casefold().rstrip(".")]


def _nearest_year(reference: dt.date, month: int, day: int) -> dt.date | None:
    base = as_date(reference)
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda candidate: abs((candidate - base).days), default=None)


def _with_time(day: dt.date, time: str | None) -> tuple[dt.date, Precision]:
    if time is None:
        return day, Precision.DAY
    try:
        timed = normalize_date(time, reference=day)
    except DateError:
        return day, Precision.DAY
    return timed.value, timed.precision


Resolved = tuple[dt.date, Precision, bool]


def _resolve(  # noqa: PLR0911 - one return per mention kind
    match: re.Match[str], text: str, reference: dt.date | None, words: DateWords
) -> Resolved | None:
    groups = match.groupdict()
    try:
        if groups["iso"] is not None:
            found = normalize_date(groups["iso"])
            return found.value, found.precision, False
        for day_key, month_key, year_key, before, after in (
            ("d1", "m1", "y1", "tb", "ta"),
            ("d2", "m2", "y2", "tb2", "ta2"),
        ):
            if groups[day_key] is not None:
                return _day_month(
                    groups, (day_key, month_key, year_key, before, after), reference, words
                )
        if groups["m3"] is not None:
            return (
                dt.date(int(groups["y3"]), _month(words, groups["m3"]), 1),
                Precision.MONTH,
                False,
            )
        if groups["y5"] is not None:
            year = int(groups["y5"])
            if not _MIN_YEAR <= year <= _MAX_YEAR:
                return None
            return dt.date(year, 1, 1), Precision.YEAR, False
    except ValueError:
        return None
    if reference is None:
        return None
    return _relative(match, groups, text, reference, words)


def _day_month(
    groups: dict[str, str | None],
    keys: tuple[str, str, str, str, str],
    reference: dt.date | None,
    words: DateWords,
) -> Resolved | None:
    day_key, month_key, year_key, before, after = keys
    day = int(groups[day_key] or 0)
    month = _month(words, groups[month_key] or "")
    year_text = groups[year_key]
    if year_text is not None:
        value: dt.date | None = dt.date(int(year_text), month, day)
    elif reference is not None:
        value = _nearest_year(reference, month, day)
    else:
        return None
    if value is None:
        return None
    timed, precision = _with_time(value, groups[before] or groups[after])
    return timed, precision, year_text is None


def _relative(  # noqa: PLR0911 - one return per mention kind
    match: re.Match[str],
    groups: dict[str, str | None],
    text: str,
    reference: dt.date,
    words: DateWords,
) -> Resolved | None:
    if groups["m4"] is not None:
        if groups["m4"][0].islower():
            return None  # "until may be": a month standing alone must be capitalized
        month = _month(words, groups["m4"])
        base = as_date(reference)
        found = _nearest_year(base, month, 1) or dt.date(base.year, month, 1)
        return found, Precision.MONTH, True
    if groups["ago"] is not None:
        amount_text = groups["n"] if groups["n"] is not None else groups["n2"]
        unit = (groups["unit"] or groups["unit2"] or "day").lower()
        direction = (groups["dir"] or "in").lower()
        sign = -1 if direction in {"ago", "earlier", "before"} else 1
        value, precision = shift(reference, sign * number(amount_text or "1"), unit)
        return value, precision, True
    if groups["which"] is not None:
        which = groups["which"].lower()
        what = (groups["what"] or "").lower()
        if what in {"week", "month", "year"}:
            value, precision = period_start(reference, what, WHICH_OFFSET[which])
            return value, precision, True
        weekday = words.weekdays[what.casefold()]
        return weekday_from(reference, weekday, WHICH_DIRECTION[which]), Precision.DAY, True
    if groups["day"] is not None:
        return (
            as_date(reference) + dt.timedelta(days=DAY_WORDS[groups["day"].lower()]),
            Precision.DAY,
            True,
        )
    if groups["wd"] is not None:
        weekday = words.weekdays[groups["wd"].casefold()]
        direction = _tense(text, match.start(), match.end())
        return weekday_from(reference, weekday, direction), Precision.DAY, True
    return None


def _tense(text: str, start: int, end: int) -> str:
    """``past``, ``future`` or ``nearest``: the tense of the clause around ``text[start:end]``.

    The cue nearest the mention wins, looking back to the clause start first and then
    ahead to the clause end.
    """
    clause_start = max((found.end() for found in _CLAUSE_END.finditer(text, 0, start)), default=0)
    ahead = _CLAUSE_END.search(text, end)
    clause_end = ahead.start() if ahead is not None else len(text)
    before = [word.group() for word in _WORDS.finditer(text, clause_start, start)]
    after = [word.group() for word in _WORDS.finditer(text, end, clause_end)]
    for word in (*reversed(before), *after):
        direction = _cue(word)
        if direction is not None:
            return direction
    return "nearest"


def _cue(word: str) -> str | None:
    lower = word.lower()
    if lower in _FUTURE_WORDS or lower.endswith("'ll"):
        return "future"
    if lower in _PAST_WORDS:
        return "past"
    if word.islower() and len(lower) > 4 and lower.endswith("ed") and lower not in _NOT_PAST:  # noqa: PLR2004
        return "past"
    return None
