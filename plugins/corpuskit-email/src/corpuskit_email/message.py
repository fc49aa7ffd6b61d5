"""One RFC 822 / RFC 1036 message (mail or a Usenet post) read into an Article.

Headers are read by this module, not by :mod:`email.parser`, so that raw 8-bit bytes in
them (common in 1990s Usenet) are decoded by the same reported fallback as the body.
Multipart bodies (MIME mail in mbox files) go through :mod:`email` to find the first
``text/plain`` part.
"""

from __future__ import annotations

import base64
import binascii
import email.errors
import email.header
import email.message
import email.parser
import email.policy
import quopri
import re
from typing import TYPE_CHECKING, Any

from corpuskit import Article, Failure, SourceRef, canonical_text, content_id, decode_text
from corpuskit_email.dates import parse_email_date

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["read_message"]

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_HEADER_LINE = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:[ \t]*(.*)")
_CHARSET = re.compile(r"""charset\s*=\s*"?([^";\s]+)""", re.IGNORECASE)
_ENCODED_WORD = "=?"
_BRACKETS = "<> \t"
# What decoding a MIME part or an RFC 2047 word raises on malformed input.
_MIME_ERRORS = (
    ValueError,
    LookupError,
    UnicodeError,
    binascii.Error,
    email.errors.MessageError,
    AssertionError,  # email's header folding asserts on some malformed input
)


def _split_headers(data: bytes) -> tuple[list[tuple[str, bytes]], bytes, int, bool]:
    """Split a message: headers, body, the body's first line, and whether all lines were headers.

    Headers are (lower-case name, unfolded raw value) pairs.
    """
    match = _HEADER_END.search(data)
    if match is None:
        head, body = data, b""
        body_line = 1 + data.count(b"\n")
    else:
        head, body = data[: match.start()], data[match.end() :]
        body_line = 1 + data.count(b"\n", 0, match.end())
    headers: list[tuple[str, bytes]] = []
    well_formed = True
    for raw_line in head.splitlines():
        if raw_line[:1] in (b" ", b"\t") and headers:
            name, value = headers[-1]
            headers[-1] = (name, value + b" " + raw_line.strip())
            continue
        parsed = _HEADER_LINE.fullmatch(raw_line.rstrip())
        if parsed is None:
            well_formed = False
            continue
        headers.append((parsed.group(1).decode("ascii").lower(), parsed.group(2).strip()))
    return headers, body, body_line, well_formed


def _decode_words(value: str) -> str:
    """Decode RFC 2047 encoded words (``=?iso-8859-1?q?…?=``); keep the value if they are broken."""
    if _ENCODED_WORD not in value:
        return value
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except _MIME_ERRORS:
        return value


def _decode_body(body: bytes, transfer_encoding: str, charset: str | None) -> tuple[str, list[str]]:
    notes: list[str] = []
    if transfer_encoding == "base64":
        try:
            body = base64.b64decode(body)
        except (binascii.Error, ValueError):
            notes.append("the base64 body is damaged and was kept undecoded")
    elif transfer_encoding == "quoted-printable":
        body = quopri.decodestring(body)
    text, note = _decode_charset(body, charset)
    if note is not None:
        notes.append(note)
    return text, notes


def _decode_charset(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode by the declared charset, else UTF-8, else Latin-1, with a note saying which."""
    if charset is None or charset.lower() in ("utf-8", "utf8"):
        return decode_text(data)
    if _known(charset):
        try:
            return data.decode(charset), None
        except UnicodeError as exc:
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
            why = f"not valid {charset} ({reason})"
    else:
        why = f"unknown charset {charset!r}"
    text, note = decode_text(data)
    return text, f"{why}; {note or 'decoded as utf-8'}"


def _known(charset: str) -> bool:
    try:
        "".encode(charset)
    except LookupError:
        return False
    return True


def _multipart_text(data: bytes) -> tuple[str, list[str]]:
    """The first ``text/plain`` part of a MIME multipart message, decoded."""
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(data)
    for part in message.walk():
        if part.get_content_type() != "text/plain" or part.get_filename():
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        return _decode_body(payload, "8bit", part.get_content_charset())
    return "", ["no text/plain part in this multipart message"]


def read_message(
    data: bytes, *, path: str, line: int, byte_offset: int, format_name: str
) -> Article | Failure:
    """Read one message's bytes (without an mbox ``From `` line) into an Article, or a Failure."""
    headers, body, body_line, well_formed = _split_headers(data)
    if not headers or (not well_formed and not any(name in _TELLING for name, _ in headers)):
        return Failure(
            path=path,
            line=line,
            message="not a mail or news message: no header block",
            format=format_name,
        )
    raw_head = b"\n".join(value for _, value in headers)
    _, head_note = decode_text(raw_head)
    fields: dict[str, list[str]] = {}
    for name, value in headers:
        fields.setdefault(name, []).append(decode_text(value)[0])
    notes = [f"headers: {head_note}"] if head_note is not None else []
    content_type = _first(fields, "content-type") or "text/plain"
    if content_type.lower().startswith("multipart/"):
        try:
            text, body_notes = _multipart_text(data)
        except _MIME_ERRORS as exc:
            return Failure(
                path=path,
                line=body_line,
                message=f"damaged MIME message: {exc}",
                format=format_name,
            )
    else:
        charset_match = _CHARSET.search(content_type)
        transfer = (_first(fields, "content-transfer-encoding") or "").strip().lower()
        text, body_notes = _decode_body(
            body, transfer, charset_match.group(1) if charset_match else None
        )
    notes.extend(f"body: {note}" for note in body_notes)
    text = canonical_text(text)
    title = _decode_words(_first(fields, "subject") or "").strip()
    meta: dict[str, Any] = _meta(fields)
    date_raw = _first(fields, "date")
    date = None
    if date_raw is not None:
        date, date_note = parse_email_date(date_raw)
        if date_note is not None:
            meta["date_note"] = date_note
    if notes:
        meta["decoding"] = "; ".join(notes)
    author = _decode_words(_first(fields, "from") or "").strip()
    message_id = (_first(fields, "message-id") or "").strip(_BRACKETS)
    return Article(
        id=message_id or content_id(title, text, date_raw),
        title=" ".join(title.split()),
        text=text,
        date=date,
        date_raw=date_raw,
        authors=(author,) if author else (),
        source=SourceRef(path=path, line=line, byte_offset=byte_offset, format=format_name),
        meta=meta,
    )


_TELLING = frozenset(
    {"from", "date", "subject", "message-id", "newsgroups", "path", "received", "return-path"}
)


def _first(fields: Mapping[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values else None


def _meta(fields: Mapping[str, list[str]]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if newsgroups := _first(fields, "newsgroups"):
        meta["newsgroups"] = [group.strip() for group in newsgroups.split(",") if group.strip()]
    if references := _first(fields, "references"):
        meta["references"] = [
            ref.strip(_BRACKETS) for ref in references.split() if ref.strip(_BRACKETS)
        ]
    if in_reply_to := _first(fields, "in-reply-to"):
        meta["in_reply_to"] = in_reply_to.strip()
    if organization := _first(fields, "organization"):
        meta["organization"] = _decode_words(organization).strip()
    return meta
