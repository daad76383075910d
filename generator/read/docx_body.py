"""document.xml's body as draft lines: a tokenizer (docx_tokens, docx_split), else lxml (docx_lxml).

Parsing document.xml with lxml and walking it costs about twice the parse itself (an lxml
proxy object per element). The usual document (a WordprocessingML main part with a namespace
prefix, no text boxes) is therefore read by a tokenizer over the XML text (`str` methods,
else one regular expression); anything else, and any XML the tokenizer cannot vouch for, goes through lxml, which
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

from typing import TYPE_CHECKING
from collections.abc import Callable

from generator.read.docx_package import FALSE, Package, patterns
from generator.read.limits import check_body
from generator.read.docx_styles import Styles
from generator.lexicon.chars import STRIP
from generator.read.lines import Line, is_heading
from generator.tree import Table

if TYPE_CHECKING:  # imported where a package has numbering: most drafts written by fazhi have none
    from generator.read.docx_numbering import Numbering

Hint = Callable[[str], tuple[str, int]]


class Body:
    """The body's lines, and what the layout facts need of its XML."""

    __slots__ = ("lines", "prefix", "xml", "sect", "runs", "pprs", "starts")

    def __init__(
        self, lines: list[Line], prefix: str = "w", xml: str = "", sect: str = "", starts: list[int] | None = None
    ) -> None:
        self.lines = lines
        self.prefix = prefix
        self.xml = xml  # fast path: XML text holding the body's paragraphs (revisions removed)
        self.sect = sect  # the last w:sectPr as XML text
        self.starts = starts or []  # fast path: paragraph_starts(xml), when the tokenizer knew them
        self.runs: dict[int, str] = {}  # lxml path: paragraph number → first text run XML
        self.pprs: dict[int, str] = {}  # lxml path: paragraph number → its pPr XML


def read_body(package: Package, styles: Styles) -> Body:
    """word/document.xml's body: the tokenizer if it vouches for the XML, else lxml."""
    data = package.read("word/document.xml", required=True)
    assert data is not None  # required: read raises rather than answer None
    raw = check_body(data, package.name)
    from generator.read.docx_tokens import fast_body

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
    if upto is not None and len(starts) >= upto:
        return starts
    for found in patterns(prefix)["p_open"].finditer(xml, starts[-1] + 1 if starts else 0):
        starts.append(found.start())
        if upto is not None and len(starts) >= upto:
            break
    return starts


class Para:
    """A paragraph being read (the defaults are class attributes: one is made per paragraph)."""

    style = outline = jc = breaks = num_id = ilvl = ""
    page_break = False
    runin = 0  # 0 none yet, 1 in a run-in run, 3 between run-in runs, 2 done
    runin_len = 0
    merge = False  # its paragraph mark was deleted: it runs on into the next paragraph

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

    def add_text(self, piece: str) -> None:
        """A w:t's text (escaped as in the XML); it ends the run-in sentence begun before it."""
        if "&" in piece:
            import html  # only for text holding an entity

            piece = html.unescape(piece)
        if self.runin == 1:
            self.runin_len += len(piece)
            self.runin = 3
        elif self.runin == 3:
            self.runin = 2
        self.parts.append(piece)

    def continued(self) -> Para:
        """This paragraph's text carried into the next paragraph, whose properties it takes."""
        self.style = self.outline = self.jc = self.num_id = self.ilvl = ""
        self.page_break = self.merge = False
        return self


def make_line(para: Para, number: int, page_next: bool, hint: Hint, numbering: Numbering | None = None) -> Line | None:
    """The Line of a read paragraph; None if it holds no text. With `numbering`, the label Word's
    automatic numbering shows is put before the text (and counted, empty paragraphs too)."""
    parts = para.parts
    text = parts[0] if len(parts) == 1 else "".join(parts)
    label = (
        numbering.label(para.num_id, para.ilvl, para.style)
        if numbering is not None and (para.num_id or para.style)
        else ""
    )
    stripped = text.strip(STRIP)
    if not stripped:
        return None
    if label:
        text = stripped = label + stripped
        if para.runin_len:
            para.runin_len += len(label)
    line = Line(
        stripped,
        number,
        False,
        "",
        0,
        0,
        page_next or para.page_break or para.breaks == "before",
        para.jc in ("left", "start"),
        None,
        para.style,
    )
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
    if "word/numbering.xml" not in package.names:
        return None
    from generator.read.docx_numbering import Numbering

    return Numbering.of(package, styles)
