"""corpuskit: turn text collections from any source format into a clean corpus.

Importing this package loads no plugin; plugins load on first use.
"""

from __future__ import annotations

from corpuskit._version import __version__
from corpuskit.arrow import from_arrow, from_pandas, to_arrow, to_pandas
from corpuskit.dates import (
    DateLanguage,
    DateMention,
    NormalizedDate,
    Precision,
    date_mentions,
    infer_date_order,
    normalize_date,
)
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
    MissingDependencyError,
    ParseError,
    PluginLoadError,
    SourceError,
    WriteError,
)
from corpuskit.hf import from_hf, to_hf
from corpuskit.hookspecs import hookimpl
from corpuskit.io import ArticleReader, read, write
from corpuskit.model import Article, Drop, Failure, SourceRef, Span, content_id
from corpuskit.plugins import Format, Sink, Source, format_registry
from corpuskit.segment import chunks, paragraphs, sentences
from corpuskit.text import canonical_text, decode_text

__all__ = [
    "Article",
    "ArticleReader",
    "BoilerplateString",
    "Cluster",
    "ClusterMember",
    "ConfigError",
    "CorpusError",
    "DateError",
    "DateLanguage",
    "DateMention",
    "DedupeIndex",
    "DedupeIndexError",
    "DedupeRun",
    "DedupeSettings",
    "Drop",
    "ExactKey",
    "Failure",
    "Format",
    "FormatError",
    "MissingDependencyError",
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
    "chunks",
    "content_id",
    "date_mentions",
    "decode_text",
    "dedupe",
    "find_duplicates",
    "format_registry",
    "from_arrow",
    "from_hf",
    "from_pandas",
    "hookimpl",
    "infer_date_order",
    "normalize_date",
    "paragraphs",
    "read",
    "sentences",
    "to_arrow",
    "to_hf",
    "to_pandas",
    "write",
]
