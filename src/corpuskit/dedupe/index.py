"""A dedupe index on disk: one SQLite file holding the records of every article seen.

The file keeps, per batch of articles, the records dedupe decides on (ids, exact
digests, dates, lengths and MinHash signatures, as blobs) and, per article that
belongs to a cluster, its cluster root.
Deduping a new batch loads these records (never the old texts), finds the new
batch's pairs, and applies the keep policy over old and new together, so the
outcome for the new batch is the one a single run over both would give.

Every append is one SQLite transaction: a crash or a kill mid-append leaves the
file as it was before the append (SQLite's rollback journal restores it on the
next open).
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import TYPE_CHECKING, Any

from corpuskit.dedupe.clusters import DedupeSettings, Records
from corpuskit.errors import ConfigError, CorpusError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["DedupeIndex", "DedupeIndexError"]

_FORMAT = "corpuskit-dedupe-index/1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    number INTEGER PRIMARY KEY,
    first_position INTEGER NOT NULL,
    count INTEGER NOT NULL,
    ids TEXT NOT NULL,
    digests BLOB NOT NULL,
    dates BLOB NOT NULL,
    lengths BLOB NOT NULL,
    signatures BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS roots (position INTEGER PRIMARY KEY, root INTEGER NOT NULL);
"""


class DedupeIndexError(CorpusError):
    """A dedupe index file is unreadable, of another format, or made with other settings."""


class DedupeIndex:
    """The records of every article deduped so far, saved in one SQLite file.

    Open it with :meth:`open`; pass it to :func:`corpuskit.dedupe` as ``index=``.
    """

    def __init__(
        self, path: str | os.PathLike[str], connection: sqlite3.Connection, settings: DedupeSettings
    ) -> None:
        """Use :meth:`open`."""
        self.path = os.fspath(path)
        self._connection = connection
        self.settings = settings

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], settings: DedupeSettings | None = None
    ) -> DedupeIndex:
        """Open the index at ``path``, creating it with ``settings`` when it does not exist.

        An existing index keeps its own settings; ``settings`` that differ raise
        :class:`ConfigError`, since signatures made otherwise are not comparable.
        """
        name = os.fspath(path)
        exists = os.path.exists(name) and os.path.getsize(name) > 0
        try:
            connection = sqlite3.connect(name, isolation_level=None)
            connection.execute("PRAGMA journal_mode=DELETE")
            connection.execute("PRAGMA synchronous=FULL")
            if exists:
                rows = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            else:
                connection.executescript(_SCHEMA)
                rows = {}
        except sqlite3.DatabaseError as exc:
            raise DedupeIndexError(f"{name}: not a corpuskit dedupe index ({exc})") from exc
        if exists:
            if rows.get("format") != _FORMAT:
                connection.close()
                raise DedupeIndexError(
                    f"{name}: not a corpuskit dedupe index (format {rows.get('format')!r})"
                )
            saved = DedupeSettings.from_dict(json.loads(rows["settings"]))
            if settings is not None and settings.comparable() != saved.comparable():
                connection.close()
                raise ConfigError(
                    f"{name}: the index was made with other settings: {json.dumps(saved.comparable(), sort_keys=True)}"
                )
            return cls(name, connection, saved)
        settings = settings or DedupeSettings()
        with _transaction(connection):
            connection.execute("INSERT INTO meta VALUES ('format', ?)", (_FORMAT,))
            connection.execute(
                "INSERT INTO meta VALUES ('settings', ?)",
                (json.dumps(settings.comparable(), sort_keys=True),),
            )
        return cls(name, connection, settings)

    def close(self) -> None:
        """Close the file."""
        self._connection.close()

    def __enter__(self) -> DedupeIndex:  # noqa: PYI034 - typing.Self needs Python 3.11
        """Use the index in a ``with`` block; it is closed at the end."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the file."""
        self.close()

    def __len__(self) -> int:
        """How many articles the index holds."""
        row = self._connection.execute("SELECT COALESCE(SUM(count), 0) FROM batches").fetchone()
        return int(row[0])

    def records(self) -> Records:
        """Every article's records, in the order they were added, with cluster roots."""
        import numpy as np  # noqa: PLC0415

        ids: list[str] = []
        digests: list[bytes] = []
        dates: list[bytes] = []
        lengths: list[bytes] = []
        signatures: list[bytes] = []
        query = "SELECT ids, digests, dates, lengths, signatures FROM batches ORDER BY number"
        for (
            batch_ids,
            batch_digests,
            batch_dates,
            batch_lengths,
            batch_signatures,
        ) in self._connection.execute(query):
            ids.extend(json.loads(batch_ids))
            digests.append(batch_digests)
            dates.append(batch_dates)
            lengths.append(batch_lengths)
            signatures.append(batch_signatures)
        count = len(ids)
        width = self.settings.num_perm if self.settings.method == "near" else 0
        roots = np.arange(count, dtype=np.int64)
        for position, root in self._connection.execute("SELECT position, root FROM roots"):
            roots[position] = root
        return Records(
            ids=ids,
            digests=np.frombuffer(b"".join(digests), dtype=np.uint64)
            .reshape(count, self.settings.exact_key.digest_size // 8)
            .copy(),
            dates=np.frombuffer(b"".join(dates), dtype=np.float64).copy(),
            lengths=np.frombuffer(b"".join(lengths), dtype=np.int64).copy(),
            signatures=np.frombuffer(b"".join(signatures), dtype=np.uint32)
            .reshape(count, width)
            .copy(),
            custom_keys=[],
            offset=0,
            roots=roots,
        )

    def append(self, new: Records, roots: npt.NDArray[np.int64]) -> None:
        """Add ``new`` (positions following the index's) and the roots of all articles, atomically."""
        import numpy as np  # noqa: PLC0415

        old_count = len(self)
        if new.offset != old_count:
            raise DedupeIndexError(
                f"{self.path}: the new batch starts at {new.offset}, the index holds {old_count}"
            )
        old_roots = np.arange(old_count, dtype=np.int64)
        for position, root in self._connection.execute("SELECT position, root FROM roots"):
            old_roots[position] = root
        changed = np.flatnonzero(roots[:old_count] != old_roots)
        fresh = np.flatnonzero(roots[old_count:] != np.arange(old_count, len(roots))) + old_count
        with _transaction(self._connection):
            self._connection.execute(
                "INSERT INTO batches (first_position, count, ids, digests, dates, lengths, signatures)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    old_count,
                    len(new),
                    json.dumps(new.ids),
                    new.digests.tobytes(),
                    new.dates.astype(np.float64).tobytes(),
                    new.lengths.astype(np.int64).tobytes(),
                    np.ascontiguousarray(new.signatures, dtype=np.uint32).tobytes(),
                ),
            )
            self._write_roots(
                [(int(position), int(roots[position])) for position in (*changed, *fresh)]
            )

    def _write_roots(self, rows: list[tuple[int, int]]) -> None:
        self._connection.executemany("INSERT OR REPLACE INTO roots VALUES (?, ?)", rows)

    def check(self) -> dict[str, Any]:
        """SQLite's integrity check and the article count (for tests and ``--debug``)."""
        status = self._connection.execute("PRAGMA integrity_check").fetchone()[0]
        return {"integrity": status, "articles": len(self)}


class _transaction:  # noqa: N801 - used like a function
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` when the block raises."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute("ROLLBACK")
