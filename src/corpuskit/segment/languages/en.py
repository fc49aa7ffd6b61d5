"""English sentence rules, registered as the built-in plugin ``segment-en``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuskit.hookspecs import hookimpl
from corpuskit.segment.language import Language

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ENGLISH", "corpuskit_register_languages"]

_TITLES = """
mr mrs ms messrs mme mlle dr prof rev revd fr sr sra jr gen lt col maj capt cpt cmdr adm
sgt cpl pvt brig gov sen rep rt hon pres supt insp det mt ft st ave blvd rd sq esq
"""
_MONTHS = " jan feb mar apr jun jul aug sep sept oct nov dec "
_DAYS = " mon tue tues thu thur thurs fri "
_STATES = """
ala ariz ark calif colo conn fla ind kan kans ky md mich minn mont neb nebr nev okla penn
tenn tex va vt wis wisc wyo
"""
_CORPORATE = " inc co corp ltd llc plc bros assn dept div univ intl mfg "
_LATIN = " e.g i.e et al etc vs cf viz ca approx circa ibid op cit "
_OTHER = """
a.m p.m no nos n° nº vol vols pp ch chap sec fig figs dept tel ext m.p.h
b.sc m.sc ph.d m.d b.a m.a u.s u.k u.n e.u d.c l.a n.y a.d b.c
"""
_STARTERS = """
A After All Also Although An And As At Because Before Being But By Did During Each Even
For From He Her His How However I If In Instead It Its Many Meanwhile Millions More Most
My Nevertheless No Now Once One Only Our She So Some Still That The Their Then There These
They This Those Though Thus To Under We What When Where Which While Who Why Yet You Your
"""

ENGLISH = Language(
    code="en",
    name="English",
    abbreviations=(_TITLES + _MONTHS + _DAYS + _STATES + _CORPORATE + _LATIN + _OTHER).split(),
    final_abbreviations=["etc"],
    sentence_starters=_STARTERS.split(),
)
"""The English rules; extend them with ``attrs.evolve(ENGLISH, abbreviations=...)``."""


@hookimpl
def corpuskit_register_languages(register: Callable[[Language], None]) -> None:
    """Register English."""
    register(ENGLISH)
