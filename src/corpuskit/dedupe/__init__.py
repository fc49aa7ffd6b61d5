"""Dedupe: exact and near-duplicate clusters, keep policies, boilerplate, and an on-disk index.

Importing this package does not import numpy; the first dedupe run does.
"""

from __future__ import annotations

from corpuskit.dedupe.boilerplate import BoilerplateString, BoilerplateStripper, default_source_key
from corpuskit.dedupe.clusters import Cluster, ClusterMember, DedupeSettings
from corpuskit.dedupe.exact import ExactKey
from corpuskit.dedupe.index import DedupeIndex, DedupeIndexError
from corpuskit.dedupe.run import DedupeRun, dedupe, find_duplicates

__all__ = [
    "BoilerplateString",
    "BoilerplateStripper",
    "Cluster",
    "ClusterMember",
    "DedupeIndex",
    "DedupeIndexError",
    "DedupeRun",
    "DedupeSettings",
    "ExactKey",
    "dedupe",
    "default_source_key",
    "find_duplicates",
]
