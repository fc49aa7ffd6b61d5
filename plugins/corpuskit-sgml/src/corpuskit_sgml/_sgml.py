"""What the three SGML layouts share: streaming documents out of a file, entities, text shapes."""

from __future__ import annotations

import html.entities
import re
from typing import IO, TYPE_CHECKING, NamedTuple

from corpuskit import Article, Failure, canonical_text, decode_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from corpuskit.plugins import Source

__all__ = [
    "Document",
    "Stray",
    "attributes",
    "clean",
    "documents",
    "elements",
    "one_line",
    "open_document",
    "paragraph_text",
    "read_documents",
]

_BLOCK = 1 << 20
# Declarations and comments (<!DOCTYPE lewis SYSTEM "lewis.dtd">) may sit between documents.
_DECLARATION = re.compile(rb"<![^>]*>")
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# C0 controls but tab, newline and carriage return; DEL; C1 controls. The wire
# services' transmission codes (&#2; &#3; &#5; &#22; …) decode to these.
_CONTROLS = dict.fromkeys([*range(9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)])
_ELEMENT = re.compile(r"<([A-Za-z][A-Za-z0-9._-]*)(\s[^>]*)?>(.*?)</\1\s*>", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([A-Za-z][A-Za-z0-9._-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_PARAGRAPH_TAG = re.compile(r"</?[Pp](?:\s[^>]*)?>")
_TAG = re.compile(r"<[^>]*>")


class Document(NamedTuple):
    """The bytes of one document, from its start tag to its end tag, and where it starts."""

    data: bytes
    line: int
    byte_offset: int


class Stray(NamedTuple):
    """Bytes outside any document (or a document without its end): where, and what is wrong."""

    line: int
    message: str


def documents(
    stream: IO[bytes], start: re.Pattern[bytes], end: bytes
) -> Iterator[Document | Stray]:
    """Stream the documents of ``stream``: each from a ``start`` match to the next ``end`` tag.

    The file is read in blocks of 1 MiB and never held whole.
    Whitespace, ``<!…>`` declarations and comments between documents are skipped;
    other text there, a start tag left open and an end tag without a start become
    :class:`Stray` records for the reader to report.
    """
    buf = b""
    pos = 0  # next unread byte in buf
    line = 1  # line number at buf[pos]
    base = 0  # file offset of buf[0]
    end_length = len(end)
    eof = False
    while True:
        stop = buf.find(end, pos)
        if stop < 0:
            if eof:
                yield from _tail(buf, pos, line, start)
                return
            block = stream.read(_BLOCK)
            eof = not block
            base += pos
            buf = buf[pos:] + block
            pos = 0
            continue
        stop += end_length
        match = start.search(buf, pos, stop)
        if match is None:
            yield Stray(
                line + buf.count(b"\n", pos, stop - end_length),
                f"{end.decode()} without a start tag",
            )
        else:
            first = match.start()
            if (
                first > pos
                and buf[pos:first].strip()
                and _DECLARATION.sub(b"", buf[pos:first]).strip()
            ):
                yield Stray(_first_text_line(buf, pos, first, line), "text outside any document")
            # A second start before the end: the first document lost its end tag.
            while (later := start.search(buf, match.end(), stop)) is not None:
                yield Stray(
                    line + buf.count(b"\n", pos, match.start()), f"document without {end.decode()}"
                )
                match = later
            first = match.start()
            doc_line = line + buf.count(b"\n", pos, first)
            yield Document(buf[first:stop], doc_line, base + first)
        line += buf.count(b"\n", pos, stop)
        pos = stop


def read_documents(
    source: Source,
    start: re.Pattern[bytes],
    end: bytes,
    article: Callable[[str, Document], Article],
    name: str,
) -> Iterator[Article | Failure]:
    """Build ``article(path, document)`` for each document of ``source``; Strays become Failures."""
    path = source.path
    for item in documents(source.stream, start, end):
        if isinstance(item, Document):
            yield article(path, item)
        else:
            yield Failure(path=path, line=item.line, message=item.message, format=name)


def open_document(document: Document, tag: str) -> tuple[str, str | None, dict[str, str], int]:
    """Decode a document: its text, decoding note, start-tag attributes, and where that tag ends."""
    doc, decoding = decode_text(document.data)
    head_end = doc.find(">")
    return doc, decoding, attributes(doc[len(tag) + 1 : head_end]), head_end


def _first_text_line(buf: bytes, pos: int, stop: int, line: int) -> int:
    chunk = buf[pos:stop]
    skipped = len(chunk) - len(chunk.lstrip())
    return line + chunk.count(b"\n", 0, skipped)


def _tail(buf: bytes, pos: int, line: int, start: re.Pattern[bytes]) -> Iterator[Stray]:
    match = start.search(buf, pos)
    if match is not None:
        yield Stray(line + buf.count(b"\n", pos, match.start()), "the file ends inside a document")
    elif _DECLARATION.sub(b"", buf[pos:]).strip():
        yield Stray(_first_text_line(buf, pos, len(buf), line), "text outside any document")


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name[0] == "#":
        try:
            # "&#x41;": base 16 after "#x" ("0x" prefixes and base 0 would reject "&#05;").
            number = int(name[2:], 16) if name[1] in "xX" else int(name[1:])  # noqa: FURB166
            return chr(number)
        except (ValueError, OverflowError):
            return match.group(0)
    code = html.entities.name2codepoint.get(name)
    return match.group(0) if code is None else chr(code)


def clean(text: str) -> str:
    """Decode SGML entities (numeric and named); drop control characters but tab and line ends."""
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    return text.translate(_CONTROLS)


def one_line(text: str) -> str:
    """Remove tags, ``clean`` the rest and collapse all whitespace to single spaces."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    return " ".join(clean(text).split())


def paragraph_text(content: str) -> str:
    """The text of an element: ``<P>`` paragraphs reflowed and blank-line separated, else the lines.

    Content without ``<P>`` keeps its line layout (in canonical form).
    """
    if _PARAGRAPH_TAG.search(content) is None:
        content = _TAG.sub("", content) if "<" in content else content
        return canonical_text(clean(content))
    paragraphs = (one_line(part) for part in _PARAGRAPH_TAG.split(content))
    return "\n\n".join(part for part in paragraphs if part)


def elements(content: str) -> list[tuple[str, str, str]]:
    """The outermost elements of ``content`` as (upper-case name, attribute text, raw content)."""
    return [
        (match.group(1).upper(), match.group(2) or "", match.group(3))
        for match in _ELEMENT.finditer(content)
    ]


def attributes(text: str) -> dict[str, str]:
    """The attributes of a start tag's attribute text, by lower-case name."""
    # findall gives "" for the alternatives that did not match, so ``or`` picks the one that did.
    return {
        name.lower(): double or single or bare
        for name, double, single, bare in _ATTRIBUTE.findall(text)
    }
