"""Tests of the ``corpuskit dates`` command."""

# The project writes `assert expected == actual` (SIM300 calls it a Yoda condition),
# and naive datetimes are expected values here (DTZ001).

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.cli import main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_one_date(capsys: pytest.CaptureFixture[str]) -> None:
    """The value, precision and ambiguity are printed."""
    assert 0 == main(["dates", "03/04/2021"])
    out = capsys.readouterr().out.splitlines()
    assert ["value: 2021-03-04", "precision: day", "ambiguous: yes", "also: 2021-04-03"] == out[:4]


def test_dayfirst_and_reference(capsys: pytest.CaptureFixture[str]) -> None:
    """--dayfirst and --reference reach normalize_date."""
    assert 0 == main(["dates", "03/04/2021", "--dayfirst"])
    assert "value: 2021-04-03" in capsys.readouterr().out
    assert 0 == main(["dates", "last", "Friday", "--reference", "2021-10-15"])
    assert "value: 2021-10-08" in capsys.readouterr().out


def test_bad_date_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A text without a date exits 1 with a message."""
    assert 1 == main(["dates", "banana"])
    assert "corpuskit dates: no date in 'banana'\n" == capsys.readouterr().err


def test_mentions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--mentions lists each article's mentions against its own date."""
    source = tmp_path / "a.txt"
    source.write_text(
        "date 2021-10-15 Title\n\nThey met on Friday and will meet next week.\n", encoding="utf-8"
    )
    assert 0 == main(["dates", "--mentions", str(source)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("\t2021-10-15\tTitle")
    assert ["on Friday\t2021-10-15\tday", "next week\t2021-10-18\tweek"] == [
        line.split("\t", 1)[1] for line in lines[1:]
    ]
