"""document.xml's body as draft lines: a regular-expression tokenizer, else lxml.

Parsing document.xml with lxml and walking it costs about twice the parse itself (an lxml
proxy object per element). The usual document (a WordprocessingML main part with a namespace
prefix, no text boxes, no comments) is therefore read by one regular-expression tokenizer over
the XML text; anything else, and any XML the tokenizer cannot vouch for, goes through lxml,
which also reports malformed XML.

Line numbers count every w:p in the body in document order (empty ones, table cells and text
boxes included).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from generator.errors import DraftError, Problem
from generator.ooxml.vocab import RUNIN_PREFIX, W_NS
from generator.read.docx_package import FALSE, PREFIX, Package, attr, patterns
from generator.read.docx_styles import Styles
from generator.read.noise import Noise
from generator.read.structure import STRIP, Line, clean
from generator.tree import Table

Hint = Callable[[str], tuple[str, int]]


@dataclass
class Body:
    """The body's lines, and what the layout facts need of its XML."""

    lines: list[Line]
    prefix: str = "w"
    xml: str = ""                # fast path: the body's XML text
    sect: str = ""               # the last w:sectPr as XML text
    runs: dict[int, str] = field(default_factory=dict)  # lxml path: paragraph number → first text run XML


def read_body(package: Package, styles: Styles) -> Body:
    """word/document.xml's body: the tokenizer if it vouches for the XML, else lxml."""
    raw = package.read("word/document.xml", required=True)
    body = fast_body(raw, styles)
    return body if body is not None else lxml_body(raw, styles, package.name)


def paragraph_starts(xml: str, prefix: str, starts: list[int] | None = None, upto: int | None = None) -> list[int]:
    """Offsets of a body's w:p start tags in document order: paragraph n starts at starts[n - 1].

    This is the reader's line numbering for .docx drafts (every w:p counts: empty ones, table
    cells, text boxes), shared by the layout facts and the review writer. `starts` continues a
    list found earlier; `upto` stops once that many are known. Comments and CDATA sections must
    have been blanked out of `xml` (the fast path never has them; see ooxml.paragraphs.masked).
    """
    starts = [] if starts is None else starts
    opener = patterns(prefix)["p_open"]
    pos = starts[-1] + 1 if starts else 0
    while upto is None or len(starts) < upto:
        found = opener.search(xml, pos)
        if not found:
            break
        starts.append(found.start())
        pos = found.start() + 1
    return starts


def drop_noise(lines: list[Line], noise: Noise) -> list[Line]:
    """The lines without web noise (pasted pages); styled lines and tables are kept."""
    out: list[Line] = []
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


class _Para:
    """A paragraph being read."""

    __slots__ = ("parts", "style", "outline", "page_break", "jc", "runin", "runin_len", "breaks")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.style = self.outline = self.jc = self.breaks = ""
        self.page_break = False
        self.runin = 0          # 0 none yet, 1 in a run-in run, 3 between run-in runs, 2 done
        self.runin_len = 0

    def set_property(self, name: str, value: str) -> None:
        """Record one of pStyle, outlineLvl, pageBreakBefore, jc."""
        if name == "pStyle":
            self.style = value
        elif name == "outlineLvl":
            self.outline = value
        elif name == "pageBreakBefore":
            self.page_break = value not in FALSE
        else:
            self.jc = value


def _line(para: _Para, number: int, page_next: bool, hint: Hint) -> Line | None:
    """The Line of a read paragraph; None if it holds no text."""
    text = "".join(para.parts)
    stripped = text.strip(STRIP)
    if not stripped:
        return None
    line = Line(stripped, number, False, "", 0, 0, page_next or para.page_break or para.breaks == "before",
                para.jc in ("left", "start"), None, para.style)
    if para.style:
        line.kind, line.level = hint(para.style)
    if para.outline and line.kind in ("", "heading") and para.outline.isdigit() and int(para.outline) < 4:
        line.kind, line.level = "heading", int(para.outline) + 1
    if para.runin_len:
        line.runin = para.runin_len - (len(text) - len(text.lstrip(STRIP)))
    return line


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


# ---------------------------------------------------------------- fast path

def fast_body(raw: bytes, styles: Styles) -> Body | None:
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
    xml = text[start + len(w) + 6:end]
    lines = _Tokenizer(prefix, styles.hint).run(patterns(prefix)["token"].findall(xml))
    if lines is None:
        return None
    sect = xml.rfind(f"<{w}sectPr")
    return Body(lines, prefix, xml, xml[sect:] if sect >= 0 else "")


class _Tokenizer:
    """The tokens of a body's XML into Lines: paragraphs, tables of top-level rows and cells.

    Run-in state (fazhi writes the heading sentence as one FzRunIn run, then the body):
    1 after an FzRunIn rStyle, 3 after that run's text, 2 done.
    """

    __slots__ = ("prefix", "hint", "out", "number", "para", "page_next", "depth", "table", "row", "cell")

    def __init__(self, prefix: str, hint: Hint):
        self.prefix = prefix
        self.hint = hint
        self.out: list[Line] = []
        self.number = 0
        self.para: _Para | None = None
        self.page_next = False
        self.depth = 0
        self.table: Table | None = None
        self.row: list[str] = []
        self.cell: list[str] = []

    def run(self, tokens: list[tuple[str, ...]]) -> list[Line] | None:
        """The Lines; None at a text box, comment or CDATA section (lxml reads those)."""
        for opened, empty, closed, piece, inline, inline_attrs, prop, value, odd in tokens:
            if piece:
                # the most frequent token, handled here rather than in a method
                para = self.para
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
                self._open(opened, empty)
            elif closed:
                self._close(closed)
            elif prop:
                if self.para is not None:
                    self._property(self.para, prop, value)
            elif inline:
                if self.para is not None:
                    self._inline(self.para, inline, inline_attrs)
            elif odd:
                return None
        return self.out

    def _open(self, opened: str, empty: str) -> None:
        if opened == "p":
            self.number += 1
            self.para = None if empty else _Para()
        elif opened == "tbl":
            self.depth += 1
            if self.depth == 1:
                self.table = Table([], line=self.number + 1)
        elif self.depth == 1 and opened == "tr":
            self.row = []
        elif self.depth == 1 and opened == "tc":
            self.cell = []
            if empty:
                self.row.append("")

    def _close(self, closed: str) -> None:
        if closed == "p":
            para = self.para
            if para is None:
                return
            if self.depth:
                value = "".join(para.parts).strip(STRIP)
                if value:
                    self.cell.append(value)
            else:
                line = _line(para, self.number, self.page_next, self.hint)
                self.page_next = para.breaks == "after" or (line is None and para.page_break)
                if line is not None:
                    self.out.append(line)
            self.para = None
        elif closed == "tbl":
            self.depth -= 1
            if self.depth == 0 and self.table is not None:
                if self.table.rows:
                    self.out.append(Line("", self.table.line, table=self.table))
                self.table = None
        elif self.depth == 1 and closed == "tr":
            if self.table is not None:
                self.table.rows.append(self.row)
        elif self.depth == 1 and closed == "tc":
            self.row.append("\n".join(self.cell))

    @staticmethod
    def _property(para: _Para, prop: str, value: str) -> None:
        if prop == "rStyle":
            if value.startswith(RUNIN_PREFIX):
                if para.runin == 0:
                    para.runin = 2 if para.parts else 1
                elif para.runin == 3:
                    para.runin = 1
        else:
            para.set_property(prop, value)

    def _inline(self, para: _Para, inline: str, attrs: str) -> None:
        """w:tab, w:br, w:cr: a tab or line break in the text, or a page break."""
        if inline == "br":
            kind = attr(attrs, "type", self.prefix) if attrs else ""
            if kind == "page":
                para.breaks = "after" if para.parts else "before"
                return
            if kind == "column":
                return
            piece = "\n"
        elif inline == "tab":
            if attrs:
                return  # a tab stop in w:tabs, not a tab character
            piece = "\t"
        else:
            piece = "\n"
        if para.runin == 1:
            para.runin_len += 1
        elif para.runin == 3:
            para.runin = 2
        para.parts.append(piece)


# ---------------------------------------------------------------- lxml path

def lxml_body(raw: bytes, styles: Styles, name: str) -> Body:
    """The general path: lxml, for text boxes, default namespaces, other encodings."""
    from lxml import etree

    try:
        root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True,
                                                     huge_tree=True, remove_comments=True))
    except etree.XMLSyntaxError as exc:
        raise DraftError(Problem(f"Word 文件已损坏：word/document.xml 不是有效的 XML（{exc}）", name)) from None
    q = "{%s}" % W_NS
    body = root.find(q + "body")
    if body is None:
        raise DraftError(Problem("Word 文件已损坏：word/document.xml 中没有正文（w:body）", name))
    result = Body([], root.prefix or "")
    if len(body) and body[-1].tag == q + "sectPr":
        result.sect = etree.tostring(body[-1], encoding=str)
    p_tag, tbl_tag = q + "p", q + "tbl"
    number = 0
    skip: set = set()
    page_next = False
    for element in body.iter(p_tag, tbl_tag):
        if element.tag == tbl_tag:
            if element in skip:
                continue
            rows = _lxml_rows(element, q)
            skip.update(element.iter(p_tag, tbl_tag))
            if rows:
                result.lines.append(Line("", number + 1, table=Table(rows, line=number + 1)))
            continue
        number += 1
        if element in skip:
            continue
        para, first_run = _lxml_para(element, q)
        line = _line(para, number, page_next, styles.hint)
        page_next = para.breaks == "after" or (line is None and para.page_break)
        if line is not None:
            result.lines.append(line)
            if first_run is not None:
                result.runs[number] = etree.tostring(first_run, encoding=str)
    return result


def _lxml_rows(table, q: str) -> list[list[str]]:
    """A table's rows of cell texts (a cell's paragraphs joined by "\\n"), nested tables included."""
    p_tag = q + "p"
    return [["\n".join(t for t in (clean("".join(_lxml_para(p, q)[0].parts)) for p in tc.iter(p_tag)) if t)
             for tc in tr.iterchildren(q + "tc")] for tr in table.iterchildren(q + "tr")]


def _lxml_para(p, q: str):
    """A paragraph through lxml: its _Para (nested text-box text excluded) and first text run."""
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
                para.set_property(name, el.get(q + "val", ""))
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
