"""Reuters-21578: exact dedupe finds every group of identical bodies (needs ../shared)."""

from __future__ import annotations

import html
import re

import pytest

import corpuskit

pytestmark = pytest.mark.shared

STORY = re.compile(r'<REUTERS[^>]*NEWID="(\d+)".*?</REUTERS>', re.DOTALL)
BODY = re.compile(r"<BODY>(.*?)</BODY>", re.DOTALL)


def bodies(directory) -> list[tuple[str, str]]:
    """(NEWID, body) of every story with a body; a plain regex, not the SGML plugin."""
    found = []
    for path in sorted(directory.glob("*.sgm")):
        for match in STORY.finditer(path.read_text(encoding="latin-1")):
            body = BODY.search(match.group(0))
            if body:
                found.append(
                    (match.group(1), html.unescape(body.group(1)).replace("\x03", "").strip())
                )
    return found


def test_every_group_of_identical_bodies_is_one_cluster_with_named_ids(shared_dir):
    """Each set of byte-identical bodies is exactly one cluster; the first is kept, the others dropped for it."""
    stories = bodies(shared_dir / "corpora" / "reuters21578" / "sgm")
    groups: dict[str, list[str]] = {}
    for newid, body in stories:
        groups.setdefault(body, []).append(newid)
    expected = sorted((ids[0], sorted(ids[1:])) for ids in groups.values() if len(ids) > 1)
    strict = corpuskit.ExactKey(nfkc=False, casefold=False, whitespace=False, punctuation=False)
    run = corpuskit.dedupe(
        [corpuskit.Article(id=newid, text=body) for newid, body in stories],
        method="exact",
        keep="first",
        exact_key=strict,
    )
    kept = [article.id for article in run]
    actual = sorted(
        (cluster.kept.id, sorted(member.id for member in cluster.dropped))
        for cluster in run.clusters
    )
    assert expected == actual
    assert len(stories) == len(kept) + len(run.drops)
    assert all(drop.kept_id == groups[drop.article.text][0] for drop in run.drops)
