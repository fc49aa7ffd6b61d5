"""The public entry points: :func:`find_duplicates` and :func:`dedupe`.

:func:`dedupe` is a stream stage: it takes Articles and yields the kept ones.
Because a keep policy may pick the last member of a cluster, it reads its input
twice (three times with boilerplate removal): once to index, once to release.
A list or any re-iterable input is simply iterated again; a one-shot iterator
is spooled to a temporary file during the first pass (pickled in batches), so
memory holds records and signatures, never texts.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING

from corpuskit.dedupe.boilerplate import (
    BoilerplateString,
    BoilerplateStripper,
    Unit,
    default_source_key,
)
from corpuskit.dedupe.clusters import (
    Cluster,
    Clustering,
    ClusterMember,
    Collector,
    DedupeSettings,
    KeepPolicy,
    Method,
    Records,
    collect,
    decide,
    sort_key,
)
from corpuskit.dedupe.exact import ExactKey
from corpuskit.errors import ConfigError
from corpuskit.model import Article, Drop

if TYPE_CHECKING:
    from corpuskit.dedupe.index import DedupeIndex

__all__ = ["DedupeRun", "dedupe", "find_duplicates"]

_SPOOL_BATCH = 512
REASONS = ("exact-duplicate", "near-duplicate", "boilerplate-empty")


def _settings(
    *,
    method: Method,
    threshold: float,
    num_perm: int,
    ngram: int,
    seed: int,
    bands: int | None,
    rows: int | None,
    exact_key: ExactKey | None,
) -> DedupeSettings:
    return DedupeSettings(
        method=method,
        threshold=threshold,
        num_perm=num_perm,
        ngram=ngram,
        seed=seed,
        bands=bands,
        rows=rows,
        exact_key=exact_key or ExactKey(),
    )


def find_duplicates(
    articles: Iterable[Article],
    *,
    method: Method = "near",
    threshold: float = 0.8,
    num_perm: int = 128,
    ngram: int = 5,
    keep: KeepPolicy = "earliest",
    seed: int = 1,
    bands: int | None = None,
    rows: int | None = None,
    exact_key: ExactKey | None = None,
) -> list[Cluster]:
    """The clusters of duplicates among ``articles``, in the order of their kept article.

    Each cluster names the article kept by the ``keep`` policy and every member
    dropped in its favour with its estimated similarity to the kept one.
    Articles are read once; only their records stay in memory.
    """
    settings = _settings(
        method=method,
        threshold=threshold,
        num_perm=num_perm,
        ngram=ngram,
        seed=seed,
        bands=bands,
        rows=rows,
        exact_key=exact_key,
    )
    return decide(collect(articles, settings, keep), settings, keep).clusters


class _Spool:
    """Articles pickled in batches to a temporary file, to be read back once or more."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="corpuskit-dedupe-")  # noqa: SIM115 - closed by close()
        self._batch: list[Article] = []

    def add(self, article: Article) -> None:
        self._batch.append(article)
        if len(self._batch) >= _SPOOL_BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._batch:
            pickle.dump(self._batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._batch = []

    def __iter__(self) -> Iterator[Article]:
        self._flush()
        self._file.seek(0)
        while True:
            try:
                batch: list[Article] = pickle.load(self._file)  # noqa: S301 - our own temporary file
            except EOFError:
                return
            yield from batch

    def close(self) -> None:
        self._file.close()


class DedupeRun(Iterator[Article]):
    """What :func:`dedupe` returns: an iterator of the kept Articles, plus the account.

    After iteration: ``drops`` (every dropped article as a :class:`Drop`, unless an
    ``on_drop`` callback took them), ``clusters``, ``boilerplate`` (each
    boilerplate string with its count), ``read``, ``kept`` and ``dropped``
    (counts by reason), and ``superseded`` (articles of the index that a new
    article now wins over; they were written before and cannot be taken back).
    """

    def __init__(
        self,
        articles: Iterable[Article],
        settings: DedupeSettings,
        *,
        keep: KeepPolicy,
        stripper: BoilerplateStripper | None,
        index: DedupeIndex | None,
        commit_index: bool,
        on_drop: Callable[[Drop], None] | None,
    ) -> None:
        """See :func:`dedupe`."""
        if index is not None and callable(keep):
            raise ConfigError(
                "a callable keep policy cannot be used with an index (its keys are not saved)"
            )
        self.settings = settings
        self.keep = keep
        self.drops: list[Drop] = []
        self.clusters: list[Cluster] = []
        self.superseded: list[tuple[ClusterMember, ClusterMember]] = []
        self.read = 0
        self.kept = 0
        self.dropped: Counter[str] = Counter()
        self._articles = articles
        self._stripper = stripper
        self._index = index
        self._commit = commit_index
        self._on_drop = on_drop
        self._pending: tuple[Records, Clustering] | None = None
        self._iterator = self._run()

    def __next__(self) -> Article:
        """The next kept Article."""
        return next(self._iterator)

    @property
    def boilerplate(self) -> list[BoilerplateString]:
        """Every boilerplate string removed, with the number of articles that held it."""
        return self._stripper.found if self._stripper is not None else []

    def _passes(self) -> tuple[Callable[[], Iterable[Article]], Callable[[], None]]:
        """A way to read the input again, and how to clean up afterwards."""
        articles = self._articles
        if iter(articles) is not articles:
            return (lambda: articles), lambda: None
        spool = _Spool()

        def spooled_first_pass() -> Iterator[Article]:
            for article in articles:
                spool.add(article)
                yield article

        state = {"first": True}

        def again() -> Iterable[Article]:
            if state["first"]:
                state["first"] = False
                return spooled_first_pass()
            return spool

        return again, spool.close

    def _stripped(self, articles: Iterable[Article]) -> Iterator[Article | Drop]:
        stripper = self._stripper
        if stripper is None:
            yield from articles
            return
        for article in articles:
            yield stripper.strip(article)

    def _run(self) -> Iterator[Article]:
        again, cleanup = self._passes()
        try:
            if self._stripper is not None:
                for article in again():
                    self._stripper.count(article)
            old = self._index.records() if self._index is not None else None
            offset = len(old) if old is not None else 0
            collector = Collector(self.settings, keep=self.keep, offset=offset)
            included: list[bool] = []
            for item in self._stripped(again()):
                included.append(isinstance(item, Article))
                if isinstance(item, Article):
                    collector.add(item)
            new = collector.finish()
            records = Records.concat(old, new) if old is not None else new
            clustering = decide(records, self.settings, self.keep, new_from=offset)
            self.clusters = [
                cluster
                for cluster in clustering.clusters
                if any(m.position >= offset for m in cluster.members)
            ]
            if old is not None:
                self.superseded = _superseded(old, records, clustering, self.keep)
            # Positions count collected articles only; map input order to them.
            yield from self._release(again(), included, offset, clustering)
            self._pending = (new, clustering)
            if self._commit:
                self.commit_index()
        finally:
            cleanup()

    def _release(
        self, articles: Iterable[Article], included: list[bool], offset: int, clustering: Clustering
    ) -> Iterator[Article]:
        position = offset
        for item, counted in zip(self._stripped(articles), included, strict=True):
            self.read += 1
            if isinstance(item, Drop):
                self._drop(item)
                continue
            if not counted:  # pragma: no cover - the input changed between passes
                raise ConfigError("the input changed between dedupe's passes")
            kept = clustering.dropped.get(position)
            member = clustering.members.get(position)
            position += 1
            if kept is None or member is None:
                self.kept += 1
                yield item
                continue
            reason = "exact-duplicate" if member.kind == "exact" else "near-duplicate"
            self._drop(
                Drop(
                    article=item,
                    reason=reason,
                    detail=f"{member.kind} duplicate of {kept.id} (similarity {member.similarity:.3f})",
                    step="dedupe",
                    kept_id=kept.id,
                    similarity=member.similarity,
                )
            )

    def _drop(self, drop: Drop) -> None:
        self.dropped[drop.reason] += 1
        if self._on_drop is not None:
            self._on_drop(drop)
        else:
            self.drops.append(drop)

    def commit_index(self) -> None:
        """Append this run's articles to the index (done at the end of iteration unless told not to)."""
        if self._index is None or self._pending is None:
            return
        new, clustering = self._pending
        self._index.append(new, clustering.roots)
        self._pending = None


def _superseded(
    old: Records, records: Records, clustering: Clustering, keep: KeepPolicy
) -> list[tuple[ClusterMember, ClusterMember]]:
    """Index articles that survived before this run and now lose to a new article."""
    assert old.roots is not None  # noqa: S101 - records from an index carry roots
    found: list[tuple[ClusterMember, ClusterMember]] = []
    for cluster in clustering.clusters:
        if cluster.kept.position < len(old):
            continue
        survivors: dict[int, int] = {}
        for member in cluster.dropped:
            if member.position >= len(old):
                continue
            root = int(old.roots[member.position])
            best = survivors.get(root)
            if best is None or sort_key(keep, records, member.position) < sort_key(
                keep, records, best
            ):
                survivors[root] = member.position
        found.extend(
            (clustering.members[position], cluster.kept) for position in sorted(survivors.values())
        )
    return found


def dedupe(
    articles: Iterable[Article],
    *,
    method: Method = "near",
    threshold: float = 0.8,
    num_perm: int = 128,
    ngram: int = 5,
    keep: KeepPolicy = "earliest",
    seed: int = 1,
    bands: int | None = None,
    rows: int | None = None,
    exact_key: ExactKey | None = None,
    boilerplate: Unit | None = None,
    boilerplate_min_articles: int = 5,
    source_key: Callable[[Article], str] = default_source_key,
    index: DedupeIndex | None = None,
    commit_index: bool = True,
    on_drop: Callable[[Drop], None] | None = None,
) -> DedupeRun:
    """Yield the articles that survive dedupe; the returned run reports every drop.

    ``boilerplate`` (``"line"``, ``"paragraph"`` or ``"sentence"``) first removes
    units found in at least ``boilerplate_min_articles`` articles of one source.
    With ``index``, the articles are deduped against everything the index holds,
    and appended to it when iteration ends (``commit_index=False`` leaves that to
    :meth:`DedupeRun.commit_index`).
    Each drop goes to ``on_drop`` when given, else to ``run.drops``.
    """
    settings = _settings(
        method=method,
        threshold=threshold,
        num_perm=num_perm,
        ngram=ngram,
        seed=seed,
        bands=bands,
        rows=rows,
        exact_key=exact_key,
    )
    if index is not None:
        wanted = settings.comparable()
        if wanted != index.settings.comparable():
            raise ConfigError(f"{index.path}: the index was made with other settings than these")
    stripper = None
    if boilerplate is not None:
        stripper = BoilerplateStripper(
            unit=boilerplate, min_articles=boilerplate_min_articles, source_key=source_key
        )
    return DedupeRun(
        articles,
        settings,
        keep=keep,
        stripper=stripper,
        index=index,
        commit_index=commit_index,
        on_drop=on_drop,
    )
