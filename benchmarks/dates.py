"""Date normalization speed: corpuskit next to dateutil, dateparser, fromisoformat and ciso8601.

One fixed mix of header spellings (real Reuters <DATE> and 20 Newsgroups Date: values
from ../shared/corpora when present, plus synthetic ISO 8601, RFC 2822, month-name and
numeric dates), parsed by every peer in the same run; then pure ISO 8601 strings.
Times are per string, the best of interleaved rounds; ratios are against corpuskit.  corpuskit
keeps no cache of recent strings: every call parses.

    pip install -r benchmarks/requirements.txt
    python benchmarks/dates.py [--size 2000] [--json PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from _results import Results, add_json_option
from dateutil import parser as dateutil_parser

from corpuskit import normalize_date

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
SEED = 20211015
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZONES = ("GMT", "UT", "EST", "EDT", "CST", "PDT", "+0200", "-0500", "+0000")


def _real(rng: random.Random, count: int) -> list[str]:
    reuters: list[str] = []
    for path in sorted((SHARED / "reuters21578" / "sgm").glob("*.sgm")):
        reuters.extend(
            re.findall(r"<DATE>(.*?)</DATE>", path.read_text(encoding="latin-1"), re.DOTALL)
        )
    news: list[str] = []
    for path in sorted((SHARED / "newsgroups20-mini").glob("*/*")):
        head = path.read_bytes().split(b"\n\n", 1)[0].decode("latin-1")
        news.extend(re.findall(r"^Date:[ \t]*(.*?)\r?$", head, re.MULTILINE))
    if not reuters or not news:
        return []
    return rng.sample(reuters, count // 2) + rng.sample(news, count - count // 2)


def _synthetic(rng: random.Random, count: int) -> list[str]:
    start = dt.datetime(1985, 1, 1)  # noqa: DTZ001 - naive on purpose
    values = []
    for index in range(count):
        moment = start + dt.timedelta(seconds=rng.randrange(40 * 365 * 86400))
        kind = index % 4
        if kind == 0:
            values.append(moment.isoformat() + rng.choice(("", "Z", "+02:00")))
        elif kind == 1:
            values.append(
                f"{moment:%a}, {moment.day} {_MONTHS[moment.month - 1]} "
                f"{moment:%Y %H:%M:%S} {rng.choice(_ZONES)}"
            )
        elif kind == 2:
            values.append(
                rng.choice(
                    (f"{moment:%B} {moment.day}, {moment.year}", f"{moment.day} {moment:%B %Y}")
                )
            )
        else:
            values.append(f"{moment:%m/%d/%Y}")
    return values


def _iso(rng: random.Random, count: int) -> list[str]:
    start = dt.datetime(1985, 1, 1)  # noqa: DTZ001
    values = []
    for _ in range(count):
        moment = start + dt.timedelta(seconds=rng.randrange(40 * 365 * 86400))
        values.append(moment.isoformat() + rng.choice(("", "+00:00", "-05:00")))
    return values


def _once(parse: Callable[[str], object], strings: list[str]) -> tuple[float, int]:
    """Seconds for one pass over ``strings``, and how many strings ``parse`` read."""
    read = 0
    began = time.perf_counter()
    for text in strings:
        try:
            if parse(text) is not None:
                read += 1
        except (ValueError, OverflowError, TypeError):
            pass
    return time.perf_counter() - began, read


def _peers() -> dict[str, Callable[[str], object]]:
    import ciso8601  # noqa: PLC0415 - a benchmark peer, installed from benchmarks/requirements.txt
    import dateparser  # noqa: PLC0415

    warnings.simplefilter("ignore")  # dateutil warns about unknown zone names
    return {
        "corpuskit.normalize_date": normalize_date,
        "dateutil.parser.parse": dateutil_parser.parse,
        "dateparser.parse (en)": lambda text: dateparser.parse(text, languages=["en"]),
        "datetime.fromisoformat": dt.datetime.fromisoformat,
        "ciso8601.parse_datetime": ciso8601.parse_datetime,
    }


def _table(
    title: str, strings: list[str], peers: dict[str, Callable[[str], object]], rounds: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Time every peer in interleaved rounds (the load drifts), print the best of each, return them."""
    for parse in peers.values():  # warm up: corpuskit loads its plugins on first use
        _once(parse, strings[:20])
    best = dict.fromkeys(peers, float("inf"))
    read = dict.fromkeys(peers, 0)
    for _ in range(rounds):
        for name, parse in peers.items():
            seconds, read[name] = _once(parse, strings)
            best[name] = min(best[name], seconds)
    ours = best["corpuskit.normalize_date"]
    print(f"\n{title}: {len(strings)} strings, best of {rounds} interleaved rounds")
    print(f"{'parser':28} {'us/string':>10} {'read':>7} {'time vs corpuskit':>18}")
    for name in peers:
        print(
            f"{name:28} {best[name] / len(strings) * 1e6:10.2f} {read[name]:7d} "
            f"{best[name] / ours:17.2f}x"
        )
    return best, read


def main() -> None:
    """Build the mix and print the tables."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--size", type=int, default=2000, help="strings in the mix (default 2000)")
    add_json_option(options)
    arguments = options.parse_args()
    size = arguments.size
    rng = random.Random(SEED)
    real = _real(rng, size // 2)
    mix = real + _synthetic(rng, size - len(real))
    rng.shuffle(mix)
    where = "with the shared corpora" if real else "synthetic only (../shared/corpora absent)"
    peers = _peers()
    mix_best, mix_read = _table(
        f"header mix ({where}; fromisoformat and ciso8601 read only the ISO share)", mix, peers, 5
    )
    iso_peers = {
        name: peers[name]
        for name in (
            "corpuskit.normalize_date",
            "datetime.fromisoformat",
            "ciso8601.parse_datetime",
        )
    }
    iso_best, iso_read = _table("pure ISO 8601", _iso(rng, size), iso_peers, 7)
    results = Results(
        "dates",
        f"{len(mix):,} header dates ({where}), then {size:,} pure ISO 8601 strings; "
        "best of interleaved rounds",
    )
    for title, best, read, count in (
        ("Header mix", mix_best, mix_read, len(mix)),
        ("Pure ISO 8601", iso_best, iso_read, size),
    ):
        ours = best["corpuskit.normalize_date"]
        results.table(
            title,
            ["parser", "us/string", "strings read", "time / corpuskit's"],
            [
                [name, round(best[name] / count * 1e6, 2), read[name], round(best[name] / ours, 2)]
                for name in best
            ],
        )
    comparisons = (
        ("header mix", mix_best, ("dateutil.parser.parse", "dateparser.parse (en)")),
        ("pure ISO 8601", iso_best, ("datetime.fromisoformat", "ciso8601.parse_datetime")),
    )
    for label, best, names in comparisons:
        for name in names:
            results.ratio(
                f"corpuskit / {name}, {label}, throughput",
                best[name] / best["corpuskit.normalize_date"],
                "corpuskit is faster",
                at_least=1.0,
                bar="corpuskit at least as fast as the peer",
            )
    results.note(
        "On the header mix, fromisoformat and ciso8601 read only the ISO share and fail fast on "
        "the rest, so their times there are not comparable; the ISO table compares them."
    )
    results.bars(
        "Dates: header mix",
        "us/string",
        {name: value / len(mix) * 1e6 for name, value in mix_best.items()},
        log=True,
    )
    results.bars(
        "Dates: pure ISO 8601",
        "us/string",
        {name: value / size * 1e6 for name, value in iso_best.items()},
    )
    results.write(arguments.json)


if __name__ == "__main__":
    main()
