"""benchmarks/run_all.py: results in, the Markdown page and its plots out (no benchmark is timed here)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def _load():
    spec = importlib.util.spec_from_file_location("run_all", ROOT / "benchmarks" / "run_all.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_all"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


run_all = _load()

READ = {
    "benchmark": "read_dateheader",
    "summary": "1,000 generated articles",
    "tables": [
        {
            "title": "Reading",
            "columns": ["tool", "seconds", "MB/s"],
            "rows": [["floor", 0.5, 96.0], ["corpuskit.read", 0.6, 80.25]],
        }
    ],
    "ratios": [
        {"name": "read / floor", "value": 0.84, "meaning": "corpuskit is faster"},
        {
            "name": "fastwarc / warcio",
            "value": 4.5,
            "meaning": "FastWARC is faster",
            "at_least": 1.0,
            "bar": "the faster reader",
            "documented": "3.6 to 6.6",
        },
        {
            "name": "corpuskit / blingfire",
            "value": 0.77,
            "meaning": "corpuskit is faster",
            "at_least": 1.0,
            "bar": "parity",
        },
        {"name": "identical", "value": False, "meaning": "same bytes", "at_least": 1.0},
    ],
    "bars": [
        {"title": "Reading files", "unit": "MB/s", "values": {"floor": 96.0, "corpuskit": 80.0}}
    ],
    "points": [],
    "notes": ["A note under the tables."],
}


def _scale_results(articles: int) -> dict[str, object]:
    return {
        "benchmark": "scale",
        "summary": f"{articles} articles",
        "tables": [],
        "ratios": [],
        "bars": [],
        "points": [
            {
                "curve": "Throughput by size",
                "series": series,
                "x": articles,
                "y": articles / 10,
                "xlabel": "articles",
                "ylabel": "articles/s",
            }
            for series in ("local", "dask")
        ],
        "notes": [],
    }


def _outcomes():
    run = run_all.RUNS
    by_name = {item.name: item for item in run}
    return [
        run_all.Outcome(
            by_name["read_dateheader"], "ok", 12.0, "python benchmarks/x.py", results=READ
        ),
        run_all.Outcome(
            by_name["sgml"], "skipped", command="python s.py", reason="needs ../shared/x (absent)"
        ),
        run_all.Outcome(
            by_name["dates"], "failed", 3.0, "python d.py", "exited 1", "Traceback: boom"
        ),
        run_all.Outcome(
            by_name["scale-small"], "ok", 5.0, "python sc.py", results=_scale_results(100)
        ),
        run_all.Outcome(
            by_name["scale-large"], "ok", 9.0, "python sc.py", results=_scale_results(400)
        ),
    ]


def _page() -> str:
    return run_all.render_page(
        _outcomes(),
        about={"CPU": "Test CPU", "cores": "2"},
        packages={"corpuskit": "0.1.0", "pysbd": "0.3.4"},
        images="img/benchmarks",
        quick=False,
    )


def test_page_has_every_table_row() -> None:
    """Each row of a benchmark's table appears as a Markdown table row."""
    lines = _page().splitlines()
    table = READ["tables"][0]
    assert "| " + " | ".join(table["columns"]) + " |" in lines
    for row in table["rows"]:
        assert "| " + " | ".join(run_all.number(cell) for cell in row) + " |" in lines


def test_page_states_missed_bars() -> None:
    """A ratio under its bar is marked missed and listed; one over it is met; one without a bar has no verdict."""
    page = _page()
    rows = {
        line.split(" | ")[0].removeprefix("| read_dateheader: "): line
        for line in page.splitlines()
        if line.startswith("| read_dateheader: ")
    }
    assert "**missed**" in rows["corpuskit / blingfire"]
    assert "**missed**" in rows["identical"]
    assert "| met |" in rows["fastwarc / warcio"]
    assert "met" not in rows["read / floor"]
    assert "3.6 to 6.6" in rows["fastwarc / warcio"]
    assert "1 of 3 bars met in this run." in page
    assert "- read_dateheader: corpuskit / blingfire is 0.77, bar ≥ 1.00: parity" in page


def test_page_links_each_plot_once() -> None:
    """Each bar chart and each curve, joined across runs, is linked once from the page."""
    page = _page()
    expected = sorted(run_all.plot_files(_outcomes()).values())
    links = re.findall(r"!\[[^\]]*\]\(img/benchmarks/([^)]+)\)", page)
    assert expected == sorted(links)
    assert ["Reading files", "Throughput by size"] == sorted(run_all.plot_files(_outcomes()))


def test_page_reports_skips_and_failures() -> None:
    """A skipped run shows its reason, a failed one its reason and the end of its output."""
    page = _page()
    assert "skipped: needs ../shared/x (absent)" in page
    assert "failed: exited 1" in page
    assert "Traceback: boom" in page


def test_page_shows_machine_and_versions() -> None:
    """The machine and the package versions are on the page."""
    lines = _page().splitlines()
    assert "| CPU | Test CPU |" in lines
    assert "| pysbd | 0.3.4 |" in lines


def test_page_has_no_runnable_example() -> None:
    """The generated page holds no block that tests/test_docs_examples.py would run."""
    fences = re.findall(r"^```(\w*)$", _page(), re.MULTILINE)
    assert set(fences) <= {"text", ""}


@given(
    value=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    limit=st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_bar_verdicts(value: float, limit: float) -> None:
    """A bar from below is met when the value reaches it, a bar from above when the value stays under it."""
    assert (value >= limit) == run_all.passes({"value": value, "at_least": limit})
    assert (value <= limit) == run_all.passes({"value": value, "at_most": limit})
    assert run_all.passes({"value": value}) is None


@given(
    columns=st.lists(st.text(min_size=1), min_size=1, max_size=4),
    data=st.data(),
)
def test_markdown_table_shape(columns: list[str], data: st.DataObject) -> None:
    """A table has a header, a rule and one line per row, each with one cell per column."""
    rows = data.draw(
        st.lists(
            st.lists(
                st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans()),
                min_size=len(columns),
                max_size=len(columns),
            ),
            max_size=5,
        )
    )
    lines = run_all.markdown_table(columns, rows)
    assert len(rows) + 2 == len(lines)
    for line in lines:
        assert [line] == line.splitlines()
        assert len(columns) + 1 == len(re.findall(r"(?<!\\)\|", line))


def test_missing_input_is_skipped(tmp_path: Path) -> None:
    """A run whose shared input is absent is skipped with the missing path named, without running."""
    run = next(item for item in run_all.RUNS if item.name == "sgml")
    outcome = run_all.execute(run, quick=True, shared=tmp_path, work=tmp_path, timeout=60)
    assert "skipped" == outcome.status
    assert "../shared/corpora/reuters21578/sgm" in outcome.reason


def test_failing_script_is_recorded(tmp_path: Path) -> None:
    """A benchmark that exits non-zero is recorded as failed with its exit status and output."""
    run = run_all.Run("missing", "no_such_benchmark", "Parsing", (), ())
    outcome = run_all.execute(run, quick=True, shared=tmp_path, work=tmp_path, timeout=60)
    assert "failed" == outcome.status
    assert "exited 2" == outcome.reason
    assert "no_such_benchmark.py" in outcome.output_tail


def test_plots_are_small_pngs(tmp_path: Path) -> None:
    """Every plot the page links is drawn as a PNG under 200 KB."""
    pytest.importorskip("matplotlib")
    outcomes = _outcomes()
    written = run_all.draw_plots(outcomes, tmp_path)
    assert sorted(run_all.plot_files(outcomes).values()) == sorted(path.name for path in written)
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG")
        assert path.stat().st_size < 200_000


def test_saved_results_render_the_same_page(tmp_path: Path) -> None:
    """Results saved to JSON and loaded again render the page they were saved from."""
    path = tmp_path / "results.json"
    about = {"CPU": "Test CPU"}
    run_all.save(path, _outcomes(), about, quick=True)
    saved = run_all.load(path)
    expected = run_all.render_page(
        _outcomes(), about=about, packages=saved["packages"], images="img", quick=True
    )
    actual = run_all.render_page(
        saved["outcomes"],
        about=saved["about"],
        packages=saved["packages"],
        images="img",
        quick=True,
    )
    assert expected == actual


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_figures_keep_about_three_digits(value: float) -> None:
    """A figure shown on the page is within 5 % of the measured value (or 0.005 of it near zero)."""
    shown = float(run_all.rounded(value).replace(",", ""))
    assert abs(shown - value) <= max(0.05 * abs(value), 0.005)
