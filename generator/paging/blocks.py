"""The document tree as the .docx writer lays it out, paragraph by paragraph: text, font role,
size, indents, alignment, line height, spacing and keep rules (write/docx.py and write/styles.py
say the same in Word's terms)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from generator.numbering import Counter
from generator.ooxml.layout import Layout
from generator.tree import Document, Heading, Paragraph, Table, heading_text, sentence
from generator.write.text import annex_lines, note_text, recipients_text


TITLE_SCALE = 0.9


@dataclass
class Box:
    """One paragraph (or table, or fixed block) to be broken into lines and placed on pages."""

    node: Any
    text: str = ""
    roles: list[tuple[int, str]] = field(default_factory=lambda: [(0, "body")])  # (from index, font role)
    size: float = 16.0  # points
    left: int = 0  # twips
    right: int = 0
    first: int = 0  # first-line indent relative to `left` (negative: hanging)
    align: str = "both"  # both, left, center, right
    line: int = 0  # twips a line takes (0: the grid pitch)
    before: int = 0
    after: int = 0
    keep_next: bool = False
    keep_lines: bool = False
    widow: bool = False  # widow and orphan control: two lines at least on each side
    new_page: bool = False
    forced: list[int] = field(default_factory=list)  # indices of explicit line breaks (titles)
    rows: list = field(default_factory=list)  # tables: the rows of text
    fixed: bool = False  # the 版头: a block of fixed height (paging/header.py)
    color: str = "000000"
    tab: int | None = None  # a right tab stop (twips from the left edge) at `tab_at`
    tab_at: int = -1
    hang: bool = True  # 、。，． may hang past the right edge (not in table cells: LibreOffice)


class Tail(NamedTuple):
    """How a part's last body block holds to the 署名 (paging/plan.py): its index, keep-with-next
    (it then moves whole), and `tight`: no blank line before the 署名 (7.3.5.5 调整行距)."""

    index: int  # type: ignore[assignment]  # a field may shadow tuple.index; write/docx.py reads tail.index
    keep_next: bool = False
    tight: bool = False


def default_tail(doc: Document) -> Tail | None:
    """The last body block before a 署名 or date gets widow control only (two lines at least go over)."""
    if not (doc.signatures or doc.date) or not doc.blocks or isinstance(doc.blocks[-1], Table):
        return None
    last = doc.blocks[-1]
    if isinstance(last, Heading) and not last.runin:
        return None
    return Tail(len(doc.blocks) - 1)


def document_boxes(
    doc: Document, layout: Layout, tails: dict | None = None, scales: dict | None = None
) -> list[tuple[Document, list[Box]]]:
    """(part, its boxes) for every part of a document, in order; `tails` by id(part) (default_tail
    else); `scales` by id(part): the line height (share of the grid pitch) below its 版头."""
    tails, scales = tails or {}, scales or {}
    out = []
    for index, part in enumerate(doc.all_documents()):
        boxes = _part(part, layout, index > 0, tails.get(id(part), default_tail(part)))
        if id(part) in scales:
            squeeze(boxes, scales[id(part)], layout.line_pitch)
        out.append((part, boxes))
    return out


def squeeze(boxes: list[Box], scale: float, pitch: int) -> None:
    """Exact line heights and spacing of `scale` × the grid's below the 版头, title lines no lower
    than TITLE_SCALE
    (GB/T 9704 7.3.5.5: 调整行距 so that a notice's body stays on its first page)."""
    for box in boxes:
        if box.fixed or box.rows:
            continue
        title = box.roles[0][1] == "title"  # a 二号 line lower than 0.9 of the grid's would be clipped
        box.line = round((box.line or pitch) * (max(scale, TITLE_SCALE) if title else scale))
        box.before, box.after = round(box.before * scale), round(box.after * scale)


def _part(doc: Document, layout: Layout, new_page: bool, tail: Tail | None) -> list[Box]:
    char, pitch = layout.char, layout.line_pitch
    body = layout.sizes["body"] / 2
    out: list[Box] = []
    if doc.label:
        out.append(Box(doc, doc.label, [(0, "attachment_label")], body, align="left"))
    if doc.header:
        out.append(Box(doc, "", [(0, "issuer_mark")], layout.header["mark_size"] / 2, fixed=True))
    elif doc.doc_number:
        out.append(_doc_number(doc, layout))
    if doc.title:
        out.append(_title(doc, layout))
    if doc.recipients:
        out.append(Box(doc, recipients_text(doc.recipients), size=body))
    out.extend(_blocks(doc, layout, tail))
    for index, text in enumerate(annex_lines(doc)):
        many = len(doc.annexes) > 1
        left = (5 + (1 if many else 0)) * char
        hanging = (3 if index == 0 else 0) * char + (char if many else 0)
        out.append(
            Box(
                doc,
                text,
                size=body,
                left=left,
                first=-hanging,
                before=pitch if index == 0 else 0,
                keep_next=True,
                align="both",
            )
        )
    out.extend(_signature(doc, layout, bool(tail and tail.tight)))
    for note in doc.notes:
        out.append(Box(doc, note_text(note), size=body, first=2 * char))
    if out and new_page:
        out[0].new_page = True
    return out


def _doc_number(doc: Document, layout: Layout) -> Box:
    body = layout.sizes["body"] / 2
    after = layout.spacing["after_doc_number"] * layout.line_pitch
    if not (doc.upward or doc.signer):
        return Box(doc, doc.doc_number, size=body, align="center", after=after, keep_next=True)
    text, roles, tab = doc.doc_number, [(0, "body")], None
    if doc.signer:
        tab = layout.text_width - layout.positions["signer_right"] * layout.char
        text = f"{doc.doc_number}\t签发人：{doc.signer}"
        roles.append((len(text) - len(doc.signer), "signer_name"))
    return Box(
        doc,
        text,
        roles,
        body,
        left=layout.positions["doc_number_indent"] * layout.char,
        align="left",
        after=after,
        keep_next=True,
        tab=tab,
        tab_at=len(doc.doc_number),
    )


def _title(doc: Document, layout: Layout) -> Box:
    from generator.paging.titles import title_lines

    lines = title_lines(doc.title, layout)
    forced, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        forced.append(at)
    pitch = layout.line_pitch
    before = layout.header["lines_after_rule"] * pitch if doc.header else (pitch if doc.label else 0)
    return Box(
        doc,
        "".join(lines),
        [(0, "title")],
        layout.sizes["title"] / 2,
        align="center",
        line=pitch,
        before=before,
        after=layout.spacing["after_title"] * pitch,
        keep_next=True,
        forced=forced,
    )


def _blocks(doc: Document, layout: Layout, tail: Tail | None) -> list[Box]:
    """Headings, paragraphs and tables; the last one holds to the 署名 as `tail` says."""
    char, body = layout.char, layout.sizes["body"] / 2
    counter, out = Counter(), []
    for index, block in enumerate(doc.blocks):
        kept = tail is not None and index == tail.index and tail.keep_next
        if isinstance(block, Heading):
            label = counter.next(block.level)
            role = f"heading{block.level}"
            if block.runin:
                head = label + sentence(block.title)
                out.append(
                    Box(
                        block,
                        head + block.body,
                        [(0, role), (len(head), "body")],
                        body,
                        first=2 * char,
                        widow=True,
                        keep_next=kept,
                    )
                )
            else:
                out.append(
                    Box(
                        block,
                        heading_text(block, label),
                        [(0, role)],
                        body,
                        first=2 * char,
                        keep_next=True,
                        keep_lines=True,
                    )
                )
        elif isinstance(block, Paragraph):
            out.append(Box(block, block.text, size=body, first=2 * char, keep_next=kept))
        elif isinstance(block, Table):
            out.append(Box(block, size=layout.sizes["table"] / 2, rows=block.rows))
    if tail is not None and out:
        out[-1].widow = True
    return out


def _signature(doc: Document, layout: Layout, tight: bool = False) -> list[Box]:
    """署名 and 成文日期 lines, right-aligned with the writer's right indents."""
    from generator.paging.signature import signature_lines

    out = []
    lines = signature_lines(doc, layout, tight)
    for index, (text, indent, before) in enumerate(lines):
        last = index == len(lines) - 1 and not doc.notes
        out.append(
            Box(
                doc,
                text,
                size=layout.sizes["body"] / 2,
                right=round(indent * layout.char),
                align="right",
                before=before,
                keep_next=not last,
            )
        )
    return out
