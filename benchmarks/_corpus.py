"""Seeded generators of synthetic news corpora shared by the benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

WORDS = [
    "the",
    "council",
    "said",
    "on",
    "Monday",
    "that",
    "its",
    "plan",
    "for",
    "the",
    "harbour",
    "would",
    "cost",
    "more",
    "than",
    "expected",
    "and",
    "residents",
    "asked",
    "why",
    "the",
    "vote",
    "was",
    "delayed",
    "until",
    "after",
    "the",
    "storm",
    "season",
    "while",
    "officials",
    "in",
    "the",
    "capital",
    "promised",
    "a",
    "review",
    "of",
    "fishing",
    "quotas",
    "schools",
    "roads",
    "and",
    "the",
    "new",
    "ferry",
    "timetable",
    "Dr.",
    "Smith",
    "of",
    "the",
    "U.S.",
    "office",
    "told",
    "reporters",
    "at",
    "3",
    "p.m.",
    "that",
    "prices",
    "rose",
    "4.5%",
    "in",
    "March",
]


def sentence(rng: random.Random) -> str:
    """One news-like sentence of 8 to 30 words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
    return " ".join(words).capitalize() + rng.choice(".....?!")


def paragraph(rng: random.Random) -> str:
    """One paragraph of 1 to 5 sentences."""
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 5)))


def write_dateheader_corpus(path: Path, articles: int, seed: int = 1) -> Path:
    """Write ``articles`` date-header records (about 2 KB each) to ``path`` once; reuse it after."""
    if path.exists():
        return path
    rng = random.Random(seed)
    start = dt.date(2000, 1, 1)
    temporary = path.with_suffix(".partial")
    with temporary.open("w", encoding="utf-8") as out:
        for index in range(articles):
            day = start + dt.timedelta(days=rng.randrange(9000))
            title = sentence(rng).rstrip(".?!")
            body = "\n\n".join(paragraph(rng) for _ in range(rng.randint(3, 12)))
            out.write(f"date {day.isoformat()} {title}\n\n{body}\n\n")
            if index % 1000 == 0:
                out.flush()
    temporary.replace(path)
    return path
