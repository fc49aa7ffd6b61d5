"""corpuskit: turn text collections from any source format into a clean corpus.

Importing this package loads no plugin; plugins load on first use.
"""

from __future__ import annotations

from corpuskit.errors import (
    ConfigError,
    CorpusError,
    DateError,
    FormatError,
    ParseError,
    PluginLoadError,
    SourceError,
    WriteError,
)
from corpuskit.hookspecs import hookimpl
from corpuskit.io import ArticleReader, read, write
from corpuskit.model import Article, Drop, Failure, SourceRef, Span, content_id
from corpuskit.plugins import Format, Sink, Source, format_registry
from corpuskit.segment import chunks, paragraphs, sentences
from corpuskit.text import canonical_text

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleReader",
    "ConfigError",
    "CorpusError",
    "DateError",
    "Drop",
    "Failure",
    "Format",
    "FormatError",
    "ParseError",
    "PluginLoadError",
    "Sink",
    "Source",
    "SourceError",
    "SourceRef",
    "Span",
    "WriteError",
    "__version__",
    "canonical_text",
    "chunks",
    "content_id",
    "format_registry",
    "hookimpl",
    "paragraphs",
    "read",
    "sentences",
    "write",
]
