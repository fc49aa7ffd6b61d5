"""fsspec URLs (``s3://``, ``gs://``, ``memory://``, ``file://``) for ``corpuskit.read`` and ``write``.

:mod:`corpuskit.io` hands a name here only when it looks like a URL, so local paths
never pay for it.  fsspec is imported on first use: ``pip install 'corpuskit[remote]'``
(and the filesystem's own package, such as ``s3fs``, for a cloud store).
A ``file://`` URL is read and written exactly as the local path it names.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
import posixpath
import re
import secrets
from collections.abc import Iterator
from typing import IO, Any, cast

from corpuskit._optional import import_optional
from corpuskit.errors import MissingDependencyError, SourceError

__all__ = ["atomic_output", "is_url", "iter_paths", "open_input"]

# Two or more letters before "://": a Windows drive ("C:/") is never a URL.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")
_GLOB_CHARS = frozenset("*?[")


def is_url(name: str) -> bool:
    """Whether ``name`` is a URL (``scheme://...``) rather than a local path."""
    return _URL.match(name) is not None


def _filesystem(url: str) -> tuple[Any, str, bool]:
    """The fsspec filesystem of ``url``, the path inside it, and whether it is the local disk."""
    fsspec = import_optional("fsspec", "remote", f"{url}: a URL")
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as exc:
        raise MissingDependencyError(f"{url}: {exc}") from exc
    except ValueError as exc:
        raise SourceError(f"{url}: {exc}") from exc
    local = isinstance(fs, fsspec.implementations.local.LocalFileSystem)
    return fs, path, local


def iter_paths(url: str) -> Iterator[str]:
    """Expand one URL naming a file, a directory or a glob, as :func:`corpuskit.io.iter_paths` does."""
    fs, path, local = _filesystem(url)
    if local:
        from corpuskit.io import iter_paths as local_paths  # noqa: PLC0415 - io imports this module

        yield from local_paths([path])
        return
    if fs.isdir(path):
        yield from _walk(fs, path)
    elif fs.isfile(path):
        yield url
    elif _GLOB_CHARS & set(path):
        matches = sorted(fs.glob(path))
        if not matches:
            raise SourceError(f"{url}: no file matches this pattern")
        for match in matches:
            if fs.isdir(match):
                yield from _walk(fs, match)
            else:
                yield fs.unstrip_protocol(match)
    else:
        raise SourceError(f"{url}: no such file or directory")


def _walk(fs: Any, top: str) -> Iterator[str]:
    for directory, dirnames, filenames in fs.walk(top):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith("."):
                yield fs.unstrip_protocol(posixpath.join(directory, filename))


def open_input(url: str) -> IO[bytes]:
    """Open ``url`` for reading, decompressing gzip, bzip2 or xz (detected from the bytes)."""
    from corpuskit.io import (  # noqa: PLC0415 - io imports this module
        _compression_of_head,
        _Salvaging,
    )
    from corpuskit.io import open_input as open_local  # noqa: PLC0415

    fs, path, local = _filesystem(url)
    if local:
        return open_local(path)
    try:
        raw = fs.open(path, "rb")
        head = raw.read(6)
        raw.seek(0)
    except OSError as exc:
        raise SourceError(f"{url}: cannot open: {exc.strerror or exc}") from exc
    kind = _compression_of_head(head)
    if kind == "gzip":
        inner: IO[bytes] = cast("IO[bytes]", gzip.GzipFile(fileobj=raw, mode="rb"))
    elif kind == "bz2":
        inner = bz2.BZ2File(raw, "rb")
    elif kind == "xz":
        inner = lzma.LZMAFile(raw, "rb")  # noqa: SIM115 - closed by the returned stream
    else:
        return cast("IO[bytes]", raw)
    return cast("IO[bytes]", _Salvaging(inner, owner=raw))


@contextlib.contextmanager
def atomic_output(url: str) -> Iterator[IO[bytes]]:
    """Open ``url`` for writing so that it appears whole or not at all.

    On the local disk (``file://``) this is :func:`corpuskit.io.atomic_output`.
    Elsewhere the bytes go to ``.NAME.RANDOM.tmp`` beside the target, which is moved
    onto the target (``fs.mv``) when the block ends without an error and removed
    when it fails.
    The move is a rename where the filesystem has one (SFTP, HDFS, memory) and a
    server-side copy on object stores (S3, GCS), which publishes the whole object at
    once: readers see the old object or the new one, never a part.
    A process killed outright can leave the temporary object behind.
    """
    from corpuskit.io import _compressor  # noqa: PLC0415 - io imports this module
    from corpuskit.io import atomic_output as local_output  # noqa: PLC0415

    fs, path, local = _filesystem(url)
    if local:
        with local_output(path) as stream:
            yield stream
        return
    directory, name = posixpath.split(path)
    temporary = posixpath.join(directory, f".{name}.{secrets.token_hex(6)}.tmp")
    raw = fs.open(temporary, "wb")
    try:
        with contextlib.ExitStack() as closing:
            closing.callback(raw.close)
            stream = _compressor(path, raw)
            yield stream
            if stream is not raw:
                stream.close()
        fs.mv(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            raw.close()
            fs.rm(temporary)
        raise
