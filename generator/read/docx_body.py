"""document.xml's body as draft lines: a regular-expression tokenizer, else lxml (docx_lxml).

Parsing document.xml with lxml and walking it costs about twice the parse itself (an lxml
proxy object per element). The usual document (a WordprocessingML main part with a namespace
prefix, no text boxes) is therefore read by one regular-expression tokenizer over the XML
text; anything else, and any XML the tokenizer cannot vouch for, goes through lxml, which
also reports malformed XML.

What is body text: inserted text (w:ins) is, deleted text (w:del, w:moveFrom) is not, and a
paragraph whose mark was deleted runs on into the next one; the old properties kept by
w:pPrChange / w:rPrChange are not the paragraph's. Of mc:AlternateContent only the Choice is
read (the Fallback repeats it). Comments, footnotes and headers live in other parts.

Tables: a one-cell or one-column table is a box drawn around text (a heading box, a framed
paragraph): its paragraphs are read as body lines; a table whose first row is one heading
(a layout table) gives that heading as a line and the other rows as the table.

Line numbers count every w:p in the body in document order (empty ones, table cells and text
boxes included).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable

from generator.lexicon import lazy
from generator.ooxml.vocab import RUNIN_PREFIX
from generator.read.docx_numbering import Numbering
from generator.read.docx_revisions import without_revisions
from generator.read.docx_package import FALSE, PREFIX, Package, attr, patterns
from generator.read.limits import check_body
from generator.read.docx_styles import Styles
from generator.read.structure import STRIP, Line, is_heading
from generator.tree import Table

Hint = Callable[[str], tuple[str, int]]
_REVISED: list = []  # the tokenizer met revisions: a sentinel, never a result
_UTF8_DECLARED = lazy(rb'encoding=["\']utf-?8["\']', re.I)


@dataclass
class Body:
    """The body's lines, and what the layout facts need of its XML."""

    lines: list[Line]
    prefix: str = "w"
    xml: str = ""                # fast path: XML text holding the body's paragraphs (revisions removed)
    sect: str = ""               # the last w:sectPr as XML text
    runs: dict[int, str] = field(default_factory=dict)  # lxml path: paragraph number → first text run XML
    pprs: dict[int, str] = field(default_factory=dict)  # lxml path: paragraph number → its pPr XML


def read_body(package: Package, styles: Styles) -> Body:
    """word/document.xml's body: the tokenizer if it vouches for the XML, else lxml."""
    data = package.read("word/document.xml", required=True)
    assert data is not None  # required: read raises rather than answer None
    raw = check_body(data, package.name)
    body = fast_body(raw, styles)
    if body is not None:
        return body
    from generator.read.docx_lxml import lxml_body

    return lxml_body(raw, styles, package.name)


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


class Para:
    """A paragraph being read (the defaults are class attributes: one is made per paragraph)."""

    style = outline = jc = breaks = num_id = ilvl = ""
    page_break = False
    runin = 0          # 0 none yet, 1 in a run-in run, 3 between run-in runs, 2 done
    runin_len = 0
    merge = False      # its paragraph mark was deleted: it runs on into the next paragraph

    def __init__(self) -> None:
        self.parts: list[str] = []

    def set_property(self, name: str, value: str) -> None:
        """Record one of pStyle, outlineLvl, pageBreakBefore, jc, numId, ilvl."""
        if name == "pStyle":
            self.style = value
        elif name == "numId":
            self.num_id = value
        elif name == "ilvl":
            self.ilvl = value
        elif name == "outlineLvl":
            self.outline = value
        elif name == "pageBreakBefore":
            self.page_break = value not in FALSE
        else:
            self.jc = value

    def continued(self) -> Para:
        """This paragraph's text carried into the next paragraph, whose properties it takes."""
        self.style = self.outline = self.jc = self.num_id = self.ilvl = ""
        self.page_break = self.merge = False
        return self


def make_line(para: Para, number: int, page_next: bool, hint: Hint, numbering: Numbering | None = None
              ) -> Line | None:
    """The Line of a read paragraph; None if it holds no text. With `numbering`, the label Word's
    automatic numbering shows is put before the text (and counted, empty paragraphs too)."""
    parts = para.parts
    text = parts[0] if len(parts) == 1 else "".join(parts)
    label = numbering.label(para.num_id, para.ilvl, para.style) if numbering is not None and (
        para.num_id or para.style) else ""
    stripped = text.strip(STRIP)
    if not stripped:
        return None
    if label:
        text = stripped = label + stripped
        if para.runin_len:
            para.runin_len += len(label)
    line = Line(stripped, number, False, "", 0, 0, page_next or para.page_break or para.breaks == "before",
                para.jc in ("left", "start"), None, para.style)
    if para.style:
        line.kind, line.level = hint(para.style)
    if para.outline and line.kind in ("", "heading") and para.outline.isdigit() and int(para.outline) < 4:
        line.kind, line.level = "heading", int(para.outline) + 1
    if para.runin_len:
        lead = len(text) - len(text.lstrip(STRIP)) if text[0] in STRIP else 0  # no copy of the usual text
        line.runin = para.runin_len - lead
    return line


def table_lines(rows: list[list[list[Line]]], number: int) -> list[Line]:
    """A table's Lines: a box's paragraphs, a layout table's heading, the rest as one Table line."""
    if not rows:
        return []
    if all(len(row) <= 1 for row in rows):  # one cell, or one column: a box around text
        return [line for row in rows for cell in row for line in cell]
    head: list[Line] = []
    filled = [cell for cell in rows[0] if cell]
    if len(filled) == 1 and is_heading(filled[0][0]):
        head, rows = list(filled[0]), rows[1:]
        number = min((ln.line for row in rows for cell in row for ln in cell), default=head[-1].line + 1)
    texts = [["\n".join(ln.text for ln in cell) for cell in row] for row in rows]
    if any(any(row) for row in texts):
        head.append(Line("", number, table=Table(texts, line=number)))
    return head


def numbering_of(styles: Styles) -> Numbering | None:
    """The package's automatic numbering; None when it has no numbering part."""
    package = styles.package
    return Numbering.of(package, styles) if "word/numbering.xml" in package.names else None


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


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
    found = PREFIX.search(text, 0, 4096)
    if not found:
        return None
    prefix = found.group(1)
    w = prefix + ":"
    start, end = text.find(f"<{w}body>"), text.rfind(f"</{w}body>")
    if start < 0 or end < start or not text[-256:].rstrip().endswith(f"</{w}document>"):
        return None
    start += len(w) + 6
    token = patterns(prefix)["token"]
    numbering = numbering_of(styles)
    lines = _Tokenizer(prefix, styles.hint, numbering).run(token.findall(text, start, end))
    if lines is _REVISED:  # tracked changes or alternate content: cut them out, read again
        cut = without_revisions(text[start:end], prefix, text)
        if cut is None:
            return None
        text, start, end = cut, 0, len(cut)
        if numbering is not None:
            numbering.reset()
        lines = _Tokenizer(prefix, styles.hint, numbering).run(token.findall(text))
    if lines is None or lines is _REVISED:
        return None
    sect = text.rfind(f"<{w}sectPr", start, end)
    return Body(lines, prefix, text, text[sect:end] if sect >= 0 else "")


class _Tokenizer:
    """The tokens of a body's XML into Lines: paragraphs, tables of top-level rows and cells.

    Run-in state (fazhi writes the heading sentence as one FzRunIn run, then the body):
    1 after an FzRunIn rStyle, 3 after that run's text, 2 done.
    """

    __slots__ = ("prefix", "hint", "numbering", "out", "number", "para", "page_next", "depth", "rows", "row", "cell",
                 "table_line", "carry", "carry_number", "row_deleted")

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
        self.carry: Para | None = None       # a paragraph whose mark was deleted
        self.carry_number = 0
        self.row_deleted = False

    def run(self, tokens: list[tuple[str, ...]]):
        """The Lines; None at a text box, comment or CDATA section (lxml reads those); _REVISED at
        tracked changes or alternate content (to be cut out first)."""
        for opened, empty, closed, piece, inline, inline_attrs, prop, value, deleted, odd in tokens:
            # the frequent tokens (text, paragraph start and end, pStyle) are handled here
            if piece:
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
