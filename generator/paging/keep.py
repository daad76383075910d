"""Which last body blocks keep with the 署名 (7.3.5.5): as few as give the 署名 page two body lines."""
from __future__ import annotations

from generator.ooxml.layout import Layout
from generator.tree import Document, Table


def keep_with_signature(doc: Document, layout: Layout) -> set[int]:
    """Indices of the blocks that carry keep-with-next to the 署名."""
    from generator.paging.lines import block_line_count

    if not (doc.signatures or doc.date):
        return set()
    keep, lines = set(), 0
    for index in range(len(doc.blocks) - 1, -1, -1):
        block = doc.blocks[index]
        if isinstance(block, Table):
            break
        keep.add(index)
        lines += block_line_count(doc, index, layout)
        if lines >= 2:
            break
    return keep
