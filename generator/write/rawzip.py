"""A zip package written from members whose bytes are already stored (deflated or not): parts
copied from another package keep their compressed bytes, new parts are deflated once (level 1),
a worksheet is deflated row by row as it is written. No zip64: fazhi's packages stay far below
4 GB.
"""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from collections.abc import Iterable
from typing import BinaryIO, NamedTuple

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_UTF8_NAME = 0x800


class Entry(NamedTuple):
    """One member of the package written: its stored bytes and what its headers say of them."""

    name: str
    date_time: tuple
    method: int
    flags: int
    crc: int
    size: int
    stored: bytes
    external: int = 0o600 << 16  # as zipfile writes a new member: read and write for the owner
    made_by: int = 3 << 8 | 20  # Unix, zip 2.0 (what the external attributes mean)
    spool: BinaryIO | None = None  # when set, the stored bytes are this file's (`stored` is empty)
    spool_size: int = 0

    @property
    def stored_size(self) -> int:
        return self.spool_size if self.spool is not None else len(self.stored)


def deflated(name: str, data: bytes, date_time: tuple) -> Entry:
    """A new or edited part (level 1: deflating harder costs more than the whole edit)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)
    stored = packer.compress(data) + packer.flush()
    flags = _UTF8_NAME if not name.isascii() else 0
    return Entry(name, date_time, zipfile.ZIP_DEFLATED, flags, zlib.crc32(data), len(data), stored)


def _dos(date_time: tuple) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return hour << 11 | minute << 5 | second // 2, max(0, year - 1980) << 9 | month << 5 | day


def write(entries: list[Entry]) -> bytes:
    """The zip package of the entries, in their order."""
    out = io.BytesIO()
    write_to(entries, out)
    return out.getvalue()


def write_to(entries: Iterable[Entry], out: BinaryIO) -> None:
    """Write the zip package of the entries, in their order, to a binary stream (one member's
    bytes held at a time when `entries` is a generator)."""
    central, offset, count = [], 0, 0
    for entry in entries:
        name = entry.name.encode("utf-8")
        time, date = _dos(entry.date_time)
        sizes = (entry.crc, entry.stored_size, entry.size)
        head = (20, entry.flags, entry.method, time, date, *sizes, len(name))
        central.append(_CENTRAL.pack(b"PK\x01\x02", entry.made_by, *head, 0, 0, 0, 0, entry.external, offset) + name)
        local = _LOCAL.pack(b"PK\x03\x04", *head, 0) + name
        out.write(local)
        if entry.spool is not None:
            entry.spool.seek(0)
            shutil.copyfileobj(entry.spool, out)
        else:
            out.write(entry.stored)
        offset += len(local) + entry.stored_size
        count += 1
    size = sum(map(len, central))
    if offset + size > 0xFFFFFFFF or count > 0xFFFF:
        raise ValueError("package too large for a zip without zip64")
    for record in central:
        out.write(record)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0))


class Deflating:
    """A member deflated piece by piece as its text is written: only the compressed bytes are kept,
    in memory (a worksheet of 40,000 rows is some 3 MB deflated, 30 MB as Python text) or, given a
    `spool` file, on disk."""

    def __init__(self, name: str, spool: BinaryIO | None = None):
        self.name = name
        self._packer = zlib.compressobj(1, zlib.DEFLATED, -15)
        self._stored: list[bytes] = []
        self._spool, self._spooled = spool, 0
        self._crc = self._size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        self._keep(self._packer.compress(data))

    def entry(self, date_time: tuple) -> Entry:
        """The finished member (written to no more)."""
        self._keep(self._packer.flush())
        flags = _UTF8_NAME if not self.name.isascii() else 0
        head = (self.name, date_time, zipfile.ZIP_DEFLATED, flags, self._crc, self._size)
        if self._spool is not None:
            return Entry(*head, b"", spool=self._spool, spool_size=self._spooled)
        stored, self._stored = b"".join(self._stored), []  # the pieces go as the whole is made
        return Entry(*head, stored)

    def _keep(self, out: bytes) -> None:
        if not out:
            return
        if self._spool is not None:
            self._spool.write(out)
            self._spooled += len(out)
        else:
            self._stored.append(out)
