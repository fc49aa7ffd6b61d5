"""Every code example in docs/*.md and README.md runs, so the docs cannot rot.

Per page, the ```python blocks run in order in one namespace, and each line of a ```sh or ```console block that
starts with ``corpuskit `` runs in a shell, all in a temporary directory holding what the examples name: the
example corpus as ``examples/``, ``archive/`` and ``news/``, ``news.jsonl``, ``extra/more.jsonl.gz``, ``feed.csv``.
A ```toml block whose first line is ``# NAME`` is written to NAME first, so later commands can use it.
A block right after ``<!-- not-run: reason -->`` does not run; it is reported as a skip with its reason.
"""

from __future__ import annotations
import __future__

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import corpuskit

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
NOT_RUN = re.compile(r"<!--\s*not-run:\s*(.+?)\s*-->\s*$")
RUN_LANGUAGES = {"python", "sh", "console", "toml"}
#: Hook signatures on the pages name types they do not import, as the hook reference does.
LAZY_ANNOTATIONS = __future__.annotations.compiler_flag
FEED_CSV = "body,headline,published\nMarkets rose on Friday.,Markets rise,2024-01-05\n"


def _blocks(page: Path) -> list[tuple[str, str, str | None, int]]:
    """Each fenced block of ``page`` as (language, code, not-run reason or None, line number)."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        reason = NOT_RUN.search(before)
        line = text.count("\n", 0, match.start()) + 1
        found.append((match.group(1), match.group(2), reason.group(1) if reason else None, line))
    return found


def _name(page: Path) -> str:
    """``page`` relative to the repository root."""
    return page.relative_to(ROOT).as_posix()


def _commands(code: str) -> list[str]:
    """The lines of a shell block that run corpuskit."""
    return [line for line in code.splitlines() if line.startswith("corpuskit ")]


def _is_example(language: str, code: str) -> bool:
    """Whether a block is a runnable example (Python, corpuskit commands, or a named TOML file)."""
    if language == "python":
        return True
    if language in {"sh", "console"}:
        return bool(_commands(code))
    return language == "toml" and code.startswith("# ")


PAGE_PARAMS = []
NOT_RUN_PARAMS = []
for _page in PAGES:
    _examples = [b for b in _blocks(_page) if b[0] in RUN_LANGUAGES and _is_example(b[0], b[1])]
    if any(reason is None for _, _, reason, _ in _examples):
        PAGE_PARAMS.append(pytest.param(_page, id=_name(_page)))
    NOT_RUN_PARAMS.extend(
        pytest.param(reason, id=f"{_name(_page)}:{line}")
        for _, _, reason, line in _examples
        if reason is not None
    )


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary directory with the inputs the examples name, as the current directory."""
    for name in ("examples", "archive"):
        shutil.copytree(ROOT / "examples", tmp_path / name)
    shutil.copytree(ROOT / "examples" / "news", tmp_path / "news")
    monkeypatch.chdir(tmp_path)
    corpuskit.write(corpuskit.read("examples/"), "news.jsonl")
    (tmp_path / "feed.csv").write_text(FEED_CSV, encoding="utf-8")
    (tmp_path / "extra").mkdir()
    corpuskit.write(corpuskit.read("examples/"), "extra/more.jsonl.gz")
    bin_dir = os.path.dirname(sys.executable)
    monkeypatch.setenv("PATH", bin_dir + os.pathsep + os.environ.get("PATH", ""))
    return tmp_path


#: Run times differ from run to run; everything else a printed summary says must match.
ELAPSED = re.compile(r" in \d+(?:\.\d+)? s$", re.MULTILINE)


def _same_summary(shown: str, printed: str) -> bool:
    """Whether the summary a page shows is the one the command printed (times aside)."""
    return ELAPSED.sub(" in N s", shown.strip()) == ELAPSED.sub(" in N s", printed.strip())


def _run_shell(command: str, where: str, cwd: Path) -> str:
    """Run one corpuskit command line in bash, failing with its output when it fails; return stderr."""
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"{where}: `{command}` exited {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stderr


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_page_examples_run(page: Path, workdir: Path) -> None:
    """Every runnable example on the page runs without error, in the page's order."""
    namespace: dict[str, object] = {"__name__": "__docs_example__"}
    ran = 0
    printed: str | None = None  # what the last shell block printed on stderr
    for language, code, reason, line in _blocks(page):
        where = f"{_name(page)}:{line}"
        if language == "text" and code.startswith("corpuskit: ") and printed is not None:
            # A summary shown right after a command must be what that command prints.
            if not _same_summary(code, printed):
                pytest.fail(f"{where}: the page shows\n{code}\nbut the command printed\n{printed}")
            printed = None
            continue
        printed = None
        if reason is not None or language not in RUN_LANGUAGES or not _is_example(language, code):
            continue
        if language == "toml":
            name = code.splitlines()[0][2:].strip()
            (workdir / name).write_text(code, encoding="utf-8")
        elif language == "python":
            try:
                exec(compile(code, where, "exec", flags=LAZY_ANNOTATIONS), namespace)  # noqa: S102 - running the docs is the point
            except Exception as exc:  # noqa: BLE001 - any failure of an example is reported the same way
                pytest.fail(f"{where}: {type(exc).__name__}: {exc}")
        else:
            for command in _commands(code):
                printed = _run_shell(command, where, workdir)
        ran += 1
    assert ran > 0


@pytest.mark.parametrize("reason", NOT_RUN_PARAMS)
def test_not_run_examples_say_why(reason: str) -> None:
    """A block marked not-run gives its reason, reported here as a skip."""
    assert reason.strip()
    pytest.skip(f"not-run: {reason}")


def test_examples_are_found(tmp_path: Path) -> None:
    """The extractor finds fenced blocks and reads the not-run marker before one."""
    page = "text\n\n<!-- not-run: needs a cluster -->\n```sh\ncorpuskit clean a -o b\n```\n\n```python\nx = 1\n```\n"
    path = tmp_path / "page.md"
    path.write_text(page, encoding="utf-8")
    blocks = _blocks(path)
    expected = [
        ("sh", "corpuskit clean a -o b\n", "needs a cluster", 4),
        ("python", "x = 1\n", None, 8),
    ]
    assert expected == blocks


def test_summary_comparison_ignores_only_the_time() -> None:
    """A shown summary matches the printed one when only the elapsed time differs."""
    shown = "corpuskit: 2 read = 2 written + 0 dropped + 0 failed\n  wrote a.jsonl in 0.2 s\n"
    assert _same_summary(shown, shown.replace("0.2 s", "13.0 s"))
    assert not _same_summary(shown, shown.replace("2 written + 0", "1 written + 1"))
