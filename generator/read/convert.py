"""Drafts in other formats: .doc and .wps through LibreOffice headless (one process for a batch),
text-layer .pdf through poppler's pdftotext with its lines joined back into paragraphs.

A PDF has printed lines, not paragraphs: `pdftotext -layout` keeps each line's indentation, so a
line indented past the left margin starts a paragraph (GB/T 9704 body text has a two-character
first-line indent; titles and signatures stand further in), a line at the margin continues the
paragraph above unless that one ended short of the right edge. Page numbers (「— 1 —」) are dropped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.lexicon import lazy
from generator.lexicon.chars import WIDE_OR_QUOTE_CLASS, width
from generator.errors import DraftError, Problem
from generator.read import limits

LEGACY = (".doc", ".wps")
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")  # the compound-file header of Word 97-2003 and WPS files
# The stream holding the text, named (UTF-16) in the compound file's directory: Word's and WPS's
# WordDocument, Works' CONTENTS. A file without one is no document LibreOffice should spend time on.
_TEXT_STREAMS = ("WordDocument".encode("utf-16-le"), "CONTENTS".encode("utf-16-le"))
_PAGE_NUMBER = lazy(r"^[—\-－–]\s*\d+\s*[—\-－–]$")
_FULL_LINE = 0.8  # a line this close to the longest line ran to the right edge
# pdftotext puts spaces where runs meet (「2022 年」「规划 （2021」): official text has none next to Chinese.
_MIXED_SPACE = lazy(rf"(?<={WIDE_OR_QUOTE_CLASS}) +(?=\S)|(?<=\S) +(?={WIDE_OR_QUOTE_CLASS})")


def legacy_to_docx(paths: list[Path], timeout: float | None = None) -> dict[Path, bytes]:
    """Convert .doc/.wps files to .docx bytes in one LibreOffice process: {path: bytes}."""
    from generator import office
    from generator.read.docx_package import MAX_FILE_BYTES
    from generator.safe_io import read_regular_file

    if not paths:
        return {}
    if not office.soffice():
        raise DraftError(
            Problem(
                "读取 .doc/.wps 需要 LibreOffice（soffice）：请安装 libreoffice-writer-nogui，"
                "或用 Word/WPS 另存为 .docx",
                str(paths[0]),
            )
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-convert-") as temp:
        folder = Path(temp)
        inputs = []
        for index, path in enumerate(paths):  # own names: two drafts may share a stem
            data = read_regular_file(path, MAX_FILE_BYTES, what="草稿文件", error=DraftError)
            if not data.startswith(_OLE):  # LibreOffice would open anything as plain text
                raise DraftError(
                    Problem("不是 Word 97-2003（.doc）或 WPS 文件：文件头不对，可能已损坏或改了扩展名", str(path))
                )
            if not any(stream in data for stream in _TEXT_STREAMS):  # a compound file, but no document in it
                raise DraftError(
                    Problem(
                        "不是 Word 97-2003（.doc）或 WPS 文件：文件中没有文档正文（WordDocument），"
                        "可能已损坏或改了扩展名",
                        str(path),
                    )
                )
            inputs.append(folder / f"in{index}{path.suffix.lower()}")
            inputs[-1].write_bytes(data)
        if timeout is None:
            timeout = limits.OFFICE_SECONDS + limits.OFFICE_SECONDS_PER_FILE * (len(paths) - 1)
        try:
            outputs = office.convert(inputs, folder / "out", "docx:MS Word 2007 XML", ".docx", timeout, DraftError)
        except DraftError as exc:
            names = {str(link): str(path) for link, path in zip(inputs, paths)}
            raise DraftError(
                *(
                    Problem(
                        "LibreOffice 无法打开这个文件（不是 Word/WPS 文档，或已损坏）",
                        names.get(p.file or "", str(paths[0])),
                    )
                    for p in exc.problems
                )
            ) from None
        return {path: out.read_bytes() for path, out in zip(paths, outputs)}


def pdf_text(path: Path) -> str:
    """The text of a PDF's text layer, one paragraph a line; poppler runs bounded in pages, CPU
    time, memory and output (a crafted 2 KB PDF can keep pdftotext busy for minutes)."""
    exe = shutil.which("pdftotext")
    if not exe:
        raise DraftError(Problem("读取 .pdf 需要 poppler 的 pdftotext：请安装 poppler-utils", str(path)))
    pages = _pdf_pages(path)
    if pages is not None and pages > limits.MAX_PDF_PAGES:
        raise DraftError(
            Problem(f"PDF 共 {pages} 页，超过 fazhi 读取的上限 {limits.MAX_PDF_PAGES} 页：请分成几个文件", str(path))
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as temp:
        out = Path(temp) / "text.txt"
        command = [exe, "-layout", "-enc", "UTF-8", "-l", str(limits.MAX_PDF_PAGES), str(path), str(out)]
        result = _bounded(command, path, output=limits.MAX_CHARS * 4)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip()[:200]
            raise DraftError(Problem(f"无法读取 PDF：{message or '文件已损坏'}", str(path)))
        text = paragraphs(out.read_bytes().decode("utf-8", "replace"))
    if not text.strip():
        raise DraftError(
            Problem("PDF 中没有文字层（可能是扫描件）：fazhi 不做文字识别，请找原始的 Word 文件", str(path))
        )
    return text


def _pdf_pages(path: Path) -> int | None:
    """The page count pdfinfo gives (None if it cannot say: pdftotext then reports the problem)."""
    exe = shutil.which("pdfinfo")
    if not exe:
        return None
    result = _bounded([exe, str(path)], path, output=1 << 20)
    found = re.search(rb"^Pages:\s+(\d+)", result.stdout, re.M)
    return int(found.group(1)) if result.returncode == 0 and found else None


def _bounded(command: list[str], path: Path, output: int) -> subprocess.CompletedProcess:
    """Run a poppler tool with at most PDF_SECONDS of CPU, 1 GB of memory and `output` bytes per
    file written; a tool stopped by a bound is a located refusal."""
    import resource
    import signal

    seconds = limits.PDF_SECONDS

    def bounds() -> None:  # in the child, before exec
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))

    try:
        result = subprocess.run(command, capture_output=True, timeout=limits.PDF_WALL_SECONDS, preexec_fn=bounds)
    except subprocess.TimeoutExpired:
        raise DraftError(
            Problem(f"读取 PDF 超时（{limits.PDF_WALL_SECONDS} 秒）：文件可能是构造异常的 PDF", str(path))
        ) from None
    stopped = {
        -signal.SIGXCPU: f"读取 PDF 的文字层用时超过 {seconds} 秒（CPU）：文件可能是构造异常的 PDF",
        -signal.SIGKILL: f"读取 PDF 的文字层用时超过 {seconds} 秒（CPU）：文件可能是构造异常的 PDF",
        -signal.SIGXFSZ: f"PDF 的文字超过 {limits.MAX_CHARS:,} 字：fazhi 只读取能在几秒内检查完的草稿",
    }
    if result.returncode in stopped:
        raise DraftError(Problem(stopped[result.returncode], str(path)))
    if len(result.stdout) > output:
        raise DraftError(Problem(stopped[-signal.SIGXFSZ], str(path)))
    return result


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
    """Display width from the left margin (indentation included): wide characters count two."""
    return width(line.rstrip())


def _cjk_join(left: str, right: str) -> bool:
    return not (left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum())
