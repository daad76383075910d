"""Plain-text drafts: decoding, the text's lines without web noise, broken headings, tab tables."""

from __future__ import annotations


from generator.lexicon import headings, lazy
from generator.errors import DraftError, Problem
from generator.read.noise import MAX_FIELD_VALUE, Noise
from generator.read.runon import MIN_RUNON, split_runon
from generator.lexicon.chars import STRIP
from generator.read.lines import Line, clean, number_at
from generator.read.structure import recipients_like
from generator.tree import Table

BROKEN_MIN_TITLE = 15  # see _join_broken_headings
BROKEN_MAX_TAIL = 20
BROKEN_MAX_HEADING = 40  # a heading joined again is at most this long

_SENTENCE_END = "。！？!?；;：:…"
_CLAUSE_MARK = lazy(r"[，,；;、：:]")
_STRIP_ROW = STRIP.replace("\t", "")


def decode_text(data: bytes, name: str = "<text>") -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else GB18030; DraftError if none fits."""
    if data.startswith(b"PK\x03\x04"):
        raise DraftError(Problem("这是一个 Word（.docx）文件，不是纯文本：请把扩展名改为 .docx", name))
    encodings: tuple[str, ...]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig", "gb18030")
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" not in text:
            return text
    raise DraftError(Problem("无法识别文本文件的编码（应为 UTF-8 或 GB18030），或者它不是文本文件", name))


def text_lines(text: str, noise: Noise) -> list[Line]:
    """The non-blank lines of a text up to an end marker, noise dropped, numbered from 1."""
    lines: list[Line] = []
    gap = value = False  # value: the line after a 公开目录 field's name
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = clean(noise.stripped(clean(raw)))
        if not line:
            gap = True
            continue
        pieces = split_runon(line, recipients_like) if len(line) >= MIN_RUNON else (line,)
        for piece in pieces:
            if lines and noise.is_end(piece):
                return _text_tables(_join_broken_headings(lines))
            if value and len(piece) <= MAX_FIELD_VALUE:
                value = False
                continue
            value = noise.is_field(piece)
            if value or noise.is_drop(piece) or (not lines and noise.is_end(piece)):
                gap = True
                continue
            if "\t" in piece and len(pieces) == 1:  # a table row: keep empty cells at either end
                piece = raw.strip(_STRIP_ROW)
            lines.append(Line(piece, number, gap=gap))
            gap = False
    return _text_tables(_join_broken_headings(lines))


def _join_broken_headings(lines: list[Line]) -> list[Line]:
    """Join a heading the web page broke in two: 「（三）…规范化」+「程序化法治化。严格…」.

    The numbered line has text after its number of at least BROKEN_MIN_TITLE characters, no
    。 and no closing punctuation; the next line follows without a blank line, has no number,
    and its first sentence (up to 。) is at most BROKEN_MAX_TAIL characters without a comma
    and is followed by body text: a paragraph's opening sentence nearly always has a comma, a
    heading's tail rarely does, and a short line that ends there is a paragraph of its own.
    """
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        nxt = lines[index + 1] if index + 1 < len(lines) else None
        found = number_at(line.text)
        if found and nxt is not None and not nxt.gap and not number_at(nxt.text):
            rest = line.text[len(found[2]) :].strip()
            stop = nxt.text.find("。")
            if (
                len(rest) >= BROKEN_MIN_TITLE
                and "。" not in rest
                and rest[-1] not in _SENTENCE_END
                and 0 < stop <= BROKEN_MAX_TAIL
                and len(rest) + stop <= BROKEN_MAX_HEADING
                and stop + 1 < len(nxt.text.rstrip())
                and not _CLAUSE_MARK.search(nxt.text[:stop])
                and not headings.POINT.match(nxt.text)  # 「一是…。」 opens a paragraph, never ends a heading
            ):
                out.append(Line(line.text + nxt.text, line.line, gap=line.gap))
                index += 2
                continue
        out.append(line)
        index += 1
    return out


def _text_tables(lines: list[Line]) -> list[Line]:
    """Consecutive lines holding tabs are a table (fazhi's .txt writes table rows so)."""
    if not any("\t" in ln.text for ln in lines):
        return lines
    out: list[Line] = []
    for line in lines:
        if "\t" in line.text:
            cells = [clean(c) for c in line.text.split("\t")]
            if out and out[-1].table is not None and not line.gap:
                out[-1].table.rows.append(cells)
                continue
            out.append(Line(line.text, line.line, gap=line.gap, table=Table([cells], line=line.line)))
        else:
            out.append(line)
    return out
