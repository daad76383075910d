"""The largest draft fazhi reads: what it checks, re-lays out, fixes and reviews within about 5 s of
CPU time on a 2-core machine (bench/run.py limits measures it). Beyond, the draft is refused at once
with its size and the limit, instead of keeping a clerk's machine busy."""

from __future__ import annotations

from generator.errors import DraftError, Problem

MAX_PARAGRAPHS = 10_000  # a 1,000-page report has about 2,800
MAX_CHARS = 1_000_000  # about 2,000 pages of 公文 text
MAX_BODY_XML = 40 * 1024 * 1024  # word/document.xml: a 1,000-page report's is about 3 MB
MAX_PDF_PAGES = 300
PDF_SECONDS = 4  # CPU seconds pdftotext may use (a crafted PDF can loop for minutes);
PDF_WALL_SECONDS = 12  # and wall seconds (a shared machine gives it a share of a core)
OFFICE_SECONDS = 20  # wall seconds LibreOffice may take for one .doc/.wps (start-up included),
OFFICE_SECONDS_PER_FILE = 3  # and for each more in a batch


def _refuse(name: str, what: str) -> DraftError:
    return DraftError(
        Problem(
            f"草稿过大：{what}。fazhi 只读取能在几秒内检查完的草稿（上限 {MAX_PARAGRAPHS:,} 段、"
            f"{MAX_CHARS:,} 字，约 2,000 页）：请把它分成几个文件",
            name,
        )
    )


def check_chars(count: int, name: str) -> None:
    if count > MAX_CHARS:
        raise _refuse(name, f"共 {count:,} 字，超过 {MAX_CHARS:,} 字")


def check_paragraphs(count: int, name: str) -> None:
    if count > MAX_PARAGRAPHS:
        raise _refuse(name, f"共 {count:,} 段，超过 {MAX_PARAGRAPHS:,} 段")


def check_body(raw: bytes, name: str) -> bytes:
    """`raw` once its size and its paragraphs (counted at C speed, usual prefix) are within the limits."""
    if len(raw) > MAX_BODY_XML:
        raise _refuse(
            name, f"正文部分（word/document.xml）有 {len(raw) / 1048576:.0f} MB，超过 {MAX_BODY_XML // 1048576} MB"
        )
    if len(raw) // len(b"<w:p>") > MAX_PARAGRAPHS:  # fewer bytes cannot hold more paragraphs than the limit
        check_paragraphs(raw.count(b"<w:p>") + raw.count(b"<w:p "), name)
    return raw
