"""German sentence rules, registered as the built-in plugin ``segment-de``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.hookspecs import hookimpl
from corpuskit.segment.language import Language

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["GERMAN", "corpuskit_register_languages"]

_ABBREVIATIONS = """
z.b bzw usw u.a u.ä d.h s.o s.u o.ä vgl ca evtl ggf sog inkl zzgl abs abschn allg bzgl
dr prof hr fr frl dipl ing mag med jur phil rer nat st str nr s bd hrsg jh jhd mio mrd tsd
jan feb mär apr jun jul aug sep sept okt nov dez mo di mi do sa
gmbh ag co kg e.v mwst tel u.s.w z.t i.a i.d.r a.d v.a n.chr v.chr
"""
_STARTERS = """
Aber Als Am Auch Auf Aus Bei Da Dabei Dadurch Daher Damit Dann Das Dass Dazu Dem Den Der
Des Deshalb Die Dies Diese Dieser Doch Du Ein Eine Einer Er Es Für Heute Ich Ihr Im In
Jetzt Man Mit Nach Nun Ob Seit Sie So Und Unter Vor Während Was Wenn Wie Wir Wo Zu Zum Zur
"""

GERMAN = Language(
    code="de",
    name="German",
    abbreviations=_ABBREVIATIONS.split(),
    final_abbreviations=["usw", "u.s.w", "etc"],
    sentence_starters=_STARTERS.split(),
    ordinal_numbers=True,
)
"""The German rules: abbreviations, sentence starters and ordinal numbers (``am 3. Oktober``)."""


@hookimpl
def corpuskit_register_languages(register: Callable[[Language], None]) -> None:
    """Register German."""
    register(GERMAN)
