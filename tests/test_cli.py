import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpuskit.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run_cli(*args, env=None):
    """Run `python -m corpuskit` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "corpuskit", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_convert_the_shared_sample(shared_dir, tmp_path):
    """Converting the sample writes one article with its date, title and 12 paragraphs."""
    out = tmp_path / "out.jsonl"
    result = run_cli("convert", shared_dir / "samples" / "date-header-sample.txt", "-o", out)
    assert 0 == result.returncode, result.stderr
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert "2021-10-15" == record["date"]
    assert record["title"].startswith("As it hosts Afghan leaders")
    assert 12 == len(record["text"].split("\n\n"))
    assert record["text"].startswith("President Vladimir Putin")


def test_convert_the_examples_and_back(tmp_path, capsys):
    """The examples convert to JSONL and back to dateheader without loss of what it holds."""
    jsonl = tmp_path / "news.jsonl"
    assert 0 == main(["convert", str(EXAMPLES), "-o", str(jsonl)])
    assert "wrote 8 article(s) from 3 file(s)" in capsys.readouterr().err
    back = tmp_path / "news.txt"
    assert 0 == main(["convert", str(jsonl), "-o", str(back), "-q"])
    again = tmp_path / "again.jsonl"
    assert 0 == main(["convert", str(back), "-o", str(again), "-q"])
    assert _without_source(jsonl) == _without_source(again)


def _without_source(path):
    return [
        {k: v for k, v in json.loads(line).items() if k != "source"}
        for line in path.read_text().splitlines()
    ]


BAD_INPUTS = {
    "garbage.txt": b"\x00\x9f\x92\x96 binary \xff\xfe garbage",
    "empty.txt": b"",
    "noheader.txt": b"Just some text\nwithout any header line.\n",
    "badutf8.txt": b"date 2021-10-15 Title\n\nGood line.\nBad \xc3\x28 byte.\n",
    "cut.txt.gz": gzip.compress(b"date 2021-10-15 Title\n\n" + b"Some text. " * 5000)[:-100],
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_nonzero_and_no_output(tmp_path, name):
    """Garbage, empty, headerless, invalid UTF-8 and truncated gzip inputs fail cleanly."""
    source = tmp_path / name
    source.write_bytes(BAD_INPUTS[name])
    out = tmp_path / "out.jsonl"
    result = run_cli("convert", source, "-o", out)
    assert 0 != result.returncode
    lines = result.stderr.strip().splitlines()
    assert 1 == len(lines), result.stderr
    assert lines[0].startswith(f"{source}:")
    assert lines[0].split(":")[1].isdigit()
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert [name] == os.listdir(tmp_path)


def test_skip_mode_reports_each_skipped_record(tmp_path, capsys):
    """--on-error skip writes the good records and prints each skipped one with its place."""
    source = tmp_path / "a.txt"
    source.write_bytes(b"date 2020-01-01 A\nx\ndate 2020-13-01 B\ny\n")
    out = tmp_path / "o.jsonl"
    assert 0 == main(["convert", str(source), "-o", str(out), "--on-error", "skip"])
    err = capsys.readouterr().err
    assert f"{source}:3: " in err
    assert "skipped 1 bad record(s)" in err
    assert 1 == len(out.read_text().splitlines())


def test_missing_input_and_unknown_format_are_one_line_errors(tmp_path, capsys):
    """A missing input or an unknown --format prints one line and exits 1."""
    assert 1 == main(["convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl")])
    assert 1 == main(
        ["convert", str(EXAMPLES), "-o", str(tmp_path / "o.jsonl"), "--format", "nope"]
    )
    lines = capsys.readouterr().err.strip().splitlines()
    assert 2 == len(lines)
    assert "no such file" in lines[0]
    assert "unknown format 'nope'" in lines[1]


def test_debug_shows_the_traceback(tmp_path):
    """--debug lets the exception through for a developer."""
    result = run_cli("--debug", "convert", tmp_path / "nope.txt", "-o", tmp_path / "o.jsonl")
    assert "Traceback" in result.stderr


def test_formats_lists_builtins_as_table_and_json(capsys):
    """`corpuskit formats` lists each built-in format with origin, suffixes and abilities."""
    assert 0 == main(["formats"])
    table = capsys.readouterr().out
    assert any(line.split()[:2] == ["dateheader", "built-in"] for line in table.splitlines())
    assert 0 == main(["formats", "--json"])
    data = json.loads(capsys.readouterr().out)
    jsonl = next(row for row in data["formats"] if row["name"] == "jsonl")
    assert (True, True, "built-in") == (jsonl["read"], jsonl["write"], jsonl["origin"])


def test_python_m_and_version():
    """`python -m corpuskit --version` prints the version."""
    result = run_cli("--version")
    assert result.stdout.startswith("corpuskit ")


def test_malformed_write_option_is_a_one_line_error(tmp_path, capsys):
    """`--write-option` without KEY=VALUE exits 1 with one line and writes nothing."""
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "a", "text": "x"}\n')
    status = main(
        ["convert", str(source), "-o", str(tmp_path / "b.jsonl"), "--write-option", "zstd"]
    )
    assert 1 == status
    assert (
        "corpuskit convert: --write-option takes KEY=VALUE, got 'zstd'\n" == capsys.readouterr().err
    )
    assert not (tmp_path / "b.jsonl").exists()
