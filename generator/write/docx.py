"""Document tree to .docx in GB/T 9704 layout.

The package (styles, footers, settings) is built once per style profile (write/package.py); each
document then only adds its body XML, written as strings, to a copy of that package's zip.
"""

from __future__ import annotations

from generator.numbering import Counter
from generator.ooxml import xml as x
from generator.ooxml.layout import Layout, load_layout
from generator.ooxml.vocab import STYLES as S
from generator.tree import Document, Heading, Paragraph, Table, heading_text, sentence
from generator.write import header as _header
from generator.write import imprint as _imprint
from generator.write.squeeze import squeeze
from generator.write.package import StyleOptions, assemble, base_package, sections
from generator.write.table import column_widths
from generator.write.text import annex_lines, note_text, recipients_text
from generator.paging import plan
from generator.paging.signature import signature_lines
from generator.paging.titles import title_lines

__all__ = ["StyleOptions", "write_docx"]

KEEP = "<w:keepNext/>"
ORPHANS = '<w:widowControl w:val="1"/>'  # never one line of the paragraph alone at a page's foot or head


def write_docx(doc: Document, options: StyleOptions | None = None) -> bytes:
    """The .docx bytes for a document tree."""
    options = options or StyleOptions()
    base = base_package(options)
    layout = load_layout(options.layout_path)
    body = _Body(layout, sections(base, layout), layout.fonts(options.fonts)).document(doc)
    document_xml = base.document_head + body + "</w:body></w:document>"
    author = next((d.signatures[0] for d in doc.all_documents() if d.signatures), "")
    return assemble(base, document_xml, doc.title.replace("\n", ""), author)


class _Body:
    """Builds the body XML of a document tree."""

    def __init__(self, layout: Layout, sect: dict[str, str], fonts=None):
        self.layout = layout
        self.fonts = fonts  # ooxml.layout.Fonts: for the one run LibreOffice will not style (the 版头's 「文件」)
        self.char = layout.char
        self.sect = sect
        self.section = "body"
        self.out: list[str] = []

    def document(self, doc: Document) -> str:
        """All documents (main, parts, attachments), then the 版记: at the foot of the last body page
        when the line model (generator/paging) puts the body's end on an even page with room for it
        and half a grid line to spare, else in a section of its own on the next even page."""
        decided = plan(doc, self.layout)
        self.tails, self.scales = decided.tails, decided.scales
        for index, part in enumerate(doc.all_documents()):
            wanted = "landscape" if part.landscape else "body"
            if wanted != self.section:
                self._end_section()
                self.section = wanted
                new_page = False  # a section starts on a new page
            else:
                new_page = index > 0
            self._one(part, new_page)
        if doc.imprint and decided.imprint_in_place:
            self.out.append(_imprint.imprint_in_place_xml(doc.imprint, self.layout))
        elif doc.imprint:
            self._end_section()
            self.out.append(_imprint.imprint_xml(doc.imprint, self.layout))
            self.section = "imprint"
        return "".join(self.out) + self.sect[self.section]

    def _end_section(self) -> None:
        """Close the current section with the last paragraph written."""
        last = self.out[-1]
        cut = last.rfind("</w:pPr>")
        sect = self.sect[self.section]
        self.out[-1] = (
            (last[:cut] + sect + last[cut:]) if cut >= 0 else last.replace("<w:p>", f"<w:p><w:pPr>{sect}</w:pPr>", 1)
        )

    def _one(self, doc: Document, new_page: bool) -> None:
        out = self.out
        page_break = "<w:pageBreakBefore/>" if new_page else ""
        if doc.label:
            out.append(x.para(x.run(doc.label), S.attachment_label, page_break))
            page_break = ""
        if doc.header:
            out.append(_header.header_xml(doc.header, doc.doc_number, self.layout, page_break, self.fonts))
            page_break = ""
        elif doc.doc_number:
            out.append(self._doc_number(doc, page_break))
            page_break = ""
        squeeze_from = len(out)
        if doc.title:
            out.append(self._title(doc, page_break))
        if doc.recipients:
            out.append(x.para(x.runs(recipients_text(doc.recipients), "", S.cjk(S.recipients)), S.recipients))
        tail = self.tails.get(id(doc))
        counter = Counter()
        for index, block in enumerate(doc.blocks):
            extra = ""
            if tail is not None and index == tail.index:
                extra = (KEEP if tail.keep_next else "") + ORPHANS
            if isinstance(block, Heading):
                out.append(self._heading(block, counter.next(block.level), extra))
            elif isinstance(block, Paragraph):
                out.append(x.para(x.runs(block.text, "", S.cjk(S.normal)), "", extra))
            elif isinstance(block, Table):
                last = index == len(doc.blocks) - 1 and not (doc.annexes or doc.signatures or doc.date or doc.notes)
                out.append(self._table(block, last))
        self._annexes(doc)
        self._signature(doc)
        for note in doc.notes:
            out.append(x.para(x.runs(note_text(note), "", S.cjk(S.note)), S.note))
        if id(doc) in self.scales:
            out[squeeze_from:] = [squeeze(xml, self.scales[id(doc)], self.layout) for xml in out[squeeze_from:]]

    def _title(self, doc: Document, page_break: str) -> str:
        """The title in lines broken between words (an explicit line break wins)."""
        style = S.attachment_title if doc.label else S.title
        lines = title_lines(doc.title, self.layout)
        runs = x.BREAK.join(x.runs(line, "", S.cjk(style)) for line in lines)
        before = ""
        if doc.header:  # 标题在红色分隔线下空二行（7.3.1）
            before = x.spacing(
                before=self.layout.header["lines_after_rule"] * self.layout.line_pitch,
                after=self.layout.spacing["after_title"] * self.layout.line_pitch,
                line=self.layout.line_pitch,
                exact=True,
            )
        return x.para(runs, style, page_break + before)

    def _heading(self, heading: Heading, label: str, extra: str = "") -> str:
        if heading.runin:
            style = S.runin(heading.level)
            runs = x.runs(label + sentence(heading.title), style, S.cjk(style))
            body = x.runs(heading.body, "", S.cjk(S.normal)) if heading.body else ""
            return x.para(runs + body, "", ORPHANS + extra.replace(ORPHANS, ""))
        style = S.heading(heading.level)
        return x.para(x.runs(heading_text(heading, label), "", S.cjk(style)), style, extra.replace(ORPHANS, ""))

    def _doc_number(self, doc: Document, page_break: str) -> str:
        """Centred for downward documents; upward ones start one character in, 签发人 on the right."""
        if not (doc.upward or doc.signer):
            return x.para(x.run(doc.doc_number), S.doc_number, page_break + '<w:jc w:val="center"/>')
        runs = x.run(doc.doc_number)
        positions = self.layout.positions
        ppr = page_break + '<w:jc w:val="left"/>' + x.ind(left=positions["doc_number_indent"] * self.char)
        if doc.signer:
            stop = self.layout.text_width - positions["signer_right"] * self.char
            ppr = f'<w:tabs><w:tab w:val="right" w:pos="{stop}"/></w:tabs>' + ppr
            runs += x.TAB + x.run("签发人：") + x.run(doc.signer, S.signer_name)
        return x.para(runs, S.doc_number, ppr)

    def _annexes(self, doc: Document) -> None:
        """附件说明 (7.3.4): 「附件：」 one line under the body, numbered when there are several."""
        many = len(doc.annexes) > 1
        for index, text in enumerate(annex_lines(doc)):
            left = (5 + (1 if many else 0)) * self.char
            hanging = (3 if index == 0 else 0) * self.char + (self.char if many else 0)
            ppr = x.ind(left=left, hanging=hanging) + (x.spacing(before=self.layout.line_pitch) if index == 0 else "")
            self.out.append(x.para(x.runs(text, "", S.cjk(S.annex)), S.annex, KEEP + ppr))

    def _signature(self, doc: Document) -> None:
        """Signatures two characters from the right; the date starts two characters right of them
        (widths as LibreOffice sets them: paging/signature.py)."""
        tail = self.tails.get(id(doc))
        lines = signature_lines(doc, self.layout, bool(tail and tail.tight))
        for index, (text, indent, before) in enumerate(lines):
            # The block holds together and with the 附注; its last line keeps with nothing after it.
            last = index == len(lines) - 1 and not doc.notes
            self.out.append(
                x.para(
                    x.run(text), S.signature, self._right(indent, before) + ('<w:keepNext w:val="0"/>' if last else "")
                )
            )

    def _right(self, chars: float, before: int) -> str:
        spacing = x.spacing(before=before) if before else ""
        return spacing + x.ind(right=round(chars * self.char), first=0)

    def _table(self, table: Table, last: bool = False) -> str:
        """A table and the paragraph Word requires after it: a blank line, or at the end of a
        document part a paragraph too small to spill onto a page of its own."""
        count = max(len(row) for row in table.rows) if table.rows else 0
        header = table.rows[0] if table.rows else []
        width = self.layout.text_width if not self.section == "landscape" else self.layout.text_height
        widths = column_widths(table.widths, header, count, width, self.layout)
        rows = []
        for index, row in enumerate(table.rows):
            is_header = index < table.header_rows
            style = S.table_header if is_header else S.table_text
            cells = [
                x.para(x.runs(text, "", S.cjk(style)), style, '<w:jc w:val="center"/>' if text.isdigit() else "")
                for text in row + [""] * (count - len(row))
            ]
            rows.append(x.table_row(cells, widths, is_header))
        after = x.para("", S.spacer) if last else x.para("", S.table_text)
        return x.table("".join(rows), widths, self.layout.table["cell_margin"]) + after
