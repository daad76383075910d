"""A .docx as a zip package: member reading with size limits, and the WordprocessingML regexes.

The central directory is read and members are inflated straight from the file's bytes
(zipfile's reader costs more than the inflating; it is kept for zip64 and other methods),
with the CRC and size checked; a member inflating past MAX_XML_BYTES is refused as
a zip bomb. The regular-expression table is per namespace prefix: the prefix bound to the
WordprocessingML namespace is whatever the producer chose, "w" nearly always.
"""

from __future__ import annotations

import functools
import re
import struct
import zlib

from generator.lexicon import lazy
from generator.errors import DraftError, Problem
from generator.ooxml.vocab import W_NS

_STORED, _DEFLATED = 0, 8  # zipfile.ZIP_STORED, ZIP_DEFLATED: zipfile is imported only when needed
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_XML_BYTES = 200 * 1024 * 1024

PREFIX = lazy(r'xmlns:([A-Za-z_][\w.-]*)\s*=\s*["\']' + re.escape(W_NS) + "[\"']")
_USUAL = ('xmlns:w="', "xmlns:w='")  # how nearly every producer binds the namespace
FALSE = ("0", "false", "off")


def namespace_prefix(text: str, window: int) -> str | None:
    """The prefix bound to the WordprocessingML namespace in text[:window] (PREFIX's group 1), or None.

    The usual binding is recognised without PREFIX: the first W_NS in the window is PREFIX's leftmost
    match when written right after 'xmlns:w="' and before a quote (no match can start earlier: what
    precedes a match's W_NS holds no ':' or '/')."""
    at = text.find(W_NS, 0, window)
    if at >= 9 and text[at - 9 : at] in _USUAL and text[at + len(W_NS) : at + len(W_NS) + 1] in ('"', "'"):
        if at + len(W_NS) < window:
            return "w"
    found = PREFIX.search(text, 0, window)
    return found.group(1) if found else None


def too_large(name: str, size: int) -> Problem:
    """The problem of a draft file over MAX_FILE_BYTES."""
    return Problem(f"文件过大（{size / 1024 / 1024:.1f} MB），草稿不能超过 {MAX_FILE_BYTES // 1024 // 1024} MB", name)


class DamagedPackage(ValueError):
    """A member that does not match the central directory (zipfile.BadZipFile when zipfile reads it)."""


class Member:
    """What the central directory says of one member (the ZipInfo fields the reader uses)."""

    __slots__ = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size", "header_offset")

    def __init__(self, filename: str, flags: int, method: int, crc: int, csize: int, usize: int, offset: int) -> None:
        self.filename = filename
        self.flag_bits = flags
        self.compress_type = method
        self.CRC = crc
        self.compress_size = csize
        self.file_size = usize
        self.header_offset = offset


_EOCD = struct.Struct("<4s4H2LH")
_ENTRY = struct.Struct("<4s6H3L5H2L")


def _members(data: bytes) -> dict[str, Member] | None:
    """The central directory read straight from the bytes; None for what zipfile must read (zip64)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or end + 22 > len(data):
        return None
    _, disk, _, _, count, size, offset, _ = _EOCD.unpack_from(data, end)
    if disk or count == 0xFFFF or offset == 0xFFFFFFFF or offset + size > end:
        return None
    members: dict[str, Member] = {}
    pos = offset
    for _ in range(count):
        if data[pos : pos + 4] != b"PK\x01\x02" or pos + 46 > len(data):
            return None
        fields = _ENTRY.unpack_from(data, pos)
        flags, method, crc, csize, usize = fields[3], fields[4], fields[7], fields[8], fields[9]
        name_len, extra_len, comment_len, local = fields[10], fields[11], fields[12], fields[16]
        raw = data[pos + 46 : pos + 46 + name_len]
        name = raw.decode("utf-8" if flags & 0x800 else "cp437")
        if 0xFFFFFFFF in (csize, usize, local):
            return None
        members[name] = Member(name, flags, method, crc, csize, usize, local)
        pos += 46 + name_len + extra_len + comment_len
    return members


class Package:
    """The members of a .docx zip package, read with size limits."""

    def __init__(self, data: bytes, name: str):
        self.data = data
        self.name = name
        members = _members(data)
        if members is None:
            self.infos = {info.filename: info for info in self._from_zipfile(lambda z: z.infolist())}
        else:
            self.infos = members
        self.names = set(self.infos)

    def _from_zipfile(self, use):
        """use(zipfile's reader), for what the fast member reading leaves to it (zip64, other
        methods); zipfile's BadZipFile as DamagedPackage."""
        import io
        import zipfile

        try:
            if "_zip" not in self.__dict__:
                self._zip = zipfile.ZipFile(io.BytesIO(self.data))
            return use(self._zip)
        except zipfile.BadZipFile as exc:
            raise DamagedPackage(str(exc)) from None

    def read(self, part: str, required: bool = False) -> bytes | None:
        """A part's bytes; None if absent or (optional parts) too large."""
        info = self.infos.get(part)
        if info is None:
            if required:
                raise DraftError(Problem("不是 Word（.docx）文件：压缩包里没有 word/document.xml", self.name))
            return None
        if info.file_size > MAX_XML_BYTES:
            if required:
                raise DraftError(self._bomb())
            return None
        data = self._inflate(info)
        if data is None:
            data = self._from_zipfile(lambda z: z.read(part))
        if len(data) > MAX_XML_BYTES:
            if required:
                raise DraftError(self._bomb())
            return None
        return data

    def theme_name(self) -> str:
        """The theme part's name ("" if none)."""
        names = sorted(n for n in self.names if n.startswith("word/theme/") and n.endswith(".xml"))
        return names[0] if names else ""

    def _bomb(self) -> Problem:
        return Problem(
            f"Word 文件的正文部分解压后过大（超过 {MAX_XML_BYTES // 1024 // 1024} MB），疑为恶意压缩文件，已拒绝读取",
            self.name,
        )

    def _inflate(self, info) -> bytes | None:
        """A stored or deflated member straight from the bytes; None for what zipfile must read."""
        data = self.data
        if info.flag_bits & 0x1 or info.compress_type not in (_STORED, _DEFLATED):
            return None
        offset = info.header_offset
        if data[offset : offset + 4] != b"PK\x03\x04" or offset + 30 > len(data):
            raise DamagedPackage(f"bad local header for {info.filename}")
        name_len, extra_len = struct.unpack("<HH", data[offset + 26 : offset + 30])
        start = offset + 30 + name_len + extra_len
        compressed = data[start : start + info.compress_size]
        if len(compressed) != info.compress_size:
            raise DamagedPackage(f"truncated member {info.filename}")
        if info.compress_type == _STORED:
            content = compressed
        else:
            inflater = zlib.decompressobj(-15)
            content = inflater.decompress(compressed, MAX_XML_BYTES + 1)
        if len(content) <= MAX_XML_BYTES and (zlib.crc32(content) != info.CRC or len(content) != info.file_size):
            raise DamagedPackage(f"bad CRC or size for {info.filename}")
        return content


# ---------------------------------------------------------------- WordprocessingML regexes


def q(prefix: str) -> str:
    """The qualified-name start for a prefix: "w:" for "w", "" for the default namespace."""
    return re.escape(prefix) + ":" if prefix else ""


@functools.lru_cache(maxsize=8)
def patterns(prefix: str) -> dict[str, re.Pattern]:
    """Regular expressions for one namespace prefix of the WordprocessingML namespace."""
    w = q(prefix)
    compile = lazy  # each compiled on first use: a draft needs only some of them
    return {
        "token": compile(
            rf"<{w}(p|tbl|tr|tc)(?=[\s>/])[^>]*?(/?)>"
            rf"|</{w}(p|tbl|tr|tc)>"
            rf"|<{w}t(?:\s[^>]*)?>([^<]*)</{w}t>"
            rf"|<{w}(tab|br|cr)(?:\s([^>]*?))?/>"
            rf"|<{w}(pStyle|rStyle|outlineLvl|pageBreakBefore|jc|numId|ilvl)(?=[\s/>])"
            rf"(?:\s[^>]*?{w}val\s*=\s*[\"']([^\"']*)[\"'])?[^>]*>"
            rf"|<{w}(del|moveFrom)(?:\s[^>]*)?/>"
            rf"|<(!--|!\[CDATA\[|{w}txbxContent"
            rf"|{w}(?:del|moveFrom|\w+PrChange|tblGridChange)(?=[\s>])|[\w.-]+:AlternateContent\b)"
        ),
        "p_open": compile(rf"<{w}p(?=[\s>/])"),
    }


def to_int(value: str | None) -> int | None:
    """An attribute value as an int (decimals cut), None if absent or not a number."""
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None
