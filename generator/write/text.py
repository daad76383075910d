"""The plain-text rendition: numbered headings, one paragraph a line (golden tests, web CMS)."""

from __future__ import annotations

from generator.numbering import Counter
from generator.tree import Document, Heading, Paragraph, Table, cn_date, heading_text


def to_text(doc: Document) -> str:
    """Render a document tree (and its parts) as plain text."""
    lines: list[str] = []
    for index, part in enumerate(doc.all_documents()):
        if index:
            lines.append("")
        _document_lines(part, lines)
    if doc.imprint:
        lines.append("")
        if doc.imprint.cc:
            lines.append(f"抄送：{doc.imprint.cc}。")
        printed = doc.imprint.printer
        if doc.imprint.print_date:
            printed += f"  {cn_date(doc.imprint.print_date)}印发"
        if printed.strip():
            lines.append(printed.strip())
    return "\n".join(lines) + "\n"


def _document_lines(doc: Document, lines: list[str]) -> None:
    if doc.label:
        lines.append(doc.label)
    if doc.doc_number:
        lines.append(doc.doc_number + (f"  签发人：{doc.signer}" if doc.signer else ""))
    if doc.title:
        lines.extend(doc.title.splitlines())
        lines.append("")
    if doc.recipients:
        lines.append(recipients_text(doc.recipients))
    counter = Counter()
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines.append(heading_text(block, counter.next(block.level)))
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend("\t".join(row) for row in block.rows)
    lines.extend(annex_lines(doc))
    if doc.signatures or doc.date:
        lines.append("")
    lines.extend(doc.signatures)
    if doc.date:
        lines.append(cn_date(doc.date))
    lines.extend(note_text(note) for note in doc.notes)


def annex_lines(doc: Document) -> list[str]:
    """附件说明 (GB/T 9704 7.3.4): 「附件：名称」, numbered 1. 2. when there are several."""
    many = len(doc.annexes) > 1
    return [("附件：" if i == 0 else "") + (f"{i + 1}." if many else "") + name for i, name in enumerate(doc.annexes)]


def recipients_text(text: str) -> str:
    """主送 ends with a full-width colon."""
    return text.rstrip(":：") + "："


def note_text(text: str) -> str:
    """附注 stands in full-width parentheses."""
    text = text.strip()
    return text if text.startswith(("（", "(")) else f"（{text}）"
