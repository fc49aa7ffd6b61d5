"""The hook specifications: corpuskit's contract with plugin authors.

A plugin is any module or object with functions decorated by
``corpuskit.hookimpl`` whose names match the specs below.
Third-party plugins are found through the ``corpuskit`` entry-point group::

    [project.entry-points.corpuskit]
    myformat = "corpuskit_myformat"

corpuskit's own formats are registered through exactly the same hooks, so a
plugin can be blocked (``CORPUSKIT_DISABLE_PLUGINS=name``) whether it is built in
or installed.

Every hook takes a ``register`` callback instead of returning values: a plugin
calls it once per thing it provides, and corpuskit records which plugin supplied
each one (that is what ``corpuskit formats`` shows as the origin).
Each plugin's implementation is called separately, so one broken third-party
plugin cannot hide the others.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from corpuskit.dates.languages import DateLanguage
    from corpuskit.pipeline.steps import StepType
    from corpuskit.plugins import Format
    from corpuskit.segment.language import Language

__all__ = [
    "corpuskit_register_date_languages",
    "corpuskit_register_formats",
    "corpuskit_register_languages",
    "corpuskit_register_steps",
    "hookimpl",
    "hookspec",
]

hookspec = pluggy.HookspecMarker("corpuskit")
hookimpl = pluggy.HookimplMarker("corpuskit")


@hookspec
def corpuskit_register_formats(register: Callable[[Format], None]) -> None:
    """Register source or output formats by calling ``register(Format(...))`` once for each.

    A :class:`corpuskit.Format` names the format (unique across all plugins: two
    formats with one name is an error naming both plugins), lists the file suffixes
    it claims, and gives any of:

    * ``reader(source: Source) -> Iterable[Article | Failure]`` - reads one opened,
      already decompressed binary stream.
      Yield a :class:`corpuskit.Failure` for a record that is bad but leaves the rest
      readable (the caller's ``on_error`` decides whether that stops the run), and
      raise :class:`corpuskit.errors.ParseError` for damage that ends the file.
      Any other exception is a bug in the plugin.
    * ``writer(articles: Iterable[Article], sink: Sink) -> int`` - writes Articles to
      an opened binary stream and returns how many it wrote.
    * ``sniff(head: bytes) -> float`` - a score from 0 (not this format) to 1 (surely
      this format) for the first bytes of a decompressed file.
      It is consulted only when neither ``--format`` nor the file suffix decides.
    """


@hookspec
def corpuskit_register_steps(register: Callable[[StepType], None]) -> None:
    """Register pipeline steps by calling ``register(StepType(...))`` once for each.

    A :class:`corpuskit.pipeline.StepType` has a unique ``name`` (the name used in
    ``clean.toml`` and on the command line) and a ``factory`` that takes the step's
    options as keyword arguments and returns a :class:`corpuskit.pipeline.Step`.

    A step's ``apply(article, ordinal)`` returns the Article (changed only through
    ``attrs.evolve``) or a :class:`corpuskit.Drop` with a reason.
    A step that must see every Article before deciding sets ``needs_global_view``
    and implements ``observe(article, ordinal)`` and ``finish()``; the pipeline
    then makes an extra pass.
    Steps must be picklable: map steps run in worker processes with ``--jobs``.
    """


@hookspec
def corpuskit_register_date_languages(register: Callable[[DateLanguage], None]) -> None:
    """Register the month and weekday names of languages by calling ``register(DateLanguage(...))``.

    A :class:`corpuskit.dates.DateLanguage` has a ``code`` (an ISO 639-1 code such
    as ``"de"``; unique across all plugins: two languages with one code is an error
    naming both plugins), and two mappings from lower-case words to numbers:

    * ``months``: every spelling of a month (full names and abbreviations, written
      without a trailing dot) to its number, 1 for January through 12 for December;
    * ``weekdays``: every spelling of a weekday to its number, 0 for Monday through
      6 for Sunday (the numbering of :meth:`datetime.date.weekday`).

    :func:`corpuskit.normalize_date` and :func:`corpuskit.date_mentions` read month
    and weekday words through the union of every registered language, so
    ``"15. Oktober 2021"`` reads once a German language is registered.
    A word that two languages spell alike must mean the same number in both
    (``"mai"``: May in French and German); a word mapped to two different numbers
    is an error naming both plugins.
    Words are matched case-insensitively after Unicode case folding, with or
    without a trailing dot (``"Okt."``).

    English (``dates-en``) and German (``dates-de``) are built in and registered
    through this same hook; relative expressions ("yesterday", "last week") are
    English only.
    """


@hookspec
def corpuskit_register_languages(register: Callable[[Language], None]) -> None:
    """Register sentence rules by calling ``register(Language(...))`` once for each language.

    A :class:`corpuskit.segment.Language` is data, not code: the language ``code``
    (lower-case, like ``en`` or ``pt-br``; unique across all plugins, and two plugins
    registering one code is an error naming both), its ``abbreviations`` (words whose
    final period does not end a sentence, matched case-blind, inner periods allowed:
    ``"e.g"``, ``"ph.d"``), its ``final_abbreviations`` (like ``etc``, which end a
    sentence before any capitalised word), its ``sentence_starters`` (capitalised
    words that begin a new sentence after an abbreviation or an initial: ``He``,
    ``The``) and switches such as ``ordinal_numbers`` (German ``am 3. Oktober``).
    The language-independent rules (terminal marks, quotes and brackets, ellipses,
    numbers, URLs and e-mail addresses, enumerations, line breaks) apply to every
    language.

    corpuskit compiles each language once, on first use, and caches it; the hook is
    called again only when the set of plugins changes.
    To change a built-in language, block its plugin (``segment-en``, ``segment-de``)
    with ``CORPUSKIT_DISABLE_PLUGINS`` and register an evolved copy, for instance
    ``attrs.evolve(ENGLISH, abbreviations=ENGLISH.abbreviations | {"approx"})``.
    If a third-party implementation raises, corpuskit warns
    (:class:`corpuskit.errors.PluginLoadWarning`) and carries on without its languages.
    """
