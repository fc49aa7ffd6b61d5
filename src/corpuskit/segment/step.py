"""The segmentation step: record an Article's paragraph and sentence spans in its ``meta``.

Keys written (offsets into ``article.text``, each a ``[start, end]`` pair):

* ``meta["paragraphs"]`` - the paragraph spans;
* ``meta["sentences"]`` - the sentence spans;
* ``meta["segment_language"]`` - the code of the sentence rules used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from corpuskit.segment.language import language_registry
from corpuskit.segment.paragraphs import paragraphs
from corpuskit.segment.sentences import sentences

if TYPE_CHECKING:
    from corpuskit.model import Article

__all__ = ["DEFAULT_LANGUAGE", "segment_article", "segment_language"]

DEFAULT_LANGUAGE = "en"
"""The rules used when neither the caller nor the Article names a registered language."""


def segment_language(article: Article, lang: str | None = None) -> str:
    """The code to split ``article`` with: ``lang``, else its own if known, else English."""
    if lang is not None:
        return lang
    if article.language:
        registry = language_registry()
        code = article.language.lower().replace("_", "-")
        for candidate in (code, code.split("-", 1)[0]):  # "de-AT" falls back to "de"
            if candidate in registry:
                return candidate
    return DEFAULT_LANGUAGE


def segment_article(article: Article, *, lang: str | None = None) -> Article:
    """Return ``article`` with its paragraph and sentence spans in ``meta`` (keys above)."""
    code = segment_language(article, lang)
    text = article.text
    meta = dict(article.meta)
    meta["paragraphs"] = [list(span) for span in paragraphs(text)]
    meta["sentences"] = [list(span) for span in sentences(text, lang=code)]
    meta["segment_language"] = code
    return attrs.evolve(article, meta=meta)
