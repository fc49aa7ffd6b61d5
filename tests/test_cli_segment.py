"""Tests for corpuskit.cli.segment."""

from __future__ import annotations

import json

from corpuskit import Article, write
from corpuskit.cli import main


def _input(tmp_path):
    path = tmp_path / "in.jsonl"
    write([Article.create(id="a1", text="Hello Mr. Smith. Bye.\n\nNext one.")], path)
    return path


def test_sentence_records(tmp_path):
    """One record per sentence with id, unit, index, offsets and text."""
    out = tmp_path / "out.jsonl"
    assert 0 == main(["segment", str(_input(tmp_path)), "-o", str(out), "-q"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [
        {
            "id": "a1",
            "unit": "sentence",
            "index": 0,
            "start": 0,
            "end": 16,
            "text": "Hello Mr. Smith.",
        },
        {"id": "a1", "unit": "sentence", "index": 1, "start": 17, "end": 21, "text": "Bye."},
        {"id": "a1", "unit": "sentence", "index": 2, "start": 23, "end": 32, "text": "Next one."},
    ] == records


def test_paragraph_and_chunk_units(tmp_path):
    """--unit paragraph and --unit chunk write their segments."""
    source = _input(tmp_path)
    out = tmp_path / "p.jsonl"
    assert 0 == main(["segment", str(source), "-o", str(out), "--unit", "paragraph", "-q"])
    assert ["Hello Mr. Smith. Bye.", "Next one."] == [
        json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()
    ]
    assert 0 == main(
        ["segment", str(source), "-o", str(out), "--unit", "chunk", "--max-words", "4", "-q"]
    )
    assert ["Hello Mr. Smith. Bye.", "Next one."] == [
        json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()
    ]


def test_chunk_needs_limit(tmp_path, capsys):
    """--unit chunk without a limit fails and leaves no output."""
    out = tmp_path / "c.jsonl"
    assert 1 == main(["segment", str(_input(tmp_path)), "-o", str(out), "--unit", "chunk"])
    assert "needs --max-chars" in capsys.readouterr().err
    assert not out.exists()


def test_lang_option(tmp_path):
    """--lang picks the sentence rules."""
    source = tmp_path / "de.jsonl"
    write([Article.create(id="d", text="Am 3. Mai kam er. Dann ging er.")], source)
    out = tmp_path / "out.jsonl"
    assert 0 == main(["segment", str(source), "-o", str(out), "--lang", "de", "-q"])
    assert ["Am 3. Mai kam er.", "Dann ging er."] == [
        json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()
    ]
