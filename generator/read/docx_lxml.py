"""The general path for document.xml: lxml, for text boxes, default namespaces, other encodings.

Block containers are walked in document order: paragraphs, tables, content controls
(w:sdt), custom XML and inserted blocks. A text box (w:txbxContent) anchored in a paragraph
is read after that paragraph, as lines of its own; mc:Fallback (which repeats the Choice),
deleted and moved-away content and old properties (w:…PrChange) are skipped.
"""

from __future__ import annotations

from generator.errors import DraftError, Problem
from generator.ooxml.vocab import RUNIN_PREFIX, W_NS
from generator.read.docx_body import Body, Hint, Para, make_line, numbering_of, table_lines
from generator.read.docx_styles import Styles
from generator.read.lines import Line

_Q = f"{{{W_NS}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, T = _Q + "p", _Q + "tbl", _Q + "tr", _Q + "tc", _Q + "t"
PPR, RPR, R, TXBX = _Q + "pPr", _Q + "rPr", _Q + "r", _Q + "txbxContent"
FALLBACK = _MC + "Fallback"
# Block-level wrappers whose children are read as if they stood in the body.
_CONTAINERS = {_Q + name for name in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")}
# What is never the draft's text: deleted and moved-away runs, old properties, mc:Fallback.
_SKIPPED = {
    _Q + name
    for name in (
        "del",
        "moveFrom",
        "pPrChange",
        "rPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
    )
} | {FALLBACK}
_PARA_TAGS = tuple(
    _Q + name
    for name in ("t", "tab", "br", "cr", "rStyle", "pStyle", "outlineLvl", "pageBreakBefore", "jc", "numId", "ilvl")
)
_PROPERTIES = ("pStyle", "outlineLvl", "pageBreakBefore", "jc")
_NUMPR = _Q + "numPr"


def lxml_body(raw: bytes, styles: Styles, name: str) -> Body:
    """The body's lines through lxml (DraftError if the XML is malformed or has no body)."""
    from lxml import etree

    try:
        root = etree.fromstring(
            raw, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
        )
    except etree.XMLSyntaxError as exc:
        raise DraftError(Problem(f"Word 文件已损坏：word/document.xml 不是有效的 XML（{exc}）", name)) from None
    body = root.find(_Q + "body")
    if body is None:
        raise DraftError(Problem("Word 文件已损坏：word/document.xml 中没有正文（w:body）", name))
    result = Body([], root.prefix or "")
    if len(body) and body[-1].tag == _Q + "sectPr":
        result.sect = etree.tostring(body[-1], encoding=str)
    walker = _Walker(styles.hint, result.runs, numbering_of(styles), result.pprs)
    walker.blocks(body, result.lines)
    walker.flush(result.lines)
    return result


class _Walker:
    """Block containers to Lines, numbering every w:p in document order."""

    def __init__(self, hint: Hint, runs: dict[int, str], numbering=None, pprs: dict[int, str] | None = None):
        self.hint = hint
        self.numbering = numbering
        self.runs = runs
        self.pprs = {} if pprs is None else pprs
        self.number = 0
        self.page_next = False
        self.carry: tuple[Para, int] | None = None  # a paragraph whose mark was deleted
        self.depth = 0

    def blocks(self, parent, sink: list[Line], flat: bool = False) -> None:
        """The Lines of a container's children; `flat`: tables inside a table cell, read as paragraphs."""
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child, sink)
            elif tag == TBL:
                if flat:
                    for tr in child.iterchildren(TR):
                        for tc in tr.iterchildren(TC):
                            self.blocks(tc, sink, flat=True)
                else:
                    self.table(child, sink)
            elif tag in _CONTAINERS:
                self.blocks(child, sink, flat)

    def paragraph(self, p, sink: list[Line]) -> None:
        self.number += 1
        ppr = p.find(PPR)
        if ppr is not None:
            from lxml import etree

            self.pprs[self.number] = etree.tostring(ppr, encoding=str)
        if self.carry is not None:
            para, number = self.carry
            para = para.continued()
            self.carry = None
        else:
            para, number = Para(), self.number
        first_run, boxes = _read_para(p, para)
        if para.merge:
            self.carry = (para, number)
        else:
            self._emit(para, number, first_run, sink)
        for box in boxes:
            self.blocks(box, sink)

    def flush(self, sink: list[Line]) -> None:
        """A last paragraph whose mark was deleted."""
        if self.carry is not None:
            self._emit(self.carry[0], self.carry[1], None, sink)
            self.carry = None

    def _emit(self, para: Para, number: int, first_run, sink: list[Line]) -> None:
        line = make_line(para, number, self.page_next and not self.depth, self.hint, self.numbering)
        if not self.depth:
            self.page_next = para.breaks == "after" or (line is None and para.page_break)
        if line is not None:
            sink.append(line)
            if first_run is not None:
                from lxml import etree

                self.runs[number] = etree.tostring(first_run, encoding=str)

    def table(self, tbl, sink: list[Line]) -> None:
        number = self.number + 1
        rows: list[list[list[Line]]] = []
        self.depth += 1
        for tr in tbl.iterchildren(TR):
            row = []
            for tc in tr.iterchildren(TC):
                cell: list[Line] = []
                self.blocks(tc, cell, flat=True)
                row.append(cell)
            if tr.find(f"{_Q}trPr/{_Q}del") is None:
                rows.append(row)
        self.depth -= 1
        sink.extend(table_lines(rows, number))


def _read_para(p, para: Para):
    """Fill `para` from a w:p: text, properties, run-in run; (first text run, text boxes it anchors)."""
    first_run = None
    runin_run = None
    boxes = []
    for el in p.iter(*_PARA_TAGS, TXBX, _Q + "del", _Q + "moveFrom"):
        parent = el.getparent()
        if not _owned(parent, p):
            continue
        tag = el.tag
        if tag == TXBX:
            boxes.append(el)
            continue
        name = tag[len(_Q) :]
        if name in ("del", "moveFrom"):
            if parent.tag == RPR and parent.getparent().tag == PPR:
                para.merge = True  # the paragraph mark was deleted or moved away
            continue
        if name == "t":
            piece = el.text or ""
            if not piece:
                continue
            if first_run is None:
                first_run = parent
        elif name == "rStyle":
            if el.get(_Q + "val", "").startswith(RUNIN_PREFIX) and para.runin != 2:
                if para.runin == 0 and para.parts:
                    para.runin = 2
                else:
                    para.runin, runin_run = 1, parent.getparent()
            continue
        elif name in _PROPERTIES:
            if parent.tag == PPR:
                para.set_property(name, el.get(_Q + "val", ""))
            continue
        elif name in ("numId", "ilvl"):
            if parent.tag == _NUMPR and parent.getparent().tag == PPR:
                para.set_property(name, el.get(_Q + "val", ""))
            continue
        elif parent.tag != R:
            continue
        elif name == "br" and el.get(_Q + "type") in ("page", "column"):
            if el.get(_Q + "type") == "page":
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
    return first_run, boxes


def _owned(element, p) -> bool:
    """Is the element the paragraph's own: not in a nested paragraph or text box, not skipped content?"""
    while element is not None and element is not p:
        tag = element.tag
        if tag in _SKIPPED or tag == P or tag == TXBX:
            return False
        element = element.getparent()
    return element is p
