r"""Text shapes every format agrees on.

An Article's ``text`` is *canonical*: lines end with ``\\n`` and no trailing
whitespace, paragraphs are separated by exactly one blank line, and there are no
blank lines at the start or the end.
"""

from __future__ import annotations

__all__ = ["canonical_text"]


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
