"""The draft's zip package as the reviewer reads and rewrites it.

Parts the edit does not change keep their stored (compressed) bytes: they are copied through
with their name, date and compression method, never inflated and deflated again; only the
edited and the new parts are deflated. zipfile reads the central directory (duplicates, zip64);
members are inflated straight from the bytes with CRC and size checked (zipfile for the rare
methods other than stored and deflated).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from generator.errors import FazhiError, Problem
from generator.write.rawzip import Entry, deflated, write

__all__ = ["Entry", "Source", "deflated", "write"]

_LOCAL = struct.Struct("<4s5H3L2H")
_UTF8_NAME = 0x800
_KEPT_FLAGS = 0x6  # deflate option bits; the data descriptor bit (0x8) is dropped: sizes go in the header
MAX_PART = 200 * 1024 * 1024  # what one part may inflate to (a zip bomb beyond)


class Source:
    """The draft's package: its members in order, their stored bytes and their content."""

    def __init__(self, data: bytes, name: str):
        self.data, self.name = data, name
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError) as exc:
            raise self.unusable(str(exc)) from None
        self.infos = self.zip.infolist()
        self.by_name = {info.filename: info for info in self.infos}
        self._read: dict[zipfile.ZipInfo, bytes] = {}  # the relationships: read twice

    def unusable(self, why: str) -> FazhiError:
        return FazhiError(Problem(f"无法修改这个 Word 文件：{why}", self.name))

    def copyable(self, info: zipfile.ZipInfo) -> bool:
        """Whether the member's stored bytes can be copied as they are (stored or deflated, not encrypted)."""
        return info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and not info.flag_bits & 0x1

    def stored(self, info: zipfile.ZipInfo) -> bytes:
        """The member's bytes as stored in the package (after its local header)."""
        offset = info.header_offset
        head = self.data[offset : offset + _LOCAL.size]
        if len(head) != _LOCAL.size or head[:4] != b"PK\x03\x04":
            raise self.unusable(f"{info.filename} 的文件头已损坏")
        name_len, extra_len = _LOCAL.unpack(head)[-2:]
        start = offset + _LOCAL.size + name_len + extra_len
        data = self.data[start : start + info.compress_size]
        if len(data) != info.compress_size:
            raise self.unusable(f"{info.filename} 不完整")
        return data

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """The member's content, its CRC and size checked; FazhiError if damaged or a zip bomb."""
        if info in self._read:
            return self._read[info]
        if info.file_size > MAX_PART:
            raise self.unusable(f"{info.filename} 解压后过大，疑为恶意压缩文件")
        data = self._inflated(info)
        if info.filename.endswith(".rels"):
            self._read[info] = data
        return data

    def _inflated(self, info: zipfile.ZipInfo) -> bytes:
        if not self.copyable(info):
            try:
                return self.zip.read(info)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, zlib.error) as exc:
                raise self.unusable(f"{info.filename}：{exc}") from None
        data = self.stored(info)
        if info.compress_type == zipfile.ZIP_DEFLATED:
            try:
                data = zlib.decompressobj(-15).decompress(data, info.file_size + 1)
            except zlib.error:
                data = b""
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            raise self.unusable(f"{info.filename} 已损坏（校验和不符）")
        return data

    def head(self, info: zipfile.ZipInfo, size: int = 1024) -> bytes:
        """The first `size` bytes of the member's content (about: a deflated member's are inflated
        only that far, and their CRC is not checked)."""
        if not self.copyable(info):
            return self.read(info)[:size]
        data = self.stored(info)
        if info.compress_type == zipfile.ZIP_STORED:
            return data[:size]
        try:
            return zlib.decompressobj(-15).decompress(data, size)
        except zlib.error:
            raise self.unusable(f"{info.filename} 已损坏") from None

    def text(self, name: str) -> str | None:
        """A member's content as UTF-8 text (None if the package has no such member)."""
        info = self.by_name.get(name)
        return None if info is None else self.read(info).decode("utf-8", "replace")

    def copied(self, name: str, info: zipfile.ZipInfo) -> Entry:
        """The member under `name` with its stored bytes as they are (re-deflated if not copyable)."""
        if not self.copyable(info):
            return deflated(name, self.read(info), info.date_time)
        flags = (info.flag_bits & _KEPT_FLAGS) | (_UTF8_NAME if not name.isascii() else 0)
        return Entry(
            name,
            info.date_time,
            info.compress_type,
            flags,
            info.CRC,
            info.file_size,
            self.stored(info),
            info.external_attr,
            info.create_system << 8 | (info.create_version & 0xFF),
        )
