"""corpuskit: turn text collections from any source format into a clean corpus.

Importing this package loads no plugin; plugins load on first use.
"""

from __future__ import annotations

from corpuskit.dedupe import (
    BoilerplateString,
    Cluster,
    ClusterMember,
    DedupeIndex,
    DedupeIndexError,
    DedupeRun,
    DedupeSettings,
    ExactKey,
    dedupe,
    find_duplicates,
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
from corpuskit.text import canonical_text

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleReader",
    "BoilerplateString",
    "Cluster",
    "ClusterMember",
    "ConfigError",
    "CorpusError",
    "DateError",
    "DedupeIndex",
    "DedupeIndexError",
    "DedupeRun",
    "DedupeSettings",
    "Drop",
    "ExactKey",
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
    "content_id",
    "dedupe",
    "find_duplicates",
    "format_registry",
    "hookimpl",
    "read",
    "write",
]
