"""What a review copy carries over from the draft: only the package's own parts.

A review copy goes from the supervising office back to the department, so nothing hostile a draft
brought may ride along: kept are [Content_Types].xml and the parts reachable through the package's
internal relationships from its root (what Word itself would load), under normalised member names;
dropped are members no relationship names (`../` names, absolute names, duplicates, stray files)
and Word's macro project. A DOCTYPE (which Office never writes and Word refuses) is removed, or the
copy refused when it declares entities the part uses.
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from generator.errors import FazhiError, Problem
from generator.lexicon import lazy
from .package import Source

_RELATIONSHIP = lazy(r"<Relationship\b[^>]*>")
_ATTR = lazy(r'\b(Type|Target|TargetMode)\s*=\s*"([^"]*)"')
_DOCTYPE = lazy(r"<!DOCTYPE\b[^\[>]*(\[.*?\]\s*)?>", re.S | re.I)
_OVERRIDE = lazy(r'<Override\b[^>]*\bPartName\s*=\s*"([^"]*)"[^>]*/>')
# Segments of word characters, dots, hyphens and brackets, none of them "." or "..", no colon
# (「C:」), no backslash, nothing empty: a name normalised() would give back unchanged.
_PLAIN = lazy(r"(?:(?!\.\.?/)[\w.\[\]-]+/)*(?!\.\.?$)[\w.\[\]-]+")
_MACROS = ("/vbaProject", "/vbaData", "/keyMapCustomizations", "/wordVbaData")
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def normalised(name: str) -> str | None:
    """A zip member name as an OPC part name (no leading slash, no `.` or empty segments), or None
    for one that leaves the package (`..`), is absolute on Windows or uses backslashes."""
    if _PLAIN.fullmatch(name):  # the usual name, already normal
        return name
    if "\\" in name or re.match(r"[A-Za-z]:", name) or name.endswith("/"):
        return None
    clean = posixpath.normpath("/" + name).lstrip("/")
    parts = name.lstrip("/").split("/")
    if ".." in parts or not clean or clean == ".":
        return None
    return clean


def kept_parts(package: Source) -> dict[str, zipfile.ZipInfo]:
    """The members a review copy keeps, by normalised name (the first of duplicates)."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in package.infos:
        name = normalised(info.filename)
        if name is not None and name not in members:
            members[name] = info
    keep = {name for name in ("[Content_Types].xml",) if name in members}
    queue = [""]  # the package root, then each part reached
    while queue:
        source = queue.pop()
        cut = source.rfind("/") + 1
        rels = f"{source[:cut]}_rels/{source[cut:]}.rels"  # word/document.xml → word/_rels/document.xml.rels
        if rels not in members:
            continue
        keep.add(rels)
        for target in _internal_targets(package.read(members[rels]).decode("utf-8", "replace"), source):
            if target in members and target not in keep:
                keep.add(target)
                queue.append(target)
    return {name: members[name] for name in members if name in keep}


def _internal_targets(rels: str, source: str) -> list[str]:
    """The part names an internal relationship of `source` points at (macro projects left out)."""
    out = []
    for tag in _RELATIONSHIP.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        if attrs.get("TargetMode", "").lower() == "external" or attrs.get("Type", "").endswith(_MACROS):
            continue
        target = attrs.get("Target", "")
        joined = target.lstrip("/") if target.startswith("/") else source[: source.rfind("/") + 1] + target
        name = normalised(joined)
        if name is not None:
            out.append(name)
    return out


def doctype(data: bytes) -> bool | None:
    """Whether an XML part's prolog (what precedes its root element: declaration, comments,
    processing instructions) holds a DOCTYPE; None if `data` ends inside the prolog. Anything
    else starting with 「<!」 there counts as one (no well-formed part has it)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (a part from some other producer)
        data = data.decode("utf-16", "replace").encode("utf-8")
    pos = 0
    while True:
        at = data.find(b"<", pos)
        if at < 0 or at + 1 >= len(data):
            return None
        if data.startswith(b"<!--", at):
            end, size = data.find(b"-->", at + 4), 3
        elif data[at + 1] == ord("?"):
            end, size = data.find(b"?>", at + 2), 2
        else:
            return data[at + 1] == ord("!")
        if end < 0:
            return None
        pos = end + size


def clean_xml(name: str, data: bytes, draft: str) -> bytes:
    """An XML part without a DOCTYPE; FazhiError if the DOCTYPE declares what the part relies on."""
    if not doctype(data):
        return data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FazhiError(Problem(f"无法生成审阅稿：{name} 含有 DOCTYPE 声明（Word 不接受这样的文件）", draft))
    text = data.decode("utf-8", "replace")
    found = _DOCTYPE.search(text)
    if found is None:
        raise FazhiError(Problem(f"无法生成审阅稿：{name} 含有无法解析的 DOCTYPE 声明（Word 不接受这样的文件）", draft))
    if found.group(1) and re.search(r"<!ENTITY", found.group(1), re.I):
        raise FazhiError(
            Problem(
                f"无法生成审阅稿：{name} 用 DOCTYPE 声明了实体（Word 不接受这样的文件，可能是构造的恶意文件）", draft
            )
        )
    return (text[: found.start()] + text[found.end() :]).encode("utf-8")


def content_types(text: str, kept: set[str]) -> str:
    """[Content_Types].xml declaring only the kept parts, and the main part as a plain .docx."""
    text = _OVERRIDE.sub(lambda m: m.group(0) if m.group(1).lstrip("/") in kept else "", text)
    return text.replace(MACRO_MAIN, DOCX_MAIN)


def without_macros(rels: bytes) -> bytes:
    """A .rels part without relationships to a macro project (their parts are not carried over)."""
    text = rels.decode("utf-8", "replace")
    kept = _RELATIONSHIP.sub(
        lambda m: "" if dict(_ATTR.findall(m.group(0))).get("Type", "").endswith(_MACROS) else m.group(0), text
    )
    return rels if kept == text else kept.encode("utf-8")
