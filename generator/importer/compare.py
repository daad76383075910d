"""Paragraph-by-paragraph agreement of a draft and a rendering: the round-trip measure.

Both documents become the paragraphs a reader sees, in order: 文号, the title, 主送, every
heading with its number and every paragraph, table rows, signatures, date, notes, 版记. Heading
numbers are compared by level and value (「1、」 and 「1.」 are the same number: the standard fixes
the punctuation), dates by the day they name.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from generator.numbering import Counter, label, read_number
from generator.tree import Document, Heading, Paragraph, Table, cn_date, heading_text
from generator.write.text import annex_lines


@dataclass
class Agreement:
    """How many of the draft's paragraphs the rendering reproduces, and the ones it does not."""

    total: int
    reproduced: int
    differences: list[tuple[str, str]] = field(default_factory=list)  # (draft, rendering); "" if absent

    @property
    def complete(self) -> bool:
        return self.reproduced == self.total and not self.differences

    def __str__(self) -> str:
        return f"{self.reproduced}/{self.total}"


def paragraphs(doc: Document) -> list[str]:
    """The paragraphs of a document tree (and its parts) as a reader sees them."""
    out: list[str] = []
    for part in doc.all_documents():
        if part.label:
            out.append(part.label)
        if part.doc_number:
            out.append(part.doc_number)
        if part.signer:
            out.append(f"签发人：{part.signer}")
        if part.title.strip():  # one title, however it was broken into lines (typesetting, not text)
            out.append(part.title.replace("\n", ""))
        if part.recipients:
            out.append(part.recipients.rstrip("：:") + "：")
        counter = Counter()
        for block in part.blocks:
            if isinstance(block, Heading):
                generated = counter.next(block.level)
                found = read_number(block.number) if block.number else None
                out.append(heading_text(block, label(found[0], found[1]) if found else generated))
            elif isinstance(block, Paragraph):
                out.append(block.text)
            elif isinstance(block, Table):
                out.extend("\t".join(row) for row in block.rows)
        out.extend(annex_lines(part))
        out.extend(part.signatures)
        if part.date or part.date_text:
            out.append(cn_date(part.date) if part.date else part.date_text)
        out.extend(f"（{note}）" for note in part.notes)
    if doc.imprint:
        out.extend(t for t in (doc.imprint.cc, doc.imprint.printer) if t)
    return [line.strip() for line in out if line.strip()]


def agreement(draft: Document, rendered: Document) -> Agreement:
    """The rendering's agreement with the draft, paragraph by paragraph, in order."""
    ours, theirs = paragraphs(draft), paragraphs(rendered)
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    reproduced = sum(block.size for block in matcher.get_matching_blocks())
    differences = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left, right = ours[a1:a2], theirs[b1:b2]
        for index in range(max(len(left), len(right))):
            differences.append((left[index] if index < len(left) else "", right[index] if index < len(right) else ""))
    return Agreement(len(ours), reproduced, differences)


def excerpt(ours: str, theirs: str, context: int = 18) -> tuple[str, str]:
    """The two paragraphs around their first difference (「…」 where cut)."""
    start = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    begin = max(0, start - context)

    def cut(text: str) -> str:
        piece = text[begin : start + context]
        return ("…" if begin else "") + piece + ("…" if start + context < len(text) else "")

    return cut(ours), cut(theirs)
