"""Fixing and reviewing a .docx in place: only the w:t nodes an edit touches change.

`--fix` rewrites those w:t texts; `--review` writes each edit as a tracked change (the run split
around a w:del and a w:ins, author and date) and each finding as a comment anchored on the
edited text or the paragraph. Every other part of the package keeps its stored bytes, member
order, name, date and compression (review.package). The body is indexed once (ooxml.paragraphs.
BodyIndex): every paragraph's text for the fixer, the runs only of the paragraphs an edit or a
comment touches.
"""

from __future__ import annotations

import bisect
from operator import itemgetter
from dataclasses import dataclass, field

from generator.ooxml import revisions as rx
from generator.ooxml.paragraphs import BodyIndex, Para, w_prefix
from generator.tree import Document
from .package import Source, deflated, write
from .plan import Fix, fixes_of, plan
from .textfix import Edit

DOCUMENT = "word/document.xml"
COMMENTS = "word/comments.xml"
CONTENT_TYPES = "[Content_Types].xml"


@dataclass
class Review:
    """What --review adds: author, date, and the comments (anchor line, text, the fix they wrap)."""

    author: str
    date: str
    comments: list[tuple[int, str, tuple[int, int] | None]] = field(default_factory=list)


@dataclass
class _Piece:
    """Part of an edit inside one w:t: local offsets, the text it becomes, and its edit's index."""

    start: int
    end: int
    after: str
    index: int
    first: bool
    last: bool


def read_document(data: bytes, name: str) -> tuple[Source, str, str]:
    """The package, document.xml as text and its WordprocessingML prefix (a located error if unusable)."""
    package = Source(data, name)
    names = [info.filename for info in package.infos]
    if len(set(names)) < len(names):  # which copy would Word read? no edit can be trusted
        twice = sorted({n for n in names if names.count(n) > 1})
        raise package.unusable(f"压缩包中有重名的部件（{'、'.join(twice[:3])}），可能已损坏或是构造的文件")
    info = package.by_name.get(DOCUMENT)
    if info is None:
        raise package.unusable(f"压缩包中没有 {DOCUMENT}")
    try:
        xml = package.read(info).decode("utf-8")
    except UnicodeDecodeError:
        raise package.unusable(f"{DOCUMENT} 不是 UTF-8 编码") from None
    prefix = w_prefix(xml)
    if prefix is None:
        raise package.unusable(f"{DOCUMENT} 不是 WordprocessingML")
    return package, xml, prefix


def edit_docx(
    data: bytes, doc: Document, name: str, review: Review | None = None, anchors=None, enabled=None
) -> tuple[bytes, list[Fix]]:
    """The fixed (or reviewed) package and the fixes applied. `anchors(fixes)` gives the review's
    comments once the fixes are known."""
    package, xml, prefix = read_document(data, name)
    w = prefix + ":" if prefix else ""
    body = BodyIndex(xml, prefix)
    fixes = _fixes(body, doc, enabled, review is not None)
    if fixes is None:  # a paragraph reads otherwise exactly than by the tokenizer: read them all exactly
        body = BodyIndex(xml, prefix, exact=True)
        fixes = _fixes(body, doc, enabled, review is not None) or []
    ids = _Ids(rx.max_id(xml, package.text(COMMENTS) or "") if review is not None else 0)
    wrapped: dict[tuple[int, int], int] = {}
    if review is not None and anchors is not None:
        review.comments = anchors(fixes)
        wrapped = {(c[2][0], c[2][1]): ids.next() for c in review.comments if c[2]}
    by_line: dict[int, list[Edit]] = {}
    for fix in fixes:
        by_line.setdefault(fix.line, []).append(fix.edit)
    patches: list[tuple[int, int, str]] = []
    for line, edits in by_line.items():
        comment_ids = {i: wrapped[(line, i)] for i in range(len(edits)) if (line, i) in wrapped}
        patches += _paragraph_patches(body.para(line), edits, w, review, ids, comment_ids)
    parts: dict[str, str | None] = {DOCUMENT: None}
    if review is not None:
        patches += _paragraph_comments(body, review, w, ids, wrapped)
        parts.update(_comment_parts(package, review, ids))
    review_copy = review is not None
    if not patches:
        return (data if review is None else _write(package, parts, xml, name, review_copy)), fixes
    return _write(package, parts, _patched(xml, patches), name, review_copy), fixes


def _fixes(body: BodyIndex, doc: Document, enabled, review: bool) -> list[Fix] | None:
    """The fixes that map onto w:t text; None if a planned paragraph's exact text is not the
    text the plan was made from."""
    fixes: list[Fix] = []
    for line, edits in sorted(plan(body.texts, doc, enabled).items()):
        para = body.para(line)
        if para.text != body.texts[line]:
            return None
        fixes += fixes_of(line, para.text, _mappable(para, edits, review))
    return fixes


class _Ids:
    """Fresh w:id values above every id already in the document and its comments."""

    def __init__(self, top: int):
        self.top = top
        self.comment_texts: dict[int, str] = {}

    def next(self) -> int:
        self.top += 1
        return self.top


def _spans(para: Para) -> list[tuple[int, int, int]]:
    """(piece index, start, end) of each piece in the paragraph's text."""
    out, pos = [], 0
    for i, piece in enumerate(para.pieces):
        out.append((i, pos, pos + len(piece.text)))
        pos += len(piece.text)
    return out


def _covering(para: Para, edit: Edit) -> list[tuple[int, int, int]]:
    spans = _spans(para)
    if edit.start == edit.end:  # an insertion goes at the end of the piece before it
        return [s for s in spans if s[1] < edit.start <= s[2]][:1]
    return [s for s in spans if s[1] < edit.end and edit.start < s[2]]


def _mappable(para: Para, edits: list[Edit], review: bool) -> list[Edit]:
    """The edits that fall on w:t text only (in a review, not inside an earlier tracked change)."""
    out = []
    for edit in edits:
        covered = _covering(para, edit)
        pieces = [para.pieces[i] for i, _, _ in covered]
        if covered and all(p.editable for p in pieces) and not (review and any(p.in_revision for p in pieces)):
            out.append(edit)
    return out


def _local(para: Para, edits: list[Edit]) -> dict[int, list[_Piece]]:
    """Each edit split over the w:t pieces it covers: the first piece gets the new text."""
    out: dict[int, list[_Piece]] = {}
    for index, edit in enumerate(edits):
        covered = _covering(para, edit)
        for k, (i, start, end) in enumerate(covered):
            lo, hi = max(edit.start, start) - start, min(edit.end, end) - start
            out.setdefault(i, []).append(
                _Piece(lo, hi, edit.after if k == 0 else "", index, k == 0, k == len(covered) - 1)
            )
    return out


def _paragraph_patches(
    para: Para, edits: list[Edit], w: str, review: Review | None, ids: _Ids, comment_ids: dict[int, int]
) -> list[tuple[int, int, str]]:
    patches = []
    for i, locals_ in _local(para, edits).items():
        piece = para.pieces[i]
        if review is None:
            text = piece.text
            for part in sorted(locals_, key=lambda p: p.start, reverse=True):
                text = text[: part.start] + part.after + text[part.end :]
            close = len(f"</{w}t>")  # only the text changes, not the w:t tag
            patches.append((piece.content, piece.end - close, rx.escaped(text)))
        else:
            patches.append((piece.start, piece.end, _tracked(piece, locals_, w, review, ids, comment_ids)))
    return patches


def _tracked(piece, parts: list[_Piece], w: str, review: Review, ids: _Ids, comment_ids: dict[int, int]) -> str:
    """A w:t replaced by its text split around tracked deletions and insertions; the run is
    closed before each change and reopened (same w:r tag and properties) after it."""
    rpr = rx.plain_rpr(piece.rpr)
    out, pos = [], 0
    for part in sorted(parts, key=lambda p: p.start):
        out.append(rx.text_element(w, piece.text[pos : part.start]) + f"</{w}r>")
        cid = comment_ids.get(part.index)
        if cid is not None and part.first:
            out.append(rx.comment_start(w, cid))
        if part.end > part.start:
            out.append(rx.deletion(w, ids.next(), review.author, review.date, rpr, piece.text[part.start : part.end]))
        if part.after:
            out.append(rx.insertion(w, ids.next(), review.author, review.date, rpr, part.after))
        if cid is not None and part.last:
            out.append(rx.comment_end(w, cid))
        out.append(piece.run_open + rpr)
        pos = part.end
    out.append(rx.text_element(w, piece.text[pos:]))
    return "".join(out)


def _paragraph_comments(
    body: BodyIndex, review: Review, w: str, ids: _Ids, wrapped: dict
) -> list[tuple[int, int, str]]:
    """Comments anchored on whole paragraphs: range start after w:pPr, end before </w:p>."""
    patches = []
    for line, text, fix in review.comments:
        cid = wrapped[fix] if fix else ids.next()
        ids.comment_texts[cid] = text
        if fix:
            continue
        start, end = _anchor(body, line)
        patches.append((start, start, rx.comment_start(w, cid)))
        patches.append((end, end, rx.comment_end(w, cid)))
    return patches


def _anchor(body: BodyIndex, line: int) -> tuple[int, int]:
    """Where the content of the paragraph at `line` starts and ends, or of the next one that is
    not empty (the last one if none)."""
    numbers = body.filled
    at = bisect.bisect_left(numbers, line)
    return body.bounds(numbers[at] if at < len(numbers) else numbers[-1])


def _comment_parts(package: Source, review: Review, ids: _Ids) -> dict[str, str]:
    if not ids.comment_texts:
        return {}
    rels_name = "word/_rels/document.xml.rels"
    rels = package.text(rels_name) or ""
    target = rx.comments_target(rels) or "comments.xml"
    name = "word/" + target.lstrip("/").removeprefix("word/")
    comments = rx.comments(sorted(ids.comment_texts.items()), review.author, review.date)
    return {
        name: rx.comments_part(comments, package.text(name)),
        rels_name: rx.with_comments_rel(rels),
        CONTENT_TYPES: rx.with_comments_type(package.text(CONTENT_TYPES) or ""),
    }


def _patched(xml: str, patches: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping patches; several insertions at one offset keep their order."""
    out, pos = [], 0
    for start, end, text in sorted(patches, key=itemgetter(0, 1)):
        out.append(xml[pos:start])
        out.append(text)
        pos = max(pos, end)
    out.append(xml[pos:])
    return "".join(out)


def _write(package: Source, parts: dict[str, str | None], xml: str, name: str = "", sanitize: bool = False) -> bytes:
    """The package with `parts` replaced (document.xml by `xml`) or added; the rest copied through
    with its stored bytes (a review copy: only the package's own parts, normalised names, no
    DOCTYPE; see sanitize)."""
    from . import sanitize as clean

    new = {part: (xml if text is None else text) for part, text in parts.items()}
    members = clean.kept_parts(package) if sanitize else {i.filename: i for i in package.infos}
    if sanitize and (CONTENT_TYPES in new or CONTENT_TYPES in members):
        types = new.get(CONTENT_TYPES) or package.read(members[CONTENT_TYPES]).decode("utf-8", "replace")
        declared = clean.content_types(types, set(members) | set(new))
        if declared != types or CONTENT_TYPES in new:
            new[CONTENT_TYPES] = declared
    entries = []
    for member, info in members.items():
        text = new.pop(member, None)
        if text is not None:
            data = text.encode("utf-8")
            entries.append(deflated(member, _cleaned(member, data, name) if sanitize else data, info.date_time))
        elif sanitize and _suspect(package, member, info):
            data = package.read(info)
            cleaned = _cleaned(member, data, name)
            entries.append(
                package.copied(member, info) if cleaned is data else deflated(member, cleaned, info.date_time)
            )
        else:  # nothing to take out: the stored bytes as they are
            entries.append(package.copied(member, info))
    date = package.infos[0].date_time
    entries += [deflated(member, text.encode("utf-8"), date) for member, text in new.items()]
    return write(entries)


def _suspect(package: Source, member: str, info) -> bool:
    """Whether a part a review copy keeps may need cleaning: a .rels (macro relationships are
    dropped) or an XML part with a DOCTYPE (only its first bytes are inflated to know)."""
    from . import sanitize as clean

    if member.endswith(".rels"):
        return True
    if not member.endswith(".xml"):
        return False
    head = package.head(info)
    found = clean.doctype(head)
    if found is None and info.file_size > len(head):  # a prolog longer than the head: look at it all
        found = clean.doctype(package.read(info))
    return bool(found)


def _cleaned(member: str, data: bytes, name: str) -> bytes:
    """A part of a review copy without DOCTYPE (and a .rels without macro relationships)."""
    from . import sanitize as clean

    data = clean.clean_xml(member, data, name)
    return clean.without_macros(data) if member.endswith(".rels") else data
