"""Refusing XML entity attacks before a feed reaches the parser.

A feed's document type may declare entities.
Simple internal ones (``<!ENTITY id "tag:example.com,">``) are harmless and some real
feeds use them, so they are let through.
Three kinds are refused, because they are how entity attacks work:

* external entities (``SYSTEM`` or ``PUBLIC``): they read local files or fetch URLs;
* entities whose text refers to other entities: nesting is how an expansion bomb
  ("billion laughs") grows a few hundred bytes into gigabytes;
* parameter entities (``<!ENTITY % name ...>``): they rewrite the document type itself.

The check reads only the document's prolog, with the standard library's expat parser
(which expands nothing external), and stops at the root element.
A prolog expat cannot read is scanned with a pattern instead.
"""

from __future__ import annotations

import re
import xml.parsers.expat

from corpuskit import ParseError

__all__ = ["check_entities"]

_CHUNK = 65536
_REFERENCE = re.compile(r"[&%][A-Za-z_:][\w.:-]*;")
_DECLARATION = re.compile(rb"<!ENTITY\s+(%\s+)?[^\s>]+\s+([^>]*)>", re.IGNORECASE)
_EXTERNAL = re.compile(rb"\A(SYSTEM|PUBLIC)\b", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_]")
_MARK = re.compile(rb"<!ENTITY", re.IGNORECASE)


class _RootReachedError(Exception):
    """The prolog is over: nothing more to check."""


class _RefusedError(Exception):
    """An entity declaration that is refused, and why."""


def _on_entity(
    name: str,
    is_parameter: int,
    value: str | None,
    _base: str | None,
    system_id: str | None,
    public_id: str | None,
    _notation: str | None,
) -> None:
    if system_id is not None or public_id is not None:
        raise _RefusedError(
            f"the external entity {name!r} is refused (it would read a file or a URL)"
        )
    if is_parameter:
        raise _RefusedError(f"the parameter entity {name!r} is refused")
    if value is not None and _REFERENCE.search(value):
        raise _RefusedError(
            f"the entity {name!r} refers to other entities (an expansion bomb) and is refused"
        )


def _stop(*_args: object) -> None:
    raise _RootReachedError


def check_entities(data: bytes, path: str) -> None:
    """Raise :class:`ParseError` when the feed declares an entity that is refused."""
    if _MARK.search(data) is None:
        return
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _on_entity
    parser.StartElementHandler = _stop
    try:
        for start in range(0, len(data), _CHUNK):
            parser.Parse(data[start : start + _CHUNK], False)  # noqa: FBT003 - expat's own signature
        parser.Parse(b"", True)  # noqa: FBT003
    except _RootReachedError:
        return
    except _RefusedError as exc:
        raise ParseError(f"XML safety: {exc}", path=path, line=parser.CurrentLineNumber) from None
    except xml.parsers.expat.ExpatError:
        _scan(data, path)


def _scan(data: bytes, path: str) -> None:
    """The pattern check for a prolog expat could not read."""
    root = _ROOT.search(data, data.rfind(b"]>") + 1 if b"]>" in data else 0)
    prolog = data[: root.start()] if root is not None else data
    for match in _DECLARATION.finditer(prolog):
        line = prolog.count(b"\n", 0, match.start()) + 1
        rest = match.group(2)
        if match.group(1) or _EXTERNAL.match(rest):
            raise ParseError(
                "XML safety: an external or parameter entity is refused", path=path, line=line
            )
        if _REFERENCE.search(rest.decode("latin-1")):
            raise ParseError(
                "XML safety: an entity that refers to other entities is refused",
                path=path,
                line=line,
            )
