"""The tokenizer's tags read with `str` methods: a body's XML split at every "<", each piece one tag.

A piece is what follows a "<" up to the next one: a tag and the text after it. `entry` reads a
piece exactly as the token pattern (docx_package.patterns "token") reads the tag it starts with,
and answers None where this reader does not vouch for the result: comments, CDATA, processing
instructions, revisions, text boxes, alternate content, a tag without its ">" and an attribute
value without its closing quote. The tokenizer then reads the body with the pattern (docx_tokens).
Splitting at "<" is exact for well-formed XML, where "<" never occurs inside a tag or a value.
"""

from __future__ import annotations

import functools

SKIP, OPEN, CLOSE, TEXT, PROP, INLINE = range(6)
OPEN_P, CLOSE_P = 6, 7  # tags() tells the paragraph's own tags apart: the tokenizer's commonest
Entry = tuple[int, str, str]  # (kind, local name, empty "/" | property value | inline attributes | text)

_SKIP: Entry = (SKIP, "", "")
_NAMES = {
    **dict.fromkeys(("p", "tbl", "tr", "tc"), OPEN),
    "t": TEXT,
    **dict.fromkeys(("pStyle", "rStyle", "outlineLvl", "pageBreakBefore", "jc", "numId", "ilvl"), PROP),
    **dict.fromkeys(("tab", "br", "cr"), INLINE),
    "del": None,  # a deleted paragraph mark or deleted text: the pattern reads revisions
    "moveFrom": None,
}
_MAX_KNOWN = 4096  # whole pieces remembered per prefix (a tag with nothing after it)


@functools.lru_cache(maxsize=8)
def known(prefix: str) -> dict[str, Entry]:
    """Whole pieces already read, for one prefix: the usual tags of a body (grows as pieces are read)."""
    w = prefix + ":"
    table: dict[str, Entry] = {}
    for name in ("p", "tbl", "tr", "tc"):
        table[f"{w}{name}>"] = (OPEN, name, "")
        table[f"/{w}{name}>"] = (CLOSE, name, "")
    table[f"{w}p/>"] = (OPEN, "p", "/")
    for name in ("r", "rPr", "pPr", "t", "tblPr", "trPr", "tcPr", "tblGrid", "numPr", "tabs"):
        table[f"{w}{name}>"] = table[f"/{w}{name}>"] = _SKIP
    return table


def entry(piece: str, prefix: str, table: dict[str, Entry] | None = None) -> Entry | None:
    """What the token pattern reads at "<" + piece; None where only the pattern may read it."""
    table = known(prefix) if table is None else table
    found: Entry | None = table.get(piece)
    if found is not None:
        return found
    if piece[:1] == "/":  # only </w:p> </w:tbl> </w:tr> </w:tc>, written exactly so, are tokens
        found = table.get(piece[: piece.find(">") + 1], _SKIP)
        return found if found[0] == CLOSE else _SKIP
    w = prefix + ":"
    if not piece.startswith(w):
        return None if piece[:1] in ("!", "?", "") or "AlternateContent" in piece else _SKIP
    end = piece.find(">")
    if end < 0:
        return None
    head = piece[:end]
    name = head.split(None, 1)[0]
    if "/" in name:
        name = name[: name.find("/")]
    local = name[len(w) :]
    kind = _NAMES.get(local, SKIP)
    rest = head[len(name) :]
    if kind is None or (kind == SKIP and _unusual(local)):
        return None
    if kind == SKIP:
        found = _SKIP
    elif kind == OPEN:
        found = (OPEN, local, "/" if head.endswith("/") else "")
    elif kind == TEXT:
        if rest[:1] == "/":  # <w:t/>: the pattern wants ">" or a space after the name
            found = _SKIP
        else:
            return (TEXT, local, piece[end + 1 :])
    elif kind == PROP:
        value = _value(piece, w + "val", len(name) + 1, end) if rest[:1].isspace() else ""
        if value is None:
            return None
        found = (PROP, local, value)
    elif rest == "/":
        found = (INLINE, local, "")
    elif rest[:1].isspace() and rest.endswith("/"):
        found = (INLINE, local, rest[1:-1])
    else:  # <w:br> not self-closed: no token
        found = _SKIP
    if end == len(piece) - 1 and len(table) < _MAX_KNOWN:
        table[piece] = found
    return found


def tags(xml: str, prefix: str) -> tuple[tuple[int, str, str, int], ...] | None:
    """The tokens of XML holding no text token (no </w:t>): opening and closing tags, properties,
    tabs and breaks, in order, each with where its "<" is; None where only the pattern may read it."""
    out = []
    table = known(prefix)
    pieces = xml.split("<")
    at = len(pieces[0])
    for piece in pieces[1:]:
        found = table.get(piece) or entry(piece, prefix, table)
        if found is None:
            return None
        kind = found[0]
        if kind == OPEN or kind == CLOSE:
            if found[1] == "p":
                kind = OPEN_P if kind == OPEN else CLOSE_P
            out.append((kind, found[1], found[2], at))
        elif kind != SKIP and kind != TEXT:  # a w:t not closed right after its text: no token
            out.append((*found, at))
        at += len(piece) + 1
    return tuple(out)


def _unusual(local: str) -> bool:
    """A tag the pattern reads as a revision, a text box or alternate content (or might)."""
    return "Change" in local or local.startswith("txbxContent") or "AlternateContent" in local


def _value(piece: str, key: str, start: int, stop: int) -> str | None:
    """The first `key\\s*=\\s*["']([^"']*)["']` whose key starts in piece[start:stop]: the value,
    "" if none; None if its closing quote is not in the piece."""
    at = piece.find(key, start, stop)
    while at >= 0:
        i = at + len(key)
        while piece[i : i + 1].isspace():
            i += 1
        if piece[i : i + 1] == "=":
            i += 1
            while piece[i : i + 1].isspace():
                i += 1
            if piece[i : i + 1] in ('"', "'"):
                ends = [e for e in (piece.find('"', i + 1), piece.find("'", i + 1)) if e >= 0]
                return piece[i + 1 : min(ends)] if ends else None
        at = piece.find(key, at + 1, stop)
    return ""


def without_ids(xml: str, prefix: str) -> str | None:
    """The XML without the attributes of its w:p, w:r and w:tr start tags: Word's revision and
    paragraph ids (w:rsid…, w14:paraId), which make nearly every gap between texts new to the
    tokenizer. No token reads them: a w:p or w:tr token is its name and whether "/" stands before
    the first ">" (kept), the token pattern reads no w:r tag, and OOXML gives these elements no
    other attributes (a w:sectPr's ids are left: a body has few). None if a "<" comes before such a
    tag's ">"."""
    for name in ("p", "r", "tr"):
        opening = f"<{prefix}:{name}"
        parts = xml.split(opening + " ")
        for i in range(1, len(parts)):
            part = parts[i]
            end = part.find(">")
            if end < 0 or part.find("<", 0, end) >= 0:
                return None
            parts[i] = part[end - 1 :] if part[end - 1 : end] == "/" else part[end:]
        if len(parts) > 1:
            xml = opening.join(parts)
    return xml
