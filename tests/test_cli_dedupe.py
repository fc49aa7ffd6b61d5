"""Tests for ``corpuskit dedupe``."""

from __future__ import annotations

import json

from corpuskit import Article, read, write
from corpuskit.cli import main

TEXT = " ".join(f"word{i}" for i in range(60))


def corpus(path):
    """Write four articles: an original, an exact copy, a near copy and another story."""
    articles = [
        Article(id="a", text=TEXT, date_raw="2020-01-02"),
        Article(id="b", text=TEXT.upper()),
        Article(id="c", text=TEXT.replace("word7 ", "word77 ")),
        Article(id="d", text="something else " * 10),
    ]
    write(articles, path)


def test_dedupe_writes_kept_articles_and_a_report_whose_counts_add_up(tmp_path, capsys):
    """The report names clusters with kept and dropped ids; read = written + dropped + failed."""
    corpus(tmp_path / "in.jsonl")
    status = main(
        [
            "dedupe",
            str(tmp_path / "in.jsonl"),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--report",
            str(tmp_path / "r.json"),
            "--keep",
            "first",
        ]
    )
    report = json.loads((tmp_path / "r.json").read_text())
    assert 0 == status
    assert ["a", "d"] == [article.id for article in read(tmp_path / "out.jsonl")]
    assert report["read"] == report["written"] + sum(report["dropped"].values()) + report["failed"]
    assert [("a", ["b", "c"])] == [
        (c["kept"]["id"], [m["id"] for m in c["dropped"]]) for c in report["clusters"]
    ]
    assert "wrote 2" in capsys.readouterr().err


def test_exact_method_keeps_near_copies(tmp_path):
    """--method exact drops only the copy with the same normalized text."""
    corpus(tmp_path / "in.jsonl")
    main(
        [
            "dedupe",
            str(tmp_path / "in.jsonl"),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--method",
            "exact",
            "-q",
        ]
    )
    assert ["a", "c", "d"] == [article.id for article in read(tmp_path / "out.jsonl")]


def test_an_index_carries_over_to_the_next_run(tmp_path):
    """A second run over the same input with the index drops everything."""
    corpus(tmp_path / "in.jsonl")
    args = ["dedupe", str(tmp_path / "in.jsonl"), "--index", str(tmp_path / "i.db"), "-q", "-o"]
    main([*args, str(tmp_path / "one.jsonl")])
    main([*args, str(tmp_path / "two.jsonl"), "--report", str(tmp_path / "r.json")])
    assert [] == list(read(tmp_path / "two.jsonl"))
    assert {"exact-duplicate": 3, "near-duplicate": 1} == json.loads(
        (tmp_path / "r.json").read_text()
    )["dropped"]


def test_a_bad_threshold_is_one_line_on_stderr(tmp_path, capsys):
    """A user error exits 1 with a message naming the option."""
    corpus(tmp_path / "in.jsonl")
    assert 1 == main(
        ["dedupe", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"), "--threshold", "2"]
    )
    assert "threshold" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()
