"""corpuskit: turn text collections from any source format into a clean corpus.

Importing this package loads no plugin; plugins load on first use.
"""

from __future__ import annotations

from corpuskit._version import __version__
from corpuskit.dates import (
    DateLanguage,
    DateMention,
    NormalizedDate,
    Precision,
    date_mentions,
    infer_date_order,
    normalize_date,
)
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
from corpuskit.text import canonical_text, decode_text

__all__ = [
    "Article",
    "ArticleReader",
    "ConfigError",
    "CorpusError",
    "DateError",
    "DateLanguage",
    "DateMention",
    "Drop",
    "Failure",
    "Format",
    "FormatError",
    "NormalizedDate",
    "ParseError",
    "PluginLoadError",
    "Precision",
    "Sink",
    "Source",
    "SourceError",
    "SourceRef",
    "Span",
    "WriteError",
    "__version__",
    "canonical_text",
    "content_id",
    "date_mentions",
    "decode_text",
    "format_registry",
    "hookimpl",
    "infer_date_order",
    "normalize_date",
    "read",
    "write",
]
