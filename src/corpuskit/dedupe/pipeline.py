"""The dedupe pipeline steps: ``boilerplate``, ``exact-dedupe`` and ``near-dedupe``.

Each is a global, mergeable step: every input file is observed in a fresh copy
(in worker processes or on Dask), the copies are merged in input order, and the
decision is made once, so the result is the same on every engine.
Per article the copies keep a compact record (digest, date, length, signature),
never the text.
"""

from __future__ import annotations

import array
from typing import Any

import attrs

from corpuskit.dedupe.boilerplate import BoilerplateStripper, Unit
from corpuskit.dedupe.clusters import Collector, DedupeSettings, KeepPolicy, Method, Records, decide
from corpuskit.model import Article, Drop
from corpuskit.pipeline.steps import Step

__all__ = ["BoilerplateStep", "DedupeStep", "ExactDedupeStep", "NearDedupeStep"]

_LISTED_CLUSTERS = 200


class BoilerplateStep(Step):
    """Remove lines, paragraphs or sentences that recur in at least ``min_articles`` articles of one source.

    An article left empty is dropped (``boilerplate-empty``); every string removed is
    listed in the report with its count.
    """

    name = "boilerplate"
    needs_global_view = True
    mergeable = True

    def __init__(self, *, unit: Unit = "line", min_articles: int = 5) -> None:
        """Configure the unit and the threshold; see the class docstring."""
        super().__init__()
        self.unit, self.min_articles = unit, min_articles
        self._stripper = BoilerplateStripper(unit=unit, min_articles=min_articles)

    def config(self) -> dict[str, Any]:
        """The options this step was built with."""
        return {"unit": self.unit, "min_articles": self.min_articles}

    def observe(self, article: Article, ordinal: int) -> None:  # noqa: ARG002
        """Count the article's distinct units."""
        self._stripper.count(article)

    def merge(self, other: Step) -> None:
        """Add another copy's counts."""
        assert isinstance(other, BoilerplateStep)  # noqa: S101 - the pipeline merges copies of one step
        self._stripper.merge(other._stripper)  # noqa: SLF001 - same class

    def finish(self) -> None:
        """Settle which units are boilerplate."""
        self._stripper.freeze()

    def apply(self, article: Article, ordinal: int) -> Article | Drop:  # noqa: ARG002
        """The article without its boilerplate, or a Drop when nothing else is left."""
        result = self._stripper.strip(article)
        if result is not article:
            # Idempotent, and cheap (boilerplate strings are few): the stripper's own record
            # of what it found may have been filled in an earlier pass whose notes are gone.
            for item in self._stripper.found:
                key = f"{item.source}\x1f{item.text}"
                self.notes.remember(
                    key, {"source": item.source, "text": item.text, "count": item.count}
                )
        if isinstance(result, Drop):
            return self.drop(article, result.reason, result.detail)
        if result is not article:
            self.notes.add("stripped")
        return result


class DedupeStep(Step):
    """Drop exact or near duplicates, keeping one article per cluster by the ``keep`` policy.

    Every drop names the kept article (``kept_id``) and the similarity; the report
    lists the largest clusters.
    """

    name = "dedupe"
    needs_global_view = True
    mergeable = True
    method: Method = "near"

    def __init__(
        self,
        *,
        threshold: float = 0.8,
        num_perm: int = 128,
        ngram: int = 5,
        seed: int = 1,
        bands: int | None = None,
        rows: int | None = None,
        keep: str = "earliest",
    ) -> None:
        """Configure as :func:`corpuskit.find_duplicates`; ``keep`` is earliest, longest or first."""
        super().__init__()
        self.settings = DedupeSettings(
            method=self.method,
            threshold=threshold,
            num_perm=num_perm,
            ngram=ngram,
            seed=seed,
            bands=bands,
            rows=rows,
        )
        self.keep: KeepPolicy = keep  # type: ignore[assignment]  # checked by decide()
        if keep not in ("earliest", "longest", "first"):
            raise ValueError(f"keep must be earliest, longest or first, got {keep!r}")
        self._collector = Collector(self.settings, keep=self.keep)
        self._ordinals = array.array("q")
        self._parts: list[tuple[Records, array.array[int]]] = []
        self._drops: dict[int, tuple[str, float, str]] = {}
        self._clusters: list[dict[str, Any]] = []
        self._cluster_count = 0

    def config(self) -> dict[str, Any]:
        """The options this step was built with (banding as chosen)."""
        data = self.settings.to_dict()
        data.pop("method")
        data["exact_key"] = dict(data["exact_key"])
        data["keep"] = self.keep
        return data

    def observe(self, article: Article, ordinal: int) -> None:
        """Record the article's digest, date, length and signature."""
        self._collector.add(article)
        self._ordinals.append(ordinal)

    def _seal(self) -> None:
        if len(self._collector):
            self._parts.append((self._collector.finish(), self._ordinals))
            self._collector = Collector(self.settings, keep=self.keep)
            self._ordinals = array.array("q")

    def __getstate__(self) -> dict[str, Any]:
        """Pickle with the pending records sealed (copies travel back from workers)."""
        self._seal()
        return dict(self.__dict__)

    def merge(self, other: Step) -> None:
        """Append another copy's records (copies arrive in input order)."""
        assert isinstance(other, DedupeStep)  # noqa: S101 - the pipeline merges copies of one step
        self._seal()
        other._seal()  # noqa: SLF001 - same class
        self._parts.extend(other._parts)  # noqa: SLF001

    def finish(self) -> None:
        """Cluster everything observed and decide who is kept."""
        import numpy as np  # noqa: PLC0415 - numpy loads only when dedupe runs

        self._seal()
        if not self._parts:
            return
        records = self._parts[0][0]
        records.offset = 0
        for part, _ in self._parts[1:]:
            part.offset = len(records)
            records = Records.concat(records, part)
        ordinals = np.concatenate([np.frombuffer(ords, dtype=np.int64) for _, ords in self._parts])
        self._parts = []
        clustering = decide(records, self.settings, self.keep)
        for position, kept in clustering.dropped.items():
            member = clustering.members[position]
            self._drops[int(ordinals[position])] = (kept.id, member.similarity, member.kind)
        self._cluster_count = len(clustering.clusters)
        largest = sorted(
            clustering.clusters, key=lambda cluster: (-len(cluster.dropped), cluster.kept.position)
        )
        self._clusters = [
            {
                "kept": cluster.kept_id,
                "size": len(cluster.dropped) + 1,
                "dropped": [m.to_dict() for m in cluster.dropped],
            }
            for cluster in largest[:_LISTED_CLUSTERS]
        ]

    def apply(self, article: Article, ordinal: int) -> Article | Drop:
        """A Drop naming the kept article and the similarity, or the article itself."""
        decided = self._drops.get(ordinal)
        if decided is None:
            return article
        kept_id, similarity, kind = decided
        reason = (
            "exact-duplicate" if kind == "exact" or self.method == "exact" else "near-duplicate"
        )
        return self.drop(
            article,
            reason,
            f"duplicate of {kept_id} (similarity {similarity:.3f})",
            kept_id=kept_id,
            similarity=similarity,
        )

    def report(self) -> dict[str, Any]:
        """The number of clusters and the largest ones with their members."""
        return {"clusters_total": self._cluster_count, "clusters": self._clusters}


class ExactDedupeStep(DedupeStep):
    """Drop articles whose normalized text equals an earlier-kept one's (``exact-duplicate``).

    Only ``keep`` applies: the MinHash options of ``near-dedupe`` mean nothing here, and
    passing one is an error rather than silently ignored.
    """

    name = "exact-dedupe"
    method: Method = "exact"

    def __init__(self, *, keep: str = "earliest") -> None:
        """Configure which copy is kept: earliest, longest or first."""
        super().__init__(keep=keep)

    def config(self) -> dict[str, Any]:
        """The normalization that makes two texts equal, and the keep policy."""
        return {"exact_key": attrs.asdict(self.settings.exact_key), "keep": self.keep}


class NearDedupeStep(DedupeStep):
    """Drop articles whose estimated Jaccard similarity to a kept one reaches ``threshold`` (MinHash + LSH)."""

    name = "near-dedupe"
    method: Method = "near"
