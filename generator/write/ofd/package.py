"""The OFD package (GB/T 33190-2016): a zip of OFD.xml, Doc_0/Document.xml, Doc_0/PublicRes.xml,
Doc_0/Res/ (embedded font subsets) and Doc_0/Pages/Page_N/Content.xml, one per page.

No signature: the package is left as a 签章 system expects to find it (no Signatures entry in
OFD.xml, no Signs folder); signing adds them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from typing import NamedTuple

from zlib_ng import zlib_ng

from generator.write.ofd.content import Ids, page_xml
from generator.write.ofd.fonts import FontTable, embed, runs
from generator.write.ofd.xml import fmt, text_escape
from generator.write.rawzip import Entry, write

NS = "http://www.ofdspec.org/2016"
A4 = (210.0, 297.0)


class DocInfo(NamedTuple):
    """What OFD.xml says about the document."""

    title: str = ""
    author: str = ""
    creator_version: str = ""


def write_ofd(
    pages: list,
    fonts,
    info: DocInfo | None = None,
    embed_fonts: bool = False,
    warn=None,
    bold_roles: tuple[str, ...] = (),
) -> bytes:
    """The .ofd bytes for laid-out pages; `fonts` is the layout's ooxml.layout.Fonts, `bold_roles`
    the font roles set bold (heading3 with style.heading3_bold); `warn` hears of fonts not embedded."""
    info = info or DocInfo()
    ids = Ids()
    table = FontTable(ids)

    chosen: dict[tuple[str, bool], int] = {}

    def font_of(role: str, latin: bool) -> int:
        found = chosen.get((role, latin))
        if found is None:
            name = fonts.latin if latin else getattr(fonts, role, None) or fonts.body
            found = chosen[role, latin] = table.id(name, role in bold_roles)
        return found

    known = chosen.get

    def line_runs(line):
        text, role = line.text, line.role
        found = runs(text)
        if len(found) == 1:  # most lines: one font throughout
            latin = found[0][2]
            pieces = [(0, len(text), known((role, latin)) or font_of(role, latin))]
        else:
            pieces = [(start, end, known((role, latin)) or font_of(role, latin)) for start, end, latin in found]
        if embed_fonts:
            for start, end, font in pieces:
                table.used(font, text[start:end])
        return pieces

    page_ids = [ids.next() for _ in pages]
    contents = [page_xml(page, ids, line_runs).encode("utf-8") for page in pages]
    embedded = embed(table, warn) if embed_fonts else {}
    files = {"Doc_0/Document.xml": _document_xml(page_ids, ids.last).encode("utf-8")}
    files["Doc_0/PublicRes.xml"] = table.res_xml(embedded).encode("utf-8")
    for index, content in enumerate(contents):
        files[f"Doc_0/Pages/Page_{index}/Content.xml"] = content
    for font in embedded.values():
        files[f"Doc_0/Res/{font.name}"] = font.data
    stamp = _zip_time()
    # rawzip packs the headers directly (zipfile's per-member bookkeeping cost a fifth of the packaging)
    entries = [deflated(name, data, stamp) for name, data in files.items()]
    # the DocID hashes the parts' CRCs and sizes (the same bytes, the same ID), not their 200 KB again
    digest = hashlib.sha256(b"".join(b"%d %d;" % (entry.crc, entry.size) for entry in entries))
    entries.insert(0, deflated("OFD.xml", _ofd_xml(info, digest.hexdigest()[:32]).encode("utf-8"), stamp))
    return write(entries)


def deflated(name: str, data: bytes, stamp: tuple) -> Entry:
    """A part deflated by zlib-ng at level 1: a third of zlib's level-1 time for ~15 % more bytes."""
    packer = zlib_ng.compressobj(1, zlib_ng.DEFLATED, -15)
    stored = packer.compress(data) + packer.flush()
    flags = 0 if name.isascii() else 0x800  # the name in UTF-8 (APPNOTE bit 11)
    return Entry(name, stamp, zipfile.ZIP_DEFLATED, flags, zlib_ng.crc32(data), len(data), stored)


def _now() -> dt.datetime:
    """UTC now, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def _zip_time() -> tuple:
    now = _now()
    return (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)


def _ofd_xml(info: DocInfo, doc_id: str) -> str:
    """The entry file: DocInfo and where the document's root is."""
    items = [f"<ofd:DocID>{doc_id}</ofd:DocID>"]
    if info.title:
        items.append(f"<ofd:Title>{text_escape(info.title)}</ofd:Title>")
    if info.author:
        items.append(f"<ofd:Author>{text_escape(info.author)}</ofd:Author>")
    items.append(f"<ofd:CreationDate>{_now().date().isoformat()}</ofd:CreationDate>")
    items.append("<ofd:Creator>fazhi</ofd:Creator>")
    if info.creator_version:
        items.append(f"<ofd:CreatorVersion>{text_escape(info.creator_version)}</ofd:CreatorVersion>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
        f"<ofd:DocBody><ofd:DocInfo>{''.join(items)}</ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )


def _document_xml(page_ids: list[int], max_id: int) -> str:
    """CommonData (MaxUnitID, the A4 PageArea, PublicRes) and the page list."""
    pages = "".join(f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i, pid in enumerate(page_ids))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}">'
        f"<ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {fmt(A4[0])} {fmt(A4[1])}</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    )
