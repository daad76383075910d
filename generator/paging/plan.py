"""What the .docx writer decides from the line model: how each part's last body paragraph holds
to the 署名 (7.3.5.5) and whether the 版记 fits at the foot of the last body page (7.4).

LibreOffice moves a keep-with-next paragraph whole, so the last paragraph gets only widow
control: when it breaks, two lines at least go over with the 署名, whatever the line breaks.
Only when the model sees the 署名 pushed alone onto a new page does it decide: first the blank
line above the 署名 goes (7.3.5.5 调整行距); if that is not enough, the last paragraph keeps with
the 署名 (it then moves whole). A page break inside the paragraph was tried: LibreOffice splits the
paragraph there and indents the continuation as a new one.
"""

from __future__ import annotations

from typing import NamedTuple

from generator.ooxml.layout import Layout
from generator.paging.blocks import Box, Tail, default_tail, document_boxes
from generator.paging.flow import Flow
from generator.paging.imprint import fits_in_place
from generator.tree import Document


SCALES = [round(1 - step / 50, 2) for step in range(1, 16)]  # 0.98 … 0.70 of the grid pitch
SPARE = 100  # twips left free on the squeezed page


class Plan(NamedTuple):
    """The writer's decisions: tails and line scales by id(part), the 版记 at the foot of the body
    or on its own page."""

    tails: dict
    scales: dict
    imprint_in_place: bool
    flow: Flow


def _flow(doc: Document, layout: Layout, tails: dict, scales: dict | None = None) -> tuple[Flow, list]:
    flow = Flow(layout)
    parts = document_boxes(doc, layout, tails, scales)
    for index, (part, boxes) in enumerate(parts):
        flow.part(boxes, part.landscape, index == 0)
    return flow, parts


def _sheet_of(flow: Flow, box: Box, last: bool) -> tuple[int, list]:
    """The sheet index of a box's first (or last) line, and its lines there."""
    found = [(index, placed) for index, sheet in enumerate(flow.sheets) for placed in sheet.placed if placed.box is box]
    index, _ = found[-1] if last else found[0]
    return index, [placed.line for i, placed in found]


def _first_page_whole(flow: Flow, boxes: list[Box], layout: Layout) -> bool:
    """Whether every line of a part stands on the part's first page (with SPARE twips free)."""
    first = _sheet_of(flow, boxes[0], False)[0]
    last = _sheet_of(flow, boxes[-1], True)[0]
    return first == last and flow.sheets[first].used <= layout.text_height - SPARE


def _notice_scales(doc: Document, layout: Layout, tails: dict) -> dict:
    """Line scales for short parts under a 版头 whose body would leave page 1 (issue 20: a notice
    under a two- or three-issuer 版头): the largest that keeps the part on its first page."""
    scales: dict = {}
    if not any(part.header and (part.signatures or part.date) for part in doc.all_documents()):
        return scales  # no notice under a 版头: no need to lay the document out for it
    flow, parts = _flow(doc, layout, tails)
    for part, boxes in parts:
        if not part.header or not (part.signatures or part.date) or _first_page_whole(flow, boxes, layout):
            continue
        for scale in SCALES:
            trial = {**scales, id(part): scale}
            trial_flow, trial_parts = _flow(doc, layout, tails, trial)
            boxes = next(b for p, b in trial_parts if p is part)
            if _first_page_whole(trial_flow, boxes, layout):
                scales = trial
                break
    return scales


def _orphaned(flow: Flow, parts: list, part: Document, tail: Tail) -> bool:
    """Whether the 署名 of `part` starts a page its last body block does not reach."""
    boxes = next(b for p, b in parts if p is part)
    body = next(box for box in boxes if box.node is part.blocks[tail.index])
    signature = [box for box in boxes[boxes.index(body) + 1 :] if box.align == "right"]
    return bool(signature) and _sheet_of(flow, body, True)[0] != _sheet_of(flow, signature[0], False)[0]


def plan(doc: Document, layout: Layout) -> Plan:
    """Decide the line scales of notices, the tails (one pass per part that needs it) and the 版记's place."""
    tails = {id(part): default_tail(part) for part in doc.all_documents()}
    scales = _notice_scales(doc, layout, tails)
    flow, parts = _flow(doc, layout, tails, scales)
    for part, _boxes in parts:
        tail = tails[id(part)]
        if tail is None:
            continue
        if not _orphaned(flow, parts, part, tail):
            continue
        tight = tails[id(part)] = tail._replace(tight=True)
        flow, parts = _flow(doc, layout, tails, scales)
        if _orphaned(flow, parts, part, tight):
            tails[id(part)] = tail._replace(keep_next=True)
            flow, parts = _flow(doc, layout, tails, scales)
    last = flow.sheets[-1]
    in_place = (
        doc.imprint is not None
        and not last.landscape
        and fits_in_place(len(flow.sheets), last.used, doc.imprint, layout)
    )
    return Plan(tails, scales, in_place, flow)
