"""The draft reader: .docx, .txt and fazhi YAML drafts into the document tree rendering produces.

    read_draft(path)              dispatch on the extension (.docx, .txt)
    read_text(text, name)         a plain text, e.g. copied from a government website
    read_docx_bytes(data, name)   a Word file's bytes

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

.docx: read with zipfile + lxml. Line numbers count every w:p in the body in document order
(empty ones, table cells and text boxes included). Paragraph styles are hints: fazhi's own
(Title, Heading1-4, FzRunIn1-4 character runs, FzRecipients, FzSignature, FzNote, …) and
Word's heading/title styles or outline levels; typed numbers decide the level. `facts` holds
the layout facts checks need (see _facts).
"""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Any, Iterable

from generator.errors import DraftError, Problem
from generator.tree import Document

from generator.read.structure import Line as _Line, build, parse_date
from generator.read.text import decode_text, text_lines
from generator.read.docx_package import (FALSE, MAX_FILE_BYTES, Package, attr, patterns,
                                          to_int, too_large)
from generator.read.docx_styles import Styles
from generator.read.docx_body import Body, drop_noise, read_body
from generator.read.noise import Noise, load_noise, resolve_noise as _noise

# ---------------------------------------------------------------- entry points

def read_draft(path: str | Path, noise: Noise | str | Path | Iterable | None = None) -> Document:
    """Read a .docx or .txt draft into a document tree (DraftError if unreadable)."""
    path = Path(path)
    name = str(path)
    ext = path.suffix.lower()
    if ext not in (".docx", ".txt", ".text"):
        hint = "（旧版 Word 文件请先另存为 .docx）" if ext in (".doc", ".wps", ".rtf") else ""
        raise DraftError(Problem(f"不支持的草稿格式「{ext or '无扩展名'}」：应为 .docx、.txt 或 .yaml{hint}", name))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DraftError(too_large(name, size))
        data = path.read_bytes()
    except FileNotFoundError:
        raise DraftError(Problem("找不到草稿文件", name)) from None
    except IsADirectoryError:
        raise DraftError(Problem("这是一个文件夹，不是草稿文件", name)) from None
    except OSError as exc:
        raise DraftError(Problem(f"无法读取草稿文件：{exc.strerror or exc}", name)) from None
    if ext == ".docx":
        return read_docx_bytes(data, name, noise)
    return read_text(decode_text(data, name), name, noise)


def read_text(text: str, name: str = "<text>", noise: Noise | str | Path | Iterable | None = None) -> Document:
    """Read a plain-text draft (web copy, or fazhi's own .txt rendition)."""
    lines = text_lines(text, _noise(noise))
    if not lines:
        raise DraftError(Problem("草稿内容为空（除去网页信息后没有正文）", name))
    return build(lines, "txt")


def read_docx_bytes(data: bytes, name: str = "<docx>", noise: Noise | str | Path | Iterable | None = None) -> Document:
    """Read a .docx draft from its bytes; `facts` gets the layout facts."""
    if len(data) > MAX_FILE_BYTES:
        raise DraftError(too_large(name, len(data)))
    if not data.startswith(b"PK"):
        raise DraftError(Problem("不是 Word（.docx）文件：文件不是 zip 压缩包"
                                 "（旧版 .doc 或改了扩展名的文件请用 Word/WPS 另存为 .docx）", name))
    try:
        package = Package(data, name)
        styles = Styles(package)
        body = read_body(package, styles)
    except DraftError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError, IndexError) as exc:
        raise DraftError(Problem(f"Word 文件已损坏，无法读取（{type(exc).__name__}: {exc}）", name)) from None
    lines = drop_noise(body.lines, _noise(noise))
    if not lines:
        raise DraftError(Problem("草稿内容为空：文档中没有文字", name))
    doc = build(lines, "docx")
    try:
        doc.facts = _DocxReader(package, styles, body).facts(doc, {ln.line: ln for ln in lines})
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError, IndexError):
        doc.facts = _empty_facts()
    return doc


# ---------------------------------------------------------------- docx
#
# Speed: parsing document.xml with lxml and walking it costs about twice the parse itself
# (an lxml proxy object per element). The usual document (a WordprocessingML main part with
# a namespace prefix, no text boxes, no comments) is therefore read by one regular-expression
# tokenizer over the XML text; anything else, and any XML the tokenizer cannot vouch for,
# goes through lxml, which also reports malformed XML.

_PAGE_FIELD = re.compile(rb'(?:instr\s*=\s*["\']\s*PAGE\b|instrText[^>]*>\s*PAGE\b)')
_EVEN_ODD = re.compile(rb'<(?:\w+:)?evenAndOddHeaders\b(?:[^>]*?val\s*=\s*["\'](\w+)["\'])?[^>]*>')


class _DocxReader:
    """document.xml paragraphs as _Lines; styles and other parts for hints and facts."""

    def __init__(self, package: Package, styles: Styles, body: Body):
        self.package = package
        self.name = package.name
        self.infos = package.infos
        self.names = package.names
        self.styles = styles
        self.prefix = body.prefix
        self.body = body.xml
        self.sect = body.sect
        self.runs = body.runs
        self._p_starts: list[int] | None = None

    # -- facts
    def _first_run(self, number: int) -> str:
        """The XML of a paragraph's first run holding text."""
        if number in self.runs:
            return self.runs[number]
        if not self.body:
            return ""
        pats = patterns(self.prefix)
        if self._p_starts is None:
            self._p_starts = []
        starts, opener = self._p_starts, pats["p_open"]
        while len(starts) < number:
            found = opener.search(self.body, starts[-1] + 1 if starts else 0)
            if not found:
                return ""
            starts.append(found.start())
        start = starts[number - 1]
        close = pats["p_close"].search(self.body, start)
        snippet = self.body[start:close.start() if close else len(self.body)]
        for run in pats["run"].finditer(snippet):
            if pats["has_text"].search(run.group(1)):
                return run.group(0)
        return ""

    def facts(self, doc: Document, by_line: dict[int, _Line]) -> dict:
        """Layout facts for the checks; anything missing is None.

        page_width, page_height and margins {top, bottom, left, right} in twips from the last
        w:sectPr; has_page_field: a PAGE field in a footer part (fldSimple or instrText);
        odd_even: settings evenAndOddHeaders; body_font / body_size: the default paragraph
        style's (Normal) East-Asian font and size in half-points, resolving docDefaults (and
        theme fonts); title_font / title_size: the title paragraph's first run (direct
        formatting, else its character style, paragraph style, docDefaults); heading_fonts:
        {level: East-Asian font} of the first heading of each level set in a heading style
        or a fazhi run-in style ({} when none is).
        """
        facts = _empty_facts()
        pats = patterns(self.prefix)
        if self.sect:
            size = pats["pg_size"].search(self.sect)
            if size:
                facts["page_width"] = to_int(attr(size.group(1), "w", self.prefix))
                facts["page_height"] = to_int(attr(size.group(1), "h", self.prefix))
            margin = pats["pg_mar"].search(self.sect)
            if margin:
                facts["margins"] = {side: to_int(attr(margin.group(1), side, self.prefix))
                                    for side in ("top", "bottom", "left", "right")}
        footers = [n for n in self.names if n.startswith("word/footer") and n.endswith(".xml")]
        facts["has_page_field"] = any(self._part_fact(n, _page_field) for n in footers)
        if "word/settings.xml" in self.infos:
            facts["odd_even"] = self._part_fact("word/settings.xml", _odd_even)
        normal = self.styles.normal()
        facts["body_font"] = self.styles.prop("", self.prefix, normal, "font")
        facts["body_size"] = self.styles.prop("", self.prefix, normal, "size")
        title_line = by_line.get(doc.title_line) if doc.title_line else None
        if title_line is not None:
            run = self._first_run(title_line.line)
            facts["title_font"] = self.styles.prop(run, self.prefix, title_line.style or normal, "font")
            facts["title_size"] = self.styles.prop(run, self.prefix, title_line.style or normal, "size")
        fonts: dict[int, str | None] = {}
        for part in doc.all_documents():
            for heading in part.headings():
                line = by_line.get(heading.line)
                if line is None or heading.level in fonts:
                    continue
                if line.runin or (line.kind == "heading" and line.style):
                    fonts[heading.level] = self.styles.prop(self._first_run(line.line), self.prefix, line.style or normal, "font")
        facts["heading_fonts"] = dict(sorted(fonts.items()))
        return facts

    def _part_fact(self, name: str, function):
        """function(part bytes), remembered by the part's CRC and size."""
        info = self.infos[name]
        key = (function.__name__, info.CRC, info.file_size)
        if key not in _PART_CACHE:
            if len(_PART_CACHE) >= 256:
                _PART_CACHE.pop(next(iter(_PART_CACHE)))
            _PART_CACHE[key] = function(self.package.read(name) or b"")
        return _PART_CACHE[key]

_PART_CACHE: dict[tuple, Any] = {}


def _page_field(data: bytes) -> bool:
    return bool(_PAGE_FIELD.search(data))


def _odd_even(data: bytes) -> bool:
    match = _EVEN_ODD.search(data)
    return bool(match) and (match.group(1) or b"1").decode().lower() not in FALSE


def _empty_facts() -> dict:
    return {"page_width": None, "page_height": None, "margins": None, "has_page_field": False,
            "odd_even": None, "body_font": None, "body_size": None, "title_font": None,
            "title_size": None, "heading_fonts": {}}


