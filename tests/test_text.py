import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuskit.text import canonical_text, decode_text


def test_canonical_text_normalizes_lines_and_paragraphs():
    """CRLF, trailing spaces, blank runs and edge blank lines are normalized; inner indentation stays."""
    raw = "\r\n\r\n  first line  \r\nsecond\t\n \n\n\n  para two\n\n"
    assert "  first line\nsecond\n\n  para two" == canonical_text(raw)


@given(st.text())
def test_canonical_text_is_idempotent(text):
    """Canonicalizing twice changes nothing the first pass did not."""
    once = canonical_text(text)
    assert once == canonical_text(once)


@given(st.text())
def test_canonical_text_has_the_canonical_shape(text):
    """No CR, no trailing whitespace, no blank-line runs, no blank edges."""
    result = canonical_text(text)
    assert "\r" not in result
    assert "\n\n\n" not in result
    assert all(line == line.rstrip() for line in result.split("\n"))
    assert result == "" or (result.split("\n")[0] and result.split("\n")[-1])


def test_decode_text_utf8_has_no_note() -> None:
    """Valid UTF-8 decodes with no note."""
    assert ("caf\u00e9", None) == decode_text("caf\u00e9".encode())


def test_decode_text_fallback_note() -> None:
    """Invalid bytes fall back to Latin-1 and the note names the byte and offset."""
    assert ("a\u00a3b", "latin-1 fallback: not valid utf-8 (byte 0xa3 at offset 1)") == decode_text(
        b"a\xa3b"
    )


def test_decode_text_unknown_encoding() -> None:
    """An unknown encoding falls back with a note; without a fallback it raises."""
    assert ("ab", "latin-1 fallback: unknown encoding 'nope'") == decode_text(b"ab", "nope")
    with pytest.raises(LookupError):
        decode_text(b"ab", "nope", fallback=None)


def test_decode_text_strict_raises() -> None:
    """With fallback=None invalid bytes raise UnicodeDecodeError."""
    with pytest.raises(UnicodeDecodeError):
        decode_text(b"\xff", fallback=None)


@given(st.binary(max_size=200))
def test_decode_text_never_fails_and_notes_every_fallback(data: bytes) -> None:
    """Any bytes decode; the note is absent exactly when the bytes are UTF-8."""
    text, note = decode_text(data)
    try:
        expected = (data.decode(), None)
    except UnicodeDecodeError:
        expected = (data.decode("latin-1"), note)
        assert note is not None
    assert expected == (text, note)
