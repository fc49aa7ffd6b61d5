"""``corpuskit segment``: write one JSON record per paragraph, sentence or chunk."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from corpuskit.cli._common import add_input_options, reader_options, report_failures
from corpuskit.errors import ConfigError
from corpuskit.io import atomic_output, read
from corpuskit.segment import chunks, paragraphs, sentences
from corpuskit.segment.step import segment_language

if TYPE_CHECKING:
    import argparse

    from corpuskit.model import Span

NAME = "segment"
HELP = "split articles into paragraphs, sentences or chunks, one JSON line per segment"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add segment's arguments."""
    add_input_options(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="the JSON-lines output file (.gz, .bz2, .xz compress it)",
    )
    parser.add_argument(
        "--unit",
        choices=("paragraph", "sentence", "chunk"),
        default="sentence",
        help="what one record holds (default: sentence)",
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="sentence rules to use (default: the article's language when known, else en)",
    )
    parser.add_argument("--max-chars", type=int, metavar="N", help="chunk size limit in characters")
    parser.add_argument("--max-words", type=int, metavar="N", help="chunk size limit in words")
    parser.add_argument(
        "--overlap",
        type=int,
        default=0,
        metavar="N",
        help="sentences repeated from one chunk to the next (default: 0)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")


def run(args: argparse.Namespace) -> int:
    """Segment every article and print a one-line count."""
    if args.unit == "chunk" and args.max_chars is None and args.max_words is None:
        raise ConfigError("--unit chunk needs --max-chars, --max-words or both")
    reader = read(
        args.inputs, format=args.format, on_error=args.on_error, options=reader_options(args)
    )
    records = articles = 0
    with atomic_output(args.output) as stream:
        for article in reader:
            articles += 1
            code = segment_language(article, args.lang)
            text = article.text
            spans: list[Span]
            if args.unit == "paragraph":
                spans = paragraphs(text)
            elif args.unit == "sentence":
                spans = sentences(text, lang=code)
            else:
                spans = chunks(
                    text,
                    max_chars=args.max_chars,
                    max_words=args.max_words,
                    overlap=args.overlap,
                    lang=code,
                )
            for index, (start, end) in enumerate(spans):
                record = {
                    "id": article.id,
                    "unit": args.unit,
                    "index": index,
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                }
                stream.write(
                    json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
                )
                records += 1
    report_failures(reader)
    if not args.quiet:
        print(
            f"corpuskit: wrote {records} {args.unit}(s) of {articles} article(s) to {args.output}",
            file=sys.stderr,
        )
    return 0
