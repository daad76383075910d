"""Full-width punctuation back where a web page turned ，：；（） into ASCII."""

from __future__ import annotations

import copy

from generator.lexicon import lazy
from generator.lexicon.chars import HALF_TO_FULL, HAN
from generator.tree import Document, Heading, Paragraph, Table

# A comma or colon between digits is a number (1,000  10:30); everything else is Chinese punctuation.
_ASCII = lazy(rf"(?<![0-9]),|,(?![0-9])|(?<![0-9]):|:(?![0-9])|[;()]|(?<=[{HAN}])[?!]")
_FULL = HALF_TO_FULL


def full_width(text: str) -> tuple[str, int]:
    """The text with ASCII ,:;() (and ?! after Chinese) made full-width, and how many were changed."""
    return _ASCII.subn(lambda m: _FULL[m.group()], text)


def restore(doc: Document) -> tuple[Document, int]:
    """A copy of a web-copied draft with full-width punctuation, and the number of marks changed."""
    doc = copy.deepcopy(doc)
    count = 0

    def fix(text: str) -> str:
        nonlocal count
        text, n = full_width(text)
        count += n
        return text

    for d in doc.all_documents():
        d.title, d.doc_number, d.recipients = fix(d.title), d.doc_number, fix(d.recipients)
        d.signatures = [fix(s) for s in d.signatures]
        d.notes = [fix(n) for n in d.notes]
        for block in d.blocks:
            if isinstance(block, Heading):
                block.title, block.body = fix(block.title), fix(block.body)
            elif isinstance(block, Paragraph):
                block.text = fix(block.text)
            elif isinstance(block, Table):
                block.rows = [[fix(cell) for cell in row] for row in block.rows]
        if d.imprint:
            d.imprint.cc, d.imprint.printer = fix(d.imprint.cc), fix(d.imprint.printer)
    return doc, count
