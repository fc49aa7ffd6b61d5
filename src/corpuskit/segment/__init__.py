"""Segmentation: paragraphs, sentences and chunks, all as exact character offsets."""

from __future__ import annotations

from corpuskit.segment.chunks import chunks
from corpuskit.segment.language import Language, LanguageRegistry, get_language, language_registry
from corpuskit.segment.paragraphs import paragraphs
from corpuskit.segment.sentences import sentences

__all__ = [
    "Language",
    "LanguageRegistry",
    "chunks",
    "get_language",
    "language_registry",
    "paragraphs",
    "sentences",
]
