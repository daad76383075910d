"""Fixing a .txt draft: its lines edited in place, encoding, BOM and line endings kept."""

from __future__ import annotations


from generator.lexicon import lazy
from generator.read.text import decode_text
from generator.tree import Document
from .plan import Fix, fixes_of, plan
from .textfix import apply

_LINE_END = lazy(r"(\r\n|\r|\n)")


def _encoding(data: bytes) -> str:
    """The codec decode_text used for these bytes (so the fixed file is written the same way)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def fix_txt(data: bytes, doc: Document, name: str = "<text>", enabled=None) -> tuple[bytes, list[Fix]]:
    """The fixed bytes of a .txt draft and the fixes applied; line numbers as the reader counts them."""
    text = decode_text(data, name)
    pieces = _LINE_END.split(text)  # line, ending, line, ending, …
    lines = {n: pieces[2 * (n - 1)] for n in range(1, (len(pieces) + 1) // 2 + 1)}
    fixes: list[Fix] = []
    for line, edits in sorted(plan(lines, doc, enabled).items()):
        fixes += fixes_of(line, lines[line], edits)
        pieces[2 * (line - 1)] = apply(lines[line], edits)
    if not fixes:
        return data, []
    encoding = _encoding(data)
    out = "".join(pieces)
    if encoding == "utf-16":
        return data[:2] + out.encode("utf-16-le" if data[:2] == b"\xff\xfe" else "utf-16-be"), fixes
    return out.encode(encoding), fixes
