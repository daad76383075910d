"""Draft lines into the document tree: head, body, closing, then the parts that follow."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Literal

from generator.lexicon import dates, docnum, lazy, statutory
from generator.lexicon.chars import STRIP, WIDE_CLASS
from generator.read.annex import annex_note
from generator.read.lines import Line, block, clean, number_at
from generator.tree import Document, Imprint, Paragraph

MAX_SIGNATURE = 30  # a signature line is at most this long
MAX_SIGNATURES = 4
MAX_TITLE_LINE = 50
_BULLETS = "•●▪◆"  # never a 公文 line's first character
MAX_RECIPIENTS = 120


_DOC_NUMBER = lazy(rf"^(?P<number>{docnum.DOCNUM})(?:\s*{docnum.SIGNER})?$")
_DOC_NUMBER_GLUED = lazy(rf"^(?P<number>{docnum.DOCNUM})\s*(?=\S)")
_SIGNER = lazy(rf"^{docnum.SIGNER}$")
_LABEL = lazy(r"^附\s*件\s*[0-9０-９]*\s*[:：]?$")
_NOTE = lazy(r"^[（(](?P<text>[^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*)[）)]$")
_CC = lazy(r"^抄\s*送\s*[:：]\s*(?P<text>.*?)[。.]?$")
_PRINTED = lazy(rf"^(?P<printer>.*?)\s*(?P<date>{dates.WRITTEN_IN})\s*印\s*发$")
_NOT_IN_SIGNATURE = lazy(r"[。，,；;：:！!？?]")
_NOT_IN_TITLE = lazy(r"[。，,；;！!？?]")
_PLAN_TITLE = lazy(rf"^[^，,。；;：:！？、《》“”]{{4,{MAX_TITLE_LINE}}}?(?:{statutory.PLAN_TITLE})$")
_ISSUED = lazy(statutory.ISSUED_TO_YOU)
_CJK_SPACE = lazy(rf"(?<={WIDE_CLASS}) +|[ \u3000]+(?={WIDE_CLASS})")


def build(lines: list[Line], source: str) -> Document:
    """The document tree of a draft's lines; `source` is "txt" or "docx".

    Headings run on inside a line are split off first (reflow); facts["paragraphs_rebuilt"]
    then lists the lines where that was done.
    """
    from generator.read.reflow import reflow

    lines, rebuilt = reflow(lines)
    doc = _Builder(lines, source).build()
    if rebuilt:
        doc.facts["paragraphs_rebuilt"] = rebuilt
    return doc


def parse_date(text: str) -> dt.date | None | Literal[False]:
    """A whole-line date → dt.date; False if not a date; None if date-shaped but impossible."""
    return dates.parse(text)


def _is_date(text: str) -> bool:
    return len(text) <= 20 and parse_date(text) is not False


def _title_like(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_LINE
        and not _NOT_IN_TITLE.search(text)
        and text[-1] not in "：:"
        and not number_at(text)
        and not _is_date(text)
    )


def recipients_like(text: str) -> bool:
    """A 主送: a short list of organs ending with a colon, not a sentence ending so (「现将…报告如下：」)."""
    return (
        len(text) <= MAX_RECIPIENTS
        and text[-1] in "：:"
        and len(text) > 1
        and "。" not in text
        and not number_at(text)
        and not _not_recipients().search(text)
    )


@functools.lru_cache(maxsize=1)
def _not_recipients() -> re.Pattern:
    from generator.resources import DATA, load_data

    return lazy(load_data(DATA / "reading.yaml")["not_recipients"])


def _signature_like(text: str) -> bool:
    return len(text) <= MAX_SIGNATURE and not _NOT_IN_SIGNATURE.search(text) and not _is_date(text)


def _note_text(text: str) -> str | None:
    match = _NOTE.match(text)
    if match:
        return match.group("text").strip(STRIP)
    if text.startswith("附注"):
        return text[2:].lstrip("：: ").strip(STRIP)
    return None


def _without_cjk_space(text: str) -> str:
    """The text without spaces beside wide characters (the pattern compiled only for a text with a space)."""
    return _CJK_SPACE.sub("", text) if " " in text or "\u3000" in text else text


def _title_text(text: str) -> str:
    lines = [_without_cjk_space(clean(part)) for part in text.split("\n")]
    return "\n".join(line for line in lines if line)


class _Builder:
    """Lines to a Document with parts: head, body, closing; then the next part."""

    def __init__(self, lines: list[Line], source: str):
        self.lines = lines
        self.source = source

    def build(self) -> Document:
        root = Document(source=self.source)
        index = self._document(root, 0)
        while index < len(self.lines):
            part = Document(source=self.source)
            after = self._document(part, index)
            if after <= index:  # cannot happen, but never loop forever
                after = index + 1
            index = after
            root.parts.append(part)
        return root

    def _document(self, doc: Document, index: int) -> int:
        lines = self.lines
        if index < len(lines):
            line = lines[index]
            if line.kind == "label" or (index > 0 and not line.kind and _LABEL.match(line.text)):
                doc.label = line.text.rstrip("：:")
                index += 1
        index = self._head(doc, index)
        return self._body(doc, index)

    # -- head: 发文字号, 签发人, title lines, 主送
    def _head(self, doc: Document, index: int) -> int:
        lines = self.lines
        start = index
        titles: list[str] = []
        while index < len(lines):
            line = lines[index]
            text = line.text
            if line.table is not None:
                break
            if index > start and (line.page_break or line.kind == "label"):
                break
            if line.kind == "header":  # fazhi's 版头 above the 文号 and title
                index += 1
                continue
            if text[:1] in _BULLETS and not line.kind:  # a 公开目录's fields 「• 2023-08-14」: chrome
                titles.clear()
                index += 1
                continue
            match = _DOC_NUMBER.match(text.replace("\t", " ")) if "号" in text else None
            if line.kind == "doc_number" or (match and not doc.doc_number):
                self._doc_number(doc, line, match)
                index += 1
                continue
            glued = _DOC_NUMBER_GLUED.match(text) if not doc.doc_number and not line.kind else None
            if glued and _title_like(text[glued.end() :].strip(STRIP)):  # 「长政发〔2021〕1号长海县…报告」
                doc.doc_number, doc.doc_number_line = _CJK_SPACE.sub("", glued.group("number")), line.line
                lines[index] = line = Line(text[glued.end() :].strip(STRIP), line.line, line.gap)
                text = line.text
            signer = _SIGNER.match(text) if text.startswith("签发人") else None  # the pattern's start
            if signer and not doc.signer and (doc.doc_number or not titles):
                doc.signer, doc.upward = signer.group("signer").strip(STRIP), True
                index += 1
                continue
            if line.kind == "recipients" or (not line.kind and recipients_like(text)):
                doc.recipients, doc.recipients_line = text.rstrip("：:").strip(STRIP), line.line
                doc.facts["recipients_colon"] = text.rstrip()[-1:]  # kept for punct.recipients-colon
                index += 1
                break
            if line.kind == "title" or (
                line.kind in ("", "heading")
                and (_title_like(text) or self._stopped_title(index))
                and len(titles) < 5
                and not doc.recipients
            ):
                if titles and line.kind != "title" and self._starts_closing(index):
                    break
                title = _title_text(text)
                seen = [t.replace(" ", "") for t in titles]
                if title and title.replace(" ", "") in seen:  # page chrome repeating the title above it
                    del titles[: seen.index(title.replace(" ", ""))]
                    doc.title_line = line.line
                elif title:
                    titles.append(title)
                    doc.title_line = doc.title_line or line.line
                index += 1
                continue
            break
        doc.title = "\n".join(titles)
        return index

    def _stopped_title(self, index: int) -> bool:
        """A title typed with a closing 「。」, right above the 主送 (kept as written, for the rules)."""
        text, lines = self.lines[index].text, self.lines
        return (
            text.endswith("。")
            and len(text) > 1
            and _title_like(text[:-1])
            and index + 1 < len(lines)
            and not lines[index + 1].kind
            and recipients_like(lines[index + 1].text)
        )

    @staticmethod
    def _doc_number(doc: Document, line: Line, match: re.Match | None) -> None:
        if match:
            doc.doc_number = _without_cjk_space(match.group("number"))
            if match.group("signer"):
                doc.signer = match.group("signer").strip(STRIP)
        else:
            doc.doc_number = line.text.split("\t")[0].strip(STRIP)
        doc.doc_number_line = line.line
        doc.upward = doc.upward or line.left or bool(doc.signer)

    def _starts_closing(self, index: int) -> bool:
        """A short unpunctuated line that is really a signature over the date."""
        lines = self.lines
        for offset in range(MAX_SIGNATURES + 1):
            j = index + offset
            if j >= len(lines):
                return False
            if _is_date(lines[j].text):
                return self._closes(j)
            if not _signature_like(lines[j].text):
                return False
        return False

    # -- body: headings, paragraphs, tables up to the closing or the next part
    def _body(self, doc: Document, index: int) -> int:
        lines = self.lines
        start = index
        blocks = doc.blocks
        headed = bool(doc.title or doc.recipients)
        issues = None  # _issues(doc), once there are blocks (it reads the first one)
        while index < len(lines):
            line = lines[index]
            kind, text = line.kind, line.text
            if index > start or headed:
                if line.page_break or kind == "label" or (kind == "title" and blocks):
                    return index
                if not kind and blocks and text[:1] == "附" and _LABEL.match(text):
                    return index  # 「附件」 alone on its line: an attachment follows
                if not kind and blocks and issues is not False:
                    issues = _issues(doc) if issues is None else issues  # asked first: a report is no notice
                    if issues and _PLAN_TITLE.match(text):
                        return index  # a notice whose date was lost: the plan it issues begins at its title
            if line.table is not None:
                blocks.append(line.table)
                index += 1
                continue
            if kind == "signature" or kind == "note":
                return self._closing(doc, index)
            if not kind and len(text) <= 20 and _is_date(text) and self._closes(index):
                return self._closing(doc, index)
            note = annex_note(lines, index) if text[:1] == "附" and not kind else None
            if note:
                doc.annexes, doc.annex_source, index = note
                continue
            blocks.append(block(line))
            index += 1
        return index

    def _closes(self, index: int) -> bool:
        """Is the date at `index` the document's date: nothing but notes, imprint or a new part after it?"""
        lines = self.lines
        j = index + 1
        while j < len(lines) and (
            lines[j].kind in ("note", "imprint")
            or _note_text(lines[j].text) is not None
            or _CC.match(lines[j].text)
            or _PRINTED.match(lines[j].text)
        ):
            j += 1
        if j >= len(lines):
            return True
        nxt = lines[j]
        return (
            nxt.page_break
            or nxt.kind in ("label", "title", "doc_number")
            or bool(_LABEL.match(nxt.text))
            or ("号" in nxt.text and bool(_DOC_NUMBER.match(nxt.text)))
            or (not nxt.kind and _title_like(nxt.text))
        )

    # -- closing: signatures, date, notes, imprint
    def _closing(self, doc: Document, index: int) -> int:
        index = self._signatures_and_date(doc, index)
        if not doc.signatures and doc.date_text:
            self._pop_signatures(doc)
        return self._notes_and_imprint(doc, index)

    def _signatures_and_date(self, doc: Document, index: int) -> int:
        """Signatures given by style (docx) up to a date among them, else a date line alone."""
        lines = self.lines
        while index < len(lines) and lines[index].kind == "signature":
            line = lines[index]
            date = parse_date(line.text)
            if date is not False:
                _set_date(doc, line, date)
                return index + 1
            doc.signatures.append(line.text)
            doc.signature_line = doc.signature_line or line.line
            index += 1
        if index < len(lines) and not doc.date_text and _is_date(lines[index].text):
            _set_date(doc, lines[index], parse_date(lines[index].text) or None)
            index += 1
        return index

    @staticmethod
    def _pop_signatures(doc: Document) -> None:
        """The short lines heading the date, read as paragraphs, are the signatures."""
        popped: list = []  # Paragraphs (the loop tests each block)
        while (
            doc.blocks
            and len(popped) < MAX_SIGNATURES
            and isinstance(doc.blocks[-1], Paragraph)
            and _signature_like(doc.blocks[-1].text)
        ):
            popped.append(doc.blocks.pop())
        popped.reverse()
        doc.signatures = [p.text for p in popped]
        doc.signature_line = popped[0].line if popped else 0

    def _notes_and_imprint(self, doc: Document, index: int) -> int:
        lines = self.lines
        while index < len(lines):
            line = lines[index]
            note = _note_text(line.text)
            cc, printed = _CC.match(line.text), _PRINTED.match(line.text)
            if line.kind == "note" or (note is not None and line.kind in ("", "signature")):
                doc.notes.append(note if note is not None else line.text)
            elif cc or printed or line.kind == "imprint":
                _add_imprint(doc, line, cc, printed)
            else:
                break
            index += 1
        return index


def _issues(doc: Document) -> bool:
    """Is the document a 印发通知 (by its title, or by its 「…印发给你们」 sentence)?"""
    if "印发" in doc.title:
        return True
    first = doc.blocks[0] if doc.blocks else None
    return isinstance(first, Paragraph) and bool(_ISSUED.search(first.text))


def _set_date(doc: Document, line: Line, date: dt.date | None) -> None:
    doc.date = date or None
    doc.date_text = line.text
    doc.date_line = line.line


def _add_imprint(doc: Document, line: Line, cc: re.Match | None, printed: re.Match | None) -> None:
    """A 版记 line: 抄送, 印发 (printer and date), or a line styled as imprint."""
    imprint = doc.imprint = doc.imprint or Imprint()
    if cc:
        imprint.cc = cc.group("text").strip(STRIP)
        imprint.cc_line, imprint.cc_text = line.line, line.text
    elif printed:
        imprint.print_line, imprint.print_text = line.line, line.text
        imprint.printer = printed.group("printer").strip(STRIP)
        imprint.print_date = parse_date(printed.group("date")) or None
    else:
        imprint.printer = line.text
