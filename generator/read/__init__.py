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
from generator.tree import Document, Table

from generator.ooxml.vocab import RUNIN_PREFIX, W_NS
from generator.read.structure import STRIP as _STRIP, Line as _Line, build, clean as _clean, parse_date
from generator.read.text import decode_text, text_lines
from generator.read.docx_package import (FALSE, MAX_FILE_BYTES, PREFIX, Package, attr, patterns,
                                          to_int, too_large)
from generator.read.docx_styles import Styles
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
        reader = _DocxReader(Package(data, name))
        lines = reader.lines()
    except DraftError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError, IndexError) as exc:
        raise DraftError(Problem(f"Word 文件已损坏，无法读取（{type(exc).__name__}: {exc}）", name)) from None
    lines = _drop_noise_docx(lines, _noise(noise))
    if not lines:
        raise DraftError(Problem("草稿内容为空：文档中没有文字", name))
    doc = build(lines, "docx")
    try:
        doc.facts = reader.facts(doc, {ln.line: ln for ln in lines})
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError, IndexError):
        doc.facts = _empty_facts()
    return doc


def _drop_noise_docx(lines: list[_Line], noise: Noise) -> list[_Line]:
    out: list[_Line] = []
    for line in lines:
        if line.kind or line.table is not None:
            out.append(line)
            continue
        if out and noise.is_end(line.text):
            break
        if noise.is_drop(line.text) or (not out and noise.is_end(line.text)):
            continue
        out.append(line)
    return out


# ---------------------------------------------------------------- docx
#
# Speed: parsing document.xml with lxml and walking it costs about twice the parse itself
# (an lxml proxy object per element). The usual document (a WordprocessingML main part with
# a namespace prefix, no text boxes, no comments) is therefore read by one regular-expression
# tokenizer over the XML text; anything else, and any XML the tokenizer cannot vouch for,
# goes through lxml, which also reports malformed XML.

_PAGE_FIELD = re.compile(rb'(?:instr\s*=\s*["\']\s*PAGE\b|instrText[^>]*>\s*PAGE\b)')
_EVEN_ODD = re.compile(rb'<(?:\w+:)?evenAndOddHeaders\b(?:[^>]*?val\s*=\s*["\'](\w+)["\'])?[^>]*>')


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


class _Para:
    """A paragraph being tokenized."""

    __slots__ = ("parts", "style", "outline", "page_break", "jc", "runin", "runin_len", "breaks")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.style = self.outline = self.jc = self.breaks = ""
        self.page_break = False
        self.runin = 0          # 0 none yet, 1 in a run-in run, 3 between run-in runs, 2 done
        self.runin_len = 0


class _DocxReader:
    """document.xml paragraphs as _Lines; styles and other parts for hints and facts."""

    def __init__(self, package: Package):
        self.package = package
        self.name = package.name
        self.infos = package.infos
        self.names = package.names
        self.styles = Styles(package)
        self.prefix = "w"
        self.body = ""              # fast path: the body's XML text
        self.sect = ""              # the last w:sectPr as XML text
        self.runs: dict[int, str] = {}  # lxml path: paragraph number -> first text run XML
        self._p_starts: list[int] | None = None

    # -- body
    def lines(self) -> list[_Line]:
        raw = self.package.read("word/document.xml", required=True)
        lines = self._fast_lines(raw)
        return lines if lines is not None else self._lxml_lines(raw)

    def _fast_lines(self, raw: bytes) -> list[_Line] | None:
        """The tokenizer path; None when the XML is not the usual kind (lxml reads it then)."""
        head = raw[:4096]
        if b"encoding" in head.split(b"?>", 1)[0] and not re.search(rb'encoding=["\']utf-?8["\']', head, re.I):
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        found = PREFIX.search(text, 0, 4096)
        if not found:
            return None
        prefix = found.group(1)
        w = prefix + ":"
        start, end = text.find(f"<{w}body>"), text.rfind(f"</{w}body>")
        if start < 0 or end < start or not text.rstrip().endswith(f"</{w}document>"):
            return None
        body = text[start + len(w) + 6:end]
        tokens = patterns(prefix)["token"].findall(body)
        out: list[_Line] = []
        number = 0
        para: _Para | None = None
        page_next = False
        depth = 0
        table: Table | None = None
        row: list[str] = []
        cell: list[str] = []
        # Run-in state (fazhi writes the heading sentence as one FzRunIn run, then the body):
        # 1 after an FzRunIn rStyle, 3 after that run's text, 2 done.
        for opened, empty, closed, piece, inline, inline_attrs, prop, value, odd in tokens:
            if piece:
                if para is not None:
                    if "&" in piece:
                        piece = _unescape(piece)
                    if para.runin == 1:
                        para.runin_len += len(piece)
                        para.runin = 3
                    elif para.runin == 3:
                        para.runin = 2
                    para.parts.append(piece)
            elif opened:
                if opened == "p":
                    number += 1
                    para = None if empty else _Para()
                elif opened == "tbl":
                    depth += 1
                    if depth == 1:
                        table = Table([], line=number + 1)
                elif depth == 1 and opened == "tr":
                    row = []
                elif depth == 1 and opened == "tc":
                    cell = []
                    if empty:
                        row.append("")
            elif closed:
                if closed == "p":
                    if para is None:
                        continue
                    if depth:
                        value = "".join(para.parts).strip(_STRIP)
                        if value:
                            cell.append(value)
                    else:
                        line = self._line(para, number, page_next)
                        page_next = para.breaks == "after" or (line is None and para.page_break)
                        if line is not None:
                            out.append(line)
                    para = None
                elif closed == "tbl":
                    depth -= 1
                    if depth == 0 and table is not None:
                        if table.rows:
                            out.append(_Line("", table.line, table=table))
                        table = None
                elif depth == 1 and closed == "tr":
                    if table is not None:
                        table.rows.append(row)
                elif depth == 1 and closed == "tc":
                    row.append("\n".join(cell))
            elif prop:
                if para is None:
                    continue
                if prop == "rStyle":
                    if value.startswith(RUNIN_PREFIX):
                        if para.runin == 0:
                            para.runin = 2 if para.parts else 1
                        elif para.runin == 3:
                            para.runin = 1
                else:
                    _set_paragraph_property(para, prop, value)
            elif inline:
                if para is None:
                    continue
                if inline == "br":
                    kind = attr(inline_attrs, "type", prefix) if inline_attrs else ""
                    if kind == "page":
                        para.breaks = "after" if para.parts else "before"
                        continue
                    if kind == "column":
                        continue
                    piece = "\n"
                elif inline == "tab":
                    if inline_attrs:
                        continue  # a tab stop in w:tabs, not a tab character
                    piece = "\t"
                else:
                    piece = "\n"
                if para.runin == 1:
                    para.runin_len += 1
                elif para.runin == 3:
                    para.runin = 2
                para.parts.append(piece)
            elif odd:
                return None  # a text box, comment or CDATA section: lxml reads this one
        self.prefix, self.body = prefix, body
        sect = body.rfind(f"<{w}sectPr")
        self.sect = body[sect:] if sect >= 0 else ""
        return out

    def _line(self, para: _Para, number: int, page_next: bool) -> _Line | None:
        text = "".join(para.parts)
        clean = text.strip(_STRIP)
        if not clean:
            return None
        line = _Line(clean, number, False, "", 0, 0, page_next or para.page_break or para.breaks == "before",
                     para.jc in ("left", "start"), None, para.style)
        if para.style:
            line.kind, line.level = self.styles.hint(para.style)
        if para.outline and line.kind in ("", "heading") and para.outline.isdigit() and int(para.outline) < 4:
            line.kind, line.level = "heading", int(para.outline) + 1
        if para.runin_len:
            line.runin = para.runin_len - (len(text) - len(text.lstrip(_STRIP)))
        return line

    def _lxml_lines(self, raw: bytes) -> list[_Line]:
        """The general path: lxml, for text boxes, default namespaces, other encodings."""
        from lxml import etree

        try:
            root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True,
                                                         huge_tree=True, remove_comments=True))
        except etree.XMLSyntaxError as exc:
            raise DraftError(Problem(f"Word 文件已损坏：word/document.xml 不是有效的 XML（{exc}）", self.name)) from None
        q = "{%s}" % W_NS
        body = root.find(q + "body")
        if body is None:
            raise DraftError(Problem("Word 文件已损坏：word/document.xml 中没有正文（w:body）", self.name))
        self.prefix = root.prefix or ""
        if len(body) and body[-1].tag == q + "sectPr":
            self.sect = etree.tostring(body[-1], encoding=str)
        p_tag, tbl_tag = q + "p", q + "tbl"
        out: list[_Line] = []
        number = 0
        skip: set = set()
        page_next = False
        for element in body.iter(p_tag, tbl_tag):
            if element.tag == tbl_tag:
                if element in skip:
                    continue
                rows = [["\n".join(t for t in (_clean("".join(self._lxml_para(p, q)[0].parts)) for p in tc.iter(p_tag)) if t)
                         for tc in tr.iterchildren(q + "tc")] for tr in element.iterchildren(q + "tr")]
                skip.update(element.iter(p_tag, tbl_tag))
                if rows:
                    out.append(_Line("", number + 1, table=Table(rows, line=number + 1)))
                continue
            number += 1
            if element in skip:
                continue
            para, first_run = self._lxml_para(element, q)
            line = self._line(para, number, page_next)
            page_next = para.breaks == "after" or (line is None and para.page_break)
            if line is not None:
                out.append(line)
                if first_run is not None:
                    self.runs[number] = etree.tostring(first_run, encoding=str)
        return out

    def _lxml_para(self, p, q: str):
        """One paragraph through lxml: a _Para (text of nested text-box paragraphs excluded)."""
        para = _Para()
        first_run = None
        runin_run = None
        for el in p.iter(q + "t", q + "tab", q + "br", q + "cr", q + "rStyle", q + "pStyle", q + "outlineLvl",
                         q + "pageBreakBefore", q + "jc"):
            parent = el.getparent()
            owner = parent
            while owner is not None and owner is not p and owner.tag not in (q + "p", q + "txbxContent"):
                owner = owner.getparent()
            if owner is not p:
                continue
            name = el.tag[len(q):]
            if name == "t":
                piece = el.text or ""
                if not piece:
                    continue
                if first_run is None:
                    first_run = parent
            elif name == "rStyle":
                if el.get(q + "val", "").startswith(RUNIN_PREFIX) and para.runin != 2:
                    if para.runin == 0 and para.parts:
                        para.runin = 2
                    else:
                        para.runin, runin_run = 1, parent.getparent()
                continue
            elif name in ("pStyle", "outlineLvl", "pageBreakBefore", "jc"):
                if parent.tag == q + "pPr":
                    _set_paragraph_property(para, name, el.get(q + "val", ""))
                continue
            elif parent.tag != q + "r":
                continue
            elif name == "br" and el.get(q + "type") in ("page", "column"):
                if el.get(q + "type") == "page":
                    para.breaks = "after" if para.parts else "before"
                continue
            else:
                piece = "\t" if name == "tab" else "\n"
            if para.runin == 1:
                if parent is runin_run:
                    para.runin_len += len(piece)
                else:
                    para.runin = 2
            para.parts.append(piece)
        return para, first_run

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


def _set_paragraph_property(para, name: str, value: str) -> None:
    """Record one of pStyle, outlineLvl, pageBreakBefore, jc on a paragraph being read."""
    if name == "pStyle":
        para.style = value
    elif name == "outlineLvl":
        para.outline = value
    elif name == "pageBreakBefore":
        para.page_break = value not in FALSE
    else:
        para.jc = value
