"""Deterministic news-like Articles, and sample files of the built-in formats, for the kit.

No Hypothesis here: the conformance check uses these to build large samples and
samples of the built-in formats, and it must run wherever corpuskit is installed.
The vocabulary is shared with :mod:`corpuskit.testing.strategies`.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, NamedTuple

from corpuskit.model import Article, content_id
from corpuskit.plugins import Sink, Sniffer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = [
    "ABBREVIATIONS",
    "MONTHS",
    "NAMES",
    "WORDS",
    "BuiltinSample",
    "builtin_samples",
    "sample_articles",
]

WORDS = (
    "the",
    "council",
    "said",
    "on",
    "a",
    "vote",
    "after",
    "months",
    "of",
    "talks",
    "over",
    "new",
    "rules",
    "for",
    "port",
    "workers",
    "and",
    "their",
    "unions",
    "government",
    "officials",
    "in",
    "capital",
    "reported",
    "storm",
    "damage",
    "to",
    "coastal",
    "roads",
    "while",
    "markets",
    "fell",
    "sharply",
    "as",
    "investors",
    "weighed",
    "inflation",
    "figures",
    "released",
    "by",
    "central",
    "bank",
    "minister",
    "told",
    "reporters",
    "that",
    "plan",
    "would",
    "cost",
    "more",
    "than",
    "expected",
    "police",
    "arrested",
    "two",
    "men",
    "near",
    "station",
    "late",
    "evening",
    "court",
    "ruled",
    "against",
    "company",
    "which",
    "plans",
    "appeal",
    "décision",
    "Zürich",
    "São",
    "Paulo",
    "naïve",
    "café",
    "façade",
    "Ærø",
    "Kraków",
    "東京",
)
"""Words news text is made of, a few with accents and non-Latin scripts."""

ABBREVIATIONS = (
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "Gen.",
    "Sen.",
    "Rep.",
    "Gov.",
    "St.",
    "Inc.",
    "Corp.",
    "Ltd.",
    "Co.",
    "U.S.",
    "U.K.",
    "U.N.",
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "No.",
    "Jan.",
    "Feb.",
    "Aug.",
    "Oct.",
    "a.m.",
    "p.m.",
    "approx.",
    "Jr.",
)
"""Abbreviations with periods that do not end a sentence (the trap of sentence splitters)."""

NAMES = (
    "Ana Lima",
    "J. R. Okafor",
    "Mei Chen",
    "Lars Øberg",
    "Fatima Al-Sayed",
    "Tom O'Neill",
    "Priya Raman",
    "Jean-Luc Martin",
)
"""Bylines."""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names (never the locale's)."""

_FIGURES = ("3.5%", "$1.2 billion", "1,200", "10:30", "No. 5", "2-1", "40°C", "€15", "1990s", "½")
_TITLE_TRIM = ".!?…”\N{RIGHT SINGLE QUOTATION MARK}"
_CLOSERS = (".", ".", ".", "!", "?", "…", ".”", "?”", ".'")


def _sentence(rng: random.Random) -> str:
    words: list[str] = []
    for _ in range(rng.randint(4, 18)):
        roll = rng.random()
        if roll < 0.08:  # noqa: PLR2004 - how often each kind of token appears
            word = rng.choice(ABBREVIATIONS)
        elif roll < 0.14:  # noqa: PLR2004
            word = rng.choice(_FIGURES)
        elif roll < 0.18:  # noqa: PLR2004
            word = f"“{rng.choice(WORDS)}”"
        else:
            word = rng.choice(WORDS)
        if words and rng.random() < 0.1:  # noqa: PLR2004
            words[-1] += rng.choice((",", ";", ":", " —", " (", ","))
        words.append(word)
    text = " ".join(words).replace("( ", "(")
    if text.count("(") > text.count(")"):
        text += ")"
    return text[0].upper() + text[1:] + rng.choice(_CLOSERS)


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))


def _date(rng: random.Random) -> dt.date:
    day = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(12000))
    kind = rng.randrange(3)
    if kind == 0:
        return day
    moment = dt.datetime.combine(
        day, dt.time(rng.randrange(24), rng.randrange(60), rng.randrange(60))
    )
    if kind == 1:
        return moment
    # Aware: UTC or a fixed offset.
    hours = rng.choice((0, -5, 1, 2, 9))
    offset = dt.timezone.utc if hours == 0 else dt.timezone(dt.timedelta(hours=hours))
    return moment.replace(tzinfo=offset)


def sample_articles(seed: int = 0) -> Iterator[Article]:
    """Yield news-like, valid Articles without end, the same ones for the same ``seed``.

    Every field is set (date, ISO ``date_raw``, url, authors, language, a small
    ``meta``), titles are one line, texts are canonical, and ids are derived from
    the content, so most formats can write them and read them back.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible samples, not secrets
    paragraphs = [_paragraph(rng) for _ in range(64)]
    number = 0
    while True:
        number += 1
        title = f"{_sentence(rng).rstrip(_TITLE_TRIM)} ({number})"
        text = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(1, 6)))
        date = _date(rng)
        date_raw = date.isoformat()
        yield Article(
            id=content_id(title, text, date_raw),
            title=title,
            text=text,
            date=date,
            date_raw=date_raw,
            url=f"https://news.example.org/{seed}/{number}",
            authors=tuple(rng.sample(NAMES, rng.randint(1, 2))),
            language="en",
            meta={
                "section": rng.choice(("world", "business", "sport")),
                "page": rng.randint(1, 40),
            },
        )


class BuiltinSample(NamedTuple):
    """A sample file of a built-in format, and that format's own sniffer (``None``: suffix only)."""

    format: str
    path: Path
    sniff: Sniffer | None


def builtin_samples(directory: Path, count: int = 5) -> list[BuiltinSample]:
    """Write a small sample of each built-in format into ``directory``.

    The samples are written by the built-in writers themselves, so they are what
    those formats' readers recognise.
    """
    # Imported here: the built-in format modules are plugins, loaded on use.
    from corpuskit.formats import csv, dateheader, jsonl  # noqa: PLC0415

    writers = (
        ("dateheader", ".txt", dateheader.write_dateheader, dateheader.sniff_dateheader),
        ("jsonl", ".jsonl", jsonl.write_jsonl, jsonl.sniff_jsonl),
        ("csv", ".csv", csv.write_csv, None),
    )
    directory.mkdir(parents=True, exist_ok=True)
    samples: list[BuiltinSample] = []
    for name, suffix, writer, sniff in writers:
        path = directory / f"builtin-{name}{suffix}"
        articles = sample_articles(seed=1)
        with path.open("wb") as stream:
            writer(
                (next(articles) for _ in range(count)),
                Sink(path=str(path), stream=stream, format=name),
            )
        samples.append(BuiltinSample(format=name, path=path, sniff=sniff))
    return samples
