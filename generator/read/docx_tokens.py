"""The fast path of docx_body: a tokenizer over document.xml's text (docx_split's str methods, else one pattern)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.lexicon import lazy
from generator.ooxml.vocab import RUNIN_PREFIX
from generator.read.docx_body import Body, Hint, Para, make_line, numbering_of, table_lines
from generator.read.docx_package import namespace_prefix, patterns
from generator.read.docx_split import CLOSE, CLOSE_P, OPEN, OPEN_P, PROP, tags, without_ids
from generator.read.docx_styles import Styles
from generator.read.lines import Line
from generator.read.xml_text import attr

if TYPE_CHECKING:  # imported only for a package with numbering (docx_body.numbering_of)
    from generator.read.docx_numbering import Numbering

_REVISED: list = []  # the tokenizer met revisions: a sentinel, never a result
_UTF8_DECLARED = lazy(rb'encoding=["\']utf-?8["\']', re.I)


# ---------------------------------------------------------------- fast path


def fast_body(raw: bytes, styles: Styles) -> Body | None:
    """The tokenizer path; None when the XML is not the usual kind (lxml reads it then)."""
    head = raw[:4096]
    if b"encoding" in head.split(b"?>", 1)[0] and not _UTF8_DECLARED.search(head):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    prefix = namespace_prefix(text, 4096)
    if prefix is None:
        return None
    w = prefix + ":"
    start, end = text.find(f"<{w}body>"), text.rfind(f"</{w}body>")
    if start < 0 or end < start or not text[-256:].rstrip().endswith(f"</{w}document>"):
        return None
    start += len(w) + 6
    if text.find("rsid", start, start + 4096) >= 0 or text.find("w14:paraId", start, start + 4096) >= 0:
        cut = without_ids(text[start:end], prefix)  # a body written by Word: its ids out, as revisions are
        if cut is not None:
            text, start, end = cut, 0, len(cut)
    numbering = numbering_of(styles)
    starts: list[int] = []
    lines = _lines(text, start, end, prefix, styles.hint, numbering, starts)
    if lines is _REVISED:  # tracked changes or alternate content: cut them out, read again
        from generator.read.docx_revisions import without_revisions

        cut = without_revisions(text[start:end], prefix, text)
        if cut is None:
            return None
        text, start, end = cut, 0, len(cut)
        if numbering is not None:
            numbering.reset()
        starts.clear()
        lines = _lines(text, 0, len(text), prefix, styles.hint, numbering, starts)
    if lines is None or lines is _REVISED:
        return None
    sect = text.rfind(f"<{w}sectPr", start, end)
    if text.find(f"<{w}p", 0, start) >= 0 or text.find(f"<{w}p", end) >= 0:
        starts = []  # paragraph_starts reads the whole text: these would not be its offsets
    return Body(lines, prefix, text, text[sect:end] if sect >= 0 else "", starts)


def _lines(text: str, start: int, end: int, prefix: str, hint: Hint, numbering: Numbering | None, starts: list[int]):
    """pattern_lines's result: split_lines's where it vouches for it (then with the w:p offsets)."""
    lines = split_lines(text[start:end], prefix, hint, numbering, starts, start)
    if lines is None:
        starts.clear()
        if numbering is not None:
            numbering.reset()
        lines = pattern_lines(text, start, end, prefix, hint, numbering)
    return lines


def split_lines(
    body: str,
    prefix: str,
    hint: Hint,
    numbering: Numbering | None = None,
    starts: list[int] | None = None,
    offset: int = 0,
) -> list[Line] | None:
    """The Lines of a body's XML read with `str` methods (docx_split); None where only the token
    pattern may read it (the Lines would be pattern_lines's). `starts` gets the offsets of the
    body's w:p start tags (body[0] being at `offset`)."""
    tokenizer = _Tokenizer(prefix, hint, numbering)
    lines = tokenizer.run_split(body, offset)
    if starts is not None:
        starts.extend(tokenizer.starts)
    return lines


def pattern_lines(text: str, start: int, end: int, prefix: str, hint: Hint, numbering: Numbering | None = None):
    """The Lines of the body text[start:end] read with the token pattern; None where lxml must read
    it, _REVISED where revisions must be cut out first."""
    return _Tokenizer(prefix, hint, numbering).run(patterns(prefix)["token"].findall(text, start, end))


class _Tokenizer:
    """The tokens of a body's XML into Lines: paragraphs, tables of top-level rows and cells.

    Run-in state (fazhi writes the heading sentence as one FzRunIn run, then the body):
    1 after an FzRunIn rStyle, 3 after that run's text, 2 done.
    """

    __slots__ = (
        "prefix",
        "hint",
        "numbering",
        "out",
        "number",
        "para",
        "page_next",
        "depth",
        "rows",
        "row",
        "cell",
        "table_line",
        "carry",
        "carry_number",
        "row_deleted",
        "starts",
    )

    def __init__(self, prefix: str, hint: Hint, numbering: Numbering | None = None):
        self.prefix = prefix
        self.hint = hint
        self.numbering = numbering
        self.out: list[Line] = []
        self.number = 0
        self.para: Para | None = None
        self.page_next = False
        self.depth = 0
        self.rows: list[list[list[Line]]] = []
        self.row: list[list[Line]] = []
        self.cell: list[Line] = []
        self.table_line = 0
        self.carry: Para | None = None  # a paragraph whose mark was deleted
        self.carry_number = 0
        self.row_deleted = False
        self.starts: list[int] = []  # run_split: offsets of the w:p start tags

    def run(self, tokens: list[tuple[str, ...]]):
        """The Lines; None at a text box, comment or CDATA section (lxml reads those); _REVISED at
        tracked changes or alternate content (to be cut out first)."""
        for opened, empty, closed, piece, inline, inline_attrs, prop, value, deleted, odd in tokens:
            # the frequent tokens (text, paragraph start and end, pStyle) are handled here
            if piece:
                if self.para is not None:
                    self.para.add_text(piece)
            elif opened == "p" and self.carry is None:
                self.number += 1
                self.carry_number = self.number
                self.para = None if empty else Para()
            elif closed == "p" and not self.depth:
                para = self.para
                if para is not None:
                    self.para = None
                    if para.merge:
                        self.carry = para
                    else:
                        line = make_line(para, self.carry_number, self.page_next, self.hint, self.numbering)
                        self.page_next = para.breaks == "after" or (line is None and para.page_break)
                        if line is not None:
                            self.out.append(line)
            elif prop == "pStyle":
                if self.para is not None:
                    self.para.style = value
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
            elif deleted:
                if self.para is not None:
                    self.para.merge = True
                elif self.depth:
                    self.row_deleted = True
            elif odd:
                return None if odd[0] == "!" or odd.endswith("txbxContent") else _REVISED
        if self.carry is not None:
            self._emit(self.carry, self.carry_number)
        return self.out

    def run_split(self, body: str, offset: int = 0):
        """run's result for the body's XML read with `str` methods (docx_split), or None; `starts`
        gets where each w:p start tag is (body[0] being at `offset`).

        The body is cut after each </w:t>: a piece is tags (the same few, over and over: read once
        per body) and the text token that ends it."""
        prefix = self.prefix
        name = prefix + ":t"
        usual = (name + ">", name + " ")
        closing = len(name) + 3
        known: dict[str, tuple | None] = {}
        heads = set()  # w:t start tags met, without their ">"
        pieces = body.split(f"</{name}>")
        tail = pieces.pop()
        for piece in pieces:
            xml, _, text = piece.rpartition("<")
            found = known[xml] if xml in known else known.setdefault(xml, tags(xml, prefix))
            if found is None:
                return None
            if found:
                self._tokens(found, offset)
            offset += len(piece) + closing
            head, gt, content = text.partition(">")
            if not gt or head not in heads:
                if not text.startswith(usual) and not (
                    text.startswith(name) and text[len(name) : len(name) + 1].isspace()
                ):
                    return None  # the tag before this </w:t> is no w:t start tag
                if gt:
                    heads.add(head)
            para = self.para
            if content and para is not None:
                if para.runin & 1 or "&" in content:  # in a run-in run (1) or after it (3), or an entity
                    para.add_text(content)
                else:
                    para.parts.append(content)  # add_text's usual case, without the call
        found = tags(tail, prefix)
        if found is None:
            return None
        self._tokens(found, offset)
        if self.carry is not None:
            self._emit(self.carry, self.carry_number)
        return self.out

    def _tokens(self, found: tuple, offset: int) -> None:
        """Tags read by docx_split (where in the body: + offset): each as run reads the same token."""
        for kind, name, value, at in found:
            if kind == CLOSE_P:
                para = self.para
                if not self.depth and para is not None and not para.merge:  # run's own shortcut
                    self.para = None
                    line = make_line(para, self.carry_number, self.page_next, self.hint, self.numbering)
                    self.page_next = para.breaks == "after" or (line is None and para.page_break)
                    if line is not None:
                        self.out.append(line)
                else:
                    self._close(name)
            elif kind == OPEN_P:
                self.starts.append(offset + at)
                if self.carry is None:  # run's own shortcut
                    self.number += 1
                    self.carry_number = self.number
                    self.para = None if value else Para()
                else:
                    self._open(name, value)
            elif kind == PROP:
                para = self.para
                if para is not None:
                    if name == "pStyle":
                        para.style = value
                    else:
                        self._property(para, name, value)
            elif kind == OPEN:
                self._open(name, value)
            elif kind == CLOSE:
                self._close(name)
            elif self.para is not None:
                self._inline(self.para, name, value)

    def _open(self, opened: str, empty: str) -> None:
        if opened == "p":
            self.number += 1
            if self.carry is not None:
                para, self.carry = self.carry, None
                self.para = para.continued()
                if empty:
                    self._emit(para, self.carry_number)
                    self.para = None
            else:
                self.carry_number = self.number
                self.para = None if empty else Para()
        elif opened == "tbl":
            self.depth += 1
            if self.depth == 1:
                self.rows, self.table_line = [], self.number + 1
        elif self.depth == 1 and opened == "tr":
            self.row, self.row_deleted = [], False
        elif self.depth == 1 and opened == "tc":
            self.cell = []
            if empty:
                self.row.append([])

    def _close(self, closed: str) -> None:
        if closed == "p":
            para = self.para
            if para is None:
                return
            self.para = None
            if para.merge:
                self.carry = para
                return
            self._emit(para, self.carry_number)
        elif closed == "tbl":
            self.depth -= 1
            if self.depth == 0:
                self.out.extend(table_lines(self.rows, self.table_line))
        elif self.depth == 1 and closed == "tr":
            if not self.row_deleted:
                self.rows.append(self.row)
        elif self.depth == 1 and closed == "tc":
            self.row.append(self.cell)

    def _emit(self, para: Para, number: int) -> None:
        """A finished paragraph's Line, into the current table cell or the body."""
        if self.depth:
            line = make_line(para, number, False, self.hint, self.numbering)
            if line is not None:
                self.cell.append(line)
            return
        line = make_line(para, number, self.page_next, self.hint, self.numbering)
        self.page_next = para.breaks == "after" or (line is None and para.page_break)
        if line is not None:
            self.out.append(line)

    @staticmethod
    def _property(para: Para, prop: str, value: str) -> None:
        if prop == "rStyle":
            if value.startswith(RUNIN_PREFIX):
                if para.runin == 0:
                    para.runin = 2 if para.parts else 1
                elif para.runin == 3:
                    para.runin = 1
        else:
            para.set_property(prop, value)

    def _inline(self, para: Para, inline: str, attrs: str) -> None:
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
