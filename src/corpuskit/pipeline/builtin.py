"""corpuskit's own per-article steps: ``cleanup`` and ``filter``.

They register through ``corpuskit_register_steps`` like any plugin's steps.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from corpuskit.dates.pipeline import DatesStep
from corpuskit.errors import ConfigError
from corpuskit.hookspecs import hookimpl
from corpuskit.model import Article, Drop
from corpuskit.pipeline.steps import Step, StepType
from corpuskit.text import canonical_text

__all__ = ["CleanupStep", "FilterStep", "SegmentStep", "unwrap_paragraph"]

# C0 and C1 controls except tab and newline, plus zero-width characters and stray BOMs.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200d\u2060\ufeff]")
# Runs of horizontal whitespace of any kind (tab, NBSP, thin space, ideographic space, ...).
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
# Whitespace other than space and newline: with "  " this tells, cheaply, whether _SPACES has work.
_ODD_SPACE = re.compile(r"[^\S\n ]")
_LIST_ITEM = re.compile(r"\s*(?:[-*\u2022]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")
_UNWRAP_MODES = ("auto", "always", "never")
_MIN_WRAPPED_LINE = 40


def unwrap_paragraph(paragraph: str, mode: str = "auto") -> str:
    """Join the hard-wrapped lines of one paragraph with single spaces.

    ``auto`` joins only when the paragraph looks wrapped: two or more lines, every
    line but the last at least 40 characters long, and no line that starts a list
    item.  A line ending in a hyphen is joined without a space (``well-`` + ``known``).
    """
    if "\n" not in paragraph or mode == "never":
        return paragraph
    lines = paragraph.split("\n")
    if mode == "auto" and (
        any(len(line.strip()) < _MIN_WRAPPED_LINE for line in lines[:-1])
        or any(_LIST_ITEM.match(line) for line in lines[1:])
    ):
        return paragraph
    out = lines[0].rstrip()
    for line in lines[1:]:
        piece = line.strip()
        out = f"{out}{piece}" if out.endswith("-") and piece[:1].isalpha() else f"{out} {piece}"
    return out


class CleanupStep(Step):
    """Unicode NFC, control characters out, whitespace folded, hard wraps undone, canonical text.

    ``fix_mojibake`` repairs text decoded with the wrong charset through ftfy
    (``pip install 'corpuskit[ftfy]'``).
    """

    name = "cleanup"

    def __init__(
        self,
        *,
        nfc: bool = True,
        controls: bool = True,
        whitespace: bool = True,
        unwrap: str = "auto",
        fix_mojibake: bool = False,
    ) -> None:
        """Configure which repairs run; see the class docstring."""
        super().__init__()
        if unwrap not in _UNWRAP_MODES:
            raise ValueError(f"unwrap must be one of {', '.join(_UNWRAP_MODES)}, got {unwrap!r}")
        self.nfc, self.controls, self.whitespace, self.unwrap, self.fix_mojibake = (
            nfc,
            controls,
            whitespace,
            unwrap,
            fix_mojibake,
        )
        self._ftfy: Callable[[str], str] | None = None
        if fix_mojibake:
            try:
                import ftfy  # noqa: PLC0415 - an optional extra, loaded only when asked for
            except ImportError:
                raise ConfigError(
                    "cleanup.fix_mojibake needs ftfy: pip install 'corpuskit[ftfy]'"
                ) from None
            self._ftfy = ftfy.fix_text

    def config(self) -> dict[str, Any]:
        """The options this step was built with."""
        return {
            "nfc": self.nfc,
            "controls": self.controls,
            "whitespace": self.whitespace,
            "unwrap": self.unwrap,
            "fix_mojibake": self.fix_mojibake,
        }

    def __getstate__(self) -> dict[str, Any]:
        """Pickle without the ftfy function (it is looked up again in the worker)."""
        state = dict(self.__dict__)
        state["_ftfy"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore, finding ftfy again when it is needed."""
        self.__dict__.update(state)
        if self.fix_mojibake:
            import ftfy  # noqa: PLC0415

            self._ftfy = ftfy.fix_text

    def _clean(self, text: str, *, multiline: bool) -> str:
        if self._ftfy is not None:
            text = self._ftfy(text)
        if self.nfc and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        # isprintable() is False exactly when a control, format or separator character
        # other than the space is present: one C-speed pass that spares the regexes
        # for most text (and "  " in text is a memchr).
        odd = not text.replace("\n", "").isprintable()
        if self.controls and odd:
            text = _CONTROL.sub("", text)
        if self.whitespace and ("  " in text or (odd and _ODD_SPACE.search(text))):
            text = _SPACES.sub(" ", text)
        if not multiline:
            return " ".join(text.split())
        text = canonical_text(text)
        if self.unwrap != "never" and "\n" in text:
            text = "\n\n".join(unwrap_paragraph(p, self.unwrap) for p in text.split("\n\n"))
        return text

    def apply(self, article: Article, ordinal: int) -> Article | Drop:  # noqa: ARG002
        """Return the cleaned Article (the same object when nothing changed)."""
        title = self._clean(article.title, multiline=False)
        text = self._clean(article.text, multiline=True)
        if title == article.title and text == article.text:
            return article
        self.notes.add("changed")
        return attrs.evolve(article, title=title, text=text)


_FIELDS = ("title", "text", "date", "url", "authors", "language")


def _parse_day(value: str | dt.date | None, option: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option} takes an ISO date like 2021-10-15, got {value!r}") from None


class FilterStep(Step):
    """Drop articles that are too short, outside a date range, or missing required fields."""

    name = "filter"

    def __init__(
        self,
        *,
        min_chars: int = 0,
        min_words: int = 0,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        require: Sequence[str] = (),
    ) -> None:
        """``date_from``/``date_to`` are inclusive ISO days; ``require`` names Article fields."""
        super().__init__()
        unknown = sorted(set(require) - set(_FIELDS))
        if unknown:
            raise ValueError(
                f"require names unknown fields {unknown}; fields are {', '.join(_FIELDS)}"
            )
        self.min_chars, self.min_words, self.require = min_chars, min_words, tuple(require)
        self.date_from = _parse_day(date_from, "date_from")
        self.date_to = _parse_day(date_to, "date_to")

    def config(self) -> dict[str, Any]:
        """The options this step was built with."""
        return {
            "min_chars": self.min_chars,
            "min_words": self.min_words,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "require": list(self.require),
        }

    def apply(self, article: Article, ordinal: int) -> Article | Drop:  # noqa: ARG002
        """Return the Article, or a Drop saying which rule it failed."""
        for field in self.require:
            if not getattr(article, field):
                return self.drop(article, "missing-field", f"no {field}")
        if self.min_chars and len(article.text) < self.min_chars:
            return self.drop(
                article, "too-short", f"{len(article.text)} characters < {self.min_chars}"
            )
        if self.min_words and len(article.text.split()) < self.min_words:
            return self.drop(article, "too-short", f"fewer than {self.min_words} words")
        if self.date_from or self.date_to:
            day = article.date.date() if isinstance(article.date, dt.datetime) else article.date
            if day is None:
                return self.drop(article, "date-out-of-range", "no date")
            if (self.date_from and day < self.date_from) or (self.date_to and day > self.date_to):
                return self.drop(article, "date-out-of-range", f"dated {day.isoformat()}")
        return article


class SegmentStep(Step):
    """Record paragraph and sentence spans in ``meta["paragraphs"]`` and ``meta["sentences"]``.

    Spans are ``[start, end]`` character offsets into ``text``; ``meta["segment_language"]``
    names the rules used (``lang``, else the article's own language when registered,
    else English).  Run it last: a later step that changes the text would void them.
    """

    name = "segment"

    def __init__(self, *, lang: str | None = None) -> None:
        """Segment with the rules of ``lang`` (default: per article, see above)."""
        super().__init__()
        self.lang = lang

    def config(self) -> dict[str, Any]:
        """The options this step was built with."""
        return {"lang": self.lang}

    def apply(self, article: Article, ordinal: int) -> Article | Drop:  # noqa: ARG002
        """The Article with its spans in ``meta``."""
        from corpuskit.segment.step import segment_article  # noqa: PLC0415 - rules load on first use

        return segment_article(article, lang=self.lang)


@hookimpl
def corpuskit_register_steps(register: Callable[[StepType], None]) -> None:
    """Register the built-in per-article steps."""
    register(StepType(name="cleanup", factory=CleanupStep, description=CleanupStep.__doc__ or ""))
    register(StepType(name="filter", factory=FilterStep, description=FilterStep.__doc__ or ""))
    register(StepType(name="dates", factory=DatesStep, description=DatesStep.__doc__ or ""))
    register(StepType(name="segment", factory=SegmentStep, description=SegmentStep.__doc__ or ""))
    from corpuskit.dedupe.pipeline import BoilerplateStep, ExactDedupeStep, NearDedupeStep  # noqa: PLC0415

    for step in (BoilerplateStep, ExactDedupeStep, NearDedupeStep):
        register(StepType(name=step.name, factory=step, description=step.__doc__ or ""))
