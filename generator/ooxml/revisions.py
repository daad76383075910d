"""Raw XML of a review: tracked changes (w:del / w:ins), comment anchors, the comments part,
and the content-type and relationship entries a new comments part needs.

`w` is the WordprocessingML prefix of the part being edited with its colon ("w:"), or "" when
the part uses the default namespace: inserted elements must use the prefix the part declares.
"""

from __future__ import annotations

import re

from generator.lexicon import lazy
from generator.ooxml.vocab import W_NS
from generator.ooxml.xml import esc

COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_RPR_CHANGE = lazy(r"<(\w+:)?rPrChange\b.*?</(\w+:)?rPrChange>|<(\w+:)?rPrChange\b[^>]*/>", re.S)
# An id attribute, prefixed or not: 「w:id="5"」, 「 id="5"」 (never 「w:rsidR="…"」). Starting with the
# literal 「id」 (the character before it checked behind) lets the engine find candidates at C speed:
# 「[\s:]id…」 tries every space of the body (12 ms a 1,000-page body, this 1 ms).
_ID = lazy(r'id(?<=[\s:]id)\s*=\s*"(\d+)"')


def plain_rpr(rpr: str) -> str:
    """A run's properties for a copy of the run: without its own tracked formatting change."""
    return _RPR_CHANGE.sub("", rpr)


def _mark(w: str, kind: str, rid: int, author: str, date: str) -> str:
    return f'<{w}{kind} {w}id="{rid}" {w}author="{esc(author)}" {w}date="{date}">'


def deletion(w: str, rid: int, author: str, date: str, rpr: str, text: str) -> str:
    """Deleted text as a tracked deletion (w:delText in a copy of the run)."""
    return (
        _mark(w, "del", rid, author, date) + f'<{w}r>{rpr}<{w}delText xml:space="preserve">{esc(text)}'
        f"</{w}delText></{w}r></{w}del>"
    )


def insertion(w: str, rid: int, author: str, date: str, rpr: str, text: str) -> str:
    """Inserted text as a tracked insertion."""
    return (
        _mark(w, "ins", rid, author, date) + f'<{w}r>{rpr}<{w}t xml:space="preserve">{esc(text)}</{w}t></{w}r></{w}ins>'
    )


def escaped(text: str) -> str:
    """Text for a w:t node."""
    return esc(text)


def text_element(w: str, text: str) -> str:
    return f'<{w}t xml:space="preserve">{esc(text)}</{w}t>'


def comment_start(w: str, cid: int) -> str:
    return f'<{w}commentRangeStart {w}id="{cid}"/>'


def comment_end(w: str, cid: int) -> str:
    """The end of a comment's range and the run carrying its reference mark."""
    return f'<{w}commentRangeEnd {w}id="{cid}"/><{w}r><{w}commentReference {w}id="{cid}"/></{w}r>'


def comment(cid: int, author: str, date: str, text: str) -> str:
    """One w:comment (prefix w, declared on the element so it fits any comments part)."""
    return comments([(cid, text)], author, date)[0]


def comments(items: list[tuple[int, str]], author: str, date: str) -> list[str]:
    """The w:comment of each (id, text): a paragraph a line, the first with the annotation mark."""
    head = f'xmlns:w="{W_NS}" w:author="{esc(author)}" w:date="{date}" w:initials="fz">'
    first = '<w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">'
    then = '</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">'
    out = []
    for cid, text in items:
        lines = then.join(map(esc, text.split("\n")))
        out.append(f'<w:comment w:id="{cid}" {head}{first}{lines}</w:t></w:r></w:p></w:comment>')
    return out


def comments_part(comments: list[str], existing: str | None = None) -> str:
    """word/comments.xml: the existing part with the comments appended, or a new part."""
    if existing:
        close = existing.rfind("</")
        return existing[:close] + "".join(comments) + existing[close:]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W_NS}">'
        f"{''.join(comments)}</w:comments>"
    )


def max_id(*parts: str) -> int:
    """The largest numeric w:id in the parts (revision, comment and bookmark ids), -1 if none."""
    return max((max(map(int, _ID.findall(part)), default=-1) for part in parts), default=-1)


def with_comments_type(content_types: str) -> str:
    """[Content_Types].xml declaring the comments part."""
    if 'PartName="/word/comments.xml"' in content_types:
        return content_types
    close = content_types.rfind("</")
    return (
        content_types[:close]
        + f'<Override PartName="/word/comments.xml" ContentType="{COMMENTS_TYPE}"/>'
        + content_types[close:]
    )


def comments_target(rels: str) -> str | None:
    """The target of the document's comments relationship, if it has one."""
    for match in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = match.group(0)
        if f'Type="{COMMENTS_REL}"' in tag:
            target = re.search(r'Target="([^"]*)"', tag)
            return target.group(1) if target else None
    return None


def with_comments_rel(rels: str) -> str:
    """document.xml.rels with a relationship to comments.xml under a fresh id."""
    if comments_target(rels):
        return rels
    used = set(re.findall(r'Id="([^"]*)"', rels))
    n = 1
    while f"rId{n}" in used:
        n += 1
    close = rels.rfind("</")
    return rels[:close] + f'<Relationship Id="rId{n}" Type="{COMMENTS_REL}" Target="comments.xml"/>' + rels[close:]
