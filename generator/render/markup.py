"""The line markup templates produce, and its parser into the document tree.

One line, one element; blank lines are ignored and leading spaces stripped:

    @title TEXT           title (several @title lines make a multi-line title)
    @doc-number TEXT      发文字号          @signer NAME     签发人 (upward documents)
    @upward               lay the 发文字号 out as an upward document
    @to TEXT              主送 (the full-width colon is added)
    @sign TEXT            signature line, repeatable
    @date 2023-01-04      date of writing    @note TEXT       附注
    @cc TEXT  @printer TEXT  @print-date 2023-01-05      版记
    @header-issuer NAME   版头: 发文机关标志 (repeat for 联合行文)    @header-file   add 「文件」
    @copy-number TEXT  @secrecy TEXT  @urgency TEXT      份号, 密级, 紧急程度 in the 版头
    @annex TEXT           附件说明: one attachment's name (repeatable)
    @landscape            the current attachment on landscape pages
    @part                 a new document on a new page (work points after a notice)
    @attachment 附件      an attachment on a new page, with its label
    # TEXT … #### TEXT    standalone heading, levels 1-4 (numbers are generated)
    ###+ TEXT             run-in heading: the next paragraph line is its body
    @widths 1 4 3         relative column widths of the next table
    | a | b | c |         table row (first row of a table is its header); \\| is a literal bar
    \\TEXT                a paragraph that starts with # @ | or \\
    anything else         a paragraph

Spec text is data. Before it reaches a template, `protect` replaces what could make structure
(a line break, a leading markup character, a table bar) with process-internal noncharacters;
the parser reads the structure first and turns them back into text afterwards. So a spec string
holding "\n@note …", a leading #, or a | inside a task title stays text, however a template
places it. Lines are split at "\n" only (str.splitlines would also split at U+2028, \x85, …).
"""

from __future__ import annotations

import datetime as dt
import re

from generator.lexicon import lazy
from generator.lexicon.chars import WIDE_CLASS
from generator.errors import Problem, TemplateError
from generator.tree import Document, Header, Heading, Imprint, Paragraph, Table

_HEADING = lazy(r"^(#{1,4})(\+?)\s+(.*)$")
_CELL_SPLIT = lazy(r"(?<!\\)\|")

# Noncharacters (U+FDD0-U+FDEF are reserved for a process's internal use) standing for spec text's
# line breaks, the mark before a leading markup character, and table bars.
DATA_NEWLINE, DATA_LITERAL, DATA_BAR = "\ufdd0", "\ufdd1", "\ufdd2"
_MARKS = DATA_NEWLINE + DATA_LITERAL + DATA_BAR
_CJK_BREAK = lazy(f"(?<={WIDE_CLASS}){DATA_NEWLINE}(?={WIDE_CLASS})")


def protect(text: str) -> str:
    """Spec text as markup data: no line break, leading markup character or bar in it makes structure."""
    if "\n" not in text and "|" not in text and "\r" not in text:
        first = text[:1]
        if not first or first not in "#@\\" and not first.isspace():
            return text  # the common case, tested without a regular expression (it runs per string)
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", DATA_NEWLINE).replace("|", DATA_BAR)
    body = text.lstrip()
    if body[:1] in ("#", "@", "\\") and body:
        text = text[: len(text) - len(body)] + DATA_LITERAL + body
    return text


def _inline(text: str) -> str:
    """Protected text back as one line: a line break becomes a space, or nothing between CJK characters."""
    if not any(c in text for c in _MARKS):
        return text
    text = _CJK_BREAK.sub("", text.replace(DATA_LITERAL, "").replace(DATA_BAR, "|"))
    return re.sub(f"\\s*{DATA_NEWLINE}\\s*", " ", text).strip()


def _lines(text: str) -> list[str]:
    """Protected text back as its lines (a paragraph with line breaks is several paragraphs)."""
    if not any(c in text for c in _MARKS):
        return [text]
    return [line.strip() for line in text.replace(DATA_LITERAL, "").replace(DATA_BAR, "|").split(DATA_NEWLINE)]


def parse(text: str, source: str = "<template>") -> Document:
    """Parse rendered markup into a Document."""
    root = Document()
    doc = root
    pending: Heading | None = None
    table: Table | None = None
    widths: list[float] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("|"):
            table = None
        if line.startswith("@widths"):
            widths = _widths(line, number, source)
        elif line.startswith("@"):
            pending = None
            doc = _directive(root, doc, line, number, source)
        elif heading_match := _HEADING.match(line):
            marks, runin, title = heading_match.groups()
            heading = Heading(len(marks), _inline(title.strip()), bool(runin), line=number)
            doc.blocks.append(heading)
            pending = heading if runin else None
        elif line.startswith("|"):
            pending = None
            cells = [_inline(c.strip().replace("\\|", "|")) for c in _CELL_SPLIT.split(line.strip("|"))]
            if table is None:
                table = Table([], widths=widths, line=number)
                doc.blocks.append(table)
                widths = []
            table.rows.append(cells)
        else:
            pending = _paragraphs(doc, line[1:] if line.startswith("\\") else line, number, pending)
    return root


def _paragraphs(doc: Document, text: str, number: int, pending: Heading | None) -> Heading | None:
    """A paragraph line (several paragraphs if spec text in it had line breaks); the first may be
    the body of a pending run-in heading, which is returned while it still waits for one."""
    for piece in _lines(text):
        if not piece:
            continue
        if pending is not None:
            pending.body = piece
            pending = None
        else:
            doc.blocks.append(Paragraph(piece, number))
    return pending


def _directive(root: Document, doc: Document, line: str, number: int, source: str) -> Document:
    """Apply one @directive; returns the document that following lines belong to."""
    name, _, value = line[1:].partition(" ")
    if name == "title":
        value = "\n".join(piece for piece in _lines(value) if piece)
    else:
        value = _inline(value.strip())
    if name == "part":
        part = Document()
        root.parts.append(part)
        return part
    if name == "attachment":
        part = Document(label=value or "附件")
        root.parts.append(part)
        return part
    if name == "title":
        doc.title = f"{doc.title}\n{value}" if doc.title else value
        doc.title_line = doc.title_line or number
    elif name == "doc-number":
        doc.doc_number, doc.doc_number_line = value, number
    elif name == "signer":
        doc.signer = value
    elif name == "upward":
        doc.upward = True
    elif name == "to":
        doc.recipients, doc.recipients_line = value, number
    elif name == "sign":
        doc.signatures.append(value)
        doc.signature_line = doc.signature_line or number
    elif name == "date":
        doc.date, doc.date_line = _iso_date(value, number, source), number
    elif name == "note":
        doc.notes.append(value)
    elif name in _HEADER_FIELDS:
        doc.header = doc.header or Header()
        if name == "header-issuer":
            doc.header.issuers.append(value)
        elif name == "header-file":
            doc.header.file = True
        else:
            setattr(doc.header, _HEADER_FIELDS[name], value)
    elif name == "annex":
        doc.annexes.append(value)
    elif name == "landscape":
        doc.landscape = True
    elif name in ("cc", "printer", "print-date"):
        root.imprint = root.imprint or Imprint()
        if name == "cc":
            root.imprint.cc = value
        elif name == "printer":
            root.imprint.printer = value
        else:
            root.imprint.print_date = _iso_date(value, number, source)
    else:
        raise TemplateError(
            Problem(
                f"模板输出了未知指令「@{name}」（模板输出的第 {number} 行；以「@」开头的文字请写成「\\@」）",
                source,
                number,
            )
        )
    return doc


_HEADER_FIELDS = {
    "header-issuer": "issuers",
    "header-file": "file",
    "copy-number": "copy_number",
    "secrecy": "secrecy",
    "urgency": "urgency",
}


def _widths(line: str, number: int, source: str) -> list[float]:
    try:
        values = [float(v) for v in line.split()[1:]]
    except ValueError:
        values = []
    if not values or min(values) <= 0:
        raise TemplateError(Problem("「@widths」后应为正数，如 @widths 1 4 3", source, number))
    return values


def _iso_date(value: str, number: int, source: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TemplateError(Problem(f"日期「{value}」应写作 2023-01-04 的形式", source, number)) from None
