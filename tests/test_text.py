from hypothesis import given
from hypothesis import strategies as st

from corpuskit.text import canonical_text


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
