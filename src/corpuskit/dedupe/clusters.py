"""Clusters of duplicates: collecting what each article needs, union-find, keep policies.

Dedupe is *index, then decide*: a first pass keeps a few numbers per article
(id, exact digest, date, length, input position and, for near dedupe, the MinHash
signature: ``4 * num_perm`` bytes), never its text.
Then candidate pairs are found and verified, clusters are formed by union-find,
and the keep policy picks one survivor per cluster.
A keep policy like ``earliest`` may pick the last article of the input, so no
article can be released before the whole input has been indexed.
"""

from __future__ import annotations

import array
import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from corpuskit.dedupe.exact import ExactKey
from corpuskit.errors import ConfigError
from corpuskit.model import Article

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "Cluster",
    "ClusterMember",
    "Clustering",
    "Collector",
    "DedupeSettings",
    "KeepPolicy",
    "Method",
    "Records",
    "date_key",
    "decide",
    "sort_key",
]

Method = Literal["exact", "near"]
KeepPolicy: TypeAlias = "Literal['earliest', 'longest', 'first'] | Callable[[Article], Any]"
POLICIES = ("earliest", "longest", "first")
_BATCH_BYTES = 1 << 20
_BATCH_ARTICLES = 1024
_CHUNK = 1 << 16
_BLOCK_ROWS = 1 << 17


@attrs.frozen(kw_only=True)
class DedupeSettings:
    """Everything that decides which articles are duplicates (and must match a saved index).

    ``bands`` and ``rows`` are chosen from ``threshold`` and ``num_perm`` when not given
    (see :func:`corpuskit.dedupe.lsh.choose_bands`).
    """

    method: Method = "near"
    threshold: float = 0.8
    num_perm: int = 128
    ngram: int = 5
    seed: int = 1
    bands: int | None = None
    rows: int | None = None
    exact_key: ExactKey = attrs.field(factory=ExactKey)

    def __attrs_post_init__(self) -> None:
        """Check the values a user can get wrong."""
        if self.method not in ("exact", "near"):
            raise ConfigError(f"method must be 'exact' or 'near', got {self.method!r}")
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(f"threshold must be in (0, 1], got {self.threshold}")
        if (self.bands is None) != (self.rows is None):
            raise ConfigError("give both bands and rows, or neither")
        if (
            self.bands is not None
            and self.rows is not None
            and not 1 <= self.bands * self.rows <= self.num_perm
        ):
            raise ConfigError(
                f"bands x rows ({self.bands} x {self.rows}) must be positive and at most num_perm ({self.num_perm})"
            )

    def banding(self) -> tuple[int, int]:
        """``(bands, rows)``: as given, or chosen from the threshold."""
        if self.bands is not None and self.rows is not None:
            return self.bands, self.rows
        from corpuskit.dedupe.lsh import choose_bands  # noqa: PLC0415

        return choose_bands(self.threshold, self.num_perm)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (what an index stores)."""
        data = attrs.asdict(self, recurse=True)
        data["bands"], data["rows"] = self.banding() if self.method == "near" else (None, None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DedupeSettings:
        """Build settings from :meth:`to_dict` output."""
        values = dict(data)
        values["exact_key"] = ExactKey(**values["exact_key"])
        return cls(**values)

    def comparable(self) -> dict[str, Any]:
        """The settings that must agree for two runs to be comparable."""
        return self.to_dict()


def date_key(value: dt.date | None) -> float:
    """Seconds since 1970 (naive times read as UTC, days at midnight); NaN when there is no date."""
    if value is None:
        return math.nan
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.timestamp()
    return float((value - dt.date(1970, 1, 1)).days * 86400)


@attrs.frozen(kw_only=True)
class ClusterMember:
    """One article of a cluster: its id, input position, similarity to the kept one, and kind.

    ``kind`` is ``"kept"``, ``"exact"`` (same exact key as the kept article) or ``"near"``.
    """

    id: str
    position: int
    similarity: float
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict for reports."""
        return {
            "id": self.id,
            "position": self.position,
            "similarity": self.similarity,
            "kind": self.kind,
        }


@attrs.frozen(kw_only=True)
class Cluster:
    """A group of duplicates: the article kept and the ones dropped in its favour."""

    kept: ClusterMember
    dropped: tuple[ClusterMember, ...]

    @property
    def kept_id(self) -> str:
        """The id of the article kept."""
        return self.kept.id

    @property
    def members(self) -> tuple[ClusterMember, ...]:
        """Every member, the kept one first."""
        return (self.kept, *self.dropped)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict for reports."""
        return {
            "kept": self.kept.to_dict(),
            "dropped": [member.to_dict() for member in self.dropped],
        }


class _UnionFind:
    """Disjoint sets over ``0..n-1`` whose root is always the smallest member."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        parent = self.parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            if a < b:
                self.parent[b] = a
            else:
                self.parent[a] = b


class Collector:
    """Pass one: the small record of each article that dedupe decides on.

    Articles are added in input order; their position is ``offset`` plus their index.
    """

    def __init__(
        self, settings: DedupeSettings, *, keep: KeepPolicy = "earliest", offset: int = 0
    ) -> None:
        """Collect for ``settings``; ``keep`` decides whether custom keys must be kept."""
        from corpuskit.dedupe.minhash import MinHasher  # noqa: PLC0415

        self.settings = settings
        self.offset = offset
        self.keep = keep
        self.ids: list[str] = []
        self.custom_keys: list[Any] = []
        # Compact arrays: about 24 bytes per article beside its id (and its signature).
        self._digests = bytearray()
        self._dates = array.array("d")
        self._lengths = array.array("q")
        # Signatures go into large blocks (allocated by mmap, so freeing one returns it to
        # the system), then into one array at the end: the peak is that array plus a block.
        self._blocks: list[npt.NDArray[np.uint32]] = []
        self._filled = 0
        self._texts: list[str] = []
        self._text_bytes = 0
        self._hasher = (
            MinHasher(num_perm=settings.num_perm, ngram=settings.ngram, seed=settings.seed)
            if settings.method == "near"
            else None
        )

    def add(self, article: Article) -> None:
        """Record ``article`` (its text is hashed, then forgotten)."""
        self.ids.append(article.id)
        self._digests += self.settings.exact_key.digest(article.text)
        self._dates.append(date_key(article.date))
        self._lengths.append(len(article.text))
        if callable(self.keep):
            self.custom_keys.append(self.keep(article))
        if self._hasher is not None:
            self._texts.append(article.text)
            self._text_bytes += len(article.text)
            if len(self._texts) >= _BATCH_ARTICLES or self._text_bytes >= _BATCH_BYTES:
                self._hash_pending()

    def _hash_pending(self) -> None:
        if self._hasher is not None and self._texts:
            self._store(self._hasher.signatures(self._texts))
            self._texts = []
            self._text_bytes = 0

    def _store(self, signatures: npt.NDArray[np.uint32]) -> None:
        import numpy as np  # noqa: PLC0415

        done = 0
        while done < len(signatures):
            if not self._blocks or self._filled == len(self._blocks[-1]):
                self._blocks.append(np.empty((_BLOCK_ROWS, signatures.shape[1]), dtype=np.uint32))
                self._filled = 0
            take = min(len(signatures) - done, _BLOCK_ROWS - self._filled)
            self._blocks[-1][self._filled : self._filled + take] = signatures[done : done + take]
            self._filled += take
            done += take

    def __len__(self) -> int:
        """How many articles were added."""
        return len(self.ids)

    def finish(self) -> Records:
        """The collected records as arrays."""
        import numpy as np  # noqa: PLC0415

        self._hash_pending()
        size = self.settings.exact_key.digest_size
        digests = np.frombuffer(bytes(self._digests), dtype=np.uint64).reshape(
            len(self.ids), size // 8
        )
        width = self.settings.num_perm if self._hasher else 0
        signatures = np.empty((len(self.ids), width), dtype=np.uint32)
        row = 0
        blocks = self._blocks
        self._blocks = []
        while blocks:
            block = blocks.pop(0)
            take = min(len(block), len(self.ids) - row)
            signatures[row : row + take] = block[:take]
            row += take
            del block
        return Records(
            ids=self.ids,
            digests=digests.copy(),
            dates=np.array(self._dates, dtype=np.float64),
            lengths=np.array(self._lengths, dtype=np.int64),
            signatures=signatures,
            custom_keys=self.custom_keys,
            offset=self.offset,
            roots=None,
        )


@attrs.define(kw_only=True)
class Records:
    """The per-article records dedupe decides on, by position (``offset`` + index)."""

    ids: list[str]
    digests: npt.NDArray[np.uint64]
    dates: npt.NDArray[np.float64]
    lengths: npt.NDArray[np.int64]
    signatures: npt.NDArray[np.uint32]
    custom_keys: list[Any]
    offset: int
    roots: npt.NDArray[np.int64] | None
    """For records loaded from an index: each article's cluster root (a position)."""

    def __len__(self) -> int:
        """How many articles."""
        return len(self.ids)

    @classmethod
    def concat(cls, old: Records, new: Records) -> Records:
        """``old`` followed by ``new`` (whose positions must follow on)."""
        import numpy as np  # noqa: PLC0415

        if new.offset != old.offset + len(old):
            raise ValueError("new records must follow the old ones")
        return cls(
            ids=old.ids + new.ids,
            digests=np.concatenate((old.digests, new.digests)),
            dates=np.concatenate((old.dates, new.dates)),
            lengths=np.concatenate((old.lengths, new.lengths)),
            signatures=np.concatenate((old.signatures, new.signatures)),
            custom_keys=old.custom_keys + new.custom_keys,
            offset=old.offset,
            roots=None
            if old.roots is None
            else np.concatenate((old.roots, np.arange(len(old), len(old) + len(new)))),
        )


@attrs.define(kw_only=True)
class Clustering:
    """The outcome of deciding: the clusters and, by position, who is dropped for whom."""

    clusters: list[Cluster]
    roots: npt.NDArray[np.int64]
    """The cluster root (smallest position) of each article, by index."""
    dropped: dict[int, ClusterMember]
    """Each dropped position and the kept article's member record (its ``similarity`` is the drop's)."""
    members: dict[int, ClusterMember]
    verified: npt.NDArray[np.int64] | None = None
    """The candidate pairs (indices) that passed verification, besides identical signatures."""


def sort_key(policy: KeepPolicy, records: Records, index: int) -> tuple[Any, ...]:
    """The key the keep policy sorts a cluster's members by: the smallest is kept.

    ``earliest``: no date last, then date, id, input position; ``longest``: longest
    text first, then as ``earliest``; ``first``: input position; a callable: its key
    of the Article, then input position.
    """
    position = records.offset + index
    if callable(policy):
        return (records.custom_keys[index], position)
    date = float(records.dates[index])
    no_date = math.isnan(date)
    earliest = (no_date, 0.0 if no_date else date, records.ids[index], position)
    if policy == "earliest":
        return earliest
    if policy == "longest":
        return (-int(records.lengths[index]), *earliest)
    return (position,)


def decide(
    records: Records, settings: DedupeSettings, keep: KeepPolicy, *, new_from: int = 0
) -> Clustering:
    """Cluster ``records`` and pick one article to keep per cluster.

    Pairs among the first ``new_from`` records are not searched again: their
    clusters come from ``records.roots`` (an index's saved union-find).
    """
    import numpy as np  # noqa: PLC0415

    if not callable(keep) and keep not in POLICIES:
        raise ConfigError(f"keep must be one of {', '.join(POLICIES)} or a callable, got {keep!r}")
    count = len(records)
    union = _UnionFind(count)
    if records.roots is not None:
        for index, root in enumerate(records.roots.tolist()):
            if root != index:
                union.union(index, root)
    # Articles whose text normalizes to nothing are never duplicates.
    empty_digest = np.frombuffer(settings.exact_key.digest(""), dtype=np.uint64)
    has_text = ~np.all(records.digests == empty_digest, axis=1)
    with_text = np.flatnonzero(has_text)
    _union_equal(union, _digest_keys(records.digests)[with_text], with_text, new_from)
    verified = np.zeros((0, 2), dtype=np.int64)
    if settings.method == "near" and count:
        verified = _union_near(union, records, settings, has_text, new_from)
    roots = np.fromiter((union.find(index) for index in range(count)), dtype=np.int64, count=count)
    clustering = _clusters(records, settings, keep, roots)
    clustering.verified = verified
    return clustering


def _union_equal(
    union: _UnionFind,
    keys: npt.NDArray[np.uint64],
    candidates: npt.NDArray[np.int64],
    new_from: int,
) -> npt.NDArray[np.int64]:
    """Union the ``candidates`` with equal ``keys`` (if a group holds a new one); return one of each key."""
    import numpy as np  # noqa: PLC0415

    if len(candidates) == 0:
        return candidates
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(order)])))
    for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
        if size < 2:  # noqa: PLR2004 - a group needs two
            continue
        group = candidates[order[start : start + size]].tolist()
        if max(group) >= new_from:
            first = min(group)
            for member in group:
                union.union(first, member)
    return np.sort(candidates[order[starts]])


def _digest_keys(digests: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """One 64-bit key per digest (a 128-bit digest is mixed down; equal digests, equal keys)."""
    from corpuskit.dedupe.minhash import mix64  # noqa: PLC0415

    if digests.shape[1] == 1:
        return digests[:, 0]
    return mix64(digests[:, 0] ^ mix64(digests[:, 1]))


def _union_near(
    union: _UnionFind,
    records: Records,
    settings: DedupeSettings,
    has_text: npt.NDArray[np.bool_],
    new_from: int,
) -> npt.NDArray[np.int64]:
    import numpy as np  # noqa: PLC0415

    from corpuskit.dedupe.lsh import band_keys, candidate_pairs, verified_pairs  # noqa: PLC0415
    from corpuskit.dedupe.minhash import EMPTY  # noqa: PLC0415

    signatures = records.signatures
    usable = np.flatnonzero(has_text & (signatures[:, 0] != EMPTY))
    if len(usable) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    bands, rows = settings.banding()
    # Identical signatures are similar by definition: union them, then search one of each.
    full = band_keys(signatures, 1, signatures.shape[1])[usable, 0]
    representatives = _union_equal(union, full, usable, new_from)
    # Band keys of all rows, then the representatives' (no copy of their signatures).
    keys = band_keys(signatures, bands, rows)[representatives]
    min_second = int(np.searchsorted(representatives, new_from))
    pairs = candidate_pairs(keys, min_second=min_second)
    del keys
    if len(pairs):
        pairs = representatives[pairs]
    verified, _ = verified_pairs(signatures, pairs, settings.threshold)
    del pairs
    for begin in range(0, len(verified), 1 << 16):
        for first, second in verified[begin : begin + (1 << 16)].tolist():
            union.union(first, second)
    return verified


def _clusters(
    records: Records, settings: DedupeSettings, keep: KeepPolicy, roots: npt.NDArray[np.int64]
) -> Clustering:
    import numpy as np  # noqa: PLC0415

    from corpuskit.dedupe.minhash import estimated_similarity  # noqa: PLC0415

    order = np.argsort(roots, kind="stable")
    ordered = roots[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(order)])))
    groups = [
        order[start : start + size].tolist()
        for start, size in zip(starts.tolist(), sizes.tolist(), strict=True)
        if size > 1
    ]
    winners = [min(group, key=lambda index: sort_key(keep, records, index)) for group in groups]
    # Every member against its cluster's winner, in one vectorised comparison.
    member_index = np.array([index for group in groups for index in group], dtype=np.int64)
    winner_index = np.repeat(np.array(winners, dtype=np.int64), [len(group) for group in groups])
    same_text = np.all(records.digests[member_index] == records.digests[winner_index], axis=1)
    if settings.method == "near" and len(member_index):
        # In chunks: two gathered signature copies of every member would double the memory.
        similarity = np.concatenate(
            [
                estimated_similarity(
                    records.signatures[member_index[begin : begin + _CHUNK]],
                    records.signatures[winner_index[begin : begin + _CHUNK]],
                )
                for begin in range(0, len(member_index), _CHUNK)
            ]
        )
        similarity[same_text] = 1.0
    else:
        similarity = np.ones(len(member_index))
    clusters: list[Cluster] = []
    dropped: dict[int, ClusterMember] = {}
    members: dict[int, ClusterMember] = {}
    ids, offset = records.ids, records.offset
    flat = zip(member_index.tolist(), similarity.tolist(), same_text.tolist(), strict=True)
    for group, winner in zip(groups, winners, strict=True):
        kept = ClusterMember(id=ids[winner], position=offset + winner, similarity=1.0, kind="kept")
        losers = []
        for index, score, exact in itertools.islice(flat, len(group)):
            if index != winner:
                member = ClusterMember(
                    id=ids[index],
                    position=offset + index,
                    similarity=score,
                    kind="exact" if exact else "near",
                )
                losers.append(member)
                dropped[member.position] = kept
                members[member.position] = member
        clusters.append(Cluster(kept=kept, dropped=tuple(losers)))
    clusters.sort(key=lambda cluster: cluster.kept.position)
    return Clustering(clusters=clusters, roots=roots, dropped=dropped, members=members)


def collect(articles: Iterable[Article], settings: DedupeSettings, keep: KeepPolicy) -> Records:
    """Pass one over ``articles``: their records."""
    collector = Collector(settings, keep=keep)
    for article in articles:
        collector.add(article)
    return collector.finish()


def ids_of(clusters: Sequence[Cluster]) -> list[str]:
    """Every id in ``clusters``, kept ones first within each cluster."""
    return [member.id for cluster in clusters for member in cluster.members]
