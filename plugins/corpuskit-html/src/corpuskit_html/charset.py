"""Decoding the bytes of a web page: the charset from the HTTP header or the page itself.

The order follows the HTML standard's encoding sniffing: a byte-order mark, then the
transport's ``charset`` (the HTTP ``Content-Type`` header), then a ``<meta>`` declaration
in the first bytes, then UTF-8 when the bytes are valid UTF-8, then a guess.
Decoding never fails: bytes the chosen codec cannot read become U+FFFD.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_html", "lookup_charset"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PRESCAN_BYTES = 4096
_GUESS_BYTES = 65536
# <meta charset="x"> and <meta http-equiv="content-type" content="text/html; charset=x">.
_META_CHARSET = re.compile(
    rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]{1,40})", re.IGNORECASE
)
# Labels that browsers read as another codec (WHATWG Encoding standard).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}
_UTF16 = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf_16", "utf_16_le", "utf_16_be"})


def lookup_charset(label: str | None) -> str | None:
    """The Python codec for a charset label, or ``None`` when Python does not know it."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _from_meta(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    codec = lookup_charset(match.group(1).decode("ascii"))
    # A page that says it is UTF-16 in ASCII bytes is not UTF-16 (HTML standard).
    return "utf-8" if codec in _UTF16 else codec


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for undeclared, non-UTF-8 pages

    best = from_bytes(data[:_GUESS_BYTES]).best()
    codec = lookup_charset(best.encoding) if best is not None else None
    return codec or "cp1252"


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes; return the text and the codec used.

    ``charset`` is the HTTP header's charset, when there was a header.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace"), codec
    declared = lookup_charset(charset) or _from_meta(data[:_PRESCAN_BYTES])
    if declared is not None:
        return data.decode(declared, "replace"), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        guessed = _guess(data)
    return data.decode(guessed, "replace"), guessed
