"""One saved article page to one Article, through trafilatura (body, title, authors) and htmldate.

:func:`extract_article` is the one entry point; the WARC plugin calls it for every
HTML ``response`` record.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from corpuskit import Article, SourceRef, canonical_text, content_id
from lxml import etree
from lxml.html import HTMLParser, document_fromstring

from corpuskit_html.charset import decode_html
from corpuskit_html.dates import find_publication_date

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lxml.html import HtmlElement
    from trafilatura.settings import Document

__all__ = ["MAX_PAGE_BYTES", "extract_article", "page_text"]

MAX_PAGE_BYTES = 20 * 1024 * 1024
"""Pages longer than this are cut here before parsing (a news page is far smaller)."""

_PARSER = HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False)
# A BCP 47 tag ("en", "pt-BR", "zh_Hant_TW"); the primary subtag is the language.
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*\Z")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*")
# Control characters lxml refuses in text (XML 1.0 excludes them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _parse(text: str) -> HtmlElement | None:
    text = _CONTROL.sub("", text)
    if not text.strip():
        return None
    try:
        return document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        # A declaration lxml refuses in a str, or nothing it can call a document.
        try:
            return document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
        except (etree.ParserError, ValueError, etree.XMLSyntaxError):
            return None


def _language(tree: HtmlElement) -> str | None:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in {"content-language", "og:locale", "language", "dc.language"}:
            candidates.append(meta.get("content"))
    for value in candidates:
        if value:
            match = _LANGUAGE.match(value.strip())
            if match:
                return match.group(1).lower()
    return None


def _canonical_url(tree: HtmlElement) -> str | None:
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    for meta in tree.iterfind(".//meta[@property]"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            return str(meta.get("content")).strip()
    return None


def _html_title(tree: HtmlElement) -> str:
    title = tree.find(".//title")
    if title is None:
        return ""
    return " ".join((title.text_content() or "").split())


def page_text(document_text: str, title: str) -> str:
    """Turn trafilatura's one-line-per-block text into canonical paragraphs.

    A first block that repeats the title is left out: the title is its own field.
    """
    blocks = [" ".join(line.split()) for line in document_text.splitlines()]
    blocks = [block for block in blocks if block]
    if blocks and title and blocks[0].casefold() == " ".join(title.split()).casefold():
        blocks = blocks[1:]
    return canonical_text("\n\n".join(blocks))


def _body(tree: HtmlElement, url: str | None) -> Document | None:
    import trafilatura  # noqa: PLC0415 - heavy; loaded on the first page, not with the plugin

    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
        )
    except Exception:  # noqa: BLE001 - the extractor's own bugs must not end the file
        return None
    return None if isinstance(document, dict) else document


def extract_article(
    data: bytes,
    *,
    url: str | None = None,
    charset: str | None = None,
    source: SourceRef | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Article:
    """Extract the Article of one page from its bytes; never raises for bad bytes.

    ``url`` is where the page was fetched (it helps date and boilerplate detection);
    ``charset`` is the HTTP header's charset, when there was one.
    The Article's ``url`` is the page's canonical URL, else ``url``.
    ``meta`` holds ``charset``, ``date_source`` (where the date was found),
    ``canonical_url`` and ``sitename`` when known, plus the given ``meta``.
    A page without a body gives an Article with empty ``text``.
    """
    text, codec = decode_html(data[:MAX_PAGE_BYTES], charset)
    info: dict[str, Any] = dict(meta or {})
    info["charset"] = codec
    tree = _parse(text)
    if tree is None:
        return Article.create(url=url, source=source, meta=info)
    canonical = _canonical_url(tree)
    language = _language(tree)
    found = find_publication_date(tree, canonical or url)
    html_title = _html_title(tree)
    document = _body(tree, url or canonical)
    title = (getattr(document, "title", None) or html_title).strip()
    body = page_text(getattr(document, "text", None) or "", title)
    authors = tuple(a for a in _AUTHOR_SPLIT.split(getattr(document, "author", None) or "") if a)
    if language is None and getattr(document, "language", None):
        language = str(getattr(document, "language", ""))
    if canonical:
        info["canonical_url"] = canonical
    sitename = getattr(document, "sitename", None)
    if sitename:
        info["sitename"] = str(sitename)
    date_raw = None
    date = None
    if found is not None:
        date, date_raw = found.value, found.raw
        info["date_source"] = found.source
    return Article(
        id=content_id(title, body, date_raw),
        title=title,
        text=body,
        date=date,
        date_raw=date_raw,
        url=canonical or url,
        authors=authors,
        language=language,
        source=source,
        meta=info,
    )
