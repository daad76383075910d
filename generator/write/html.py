"""The HTML rendition of a document tree: the live preview's fragment (fazhi serve, /api/preview).

The same tree the .docx and .txt writers consume, numbering generated the same way. Only
classes are written (no inline style): the page's stylesheet (generator/serve/assets/app.css) sets
them on the GB/T 9704 grid, so the fragment is safe under a `default-src 'self'` policy.
"""

from __future__ import annotations

from html import escape

from generator.numbering import Counter
from generator.tree import Document, Heading, Paragraph, Table, cn_date, sentence
from generator.write.text import annex_lines, note_text, recipients_text


def to_html(doc: Document, title_capacity: float | None = None) -> str:
    """The document (and its parts, each on a new sheet) as one HTML fragment; with the layout's
    `title_capacity` titles break into lines where the .docx breaks them (write/titles.py)."""
    sheets = [_sheet(part, title_capacity) for part in doc.all_documents()]
    if doc.imprint:
        sheets[-1] = sheets[-1].replace("</section>", _imprint(doc) + "</section>")
    return f'<div class="gw-doc">{"".join(sheets)}</div>'


def _p(cls: str, text: str) -> str:
    return f'<p class="{cls}">{escape(text)}</p>'


def _sheet(doc: Document, title_capacity: float | None) -> str:
    out = ['<section class="gw-sheet' + (" gw-landscape" if doc.landscape else "") + '">']
    if doc.label:
        out.append(_p("gw-label", doc.label))
    if doc.header and doc.header.issuers:
        suffix = "文件" if doc.header.file else ""
        out.append(
            '<div class="gw-header">'
            + "".join(_p("gw-issuer", name + suffix) for name in doc.header.issuers)
            + "</div>"
        )
    if doc.doc_number:
        number = doc.doc_number + (f"　签发人：{doc.signer}" if doc.signer else "")
        out.append(_p("gw-docnum" + (" gw-upward" if doc.signer else ""), number))
    if doc.header or doc.doc_number:
        out.append('<hr class="gw-rule">')
    if doc.title:
        from generator.write.titles import break_title

        broken = break_title(doc.title, title_capacity) if title_capacity else doc.title.splitlines()
        lines = "<br>".join(escape(line) for line in broken)
        out.append(f'<h1 class="gw-title">{lines}</h1>')
    if doc.recipients:
        out.append(_p("gw-recipients", recipients_text(doc.recipients)))
    out.extend(_blocks(doc))
    out.extend(_p("gw-annex", line) for line in annex_lines(doc))
    out.extend(_closing(doc))
    out.append("</section>")
    return "".join(out)


def _blocks(doc: Document) -> list[str]:
    counter, out = Counter(), []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(_heading(block, counter.next(block.level)))
        elif isinstance(block, Paragraph):
            out.append(_p("gw-p", block.text))
        elif isinstance(block, Table):
            out.append(_table(block))
    return out


def _heading(heading: Heading, label: str) -> str:
    level = min(heading.level, 4)
    if heading.runin:
        head = f'<span class="gw-h{level}">{escape(label + sentence(heading.title))}</span>'
        return f'<p class="gw-p gw-runin">{head}{escape(heading.body)}</p>'
    return f'<p class="gw-h{level}">{escape(label + heading.title)}</p>'


def _table(table: Table) -> str:
    rows = []
    for index, row in enumerate(table.rows):
        cell = "th" if index < table.header_rows else "td"
        rows.append("<tr>" + "".join(f"<{cell}>{escape(text)}</{cell}>" for text in row) + "</tr>")
    return f'<table class="gw-table">{"".join(rows)}</table>'


def _closing(doc: Document) -> list[str]:
    out = [_p("gw-signature", name) for name in doc.signatures]
    if doc.date:
        out.append(_p("gw-date", cn_date(doc.date)))
    out.extend(_p("gw-note", note_text(note)) for note in doc.notes)
    return out


def _imprint(doc: Document) -> str:
    """版记 at the end of the last sheet: 抄送 and the printing office with its date."""
    imprint = doc.imprint
    assert imprint is not None  # to_html asks only for a document with a 版记
    rows = []
    if imprint.cc:
        rows.append(_p("gw-cc", f"抄送：{imprint.cc}。"))
    printed = imprint.printer + (f"　{cn_date(imprint.print_date)}印发" if imprint.print_date else "")
    if printed.strip():
        rows.append(_p("gw-printer", printed.strip()))
    return f'<div class="gw-imprint">{"".join(rows)}</div>' if rows else ""
