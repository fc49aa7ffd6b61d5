"""corpuskit-sgml: Reuters-21578, TREC and LDC Gigaword SGML collections as corpuskit formats.

Installed, it registers three formats through corpuskit's ``corpuskit_register_formats``
hook (entry point ``sgml`` in the ``corpuskit`` group): ``reuters-sgml``, ``trec`` and
``gigaword``.  They share the suffixes ``.sgm`` and ``.sgml``, so corpuskit sniffs the
first bytes to choose among them; ``--format`` names one outright.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit import Format, hookimpl
from corpuskit_sgml.gigaword import read_gigaword, sniff_gigaword
from corpuskit_sgml.reuters import parse_reuters_date, read_reuters, sniff_reuters
from corpuskit_sgml.trec import read_trec, sniff_trec

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "corpuskit_register_formats",
    "parse_reuters_date",
    "read_gigaword",
    "read_reuters",
    "read_trec",
    "sniff_gigaword",
    "sniff_reuters",
    "sniff_trec",
]

__version__ = "0.1.0"

_SUFFIXES = (".sgm", ".sgml")


@hookimpl
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register ``reuters-sgml``, ``trec`` and ``gigaword``."""
    register(
        Format(
            name="reuters-sgml",
            suffixes=_SUFFIXES,
            reader=read_reuters,
            sniff=sniff_reuters,
            description="Reuters-21578 SGML: <REUTERS NEWID=...> documents",
        )
    )
    register(
        Format(
            name="trec",
            suffixes=_SUFFIXES,
            reader=read_trec,
            sniff=sniff_trec,
            description="TREC SGML: <DOC><DOCNO>...</DOCNO>...<TEXT>...</TEXT></DOC>",
        )
    )
    register(
        Format(
            name="gigaword",
            suffixes=_SUFFIXES,
            reader=read_gigaword,
            sniff=sniff_gigaword,
            description='LDC Gigaword SGML: <DOC id="..." type="..."> with HEADLINE, TEXT of <P>',
        )
    )
