"""Every hook spec in corpuskit.hookspecs is documented in docs/plugins/hooks.md with its signature.

The page's format (stated at its top): one section per hook, headed ``## corpuskit_<hook>``,
whose first fenced ``python`` block holds the hook's ``def`` line as written in hookspecs.py.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from corpuskit import hookspecs

HOOKS_MD = Path(__file__).resolve().parent.parent / "docs" / "plugins" / "hooks.md"
_SECTION = re.compile(r"^## +`?(corpuskit_\w+)`?[ \t]*$", re.MULTILINE)
_PYTHON_BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _specs():
    return {
        name: function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if getattr(function, "corpuskit_spec", None) is not None
    }


def _documented():
    """Hook name -> the ``def`` line of its section ('' when the section has none)."""
    text = HOOKS_MD.read_text(encoding="utf-8")
    headings = list(_SECTION.finditer(text))
    documented = {}
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following else len(text)
        section = text[heading.end() : end].split("\n## ", 1)[0]
        block = _PYTHON_BLOCK.search(section)
        lines = block.group(1).splitlines() if block else []
        documented[heading.group(1)] = next((line for line in lines if line.startswith("def ")), "")
    return documented


def _normal(annotation):
    return "" if annotation is None else ast.unparse(ast.parse(annotation, mode="eval"))


def _signature_of_spec(function):
    """(name, kind, annotation, has default) per parameter, and the return annotation."""
    signature = inspect.signature(function)
    empty = inspect.Parameter.empty
    params = [
        (
            p.name,
            p.kind.name,
            _normal(None if p.annotation is empty else p.annotation),
            p.default is not empty,
        )
        for p in signature.parameters.values()
    ]
    returns = None if signature.return_annotation is empty else signature.return_annotation
    return params, _normal(returns)


def _signature_of_doc(def_line):
    """The same shape, parsed from the ``def`` line in the docs."""
    source = def_line if def_line.rstrip().endswith("...") else def_line.rstrip() + " ..."
    node = ast.parse(source).body[0]
    args = node.args
    positional = args.posonlyargs + args.args
    defaults = [False] * (len(positional) - len(args.defaults)) + [True] * len(args.defaults)
    params = [
        (
            a.arg,
            "POSITIONAL_ONLY" if a in args.posonlyargs else "POSITIONAL_OR_KEYWORD",
            a.annotation,
            d,
        )
        for a, d in zip(positional, defaults, strict=True)
    ]
    if args.vararg:
        params.append((args.vararg.arg, "VAR_POSITIONAL", args.vararg.annotation, False))
    params += [
        (a.arg, "KEYWORD_ONLY", a.annotation, d is not None)
        for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    ]
    if args.kwarg:
        params.append((args.kwarg.arg, "VAR_KEYWORD", args.kwarg.annotation, False))
    params = [
        (name, kind, ast.unparse(ann) if ann else "", default)
        for name, kind, ann, default in params
    ]
    returns = ast.unparse(node.returns) if node.returns else ""
    return params, returns


@pytest.mark.parametrize("name", sorted(_specs()))
def test_every_hook_spec_is_documented(name):
    """Each hook spec has a section in docs/plugins/hooks.md."""
    assert name in _documented(), f"add a '## {name}' section to {HOOKS_MD}"


@pytest.mark.parametrize("name", sorted(_specs()))
def test_documented_signatures_match_the_specs(name):
    """Each documented def line declares the spec's parameters, annotations and return type."""
    def_line = _documented().get(name)
    if def_line is None:
        pytest.fail(f"{name} is not documented in {HOOKS_MD}")
    assert def_line, f"the '## {name}' section needs a ```python block with the def line"
    assert _signature_of_spec(_specs()[name]) == _signature_of_doc(def_line)
    assert name == ast.parse(def_line.rstrip().removesuffix("...").rstrip() + " ...").body[0].name


def test_no_section_documents_a_hook_that_does_not_exist():
    """Every hook section of the page names a real hook spec."""
    assert [] == sorted(set(_documented()) - set(_specs()))


def test_a_changed_signature_is_caught():
    """A def line that differs from the spec in an annotation compares unequal."""
    spec = _signature_of_spec(hookspecs.corpuskit_register_formats)
    wrong = "def corpuskit_register_formats(register: Callable[[str], None]) -> None: ..."
    assert spec != _signature_of_doc(wrong)
