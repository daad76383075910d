"""Document tree to .docx in GB/T 9704 layout.

python-docx builds the package once per style profile (styles, section, odd/even footers,
settings); each document then only adds its body XML, written as strings, to a copy of
that package's zip.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass

from generator.ooxml import xml as x
from generator.ooxml.vocab import STYLES as S
from generator.ooxml.layout import Fonts, Layout, load_layout
from generator.numbering import Counter
from generator.write.text import note_text, recipients_text
from generator.tree import Document, Heading, Paragraph, Table, cn_date, heading_text, sentence



@dataclass(frozen=True)
class StyleOptions:
    """What changes the styles part: font profile and bold level-3 headings."""

    fonts: str = "gb2312"
    heading3_bold: bool = False
    layout_path: str | None = None


def write_docx(doc: Document, options: StyleOptions = StyleOptions()) -> bytes:
    """The .docx bytes for a document tree."""
    base = _base_package(options)
    layout = load_layout(options.layout_path)
    body = _Body(layout).document(doc)
    document_xml = base.document_head + body + base.sect_pr + "</w:body></w:document>"
    buffer = io.BytesIO(base.zip_bytes)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("word/document.xml", document_xml)
        package.writestr("docProps/core.xml", x.core_properties(
            doc.title.replace("\n", ""), "fazhi", dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")))
    return buffer.getvalue()


class _Body:
    """Builds the body XML of a document tree."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.char = layout.char
        self.out: list[str] = []

    def document(self, doc: Document) -> str:
        """All documents (main, parts, attachments) and the 版记."""
        for index, part in enumerate(doc.all_documents()):
            self._one(part, new_page=index > 0)
        if doc.imprint:
            self._imprint(doc)
        return "".join(self.out)

    def _one(self, doc: Document, new_page: bool) -> None:
        out = self.out
        page_break = "<w:pageBreakBefore/>" if new_page else ""
        if doc.label:
            out.append(x.para(x.run(doc.label), S.attachment_label, page_break))
            page_break = ""
        if doc.doc_number:
            out.append(self._doc_number(doc, page_break))
            page_break = ""
        if doc.title:
            title_style = S.attachment_title if doc.label else S.title
            runs = x.BREAK.join(x.run(line) for line in doc.title.splitlines())
            out.append(x.para(runs, title_style, page_break))
        if doc.recipients:
            out.append(x.para(x.run(recipients_text(doc.recipients)), S.recipients))
        counter = Counter()
        for block in doc.blocks:
            if isinstance(block, Heading):
                out.append(self._heading(block, counter.next(block.level)))
            elif isinstance(block, Paragraph):
                out.append(x.para(x.run(block.text)))
            elif isinstance(block, Table):
                out.append(self._table(block))
        self._signature(doc)
        for note in doc.notes:
            out.append(x.para(x.run(note_text(note)), S.note))

    def _heading(self, heading: Heading, label: str) -> str:
        if heading.runin:
            runs = x.run(label + sentence(heading.title), S.runin(heading.level))
            return x.para(runs + (x.run(heading.body) if heading.body else ""))
        return x.para(x.run(heading_text(heading, label)), S.heading(heading.level))

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

    def _signature(self, doc: Document) -> None:
        """Signatures two characters from the right; the date starts two characters right of them."""
        if not (doc.signatures or doc.date):
            return
        date_text = cn_date(doc.date) if doc.date else ""
        widest = max((text_width(s) for s in doc.signatures), default=0.0)
        right = float(self.layout.positions["signature_right"])
        before_signature = self.layout.spacing["before_signature"] * self.layout.line_pitch
        if doc.signatures and date_text:
            right += max(0.0, text_width(date_text) - (widest - 2))
        for index, name in enumerate(doc.signatures):
            indent = right + (widest - text_width(name)) / 2
            before = before_signature if index == 0 else 0
            self.out.append(x.para(x.run(name), S.signature, self._right(indent, before)))
        if date_text:
            indent = right + widest - 2 - text_width(date_text) if doc.signatures else right
            before = 0 if doc.signatures else before_signature
            self.out.append(x.para(x.run(date_text), S.signature, self._right(indent, before)))

    def _right(self, chars: float, before: int) -> str:
        spacing = x.spacing(before=before) if before else ""
        return spacing + x.ind(right=round(chars * self.char), first=0)

    def _table(self, table: Table) -> str:
        count = max(len(row) for row in table.rows) if table.rows else 0
        weights = table.widths if len(table.widths) == count else [1.0] * count
        total = self.layout.text_width
        widths = [int(total * w / sum(weights)) for w in weights]
        rows = []
        for index, row in enumerate(table.rows):
            header = index < table.header_rows
            style = S.table_header if header else S.table_text
            cells = [x.para(x.run(text), style, '<w:jc w:val="center"/>' if text.isdigit() else "")
                     for text in row + [""] * (count - len(row))]
            rows.append(x.table_row(cells, widths, header))
        return x.table("".join(rows), widths, self.layout.table["cell_margin"]) + x.para("", S.table_text)

    def _imprint(self, doc: Document) -> None:
        """版记 at the foot of the last page: 抄送 and 印发 lines between rules."""
        imprint = doc.imprint
        frame = ('<w:framePr w:w="{w}" w:wrap="notBeside" w:vAnchor="margin" w:hAnchor="margin" '
                 'w:xAlign="center" w:yAlign="bottom"/>').format(w=self.layout.text_width)
        lines = []
        if imprint.cc:
            lines.append(x.run("抄送：" + sentence(imprint.cc)))
        printed = x.run(imprint.printer)
        if imprint.print_date:
            stop = self.layout.text_width - self.layout.positions["imprint_date_right"] * self.layout.sizes["imprint"] * 10
            printed = (printed + x.TAB + x.run(cn_date(imprint.print_date) + "印发"))
            tabs = f'<w:tabs><w:tab w:val="right" w:pos="{stop}"/></w:tabs>'
        else:
            tabs = ""
        lines.append(printed)
        for index, runs in enumerate(lines):
            first, last = index == 0, index == len(lines) - 1
            outer, inner = self.layout.rules["imprint_outer"], self.layout.rules["imprint_inner"]
            borders = (x.border("top", outer) if first else "") + x.border("bottom", outer if last else inner)
            self.out.append(x.para(runs, S.imprint, frame + tabs * last + f"<w:pBdr>{borders}</w:pBdr>"))


def text_width(text: str) -> float:
    """Width in body characters: CJK and full-width count 1, ASCII half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’—…" else 1.0 for ch in text)


@dataclass(frozen=True)
class _Base:
    zip_bytes: bytes       # every part except word/document.xml and docProps/core.xml
    document_head: str     # <w:document …><w:body>
    sect_pr: str           # the section properties, footers referenced


@functools.lru_cache(maxsize=8)
def _base_package(options: StyleOptions) -> _Base:
    """The package of a style profile: from the user's cache, else built with python-docx."""
    from generator.write.base import cached

    parts = cached(options.fonts, options.heading3_bold, options.layout_path,
                   lambda: dataclasses.astuple(_build_base_package(options)))
    return _Base(*parts)


def _build_base_package(options: StyleOptions) -> _Base:
    """Build the package with python-docx."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Twips

    from generator.write import styles as _styles

    layout = load_layout(options.layout_path)
    fonts = layout.fonts(options.fonts)
    document = docx.Document()
    _drop_extra_parts(document)
    styles_xml = _styles.styles_xml(layout, fonts, options.heading3_bold).encode("utf-8")
    document.part._styles_part._element = parse_xml(styles_xml)
    section = document.sections[0]
    section.page_width, section.page_height = Twips(layout.page["width"]), Twips(layout.page["height"])
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", Twips(layout.margins[side]))
    section.header_distance, section.footer_distance = Twips(layout.margins["header"]), Twips(layout.margins["footer"])
    document.settings.odd_and_even_pages_header_footer = True
    _set_footer(section.footer, "right", layout)
    _set_footer(section.even_page_footer, "left", layout)
    sect = section._sectPr
    for grid in sect.findall(f"{{{x.W_NS}}}docGrid"):
        sect.remove(grid)
    sect.append(parse_xml(f'<w:docGrid {x.NSDECLS} w:type="lines" w:linePitch="{layout.line_pitch}"/>'))
    _tune_settings(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _split_package(buffer.getvalue(), fonts)


def _drop_extra_parts(document) -> None:
    """Remove parts of python-docx's default template that a report does not use."""
    drop = ("stylesWithEffects", "theme", "customXml", "numbering", "webSettings")
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if any(name in rel.reltype for name in drop):
            part.drop_rel(rel_id)
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)


def _set_footer(footer, side: str, layout: Layout) -> None:
    """A footer holding 「— N —」, one character in from its side."""
    from docx.oxml import parse_xml

    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    one = layout.positions["page_number_indent"] * layout.sizes["page_number"] * 10  # half-points → twips
    indent = x.ind(right=one) if side == "right" else x.ind(left=one)
    paragraph = x.para(x.page_field_runs(), S.footer, f'<w:jc w:val="{side}"/>' + indent)
    element.append(parse_xml(paragraph.replace("<w:p>", f"<w:p {x.NSDECLS}>", 1)))


def _tune_settings(document) -> None:
    """Settings: no revision ids or template link; Chinese as the East-Asian language."""
    settings = document.settings.element
    for child in list(settings):
        if child.tag.endswith("}rsids") or child.tag.endswith("}attachedTemplate"):
            settings.remove(child)
        elif child.tag.endswith("}themeFontLang"):
            child.set(f"{{{x.W_NS}}}eastAsia", "zh-CN")


def _split_package(data: bytes, fonts: Fonts) -> _Base:
    """Cut the saved package into a reusable zip and the document.xml envelope."""
    source = zipfile.ZipFile(io.BytesIO(data))
    document_xml = source.read("word/document.xml").decode("utf-8")
    body_start = document_xml.index("<w:body>") + len("<w:body>")
    sect_start = document_xml.index("<w:sectPr")
    sect_end = document_xml.index("</w:body>")
    used_fonts = list(dict.fromkeys(dataclasses.astuple(fonts)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in ("word/document.xml", "docProps/core.xml"):
                continue
            content = source.read(info.filename)
            if info.filename == "word/fontTable.xml":
                content = x.font_table(used_fonts).encode("utf-8")
            target.writestr(info.filename, content)
    return _Base(out.getvalue(), document_xml[:body_start], document_xml[sect_start:sect_end])
