"""Tests of corpuskit_html.charset."""

from __future__ import annotations

import codecs

from hypothesis import given
from hypothesis import strategies as st

from corpuskit_html.charset import decode_html, lookup_charset


def test_bom_wins_over_everything() -> None:
    """A UTF-8 byte-order mark decides the codec even against the header and a meta tag."""
    data = codecs.BOM_UTF8 + '<meta charset="koi8-r"><p>café</p>'.encode()
    assert ('<meta charset="koi8-r"><p>café</p>', "utf-8") == decode_html(data, "latin-1")


def test_header_charset_wins_over_meta() -> None:
    """The HTTP header's charset is used before the page's own declaration."""
    data = '<meta charset="utf-8"><p>Grüße</p>'.encode("cp1252")
    assert ('<meta charset="utf-8"><p>Grüße</p>', "cp1252") == decode_html(data, "windows-1252")


def test_meta_charset_is_read() -> None:
    """Without a header, a <meta http-equiv> declaration names the codec."""
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>Łódź</p>'
    text, codec = decode_html(page.encode("iso-8859-2"))
    assert (page, "iso8859-2") == (text, codec)


def test_undeclared_utf8() -> None:
    """Undeclared bytes that are valid UTF-8 are read as UTF-8."""
    assert ("<p>naïve</p>", "utf-8") == decode_html("<p>naïve</p>".encode())


def test_unknown_label_is_none() -> None:
    """A label Python does not know gives None, and latin-1 reads as windows-1252 as browsers do."""
    assert (None, "cp1252") == (lookup_charset("x-no-such"), lookup_charset("ISO-8859-1"))


@given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "utf-16", "bogus", "shift_jis"]))
def test_any_bytes_decode(data: bytes, header: str | None) -> None:
    """Decoding never raises, whatever the bytes and the header say."""
    text, codec = decode_html(data, header)
    assert (str, str) == (type(text), type(codec))
