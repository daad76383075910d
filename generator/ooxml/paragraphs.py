"""document.xml's body paragraphs as spans of the XML text, for editing in place.

Every w:p is numbered as the reader numbers draft lines (read.docx_body.paragraph_starts);
each keeps the text pieces it owns (w:t text, w:tab, w:br, w:cr of its own runs, not those of
a text box's paragraphs) with their offsets, so an edit of the paragraph's text maps back to
the few w:t nodes it touches and every other byte stays as it was.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

from generator.lexicon import lazy
from generator.read.docx_body import paragraph_starts
from generator.read.docx_package import PREFIX

_HIDDEN = lazy(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)
_REVISIONS = frozenset({"ins", "del", "moveFrom", "moveTo"})


def masked(xml: str) -> str:
    """The XML with comments, CDATA sections and processing instructions blanked (same length)."""
    return _HIDDEN.sub(lambda m: " " * len(m.group(0)), xml)


def w_prefix(xml: str) -> str | None:
    """The prefix bound to the WordprocessingML namespace ("" for the default namespace)."""
    found = PREFIX.search(xml, 0, 8192)
    if found:
        return found.group(1)
    if re.search(r'xmlns\s*=\s*["\']http://schemas.openxmlformats.org/wordprocessingml/2006/main', xml[:8192]):
        return ""
    return None


@dataclass
class Piece:
    """A piece of a paragraph's text: a w:t's text (editable) or a tab/break (not)."""

    text: str
    editable: bool
    start: int = 0  # w:t: offsets of the element <w:t …>…</w:t> in the XML
    end: int = 0
    content: int = 0  # w:t: offset where its text starts
    run_open: str = ""  # the <w:r …> tag of its run
    rpr: str = ""  # the run's <w:rPr>…</w:rPr> ("" if none)
    in_revision: bool = False


@dataclass
class Para:
    """One w:p: where it is, where its content starts (after w:pPr), and its text pieces."""

    number: int
    start: int
    open_end: int
    content_start: int
    end: int  # offset of </w:p> (== open_end for <w:p/>)
    empty: bool
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def body_paragraphs(xml: str, prefix: str) -> dict[int, Para]:
    """The body's paragraphs by number; `xml` is the whole masked document.xml."""
    w = re.escape(prefix) + ":" if prefix else ""
    body = re.search(rf"<{w}body\b[^>]*>", xml)
    if not body:
        return {}
    end = xml.rfind(f"</{prefix + ':' if prefix else ''}body>")
    region = xml[body.end() : end if end > 0 else len(xml)]
    numbers = {start + body.end(): n for n, start in enumerate(paragraph_starts(region, prefix), 1)}
    return _Scanner(xml, w, numbers).run(body.end(), end if end > 0 else len(xml))


class BodyIndex:
    """The body's paragraphs for an edit: every paragraph's text from one C-speed tokenizer pass
    (read as the reader's tokenizer reads it), the exact Para (pieces and offsets) only of the
    paragraphs an edit or a comment touches. A body the tokenizer cannot vouch for (comments,
    CDATA sections or processing instructions in it, a paragraph inside a paragraph: text boxes)
    is scanned whole by _Scanner, as is any with `exact`."""

    def __init__(self, xml: str, prefix: str, exact: bool = False):
        self.xml, self.prefix = xml, prefix
        self.close = f"</{prefix}:p>" if prefix else "</p>"
        self.texts: dict[int, str] = {}  # number → text, of the paragraphs holding more than spaces
        self.filled: list[int] = []  # the numbers of the paragraphs not written <w:p/>, in order
        self._paras: dict[int, Para] = {}
        self._starts: list[int] = []
        self._open: set[int] = set()
        self.fast = False
        w = re.escape(prefix) + ":" if prefix else ""
        body = re.search(rf"<{w}body\b[^>]*>", xml)
        if not body:
            return
        end = xml.rfind(f"</{prefix + ':' if prefix else ''}body>")
        self.span = (body.end(), end if end > 0 else len(xml))
        plain = xml.find("<!", *self.span) < 0 and xml.find("<?", *self.span) < 0
        if not exact and plain and self._tokenize(_tokens(prefix).findall(xml, *self.span)):
            self.fast, self._open = True, set(self.filled)
            return
        self._paras = body_paragraphs(masked(xml), prefix)
        self.texts = {n: p.text for n, p in self._paras.items() if n and p.text.strip()}
        self.filled = sorted(n for n, p in self._paras.items() if n and not p.empty)

    def _tokenize(self, tokens: list[tuple[str, ...]]) -> bool:
        """Texts and filled paragraphs from the tokens; False at a paragraph inside a paragraph."""
        texts, filled, number = self.texts, self.filled, 0
        parts: list[str] | None = None
        for opened, empty, text, inline, attrs, closed in tokens:
            if text:
                if parts is not None:
                    parts.append(html.unescape(text) if "&" in text else text)
            elif opened:
                if parts is not None:
                    return False
                number += 1
                if not empty:
                    parts = []
                    filled.append(number)
            elif closed:
                if parts is None:
                    return False
                joined = "".join(parts)
                if joined.strip():
                    texts[number] = joined
                parts = None
            elif inline and parts is not None:
                if inline == "tab" and not attrs.strip():  # with attributes: a tab stop of w:tabs
                    parts.append("\t")
                elif inline == "cr" or (inline == "br" and not _PAGE_BREAK.search(attrs)):
                    parts.append("\n")
        return parts is None

    def bounds(self, number: int) -> tuple[int, int]:
        """(where paragraph `number`'s content starts, after its w:pPr; where its end tag starts),
        found without reading its runs (a paragraph that keeps an old w:pPr is read exactly)."""
        if not self.fast or number in self._paras or number not in self._open:
            para = self.para(number)
            return para.content_start, para.end
        start = self._start(number)
        xml, ppr_close = self.xml, self.close[:-2] + "pPr>"
        opened, end = xml.find(">", start) + 1, xml.find(self.close, start)
        if xml.startswith(ppr_close.replace("/", "", 1), opened):  # <w:pPr> first, as Word writes it
            at = opened + len(ppr_close) - 1
        else:
            ppr = _ppr(self.prefix).search(xml, opened, end)
            if ppr is None or ppr.group(1):
                return (ppr.end() if ppr else opened), end
            at = ppr.end()
        closed = xml.find(ppr_close, at, end)
        if closed < 0 or xml.find("pPrChange", at, closed) >= 0:
            para = self.para(number)
            return para.content_start, para.end
        return closed + len(ppr_close), end

    def _start(self, number: int) -> int:
        if not self._starts:
            self._starts = [m.start() for m in _opener(self.prefix).finditer(self.xml, *self.span)]
        return self._starts[number - 1]

    def para(self, number: int) -> Para:
        """Paragraph `number` read exactly (its pieces, offsets and where its content starts)."""
        found = self._paras.get(number)
        if found is None:
            start = self._start(number)
            if number in self._open:
                stop = self.xml.find(self.close, start) + len(self.close)
            else:  # <w:p/>
                stop = self.xml.find(">", start) + 1
            w = re.escape(self.prefix) + ":" if self.prefix else ""
            found = self._paras[number] = _Scanner(self.xml, w, {start: number}).run(start, stop)[number]
        return found


_PAGE_BREAK = lazy(r'type\s*=\s*["\'](?:page|column)')


@functools.lru_cache(maxsize=8)
def _tokens(prefix: str) -> re.Pattern:
    """Paragraph starts and ends, w:t texts and w:tab/w:br/w:cr of one prefix."""
    w = re.escape(prefix) + ":" if prefix else ""
    return re.compile(  # one "<" then the alternatives: twice as fast as five alternatives from "<"
        rf"<(?:{w}(?:(p)(?=[\s>/])[^>]*?(/?)>|t(?=[\s>])[^>]*>([^<]*)</{w}t>|(tab|br|cr)(?=[\s/])([^>]*?)/>)|(/{w}p>))"
    )


@functools.lru_cache(maxsize=8)
def _opener(prefix: str) -> re.Pattern:
    w = re.escape(prefix) + ":" if prefix else ""
    return re.compile(rf"<{w}p(?=[\s>/])")


@functools.lru_cache(maxsize=8)
def _ppr(prefix: str) -> re.Pattern:
    w = re.escape(prefix) + ":" if prefix else ""
    return re.compile(rf"<{w}pPr(?=[\s>/])[^>]*?(/?)>")


class _Scanner:
    """One pass over the body's tags: a stack of open elements, paragraphs by number."""

    def __init__(self, xml: str, w: str, numbers: dict[int, int]):
        self.xml, self.numbers = xml, numbers
        # one "<" before the alternatives: the engine looks for it at C speed, not for each in turn
        self.tag = re.compile(rf"<(?:{w}t(?=[\s>])[^>]*>([^<]*)</{w}t>|(/?){w}(\w+)\b[^>]*?(/?)>)")
        self.paras: dict[int, Para] = {}
        self.stack: list[tuple[str, int]] = []  # (local name, start offset)
        self.open_paras: list[Para] = []
        self.current: tuple[str, int] | None = None  # the open w:r: (open tag, start)
        self.rpr_start = -1
        self.rpr = ""
        self.revisions = 0  # open w:ins/w:del/w:moveFrom/w:moveTo on the stack (counted, not searched per w:t)

    def run(self, start: int, end: int) -> dict[int, Para]:
        for match in self.tag.finditer(self.xml, start, end):
            if match.group(1) is not None:
                self._text(match)
            else:
                self._element(match)
        return self.paras

    def _text(self, match: re.Match) -> None:
        if not self.open_paras or self.current is None:
            return
        text = match.group(1)
        self.open_paras[-1].pieces.append(
            Piece(
                html.unescape(text) if "&" in text else text,
                True,
                match.start(),
                match.end(),
                match.start(1),
                self.current[0],
                self.rpr,
                self.revisions > 0,
            )
        )

    def _element(self, match: re.Match) -> None:
        closing, name, empty = match.group(2) == "/", match.group(3), match.group(4) == "/"
        if closing:
            self._close(name, match)
        elif name == "p":
            para = Para(
                self.numbers.get(match.start(), 0),
                match.start(),
                match.end(),
                match.end(),
                match.end() if empty else -1,
                empty,
            )
            self.paras[para.number] = para
            if not empty:
                self.open_paras.append(para)
                self.stack.append(("p", match.start()))
        elif empty:
            self._inline(name, match)
        else:
            if name == "r":
                self.current, self.rpr = (match.group(0), match.start()), ""
            elif name == "rPr" and self.stack and self.stack[-1][0] == "r":
                self.rpr_start = match.start()
            elif name in _REVISIONS:
                self.revisions += 1
            self.stack.append((name, match.start()))

    def _close(self, name: str, match: re.Match) -> None:
        while self.stack:
            opened, start = self.stack.pop()
            if opened in _REVISIONS:
                self.revisions -= 1
            if opened == name:
                break
        if name == "p" and self.open_paras:
            self.open_paras.pop().end = match.start()
        elif name == "r":
            self.current = None
        elif name == "rPr" and self.rpr_start >= 0 and self.stack and self.stack[-1][0] == "r":
            self.rpr, self.rpr_start = self.xml[self.rpr_start : match.end()], -1
        elif name == "pPr" and self.open_paras and self.stack and self.stack[-1][0] == "p":
            self.open_paras[-1].content_start = match.end()

    def _inline(self, name: str, match: re.Match) -> None:
        """Self-closing elements: w:tab/w:br/w:cr text, an empty w:pPr, an empty w:rPr."""
        if name == "pPr" and self.open_paras and self.stack and self.stack[-1][0] == "p":
            self.open_paras[-1].content_start = match.end()
        if not self.open_paras or not self.stack or self.stack[-1][0] != "r":
            return
        attrs = match.group(0)
        if name == "tab":
            self.open_paras[-1].pieces.append(Piece("\t", False))
        elif name == "br" and not re.search(r'type\s*=\s*["\'](?:page|column)', attrs):
            self.open_paras[-1].pieces.append(Piece("\n", False))
        elif name == "cr":
            self.open_paras[-1].pieces.append(Piece("\n", False))
