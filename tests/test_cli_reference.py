"""The committed CLI reference page is what the parser generates today."""

from __future__ import annotations

from pathlib import Path

from corpuskit.cli import _reference

PAGE = Path(__file__).resolve().parent.parent / "docs" / "cli-reference.md"


def test_committed_page_is_up_to_date():
    """docs/cli-reference.md equals a fresh render (regenerate: python -m corpuskit.cli._reference)."""
    assert PAGE.read_text(encoding="utf-8") == _reference.render()


def test_every_command_has_a_section():
    """Each subcommand of the parser gets its own heading and help text."""
    page = _reference.render()
    for name in ("clean", "convert", "dates", "formats", "plugin", "segment"):
        assert f"## corpuskit {name}\n" in page
    assert "usage: corpuskit clean" in page


def test_main_writes_the_page(tmp_path):
    """The script writes the rendered page to the path it is given."""
    target = tmp_path / "cli.md"
    assert 0 == _reference.main([str(target)])
    assert _reference.render() == target.read_text(encoding="utf-8")
