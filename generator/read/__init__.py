"""The draft reader: .docx, .txt and fazhi YAML drafts into the document tree rendering produces.

    read_draft(path)              dispatch on the extension (.docx, .txt, .ofd; .doc/.wps/.pdf via convert)
    read_drafts(paths)            many drafts, the .doc/.wps among them converted in one LibreOffice run
    read_text(text, name)         a plain text, e.g. copied from a government website
    read_docx_bytes(data, name)   a Word file's bytes
    read_draft_bytes(data, name)  a .docx or .txt draft from its bytes

What is recognised, from the top of a document:

- web-page noise (generator/data/noise.yaml, extendable with `noise=`): dropped lines
  (「发布时间:… 来源:…」, breadcrumbs, site footers) and end markers (「相关文档:」
  「扫一扫在手机打开」) that cut the rest of the page;
- the head: 发文字号 (also with wrong brackets [] 【】 () ﹝﹞ and 第, so checks can flag
  them; 「签发人：」 on the same or its own line), title lines (short lines without sentence
  punctuation, joined by "\\n"; spaces between Chinese characters dropped: 「通 知」→「通知」),
  主送 (a short line ending with ：or :, colon removed);
- the body: headings from the number at the paragraph start (numbering.read_number:
  一、 （一） 1. （1） with full/half-width variants; Heading.number keeps it as written).
  A heading whose first sentence (up to the first 。 within 60 characters) is followed by more
  text is run-in (title without that 。, body the rest); otherwise standalone (title as
  written). Numbers need text after them: 「2022年，」「1月20日」「1.5亿」 are paragraphs;
- the closing: a date line (2023年1月4日, 二〇二三年一月四日, 2023-01-04, 2023.1.4) that
  ends the text or is followed only by 附注/版记 and possibly the title of a next part;
  the short unpunctuated lines right before it are the signatures; lines in parentheses
  after it are notes (parentheses removed, like the spec's `note`); 「抄送：」/「…印发」
  lines the imprint;
- what follows the closing is a new part (Document.parts): a work plan's work points after
  its notice, or an attachment after a 「附件」 label.

.txt: line numbers are text lines (1-based). UTF-8 with or without BOM, UTF-16 with BOM,
else GB18030. A numbered line without closing punctuation, directly followed (no blank line)
by an unnumbered line whose first sentence is short (≤ 20 characters, no comma) and is followed
by more text is a run-in heading broken by the web page and is joined with it (the heading part
must be ≥ 15 characters); a short line that is a whole paragraph is left alone.

.docx: read with the package's own zip reader and a tokenizer (str methods, else one regular
expression), lxml for what the tokenizer cannot vouch for. Line numbers count every w:p in the body in document order (empty ones,
table cells and text boxes included). Deleted text (w:del, w:moveFrom) is not read, inserted
text is; text boxes, content controls and the paragraphs of one-cell / one-column tables are
read as body lines, so headings there are headings (see docx_body). Paragraph styles are hints: fazhi's own
(Title, Heading1-4, FzRunIn1-4 character runs, FzRecipients, FzSignature, FzNote, …) and
Word's heading/title styles or outline levels; typed numbers decide the level. `facts` holds
the layout facts checks need (see docx_facts.facts).

.ofd: the text layer of an OFD (GB/T 33190) package, its printed lines joined into paragraphs as
for a PDF (read/ofd.py); line numbers are those paragraphs.

Modules: noise (web-page noise), text (.txt decoding and lines), structure (lines → tree),
docx_package (zip members, limits, regexes), docx_body (document.xml → lines, fast path:
docx_tokens, docx_split),
docx_lxml (the lxml path), docx_styles
(styles.xml: hints and run properties), docx_facts (layout facts).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from collections.abc import Iterable, Sequence

from generator.errors import DraftError, Problem
from generator.read.docx_body import read_body
from generator.read.docx_facts import empty_facts, facts
from generator.read.docx_package import MAX_FILE_BYTES, Package, too_large
from generator.read.docx_styles import Styles
from generator.read.limits import check_chars, check_paragraphs
from generator.read.noise import Noise, drop_noise, load_noise, resolve_noise
from generator.read.structure import build, parse_date
from generator.read.text import decode_text, text_lines
from generator.safe_io import check_regular_file, read_regular_file
from generator.tree import Document

__all__ = [
    "read_draft",
    "read_drafts",
    "read_text",
    "read_docx_bytes",
    "decode_text",
    "parse_date",
    "load_noise",
    "Noise",
    "MAX_FILE_BYTES",
]

_NoiseArg = Noise | str | Path | Iterable | None

# What a damaged package raises from the package reader (DamagedPackage is a ValueError, and
# wraps zipfile's BadZipFile), zlib, struct (a zip record cut short) or the reader's own indexing.
_DAMAGED = (
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    KeyError,
    IndexError,
)


def read_draft(path: str | Path, noise: _NoiseArg = None) -> Document:
    """Read a .docx, .txt, .doc, .wps or text-layer .pdf draft into a document tree (DraftError if unreadable)."""
    path = Path(path)
    name = str(path)
    ext = path.suffix.lower()
    if ext in (".doc", ".wps", ".pdf"):
        return _read_converted(path, noise)
    if ext == ".ofd":
        return read_ofd_bytes(read_regular_file(path, MAX_FILE_BYTES, what="草稿文件", error=DraftError), name, noise)
    if ext not in (".docx", ".txt", ".text"):
        hint = "（.rtf 请先另存为 .docx）" if ext == ".rtf" else ""
        raise DraftError(
            Problem(
                f"不支持的草稿格式「{ext or '无扩展名'}」：应为 .docx、.doc、.wps、.pdf、.ofd、.txt 或 .yaml{hint}",
                name,
            )
        )
    return read_draft_bytes(read_regular_file(path, MAX_FILE_BYTES, what="草稿文件", error=DraftError), name, noise)


def read_draft_bytes(data: bytes, name: str, noise: _NoiseArg = None) -> Document:
    """A .docx, .ofd or .txt draft from its bytes; the extension of `name` says which."""
    if Path(name).suffix.lower() == ".ofd":
        return read_ofd_bytes(data, name, noise)
    if Path(name).suffix.lower() == ".docx":
        return read_docx_bytes(data, name, noise)
    return read_text(decode_text(data, name), name, noise)


def _read_converted(path: Path, noise: _NoiseArg, converted: bytes | None = None) -> Document:
    """.doc/.wps through LibreOffice (bytes already converted in a batch may be given), .pdf's text layer."""
    from generator.read import convert

    check_regular_file(path, what="草稿文件", error=DraftError)  # never a FIFO or a device to a converter
    if path.suffix.lower() == ".pdf":
        doc = read_text(convert.pdf_text(path), str(path), noise)
        for part in doc.all_documents():
            part.source = "pdf"
        return doc
    data = converted if converted is not None else convert.legacy_to_docx([path])[path]
    return read_docx_bytes(data, str(path), noise)


def read_drafts(paths: Sequence[str | Path], noise: _NoiseArg = None):
    """(path, Document or DraftError) for each draft; all .doc/.wps go through one LibreOffice process."""
    from generator.read import convert

    files = [Path(p) for p in paths]
    legacy = [p for p in files if p.suffix.lower() in convert.LEGACY and p.is_file()]
    try:
        converted = convert.legacy_to_docx(legacy)
    except DraftError:
        converted = {}  # each file is then tried (and reported) on its own
    for path in files:
        try:
            if path in converted:
                yield path, _read_converted(path, noise, converted[path])
            else:
                yield path, read_draft(path, noise)
        except DraftError as exc:
            yield path, exc


def read_text(text: str, name: str = "<text>", noise: _NoiseArg = None) -> Document:
    """Read a plain-text draft (web copy, or fazhi's own .txt rendition)."""
    from generator.read.sanitize import xml_safe

    check_chars(len(text), name)
    text, illegal = xml_safe(text)
    lines = text_lines(text, resolve_noise(noise))
    if not lines:
        raise DraftError(Problem("草稿内容为空（除去网页信息后没有正文）", name))
    check_paragraphs(len(lines), name)
    doc = build(lines, "txt")
    if illegal:
        doc.facts["control_chars"] = illegal
    return doc


def read_ofd_bytes(data: bytes, name: str = "<ofd>", noise: _NoiseArg = None) -> Document:
    """Read an OFD draft's text layer (read/ofd.py) from its bytes."""
    from generator.read.ofd import ofd_text

    if len(data) > MAX_FILE_BYTES:
        raise DraftError(too_large(name, len(data)))
    doc = read_text(ofd_text(data, name), name, noise)
    for part in doc.all_documents():
        part.source = "ofd"
    return doc


def read_docx_bytes(data: bytes, name: str = "<docx>", noise: _NoiseArg = None) -> Document:
    """Read a .docx draft from its bytes; `facts` gets the layout facts."""
    if len(data) > MAX_FILE_BYTES:
        raise DraftError(too_large(name, len(data)))
    if not data.startswith(b"PK"):
        raise DraftError(
            Problem(
                "不是 Word（.docx）文件：文件不是 zip 压缩包（旧版 .doc 或改了扩展名的文件请用 Word/WPS 另存为 .docx）",
                name,
            )
        )
    try:
        package = Package(data, name)
        styles = Styles(package)
        body = read_body(package, styles)
    except DraftError:
        raise
    except _DAMAGED as exc:
        raise DraftError(Problem(f"Word 文件已损坏，无法读取（{type(exc).__name__}: {exc}）", name)) from None
    lines = drop_noise(body.lines, resolve_noise(noise))
    if not lines:
        raise DraftError(Problem("草稿内容为空：文档中没有文字", name))
    check_paragraphs(len(lines), name)
    check_chars(sum(len(line.text) for line in lines), name)
    doc = build(lines, "docx")
    try:
        layout = facts(doc, lines, package, styles, body)
    except _DAMAGED:
        layout = empty_facts()
    doc.facts.update(layout)  # keeps what the builder noted (recipients_colon)
    return doc
