"""WARC records written for these tests (no corpus text)."""

from __future__ import annotations

import gzip

PARAGRAPHS = (
    "The ferry company added two evening crossings to the island after a summer of full boats.",
    "Residents had written to the company since June: workers missed the last boat home.",
    "The new crossings leave the mainland at eight and at ten, every day until the end of October.",
)


def page(title: str = "Ferry company adds evening crossings") -> bytes:
    """An HTML article page with a publication date."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        "<meta property='article:published_time' content='2023-07-14T08:00:00+02:00'>"
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Island News</footer></body></html>"
    ).encode()


def record(
    kind: str, uri: str | None, block: bytes, *, number: int, content_type: str = ""
) -> bytes:
    """One WARC/1.0 record with the given type and block."""
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        "WARC-Date: 2024-02-03T04:05:06Z",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>",
    ]
    if uri is not None:
        headers.append(f"WARC-Target-URI: {uri}")
    if content_type:
        headers.append(f"Content-Type: {content_type}")
    headers.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(
    body: bytes, *, status: str = "200 OK", content_type: str = "text/html", extra: str = ""
) -> bytes:
    """An HTTP response block: status line, headers, body."""
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def sample_records() -> list[bytes]:
    """warcinfo, request, two HTML responses, a PNG, a 404, a WET conversion, a metadata record."""
    http = "application/http; msgtype=response"
    return [
        record(
            "warcinfo",
            None,
            b"software: corpuskit tests\r\n",
            number=1,
            content_type="application/warc-fields",
        ),
        record(
            "request",
            "https://news.example/ferry",
            b"GET /ferry HTTP/1.1\r\n\r\n",
            number=2,
            content_type="application/http; msgtype=request",
        ),
        record(
            "response",
            "https://news.example/ferry",
            http_response(page()),
            number=3,
            content_type=http,
        ),
        record(
            "response",
            "https://news.example/logo.png",
            http_response(b"\x89PNG....", content_type="image/png"),
            number=4,
            content_type=http,
        ),
        record(
            "response",
            "https://news.example/gone",
            http_response(page("Gone"), status="404 Not Found"),
            number=5,
            content_type=http,
        ),
        record(
            "response",
            "https://news.example/ferry-2",
            http_response(
                gzip.compress(page("Second crossing")),
                extra="Content-Encoding: gzip\r\n",
                content_type="text/html; charset=utf-8",
            ),
            number=6,
            content_type=http,
        ),
        record(
            "conversion",
            "https://news.example/ferry",
            b"Ferry timetable\n\nBoats leave at eight.\n",
            number=7,
            content_type="text/plain",
        ),
        record(
            "metadata",
            "https://news.example/ferry",
            b"fetchTimeMs: 12\r\n",
            number=8,
            content_type="application/warc-fields",
        ),
    ]
