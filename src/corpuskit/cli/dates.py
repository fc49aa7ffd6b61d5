"""``corpuskit dates``: read one date, or list the date mentions of each article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.cli._common import report_failures
from corpuskit.dates.mentions import date_mentions
from corpuskit.dates.normalize import normalize_date
from corpuskit.errors import ConfigError
from corpuskit.io import read

if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from corpuskit.dates.model import NormalizedDate

NAME = "dates"
HELP = "normalize a date (value, precision, ambiguity), or list the date mentions of articles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add dates' arguments."""
    parser.add_argument(
        "items", nargs="+", metavar="TEXT|INPUT", help="the date text; with --mentions, input files"
    )
    parser.add_argument(
        "--mentions",
        action="store_true",
        help="list the date mentions of each article of the INPUTs",
    )
    order = parser.add_mutually_exclusive_group()
    order.add_argument(
        "--dayfirst", action="store_true", default=None, help="read 03/04/2021 as 3 April"
    )
    order.add_argument(
        "--monthfirst", dest="dayfirst", action="store_false", help="read 03/04/2021 as 4 March"
    )
    parser.add_argument(
        "--yearfirst", action="store_true", default=None, help="read 10-09-03 as year-month-day"
    )
    parser.add_argument(
        "--reference",
        metavar="DATE",
        help="resolve relative dates against DATE; with --mentions, instead of each article's date",
    )
    parser.add_argument("--tz", metavar="ZONE", help="make a naive result aware in this IANA zone")
    parser.add_argument(
        "--unix", action="store_true", help="read a bare number as a Unix timestamp"
    )
    parser.add_argument(
        "--format", "-f", metavar="NAME", help="with --mentions: read every input as this format"
    )
    parser.add_argument(
        "--on-error",
        choices=("raise", "skip"),
        default="raise",
        help="with --mentions: on a bad record, stop or skip it",
    )


def _reference(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return normalize_date(text).value
    except ValueError as exc:
        raise ConfigError(f"--reference: {exc}") from exc


def _describe(found: NormalizedDate) -> list[str]:
    lines = [
        f"value: {found.value.isoformat()}",
        f"precision: {found.precision.name.lower()}",
        f"ambiguous: {'yes' if found.ambiguous else 'no'}",
    ]
    lines.extend(f"also: {other.isoformat()}" for other in found.alternatives)
    if found.zone is not None:
        lines.append(f"zone: {found.zone}")
    lines.extend(f"note: {note}" for note in found.notes)
    return lines


def run(args: argparse.Namespace) -> int:
    """Print one date's reading, or each article's mentions."""
    reference = _reference(args.reference)
    if not args.mentions:
        text = " ".join(args.items)
        found = normalize_date(
            text,
            dayfirst=args.dayfirst,
            yearfirst=args.yearfirst,
            tz=args.tz,
            reference=reference,
            unix=args.unix,
        )
        print("\n".join(_describe(found)))
        return 0
    reader = read(args.items, format=args.format, on_error=args.on_error)
    for article in reader:
        where = str(article.source) if article.source is not None else article.id
        against = reference or article.date
        print(
            f"{where}\t{article.id}\t"
            f"{article.date.isoformat() if article.date else '-'}\t{article.title}"
        )
        for mention in date_mentions(article.text, reference=against):
            text = " ".join(mention.text.split())
            print(
                f"  {mention.start}-{mention.end}\t{text}\t"
                f"{mention.value.isoformat()}\t{mention.precision.name.lower()}"
            )
    report_failures(reader)
    return 0
