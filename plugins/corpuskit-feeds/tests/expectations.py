"""Check corpuskit's feed Articles against the ``Expect:`` lines of feedparser's fixtures.

Each fixture under ``feeds/wellformed/`` begins with a comment whose ``Expect:`` line is a
Python expression over feedparser's result.
The clauses of that expression that state an entry's title, link or date
(``entries[N]['title'] == ...``, ``['link']``, ``['published']``, ``['updated']`` and their
``_parsed`` forms) are checked against the N-th Article corpuskit reads from the file.
A date clause is checked when the Article's date came from that field (``meta["date_field"]``).

    python plugins/corpuskit-feeds/tests/expectations.py [--shared ../shared] [--verbose]
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import attrs
import corpuskit

from corpuskit_feeds.reader import html_to_text

ROOT = Path(__file__).resolve().parents[3]
_AS_TEXT = "with HTML titles read as text"
_EXPECT = re.compile(r"^Expect:\s*(.+)$", re.MULTILINE)
_CLAUSE = re.compile(
    r"entries\[(\d+)\]\['(title|link|published|updated|published_parsed|updated_parsed)'\]\s*==\s*(.+)"
)


@attrs.frozen
class Check:
    """One clause checked: the file, the field, what was expected and what corpuskit gave."""

    path: str
    field: str
    expected: Any
    actual: Any

    @property
    def agrees(self) -> bool:
        """Whether corpuskit's value equals the expected one."""
        return bool(self.expected == self.actual)

    @property
    def agrees_as_text(self) -> bool:
        """Whether they agree once an expected HTML title is read as text, as corpuskit reads it."""
        if self.agrees or not (self.field == "title" and isinstance(self.expected, str)):
            return self.agrees
        return html_to_text(self.expected).replace("\n\n", " ") == self.actual


def _clauses(expression: str) -> list[tuple[int, str, Any]]:
    found = []
    for part in re.split(r"\s+and\s+", expression):
        match = _CLAUSE.fullmatch(part.strip())
        if match is None:
            continue
        try:
            value = ast.literal_eval(match.group(3).strip())
        except (ValueError, SyntaxError):
            continue
        found.append((int(match.group(1)), match.group(2), value))
    return found


def _utc_tuple(value: dt.date | None) -> tuple[int, ...] | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        return (value.year, value.month, value.day, 0, 0, 0)
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
    return (value.year, value.month, value.day, value.hour, value.minute, value.second)


def _actual(article: corpuskit.Article | None, field: str) -> Any:
    if article is None:
        return None
    if field == "title":
        return article.title
    if field == "link":
        return article.url
    if field.endswith("_parsed"):
        return _utc_tuple(article.date)
    return article.date_raw


def check_file(path: Path) -> list[Check]:
    """The checks of one fixture (none when its Expect line states no title, link or date)."""
    head = path.read_bytes()[:2048].decode("utf-8", "replace")
    match = _EXPECT.search(head)
    clauses = _clauses(match.group(1)) if match else []
    if not clauses:
        return []
    reader = corpuskit.read(path, format="feed", on_error="skip")
    articles = list(reader)
    checks = []
    for index, field, expected in clauses:
        article = articles[index] if index < len(articles) else None
        base = field.removesuffix("_parsed")
        if base in ("published", "updated") and (
            article is None or article.meta.get("date_field") != base
        ):
            continue  # our date came from the other field: not a statement about it
        wanted = tuple(expected[:6]) if field.endswith("_parsed") and expected else expected
        checks.append(Check(str(path), field, wanted, _actual(article, field)))
    return checks


def check_all(folder: Path) -> list[Check]:
    """The checks of every fixture under ``folder``."""
    checks: list[Check] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            checks.extend(check_file(path))
    return checks


def main() -> int:
    """Print how many title, link and date expectations corpuskit's Articles meet."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    checks = check_all(args.shared / "corpora" / "feeds" / "wellformed")
    for field in ("title", "link", "published", "updated"):
        mine = [check for check in checks if check.field.startswith(field)]
        exact = sum(check.agrees for check in mine)
        as_text = sum(check.agrees_as_text for check in mine)
        print(f"{field:<10} {exact:>4} of {len(mine):>4} agree exactly, {as_text:>4} {_AS_TEXT}")
    exact = sum(check.agrees for check in checks)
    as_text = sum(check.agrees_as_text for check in checks)
    print(f"{'all':<10} {exact:>4} of {len(checks):>4} agree exactly, {as_text:>4} {_AS_TEXT}")
    if args.verbose:
        for check in checks:
            if not check.agrees_as_text:
                print(f"{check.path}: {check.field}: {check.expected!r} != {check.actual!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
