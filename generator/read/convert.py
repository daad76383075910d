"""Drafts in other formats: .doc and .wps through LibreOffice headless (one process for a batch),
text-layer .pdf through poppler's pdftotext with its lines joined back into paragraphs.

A PDF has printed lines, not paragraphs: `pdftotext -layout` keeps each line's indentation, so a
line indented past the left margin starts a paragraph (GB/T 9704 body text has a two-character
first-line indent; titles and signatures stand further in), a line at the margin continues the
paragraph above unless that one ended short of the right edge. Page numbers (「— 1 —」) are dropped.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.lexicon import lazy
from generator.lexicon.chars import WIDE_OR_QUOTE_CLASS
from generator.errors import DraftError, Problem

LEGACY = (".doc", ".wps")
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # the compound-file header of Word 97-2003 and WPS files
TIMEOUT = 300
_PAGE_NUMBER = lazy(r"^[—\-－–]\s*\d+\s*[—\-－–]$")
_FULL_LINE = 0.8  # a line this close to the longest line ran to the right edge
# pdftotext puts spaces where runs meet (「2022 年」「规划 （2021」): official text has none next to Chinese.
_MIXED_SPACE = lazy(rf"(?<={WIDE_OR_QUOTE_CLASS}) +(?=\S)|(?<=\S) +(?={WIDE_OR_QUOTE_CLASS})")


def legacy_to_docx(paths: list[Path], timeout: int = TIMEOUT) -> dict[Path, bytes]:
    """Convert .doc/.wps files to .docx bytes in one LibreOffice process: {path: bytes}."""
    from generator import office
    from generator.read.docx_package import MAX_FILE_BYTES
    from generator.safe_io import read_regular_file

    if not paths:
        return {}
    if not office.soffice():
        raise DraftError(Problem("读取 .doc/.wps 需要 LibreOffice（soffice）：请安装 libreoffice-writer-nogui，"
                                 "或用 Word/WPS 另存为 .docx", str(paths[0])))
    with tempfile.TemporaryDirectory(prefix="fazhi-convert-") as temp:
        folder = Path(temp)
        inputs = []
        for index, path in enumerate(paths):  # own names: two drafts may share a stem
            data = read_regular_file(path, MAX_FILE_BYTES, what="草稿文件", error=DraftError)
            if not data.startswith(_OLE):  # LibreOffice would open anything as plain text
                raise DraftError(Problem("不是 Word 97-2003（.doc）或 WPS 文件：文件头不对，可能已损坏或改了扩展名",
                                         str(path)))
            inputs.append(folder / f"in{index}{path.suffix.lower()}")
            inputs[-1].write_bytes(data)
        try:
            outputs = office.convert(inputs, folder / "out", "docx:MS Word 2007 XML", ".docx", timeout, DraftError)
        except DraftError as exc:
            names = {str(link): str(path) for link, path in zip(inputs, paths)}
            raise DraftError(*(Problem("LibreOffice 无法打开这个文件（不是 Word/WPS 文档，或已损坏）",
                                       names.get(p.file or "", str(paths[0]))) for p in exc.problems)) from None
        return {path: out.read_bytes() for path, out in zip(paths, outputs)}


def pdf_text(path: Path, timeout: int = 120) -> str:
    """The text of a PDF's text layer, one paragraph a line."""
    exe = shutil.which("pdftotext")
    if not exe:
        raise DraftError(Problem("读取 .pdf 需要 poppler 的 pdftotext：请安装 poppler-utils", str(path)))
    try:
        result = subprocess.run([exe, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        raise DraftError(Problem(f"pdftotext 超时（{timeout} 秒）", str(path))) from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()[:200]
        raise DraftError(Problem(f"无法读取 PDF：{message or '文件已损坏'}", str(path)))
    text = paragraphs(result.stdout.decode("utf-8", "replace"))
    if not text.strip():
        raise DraftError(Problem("PDF 中没有文字层（可能是扫描件）：fazhi 不做文字识别，请找原始的 Word 文件",
                                 str(path)))
    return text


def paragraphs(layout: str) -> str:
    """`pdftotext -layout` lines joined into paragraphs (see the module docstring)."""
    lines = [line.rstrip() for line in layout.replace("\f", "\n").split("\n")]
    body = [line for line in lines if line.strip() and not _PAGE_NUMBER.match(line.strip())]
    if not body:
        return ""
    margin = min(_indent(line) for line in body)
    widest = max(_width(line) for line in body)
    out: list[str] = []
    previous_full = False
    for line in body:
        text = _MIXED_SPACE.sub("", line.strip())
        at_margin = _indent(line) <= margin + 1
        if not out or not at_margin or not previous_full:
            out.append(text)
        else:
            out[-1] += ("" if _cjk_join(out[-1], text) else " ") + text
        previous_full = _width(line) >= _FULL_LINE * widest
    return "\n".join(out) + "\n"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _width(line: str) -> int:
    """Display width from the left margin (indentation included): CJK and full-width characters count two."""
    return sum(2 if ord(c) >= 0x2000 else 1 for c in line.rstrip())


def _cjk_join(left: str, right: str) -> bool:
    return not (left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum())
