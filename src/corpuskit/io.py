"""Reading and writing corpora: input listing, compression, format choice, atomic output.

:func:`read` streams Articles from files, directories and globs in a stable order;
:func:`write` writes them to one file that appears only when every Article is written.
"""

from __future__ import annotations

import bz2
import contextlib
import glob
import gzip
import io
import lzma
import os
import tempfile
import zlib
from collections.abc import Generator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal, cast

from corpuskit.errors import CorpusError, FormatError, ParseError, SourceError, WriteError
from corpuskit.model import Article, Failure
from corpuskit.plugins import Format, Sink, Source, format_registry
from corpuskit.remote import is_url

__all__ = [
    "ArticleReader",
    "OnError",
    "atomic_output",
    "choose_format",
    "file_items",
    "iter_paths",
    "open_input",
    "path_items",
    "read",
    "write",
]

OnError = Literal["raise", "skip"]

_COMPRESSION_SUFFIXES = {".gz": "gzip", ".gzip": "gzip", ".bz2": "bz2", ".xz": "xz", ".lzma": "xz"}
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"))
_SNIFF_BYTES = 8192
_GLOB_CHARS = frozenset("*?[")
# What a damaged compressed stream raises while being read.
_DECOMPRESSION_ERRORS = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile, OSError)


def iter_paths(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Expand files, directories (recursively) and globs into file paths, in a stable order.

    Each input keeps its place; inside a directory or glob, paths are sorted by name.
    Hidden files and directories (``.name``) inside a directory are skipped.
    fsspec URLs (``s3://bucket/dir/``, ``memory://x/*.jsonl``) are expanded the same way.
    A missing input raises :class:`SourceError`.
    """
    for raw in inputs:
        name = os.fspath(raw)
        if is_url(name):
            from corpuskit import remote  # noqa: PLC0415 - fsspec only for URLs

            yield from remote.iter_paths(name)
        elif os.path.isdir(name):
            yield from _walk(name)
        elif os.path.isfile(name):
            yield name
        elif _GLOB_CHARS & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                raise SourceError(f"{name}: no file matches this pattern")
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match)
                else:
                    yield match
        elif os.path.exists(name):
            raise SourceError(f"{name}: not a regular file or directory")
        else:
            raise SourceError(f"{name}: no such file or directory")


def _walk(top: str) -> Iterator[str]:
    def fail(error: OSError) -> None:
        raise SourceError(f"{error.filename}: cannot list directory: {error.strerror}")

    for directory, dirnames, filenames in os.walk(top, onerror=fail):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith("."):
                yield os.path.join(directory, filename)


def _compression_from_magic(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(6)
    except OSError as exc:
        raise SourceError(f"{path}: cannot open: {exc.strerror}") from exc
    return _compression_of_head(head)


def _compression_of_head(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


class _Salvaging(io.BufferedIOBase):
    """A decompressing stream that hands out every byte before damage, then raises.

    The stdlib decompressors drop the bytes of a ``read(n)`` that hits a truncated
    or corrupt end; reading through this wrapper in 64 KiB pieces keeps them, so a
    reader yields every record before the damage and the error comes after.
    """

    _PIECE = 1 << 16

    def __init__(self, inner: IO[bytes], owner: IO[bytes] | None = None) -> None:
        self._inner = inner
        self._owner = owner  # the raw file under a decompressor given a file object
        self._buffer = bytearray()
        self._error: BaseException | None = None
        self._eof = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._inner.close()
        if self._owner is not None:
            self._owner.close()
        super().close()

    def _fill(self, want: int) -> None:
        while (want < 0 or len(self._buffer) < want) and not self._eof and self._error is None:
            try:
                piece = self._inner.read1(self._PIECE)  # type: ignore[attr-defined]
            except _DECOMPRESSION_ERRORS as exc:
                self._error = exc
                return
            if not piece:
                self._eof = True
                return
            self._buffer += piece

    def _take(self, size: int) -> bytes:
        if not self._buffer and self._error is not None:
            raise self._error
        data = bytes(self._buffer[:size]) if size >= 0 else bytes(self._buffer)
        del self._buffer[: len(data)]
        return data

    def read(self, size: int | None = -1) -> bytes:
        size = -1 if size is None else size
        self._fill(size)
        return self._take(size)

    def read1(self, size: int = -1) -> bytes:
        if not self._buffer:
            self._fill(self._PIECE if size < 0 else min(size, self._PIECE))
        return self._take(size)

    def readline(self, size: int | None = -1) -> bytes:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0 or self._eof or self._error is not None:
                break
            self._fill(len(self._buffer) + self._PIECE)
        cut = end + 1 if end >= 0 else len(self._buffer)
        if size is not None and size >= 0:
            cut = min(cut, size)
        return self._take(cut)


def open_input(path: str) -> IO[bytes]:
    """Open ``path`` (or an fsspec URL) for reading, decompressing gzip, bzip2 or xz (detected from the bytes)."""
    if is_url(path):
        from corpuskit import remote  # noqa: PLC0415 - fsspec only for URLs

        return remote.open_input(path)
    kind = _compression_from_magic(path)
    try:
        if kind == "gzip":
            return cast("IO[bytes]", _Salvaging(cast("IO[bytes]", gzip.open(path, "rb"))))
        if kind == "bz2":
            return cast("IO[bytes]", _Salvaging(bz2.open(path, "rb")))
        if kind == "xz":
            return cast("IO[bytes]", _Salvaging(lzma.open(path, "rb")))
        return open(path, "rb")
    except OSError as exc:
        raise SourceError(f"{path}: cannot open: {exc.strerror or exc}") from exc


def _inner_suffix(path: str) -> str:
    """The suffix that names the format: ``a.jsonl.gz`` -> ``.jsonl``."""
    name = Path(path).name.lower()
    stem, suffix = os.path.splitext(name)
    if suffix in _COMPRESSION_SUFFIXES:
        suffix = os.path.splitext(stem)[1]
    return suffix


def _read_head(path: str) -> bytes:
    try:
        with open_input(path) as stream:
            return stream.read(_SNIFF_BYTES)
    except _DECOMPRESSION_ERRORS:
        # A damaged file: sniff what we have; reading will report the damage with its line.
        return b""


def choose_format(path: str, format: str | None = None, *, purpose: str = "read") -> Format:  # noqa: A002
    """The format for ``path``: ``format`` if given, else by suffix, else by sniffing the content."""
    registry = format_registry()
    if format is not None:
        fmt = registry.get(format)
        if purpose == "read" and fmt.reader is None:
            raise FormatError(f"format {fmt.name!r} cannot read, only write")
        if purpose == "write" and fmt.writer is None:
            raise FormatError(f"format {fmt.name!r} cannot write, only read")
        return fmt
    suffix = _inner_suffix(path)
    if purpose == "write":
        candidates = [fmt for fmt in registry if fmt.writes(suffix)]
        if len(candidates) == 1:
            return candidates[0]
        names = ", ".join(fmt.name for fmt in candidates)
        detail = (
            f"several formats write {suffix!r} ({names})"
            if candidates
            else f"no format writes {suffix!r} files"
        )
        raise FormatError(f"{path}: {detail}; pass --to NAME (see `corpuskit formats`)")
    return registry.choose(suffix, lambda: _read_head(path), purpose=purpose, path=path)


def _line_of_damage(path: str) -> int:
    """Count the lines that decompress cleanly before the damage (only on the error path)."""
    lines = 0
    with contextlib.suppress(*_DECOMPRESSION_ERRORS), open_input(path) as stream:
        while chunk := stream.read(1 << 16):
            lines += chunk.count(b"\n")
    return lines + 1


def file_items(
    path: str, fmt: Format, options: Mapping[str, Any] | None = None
) -> Iterator[Article | Failure]:
    """Every Article and Failure of one file, in file order; damage ends the file with a Failure."""
    assert fmt.reader is not None  # noqa: S101 - choose_format guarantees a reader
    with open_input(path) as stream:
        source = Source(path=path, stream=stream, format=fmt.name, options=dict(options or {}))
        items = iter(fmt.reader(source))
        while True:
            try:
                item = next(items)
            except StopIteration:
                return
            except ParseError as exc:
                # Damage that ends the file: what came before is kept, then it is reported.
                yield Failure(
                    path=exc.path or path, line=exc.line, message=exc.message, format=fmt.name
                )
                return
            except _DECOMPRESSION_ERRORS as exc:
                message = f"damaged compressed data: {str(exc) or type(exc).__name__}"
                yield Failure(
                    path=path, line=_line_of_damage(path), message=message, format=fmt.name
                )
                return
            yield item


def path_items(
    path: str,
    format: str | None = None,  # noqa: A002
    options: Mapping[str, Any] | None = None,
) -> Iterator[Article | Failure]:
    """:func:`file_items` for one path whose format is chosen as :func:`read` does."""
    try:
        fmt = choose_format(path, format)
    except FormatError as exc:
        # Choosing a format looks at the head of the file: line 1.
        yield Failure(path=path, line=1, message=str(exc).removeprefix(f"{path}: "))
        return
    yield from file_items(path, fmt, options)


class ArticleReader(Iterator[Article]):
    """The lazy iterator :func:`read` returns.

    Besides the Articles, it keeps the records that failed (``failures``, when
    ``on_error="skip"``), and counts of what was read.
    """

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        format: str | None = None,  # noqa: A002
        on_error: OnError = "raise",
        options: Mapping[str, Any] | None = None,
    ) -> None:
        """See :func:`read`."""
        if on_error not in ("raise", "skip"):
            raise ValueError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
        if format is not None:
            format_registry().get(format)  # fail now, not at the first file
        self.format = format
        self.on_error: OnError = on_error
        self.options: Mapping[str, Any] = dict(options or {})
        self.failures: list[Failure] = []
        self.articles_read = 0
        self.files_done = 0
        self.current_path: str | None = None
        self._iterator: Generator[Article, None, None] = self._articles(paths)

    def __iter__(self) -> ArticleReader:
        """The reader is its own iterator."""
        return self

    def __next__(self) -> Article:
        """The next Article; raises corpuskit errors as ``on_error`` says."""
        return next(self._iterator)

    def close(self) -> None:
        """Stop reading and close the current file."""
        self._iterator.close()

    def _articles(self, paths: Iterable[str | os.PathLike[str]]) -> Generator[Article, None, None]:
        for path in iter_paths(paths):
            self.current_path = path
            for item in path_items(path, self.format, self.options):
                if isinstance(item, Article):
                    self.articles_read += 1
                    yield item
                elif self.on_error == "raise":
                    raise ParseError(item.message, path=item.path, line=item.line)
                else:
                    self.failures.append(item)
            self.files_done += 1


def read(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    format: str | None = None,  # noqa: A002 - the user-facing name
    on_error: OnError = "raise",
    options: Mapping[str, Any] | None = None,
) -> ArticleReader:
    """Stream the Articles of files, directories and globs, one file at a time.

    ``format`` forces a format for every file; otherwise each file's format is
    chosen by suffix, then by content.
    With ``on_error="raise"`` the first bad record raises
    :class:`corpuskit.errors.ParseError` (``path:line: message``); with ``"skip"``
    it is recorded in ``reader.failures`` and reading goes on.
    ``options`` are handed to the format's reader (for example ``columns`` for CSV).
    A path may be an fsspec URL (``s3://``, ``memory://``) when fsspec is installed.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return ArticleReader(paths, format=format, on_error=on_error, options=options)


def _compressor(path: str, raw: IO[bytes]) -> IO[bytes]:
    kind = _COMPRESSION_SUFFIXES.get(os.path.splitext(path)[1].lower())
    if kind == "gzip":
        # mtime=0 keeps the output byte-identical between runs.
        return cast("IO[bytes]", gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0))
    if kind == "bz2":
        return bz2.BZ2File(raw, "wb")
    if kind == "xz":
        return lzma.LZMAFile(raw, "wb")
    return raw


@contextlib.contextmanager
def atomic_output(
    path: str | os.PathLike[str], *, temp_dir: str | None = None
) -> Iterator[IO[bytes]]:
    """Open ``path`` for writing so that it appears whole or not at all.

    Bytes go to a temporary file beside ``path`` (compressed by the suffix of
    ``path``), which replaces ``path`` only when the block ends without an error.
    On an error the temporary file is removed and an existing ``path`` is untouched.
    ``temp_dir`` (on the same file system) holds the temporary file instead, so a
    process killed outright leaves nothing beside ``path``.
    An fsspec URL is written as :func:`corpuskit.remote.atomic_output` says.
    """
    target = os.fspath(path)
    if is_url(target):
        from corpuskit import remote  # noqa: PLC0415 - fsspec only for URLs

        with remote.atomic_output(target) as stream:
            yield stream
        return
    directory = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(directory):
        raise WriteError(f"{target}: the directory {directory} does not exist")
    try:
        fd, temporary = tempfile.mkstemp(
            dir=temp_dir or directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
    except OSError as exc:
        raise WriteError(f"{target}: cannot write: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as raw:
            stream = _compressor(target, raw)
            yield stream
            if stream is not raw:
                stream.close()
            raw.flush()
            os.fsync(raw.fileno())
        mode = 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write(
    articles: Iterable[Article],
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002
    options: Mapping[str, Any] | None = None,
    temp_dir: str | None = None,
) -> int:
    """Write ``articles`` to ``path`` atomically and return how many were written.

    The format is ``format`` or the one that writes files of the suffix of ``path``
    (after a compression suffix: ``out.jsonl.gz`` is gzipped JSONL).
    If anything fails, ``path`` does not appear (or keeps its old content).
    ``path`` may be an fsspec URL; ``temp_dir`` applies to local paths only.
    """
    target = os.fspath(path)
    fmt = choose_format(target, format, purpose="write")
    assert fmt.writer is not None  # noqa: S101 - choose_format guarantees a writer
    try:
        with atomic_output(target, temp_dir=temp_dir) as stream:
            return fmt.writer(
                articles,
                Sink(path=target, stream=stream, format=fmt.name, options=dict(options or {})),
            )
    except CorpusError:
        raise
    except OSError as exc:
        raise WriteError(f"{target}: cannot write: {exc.strerror or exc}") from exc
