r"""Text shapes every format agrees on.

An Article's ``text`` is *canonical*: lines end with ``\\n`` and no trailing
whitespace, paragraphs are separated by exactly one blank line, and there are no
blank lines at the start or the end.
"""

from __future__ import annotations

__all__ = ["canonical_text", "decode_text"]


def canonical_text(text: str) -> str:
    r"""Return ``text`` in canonical form (idempotent).

    ``\\r\\n`` and ``\\r`` become ``\\n``; trailing whitespace is removed from each
    line; runs of blank (or whitespace-only) lines become one blank line; blank
    lines at the start and end are removed.
    Leading whitespace inside a line is kept.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    append = out.append
    blank = False
    for raw_line in text.split("\n"):
        line = raw_line.rstrip()
        if line:
            if blank and out:
                append("")
            append(line)
            blank = False
        else:
            blank = True
    return "\n".join(out)


def decode_text(
    data: bytes, encoding: str = "utf-8", *, fallback: str | None = "latin-1"
) -> tuple[str, str | None]:
    """Decode ``data`` as ``encoding``; return the text and a note when ``fallback`` was needed.

    The note is ``None`` when ``data`` decodes as ``encoding``.  Otherwise (invalid
    bytes, or an encoding Python does not know) ``data`` is decoded as ``fallback``
    and the note says why, for example
    ``"latin-1 fallback: not valid utf-8 (byte 0xa3 at offset 257)"``, so that a
    reader can record it instead of decoding silently.  With ``fallback=None`` the
    ``UnicodeDecodeError`` or ``LookupError`` propagates.  ``latin-1`` decodes any
    bytes, so the default fallback never fails.
    """
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        if fallback is None:
            raise
        why = f"not valid {encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    except LookupError:
        if fallback is None:
            raise
        why = f"unknown encoding {encoding!r}"
    return data.decode(fallback, "replace"), f"{fallback} fallback: {why}"
