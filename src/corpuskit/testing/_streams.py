"""A read-only stream that refuses to be read whole: the instrument of the ``streams`` property.

A reader streams when it pulls its input in bounded pieces and turns them into
records as it goes.  Two things show that it does not:

* one call asks for (or returns) more than ``max_read`` bytes: ``read()``,
  ``read(-1)``, ``readlines()``, a huge ``read(n)`` or one enormous line;
* it *holds* too much: when it hands out a record, it has pulled far more bytes
  than the records so far account for.

The first is refused on the spot with :class:`StreamingViolation`; the second is
judged after the read from the positions :class:`BoundedStream` records (see
:func:`held_too_much`).
"""

from __future__ import annotations

import io
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from _typeshed import WriteableBuffer

__all__ = ["BoundedStream", "StreamingViolation", "held_too_much"]


class StreamingViolation(BaseException):
    """A reader asked for more bytes at once than a streaming reader needs.

    A ``BaseException``, so that a reader's broad ``except Exception`` cannot hide it.
    """


class BoundedStream(io.BufferedIOBase):
    """Wrap a binary stream; refuse any single read of more than ``max_read`` bytes.

    ``pulled`` counts every byte handed to the reader so far.
    """

    def __init__(self, raw: IO[bytes], max_read: int) -> None:
        """Wrap ``raw`` (which this stream closes when it is closed)."""
        super().__init__()
        self._raw = raw
        self.max_read = max_read
        self.pulled = 0

    def _take(self, data: bytes, call: str) -> bytes:
        if len(data) > self.max_read:
            raise StreamingViolation(
                f"{call} returned {len(data):,} bytes in one piece (the bound is {self.max_read:,})"
            )
        self.pulled += len(data)
        return data

    def _bounded(self, size: int | None, call: str) -> int:
        if size is None or size < 0:
            raise StreamingViolation(
                f"the reader called {call} without a size, asking for the whole stream"
            )
        if size > self.max_read:
            raise StreamingViolation(
                f"the reader called {call} with {size:,} bytes at once (the bound is "
                f"{self.max_read:,})"
            )
        return size

    def readable(self) -> bool:
        """Always readable."""
        return True

    def seekable(self) -> bool:
        """As seekable as the wrapped stream."""
        return self._raw.seekable()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Seek in the wrapped stream."""
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        """The position in the wrapped stream."""
        return self._raw.tell()

    def read(self, size: int | None = -1) -> bytes:
        """Read at most ``size`` bytes; ``size`` must be given and bounded."""
        return self._take(self._raw.read(self._bounded(size, f"read({size})")), "read")

    def read1(self, size: int = -1) -> bytes:
        """Like :meth:`read` (the wrapped stream decides how much one call returns)."""
        raw_read1 = getattr(self._raw, "read1", self._raw.read)
        return self._take(raw_read1(self._bounded(size, f"read1({size})")), "read1")

    def readinto(self, buffer: WriteableBuffer) -> int:
        """Read into ``buffer``, which must not be larger than the bound."""
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def readinto1(self, buffer: WriteableBuffer) -> int:
        """Like :meth:`readinto`."""
        return self.readinto(buffer)

    def readline(self, size: int | None = -1) -> bytes:
        """Read one line; a line longer than the bound is refused."""
        limit = self.max_read + 1 if size is None or size < 0 else min(size, self.max_read + 1)
        return self._take(self._raw.readline(limit), "readline()")

    def readlines(self, hint: int | None = -1) -> list[bytes]:
        """Refused unless ``hint`` bounds the lines read."""
        return super().readlines(self._bounded(hint, f"readlines({hint})"))

    def close(self) -> None:
        """Close this stream and the wrapped one."""
        self._raw.close()
        super().close()


def held_too_much(
    pulled_at: Iterable[int], total: int, max_held: int
) -> tuple[int, int, int] | None:
    """The worst moment a reader held more than ``max_held`` bytes, or ``None``.

    ``pulled_at[k]`` is how many bytes the reader had pulled when it handed out
    its k-th record (counted from 0) of ``total`` bytes in all.
    The sample is made of records of similar size, so record k ends near
    ``total * (k + 1) / count``; what was pulled beyond that is held.
    Returns ``(k, pulled, held)`` for the record where the most was held.
    """
    positions = list(pulled_at)
    count = len(positions)
    worst: tuple[int, int, int] | None = None
    for index, pulled in enumerate(positions):
        held = pulled - total * (index + 1) // count
        if held > max_held and (worst is None or held > worst[2]):
            worst = (index, pulled, held)
    return worst
