"""Near-duplicate detection: corpuskit against datasketch and rensa on one generated corpus.

The seeded generator writes news-like articles with known clusters:
exact copies (case and spacing changed), near copies (word edits, a sentence
inserted or dropped), syndicated copies (another dateline and trailer) and hard
negatives (articles of one story series that share background paragraphs but are
not copies).
Every tool sees the same texts, the same shingles (word 5-grams; the peers are
fed by Python shingling with a tokenizer that splits words exactly as corpuskit
does), the same threshold and the same number of permutations.
Each tool runs in its own subprocess, so its peak RSS is its own.

Usage::

    python benchmarks/dedupe.py --articles 100000            # the comparison
    python benchmarks/dedupe.py --articles 100000 --json results.json  # also for run_all.py
    python benchmarks/dedupe.py --articles 1000000 --only corpuskit --stream
    python benchmarks/dedupe.py --reuters ../shared/corpora/reuters21578/sgm
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _results import Results, add_json_option

WORD = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0\u00ab\u00bb\u2000-\u206f]+")
"""corpuskit's word rule as a regular expression, for the peers' Python shingling."""

THRESHOLD = 0.8
NUM_PERM = 128
NGRAM = 5
TOOLS = ("corpuskit", "datasketch", "rensa")


# --- the generator -------------------------------------------------------------------------


class Generator:
    """A seeded, re-iterable corpus: ``(id, date, text, cluster, family)`` per article.

    ``cluster`` is the true duplicate cluster; ``family`` groups a cluster with its
    story series (hard negatives), the only articles that share many shingles.
    """

    def __init__(self, articles: int, seed: int = 20240501) -> None:
        """A corpus of ``articles`` articles drawn with ``seed``."""
        self.articles = articles
        self.seed = seed
        rng = random.Random(seed)
        syllables = [
            "ka",
            "lo",
            "mi",
            "ne",
            "ru",
            "sa",
            "ti",
            "vo",
            "ze",
            "pa",
            "do",
            "gu",
            "ber",
            "ston",
            "ville",
            "ar",
        ]
        words = set()
        while len(words) < 30000:
            words.add("".join(rng.choices(syllables, k=rng.randint(1, 4))))
        self.vocabulary = sorted(words)
        # Zipf-like weights: common words recur, as in news text.
        self.weights = list(
            itertools.accumulate(1.0 / (rank + 10) for rank in range(len(self.vocabulary)))
        )
        self.trailers = [
            f"Reporting by {name} editing by {other}"
            for name, other in zip(self.vocabulary[:40], self.vocabulary[40:80], strict=True)
        ]

    def _sentence(self, rng: random.Random) -> str:
        words = rng.choices(self.vocabulary, cum_weights=self.weights, k=rng.randint(8, 24))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def _body(self, rng: random.Random, paragraphs: int) -> list[list[str]]:
        return [[self._sentence(rng) for _ in range(rng.randint(2, 4))] for _ in range(paragraphs)]

    @staticmethod
    def _text(body: list[list[str]]) -> str:
        return "\n\n".join(" ".join(paragraph) for paragraph in body)

    def _near(self, rng: random.Random, body: list[list[str]]) -> list[list[str]]:
        body = [list(paragraph) for paragraph in body]
        edit = rng.random()
        if edit < 0.5:
            # A few word edits.
            for _ in range(rng.randint(1, 6)):
                paragraph = rng.choice(body)
                index = rng.randrange(len(paragraph))
                words = paragraph[index].split()
                words[rng.randrange(len(words))] = rng.choice(self.vocabulary)
                paragraph[index] = " ".join(words)
        elif edit < 0.75:
            rng.choice(body).insert(0, self._sentence(rng))
        else:
            paragraph = rng.choice([p for p in body if len(p) > 1] or body)
            if len(paragraph) > 1:
                paragraph.pop(rng.randrange(len(paragraph)))
        return body

    def _group(
        self, rng: random.Random, cluster: int, day: dt.date
    ) -> tuple[list[tuple[str, int]], int]:
        """One original and its copies (or its story series), with their true clusters."""
        kind = rng.random()
        body = self._body(rng, rng.randint(4, 8))
        group: list[tuple[str, int]] = [(self._text(body), cluster)]
        if kind < 0.15:
            for _ in range(rng.randint(1, 3)):
                text = self._text(body)
                group.append(
                    (text.upper() if rng.random() < 0.3 else text.replace(" ", "  "), cluster)
                )
        elif kind < 0.35:
            group.extend(
                (self._text(self._near(rng, body)), cluster) for _ in range(rng.randint(1, 4))
            )
        elif kind < 0.45:
            for _ in range(rng.randint(1, 3)):
                dateline = f"{rng.choice(self.vocabulary).upper()} {day:%b %d} - "
                group.append(
                    (dateline + self._text(body) + "\n\n" + rng.choice(self.trailers), cluster)
                )
        elif kind < 0.55:
            # A story series: each instalment keeps half the background and adds new paragraphs.
            background = body[: max(2, len(body) // 2)]
            for _ in range(rng.randint(1, 4)):
                cluster += 1
                group.append((self._text(self._body(rng, rng.randint(2, 4)) + background), cluster))
        return group, cluster

    def __iter__(self) -> Iterator[tuple[str, dt.date, str, int, int]]:
        """Yield ``(id, date, text, cluster, family)`` for each article, the same on every pass."""
        rng = random.Random(self.seed + 1)
        made = 0
        cluster = 0
        start = dt.date(2020, 1, 1)
        while made < self.articles:
            family = cluster
            day = start + dt.timedelta(days=rng.randrange(1500))
            group, cluster = self._group(rng, cluster, day)
            for number, (text, member_cluster) in enumerate(group):
                if made >= self.articles:
                    return
                yield f"g{made:08d}", day + dt.timedelta(days=number), text, member_cluster, family
                made += 1
            cluster += 1


def shingles(text: str, ngram: int = NGRAM) -> set[str]:
    """Word n-grams as corpuskit cuts them (an article with fewer words has one shingle)."""
    words = WORD.findall(text.lower())
    if len(words) < ngram:
        return {" ".join(words)} if words else set()
    return {" ".join(words[index : index + ngram]) for index in range(len(words) - ngram + 1)}


# --- the tools, each run in its own process --------------------------------------------------


def _union_find(size: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(size))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for first, second in pairs:
        a, b = find(first), find(second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for item in range(size):
        groups.setdefault(find(item), []).append(item)
    return [group for group in groups.values() if len(group) > 1]


VERIFIED: list[list[int]] = []
"""corpuskit's verified candidate pairs, for the verified precision."""


def run_corpuskit(texts: list[str], ids: list[str], dates: list[dt.date]) -> list[list[int]]:
    """Text to clusters with corpuskit (the steps of corpuskit.find_duplicates, keeping the verified pairs)."""
    import corpuskit  # noqa: PLC0415
    from corpuskit.dedupe.clusters import DedupeSettings, collect, decide  # noqa: PLC0415

    articles = (
        corpuskit.Article(id=article_id, text=text, date=date)
        for article_id, text, date in zip(ids, texts, dates, strict=True)
    )
    settings = DedupeSettings(threshold=THRESHOLD, num_perm=NUM_PERM, ngram=NGRAM)
    clustering = decide(collect(articles, settings, "earliest"), settings, "earliest")
    if clustering.verified is not None:
        VERIFIED.extend(clustering.verified.tolist())
    return [[member.position for member in cluster.members] for cluster in clustering.clusters]


def run_datasketch(texts: list[str], ids: list[str], dates: list[dt.date]) -> list[list[int]]:
    """Datasketch MinHash + MinHashLSH at its default banding for the threshold; candidates are duplicates."""
    del ids, dates
    from datasketch import MinHash, MinHashLSH  # noqa: PLC0415

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes = []
    for number, text in enumerate(texts):
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
        lsh.insert(number, minhash)
        hashes.append(minhash)
    pairs = []
    for number, minhash in enumerate(hashes):
        pairs.extend((number, other) for other in lsh.query(minhash) if other != number)
    return _union_find(len(texts), pairs)


def run_rensa(texts: list[str], ids: list[str], dates: list[dt.date]) -> list[list[int]]:
    """Rensa RMinHash + RMinHashLSH fed by Python shingling; candidates verified by estimated Jaccard."""
    del ids, dates
    from datasketch.lsh import _optimal_param  # noqa: PLC0415
    from rensa import RMinHash, RMinHashLSH  # noqa: PLC0415

    bands, _ = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)
    while NUM_PERM % bands:
        bands -= 1  # rensa needs bands that divide num_perm
    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=bands)
    hashes = []
    for number, text in enumerate(texts):
        minhash = RMinHash(num_perm=NUM_PERM, seed=42)
        minhash.update(list(shingles(text)))
        lsh.insert(number, minhash)
        hashes.append(minhash)
    pairs = []
    for number, minhash in enumerate(hashes):
        pairs.extend(
            (number, other)
            for other in lsh.query(minhash)
            if other != number and minhash.jaccard(hashes[other]) >= THRESHOLD
        )
    return _union_find(len(texts), pairs)


def _rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(tool: str, articles: int, seed: int, output: str) -> None:
    """Generate the corpus, run one tool on it, and write clusters, time and memory to ``output``."""
    corpus = list(Generator(articles, seed))
    ids = [row[0] for row in corpus]
    dates = [row[1] for row in corpus]
    texts = [row[2] for row in corpus]
    del corpus
    baseline = _rss_mib()
    runner = {"corpuskit": run_corpuskit, "datasketch": run_datasketch, "rensa": run_rensa}[tool]
    began = time.perf_counter()
    cpu_began = time.process_time()
    clusters = runner(texts, ids, dates)
    seconds = time.perf_counter() - began
    cpu = time.process_time() - cpu_began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(output).write_text(
        json.dumps(
            {
                "tool": tool,
                "seconds": seconds,
                "cpu_seconds": cpu,
                "peak_mib": peak,
                "baseline_mib": baseline,
                "clusters": clusters,
                "verified": VERIFIED,
            }
        )
    )


# --- scoring --------------------------------------------------------------------------------


def _pairs(clusters: list[list[int]]) -> set[tuple[int, int]]:
    return {(a, b) for cluster in clusters for a, b in itertools.combinations(sorted(cluster), 2)}


def score(results: list[dict[str, object]], articles: int, seed: int) -> Results:
    """Print pair precision and recall against the true clusters and against true Jaccard, and ratios."""
    corpus = list(Generator(articles, seed))
    families: dict[int, list[int]] = {}
    clusters: dict[int, list[int]] = {}
    for number, (_, _, _, cluster, family) in enumerate(corpus):
        families.setdefault(family, []).append(number)
        clusters.setdefault(cluster, []).append(number)
    sets: dict[int, set[str]] = {}

    def jaccard(a: int, b: int) -> float:
        for item in (a, b):
            if item not in sets:
                sets[item] = shingles(corpus[item][2])
        union = len(sets[a] | sets[b])
        return len(sets[a] & sets[b]) / union if union else 0.0

    # Pairs sharing shingles can only come from one family: score every pair inside each family,
    # and every predicted pair outside (the generator's families share no 5-gram by design).
    similar = {
        pair
        for members in families.values()
        if len(members) > 1
        for pair in itertools.combinations(members, 2)
        if jaccard(*pair) >= THRESHOLD
    }
    true_cluster_pairs = _pairs([members for members in clusters.values() if len(members) > 1])
    print(
        f"corpus: {articles} articles, {len(true_cluster_pairs)} duplicate pairs by cluster,",
        end=" ",
    )
    print(f"{len(similar)} pairs with true Jaccard >= {THRESHOLD}")
    report = Results(
        "dedupe",
        f"{articles:,} generated articles with known clusters ({len(true_cluster_pairs):,} duplicate "
        f"pairs by cluster, {len(similar):,} pairs with true Jaccard >= {THRESHOLD}); "
        f"word {NGRAM}-grams, {NUM_PERM} permutations, threshold {THRESHOLD}; each tool in its own process",
    )
    rows: list[list[str | float]] = []
    reference = {str(result["tool"]): result for result in results}
    header = (
        "tool",
        "P(clust)",
        "R(clust)",
        "P(J>=t)",
        "R(J>=t)",
        "art/s",
        "art/cpu-s",
        "peak MiB",
        "+MiB",
    )
    print(f"{header[0]:<12}" + "".join(f"{name:>10}" for name in header[1:]))
    for result in results:
        predicted = _pairs(result["clusters"])  # type: ignore[arg-type]
        true_jaccard = {
            pair for pair in predicted if pair in similar or jaccard(*pair) >= THRESHOLD
        }
        row = (
            len(predicted & true_cluster_pairs) / max(1, len(predicted)),
            len(predicted & true_cluster_pairs) / max(1, len(true_cluster_pairs)),
            len(true_jaccard) / max(1, len(predicted)),
            len(predicted & similar) / max(1, len(similar)),
        )
        rate = articles / float(result["seconds"])  # type: ignore[arg-type]
        cpu_rate = articles / float(result["cpu_seconds"])  # type: ignore[arg-type]
        extra = float(result["peak_mib"]) - float(result["baseline_mib"])  # type: ignore[arg-type]
        rows.append(
            [str(result["tool"]), *(round(value, 4) for value in row), round(rate), round(cpu_rate)]
        )
        rows[-1] += [round(float(result["peak_mib"])), round(extra)]  # type: ignore[arg-type]
        numbers = "".join(f"{value:>10.4f}" for value in row)
        print(
            f"{result['tool']!s:<12}{numbers}{rate:>10.0f}{cpu_rate:>10.0f}{result['peak_mib']:>10.0f}{extra:>10.0f}"
        )
        verified = [tuple(pair) for pair in result.get("verified", [])]  # type: ignore[attr-defined]
        if verified:
            good = sum(1 for pair in verified if pair in similar or jaccard(*pair) >= THRESHOLD)
            print(f"{'':<12}verified pairs: {len(verified)},", end=" ")
            print(f"precision against true Jaccard >= {THRESHOLD}: {good / len(verified):.4f}")
    if "corpuskit" in reference:
        ours = reference["corpuskit"]
        for tool, peer in reference.items():
            if tool != "corpuskit":
                speed = float(peer["seconds"]) / float(ours["seconds"])  # type: ignore[arg-type]
                cpu = float(peer["cpu_seconds"]) / float(ours["cpu_seconds"])  # type: ignore[arg-type]
                memory = float(ours["peak_mib"]) / float(peer["peak_mib"])  # type: ignore[arg-type]
                print(
                    f"corpuskit vs {tool}: {speed:.1f}x the throughput (wall), {cpu:.1f}x (CPU time),",
                    end=" ",
                )
                print(f"{memory:.2f}x the peak memory")
                report.ratio(
                    f"corpuskit / {tool}, throughput (wall)",
                    speed,
                    "corpuskit is faster",
                    at_least=1.0,
                    bar="corpuskit at least as fast as the peer",
                )
                report.ratio(
                    f"corpuskit / {tool}, peak memory",
                    memory,
                    "corpuskit needs more memory",
                    at_most=1.0,
                    bar="corpuskit needs no more memory than the peer",
                )
    report.table("Near-duplicate detection", list(header), rows)
    report.note(
        "P and R are pair precision and recall, against the generator's true clusters "
        f"(clust) and against pairs whose true Jaccard similarity is at least {THRESHOLD} (J>=t); "
        "+MiB is the peak above the process's size after generating the corpus."
    )
    report.bars(
        "Near-duplicate detection",
        "articles/s",
        {
            str(result["tool"]): articles / float(result["seconds"])  # type: ignore[arg-type]
            for result in results
        },
    )
    return report


def stream(articles: int, seed: int) -> None:
    """Dedupe a generated corpus in one streaming run (regenerated per pass) and print time and peak memory."""
    import corpuskit  # noqa: PLC0415

    class Corpus:
        def __iter__(self) -> Iterator[corpuskit.Article]:
            for article_id, date, text, _, _ in Generator(articles, seed):
                yield corpuskit.Article(id=article_id, text=text, date=date)

    began = time.perf_counter()
    kept = 0
    dropped = 0

    def count(_: corpuskit.Drop) -> None:
        nonlocal dropped
        dropped += 1

    for _ in corpuskit.dedupe(
        Corpus(), threshold=THRESHOLD, num_perm=NUM_PERM, ngram=NGRAM, on_drop=count
    ):
        kept += 1
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"corpuskit dedupe, streaming: {articles} articles read, {kept} kept, {dropped} dropped "
        f"in {seconds:.0f} s ({articles / seconds:.0f} articles/s, generation included), peak RSS {peak:.0f} MiB"
    )


# --- Reuters-21578 --------------------------------------------------------------------------

_REUTERS = re.compile(r'<REUTERS[^>]*NEWID="(\d+)".*?</REUTERS>', re.DOTALL)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.DOTALL)


def reuters_articles(directory: str) -> list[tuple[str, str]]:
    """``(NEWID, body)`` of every Reuters-21578 story with a body, read with a plain regex."""
    found = []
    for path in sorted(Path(directory).glob("*.sgm")):
        data = path.read_text(encoding="latin-1")
        for match in _REUTERS.finditer(data):
            body = _BODY.search(match.group(0))
            if body:
                found.append(
                    (match.group(1), html.unescape(body.group(1)).replace("\x03", "").strip())
                )
    return found


def reuters(directory: str) -> None:
    """Print every group of identical Reuters bodies and what exact dedupe kept and dropped."""
    import corpuskit  # noqa: PLC0415

    stories = reuters_articles(directory)
    groups: dict[str, list[str]] = {}
    for newid, body in stories:
        groups.setdefault(body, []).append(newid)
    identical = [ids for ids in groups.values() if len(ids) > 1]
    run = corpuskit.dedupe(
        [corpuskit.Article(id=newid, text=body) for newid, body in stories],
        method="exact",
        keep="first",
        exact_key=corpuskit.ExactKey(
            nfkc=False, casefold=False, whitespace=False, punctuation=False
        ),
    )
    kept = {article.id for article in run}
    found = {
        frozenset([cluster.kept.id, *(member.id for member in cluster.dropped)])
        for cluster in run.clusters
    }
    missing = [ids for ids in identical if frozenset(ids) not in found]
    print(
        f"reuters: {len(stories)} bodies, {len(identical)} groups of identical bodies, "
        f"{len(run.clusters)} clusters found, {len(missing)} groups missed, {len(kept)} kept"
    )
    for cluster in run.clusters:
        print(
            f"  kept {cluster.kept.id}; dropped {', '.join(member.id for member in cluster.dropped)}"
        )


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument(
        "--only", choices=TOOLS, action="append", help="run only this tool (repeatable)"
    )
    parser.add_argument(
        "--stream",
        action="store_true",
        help="corpuskit's streaming dedupe only: time and peak memory",
    )
    parser.add_argument(
        "--reuters", metavar="DIR", help="check exact dedupe on the Reuters-21578 .sgm files"
    )
    add_json_option(parser)
    parser.add_argument("--child", metavar="TOOL", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.articles, args.seed, args.output)
        return
    if args.reuters:
        reuters(args.reuters)
        return
    if args.stream:
        stream(args.articles, args.seed)
        return
    results = []
    for tool in args.only or TOOLS:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            output = handle.name
        try:
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    tool,
                    "--articles",
                    str(args.articles),
                    "--seed",
                    str(args.seed),
                    "--output",
                    output,
                ],
                check=True,
            )
            results.append(json.loads(Path(output).read_text()))
            print(f"{tool}: {results[-1]['seconds']:.1f} s", file=sys.stderr)
        finally:
            os.unlink(output)
    report = score(results, args.articles, args.seed)
    report.write(args.json)


if __name__ == "__main__":
    main()
