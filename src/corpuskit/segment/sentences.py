"""Sentence boundaries in one pass over the text, with patterns compiled once per process.

One regular expression finds every *candidate*: a run of terminal marks (with the
quotes and brackets that close it), a line break, a bullet or a closing parenthesis.
Each candidate is judged by looking at the word before it and the word after it,
through set look-ups in the rules of the language (compiled once and cached), so the
work is linear in the length of the text and no pattern can backtrack more than the
run it is matching.
"""

from __future__ import annotations

import re
import threading

import attrs

from corpuskit.model import Span
from corpuskit.segment.language import Language, get_language

__all__ = ["compile_rules", "sentence_cuts", "sentences", "spans_between"]

_TERMINALS = ".!?\u203d\u2026"  # . ! ? interrobang, horizontal ellipsis
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}"  # quotes and brackets that close a sentence
_OPENERS = "\"'\u201c\u2018\u00ab\u2039([{\u00bf\u00a1"  # quotes and brackets that open one
_BULLETS = "\u2022\u2043\u25aa\u2023\u25e6\u25cf\u25a0\u27a2\u27a4"  # bullets and arrows
_CONTINUATIONS = ",;:-\u2013\u2014&/(+="  # a line ending in one of these goes on

_CANDIDATE = re.compile(
    # A run of terminal marks; a spaced ellipsis (". . .") continues it.  Nothing after
    # the greedy parts can fail, so the engine never backtracks into them.
    rf"[{_TERMINALS}]+(?:[ ]\.(?=[\s.{re.escape(_CLOSERS)}]|\Z))*[{re.escape(_CLOSERS)}]*"
    r"|\n\s*"  # a line break and the whitespace after it
    rf"|[{_BULLETS}]"
    r"|\)"
)
_NEXT_WORD = re.compile(rf"\s*[{re.escape(_OPENERS)}]*(\w*)")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")
_LABEL = re.compile(r"\d{1,3}|[a-z]|[ivx]{2,5}")
_MAX_LABEL = 5
_MAX_WORD = 64
"""How far back a word is looked for; a longer token is never an abbreviation."""
_MAX_TOKEN = 256
"""How far a token is followed to see whether it is a URL or an e-mail address."""

_ROMAN = {
    numeral: value
    for value, numeral in enumerate(
        "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(),  # noqa: SIM905 - a readable list
        start=1,
    )
}


@attrs.frozen
class _Rules:
    """A language compiled for the splitter: the sets it looks words up in."""

    language: Language
    abbreviations: frozenset[str]
    final_abbreviations: frozenset[str]
    starters: frozenset[str]
    ordinal_numbers: bool


_compiled: dict[str, _Rules] = {}
_compiled_lock = threading.Lock()


def compile_rules(lang: str | Language) -> _Rules:
    """The compiled rules of ``lang`` (a code or a :class:`Language`), built once and cached."""
    language = lang if isinstance(lang, Language) else get_language(lang)
    rules = _compiled.get(language.code)
    if rules is not None and rules.language is language:
        return rules
    with _compiled_lock:
        rules = _Rules(
            language=language,
            abbreviations=language.abbreviations | language.final_abbreviations,
            final_abbreviations=language.final_abbreviations,
            starters=language.sentence_starters,
            ordinal_numbers=language.ordinal_numbers,
        )
        _compiled[language.code] = rules
        return rules


def sentences(text: str, *, lang: str | Language = "en") -> list[Span]:
    """Split ``text`` into sentence spans; ``text[start:end]`` is one without outer whitespace.

    Spans are in order, do not overlap, and together cover every non-whitespace character.
    A blank line always ends a sentence.
    """
    return spans_between(text, sentence_cuts(text, compile_rules(lang)))


def spans_between(text: str, cuts: list[int]) -> list[Span]:
    """The non-empty pieces of ``text`` between sorted ``cuts``, whitespace trimmed."""
    spans: list[Span] = []
    append = spans.append
    start = 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        piece = text[start:cut]
        body = piece.lstrip()
        if body:
            left = start + len(piece) - len(body)
            append(Span(left, left + len(body.rstrip())))
        start = cut
    return spans


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited token ending at ``pos`` (at most ``_MAX_WORD`` characters)."""
    if pos == 0 or text[pos - 1].isspace():
        return ""
    window = text[max(0, pos - _MAX_WORD) : pos]
    parts = window.rsplit(None, 1)
    if len(parts) == 1 and pos > _MAX_WORD:
        return window  # longer than any abbreviation: judged as an ordinary word
    return parts[-1]


def _in_address(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside something shaped like a URL or an e-mail address."""
    before = text[max(0, pos - _MAX_TOKEN) : pos]
    parts = before.rsplit(None, 1)
    if len(parts) == 1 and pos > _MAX_TOKEN:
        return True  # a token this long is no sentence; never split it
    after = text[pos : pos + _MAX_TOKEN].split(None, 1)
    token = parts[-1] + (after[0] if after else "")
    return "@" in token or "://" in token or token.lower().startswith("www.")


def sentence_cuts(text: str, rules: _Rules) -> list[int]:  # noqa: C901, PLR0912, PLR0915 - one hot loop, kept whole for speed
    """The sorted offsets where one sentence ends and the next may begin."""
    cuts: set[int] = set()
    add = cuts.add
    markers: list[tuple[str, int, int]] = []  # (label, start of label, end of its mark)
    abbreviations = rules.abbreviations
    finals = rules.final_abbreviations
    starters = rules.starters
    ordinals = rules.ordinal_numbers
    next_word = _NEXT_WORD.match
    size = len(text)
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        first_char = text[start]
        if first_char == "\n":
            if match.group().count("\n") > 1:
                add(start)  # a blank line: always a boundary
                continue
            line = text[max(0, start - 16) : start].rstrip()
            if (
                not line
                or end >= size
                or line.rstrip(_CLOSERS)[-1:] in _TERMINALS
                or line[-1] in _CONTINUATIONS
                or text[end].islower()
            ):
                continue
            add(start)  # a headline or list line that ends without punctuation
            continue
        if first_char in _BULLETS:
            if start > 0 and text[start - 1].isspace():
                add(start)
            continue
        if end >= size:
            continue
        after = text[end]
        if not after.isspace():
            # A full stop with no space after it ("left.She"): only between words.
            if (
                first_char == "."
                and end == start + 1
                and start >= 2  # noqa: PLR2004 - two letters before the stop
                and after.isupper()
                and text[end + 1 : end + 2].islower()
                and text[start - 2 : start].isalpha()
                and text[start - 2 : start].islower()
                and not _in_address(text, start)
            ):
                add(end)
            continue
        if first_char == ")":
            label = _word_before(text, start).lstrip(_BULLETS)
            if _LABEL.fullmatch(label):
                markers.append((label, _marker_start(text, start - len(label)), end))
            continue
        word_match = next_word(text, end)
        if word_match is None:  # never: every part of the pattern is optional
            continue
        word = word_match.group(1)
        if word_match.end() >= size and not word:
            continue
        upper_next = word[:1].isupper()
        lower_next = word[:1].islower()
        term = match.group().rstrip(_CLOSERS)
        if term == ".":
            before = _word_before(text, start).lstrip(_OPENERS)
            if len(before) <= _MAX_LABEL + 1:
                label = before.lstrip(_BULLETS)
                if _LABEL.fullmatch(label):
                    markers.append((label, _marker_start(text, start - len(label)), end))
            if lower_next:
                continue
            folded = before.lower()
            if (
                folded in abbreviations
                or (len(before) == 1 and before.isalpha())
                or ("." in before and _ACRONYM.match(before))
            ):
                if (upper_next and folded in finals) or (
                    word in starters
                    and not (
                        len(word) == 1 and text[word_match.end() : word_match.end() + 1] == "."
                    )
                ):
                    add(end)
                continue
            if ordinals and before.isdigit() and len(before) <= 3 and word not in starters:  # noqa: PLR2004 - ordinals have at most three digits
                continue
            add(end)
        elif "?" in term or "!" in term or "\u203d" in term:
            if not lower_next:
                add(end)
        elif start > 0 and text[start - 1] in "([":
            continue  # an ellipsis in brackets marks an omission: "[...]"
        elif " " in term:
            attached = start > 0 and not text[start - 1].isspace()
            dots = term.count(".")
            if attached and dots >= 4 and upper_next:  # noqa: PLR2004 - a full stop, then an ellipsis
                add(start + 1)
            elif (attached or dots > 3) and upper_next:  # noqa: PLR2004
                add(end)
        elif upper_next:
            add(end)
    if markers:
        _apply_markers(markers, cuts)
    return sorted(cuts)


def _marker_start(text: str, pos: int) -> int:
    """Where an enumeration label at ``pos`` begins, counting a bullet before it ("• 9.")."""
    if pos >= 1 and text[pos - 1] in _BULLETS:
        return pos - 1
    if pos >= 2 and text[pos - 1] == " " and text[pos - 2] in _BULLETS:  # noqa: PLR2004
        return pos - 2
    return pos


def _apply_markers(markers: list[tuple[str, int, int]], cuts: set[int]) -> None:
    """Make enumeration labels ("1.", "b)", "iv.") that form a sequence start their own sentence."""
    numbers: set[int] = set()
    letters: set[str] = set()
    romans: set[int] = set()
    for label, _, _ in markers:
        if label.isdigit():
            numbers.add(int(label))
        else:
            letters.add(label)
            if label in _ROMAN:
                romans.add(_ROMAN[label])
    for label, start, end in markers:
        if label.isdigit():
            value = int(label)
            listed = value - 1 in numbers or value + 1 in numbers
        else:
            roman = _ROMAN.get(label)
            listed = roman is not None and (roman - 1 in romans or roman + 1 in romans)
            if len(label) == 1:
                code = ord(label)
                listed = listed or chr(code - 1) in letters or chr(code + 1) in letters
        if listed:
            if start > 0:
                cuts.add(start)
            cuts.discard(end)
