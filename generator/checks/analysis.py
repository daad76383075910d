"""Shared analysis of a document, computed once and used by many rules: which document is the
body, what kind it is, the report year, where the statutory parts are, and the text by line."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from generator.kinds import DEFAULT_KIND, KINDS, recognise_why
from generator.numbering import read_number
from generator.resources import load_data
from generator.tree import Document, Heading, Paragraph, Table

CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’《》、…—"
_CJK_RE = re.compile(f"[{CJK}]")
_YEAR_PREFIX = re.compile(r"^(?:关于)?\s*(?:20\d\d|[一二〇零]{4})\s*年度?\s*(?:的|全[市区县省])?")
_FULL_WIDTH = set("，：；（）")
_HALF_WIDTH = re.compile(f"[{CJK}][,:;()]|[,:;()][{CJK}]")


def is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK_RE.match(char))


@dataclass
class TextUnit:
    """A piece of text at a line: what punctuation and placeholder rules scan."""

    line: int
    text: str
    where: str  # title, doc_number, recipients, heading, paragraph, table, signature, date, note


@dataclass
class PartHit:
    found: bool = False
    heading: str | None = None
    line: int | None = None
    index: int | None = None  # position among the body's blocks
    level: int | None = None
    implicit: bool = False  # part 1 not named, inferred from headings before part 2
    within: Heading | None = None  # found only as a sub-heading of this part heading (parts.nested)

    def as_dict(self) -> dict:
        return {"found": self.found, "heading": self.heading, "line": self.line}


@dataclass
class Analysis:
    doc: Document
    kind: str
    body: Document
    report_year: int | None
    web_copy: bool
    kind_reason: str = ""  # why the kind was chosen (Chinese), shown in the report
    units: list[TextUnit] = field(default_factory=list)
    parts: dict[str, PartHit] = field(default_factory=dict)
    parts_data: dict = field(default_factory=dict)  # the kind's required parts (parts.yaml)
    layout: str | None = None  # a layout file for the layout rules (the built-in one when None)

    @functools.cached_property
    def _joined(self) -> tuple[str, list[int]]:
        starts, pos = [], 0
        for unit in self.units:
            starts.append(pos)
            pos += len(unit.text) + 1
        return "\x00".join(u.text for u in self.units), starts

    def scan(self, pattern: re.Pattern):
        """(unit, match, unit start) for every match over all units: one regex pass, not one per unit."""
        joined, starts = self._joined
        for match in pattern.finditer(joined):
            index = bisect.bisect_right(starts, match.start()) - 1
            yield self.units[index], match, starts[index]

    def section(self, index: int) -> list:
        """The blocks after the heading at `index` up to the next heading of the same or higher level."""
        blocks = self.body.blocks
        head = blocks[index]
        level = head.level if isinstance(head, Heading) else 1
        out = []
        for block in blocks[index + 1:]:
            if isinstance(block, Heading) and block.level <= level:
                break
            out.append(block)
        return out


def block_text(block) -> str:
    if isinstance(block, Heading):
        return block.title + ("。" if block.runin and block.body else "") + block.body
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Table):
        return "\n".join("　".join(row) for row in block.rows)
    return ""


def text_units(doc: Document) -> list[TextUnit]:
    units: list[TextUnit] = []
    for d in doc.all_documents():
        if d.title:
            units.append(TextUnit(d.title_line, d.title, "title"))
        if d.doc_number:
            units.append(TextUnit(d.doc_number_line, d.doc_number, "doc_number"))
        if d.recipients:
            units.append(TextUnit(d.recipients_line, d.recipients, "recipients"))
        for block in d.blocks:
            if isinstance(block, Heading):
                text = block.title + (block.body if block.runin else "")
                units.append(TextUnit(block.line, text, "heading"))
            elif isinstance(block, Paragraph):
                units.append(TextUnit(block.line, block.text, "paragraph"))
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        units.append(TextUnit(block.line, cell, "table"))
        for i, signature in enumerate(d.signatures):
            units.append(TextUnit(d.signature_line + i if d.signature_line else 0, signature, "signature"))
        if d.date_text:
            units.append(TextUnit(d.date_line, d.date_text, "date"))
        for note in d.notes:
            units.append(TextUnit(0, note, "note"))
    return units


_REPORT_OPENING = re.compile(r"现将.{0,80}?报告如下")


def detect_kind(doc: Document) -> tuple[str, str]:
    """(kind, why) from the whole document: the first document's title (not an attachment's),
    the last signature, the opening and the part headings."""
    docs = list(doc.all_documents())
    signatures = [s for d in docs for s in d.signatures]
    return recognise_why(doc.title.replace("\n", ""), signatures[-1] if signatures else "", _report_signs(docs))


def _report_signs(docs: list[Document]) -> list[str]:
    """What says "a report" besides the title: the 「现将…报告如下」 opening, statutory part headings."""
    signs = []
    for d in docs:
        opening = next((b for b in d.blocks if not isinstance(b, Paragraph) or _REPORT_OPENING.search(b.text)), None)
        if isinstance(opening, Paragraph):
            signs.append("开头写「现将……报告如下」")
            break
    parts_data = load_data(KINDS[DEFAULT_KIND].parts_path)
    found: set[str] = set()
    for d in docs:
        for heading in d.headings():
            if heading.level == 1:
                found |= match_parts(normal_title(heading), parts_data)
    if len(found) >= 2 and found & {"1", "2", "3"}:
        signs.append(f"有{len(found)}个法定部分的标题")
    return signs


def body_document(doc: Document, kind: str) -> Document:
    """The document carrying the report or the work points (not the notice, not attachments)."""
    docs = list(doc.all_documents())
    if kind == "work-plan":
        for d in docs:
            if "要点" in d.title and "印发" not in d.title and any(True for _ in d.headings()):
                return d
    for d in docs:
        if any(True for _ in d.headings()):
            return d
    return doc


def find_report_year(doc: Document, body: Document, kind: str) -> int | None:
    for d in (body, doc):
        match = re.search(r"(20\d\d)\s*年", d.title)
        if match:
            return int(match.group(1))
    for block in body.blocks[:3]:
        match = re.search(r"现将\s*(20\d\d)\s*年", block_text(block)) or \
            re.search(r"(20\d\d)\s*年度", block_text(block))
        if match:
            return int(match.group(1))
    date = doc.date or body.date
    if date:
        return date.year - 1 if KINDS[kind].is_a("annual-report") else date.year
    return None


def is_web_copy(doc: Document, units: list[TextUnit]) -> bool:
    """A .txt whose ，：；（） all became ASCII (web-page copies): punctuation is an artefact."""
    if doc.source != "txt":
        return False
    text = "".join(u.text for u in units) + "".join(
        h.number for d in doc.all_documents() for h in d.headings())
    if any(c in _FULL_WIDTH for c in text):
        return False
    return bool(_HALF_WIDTH.search(text))


def normal_title(heading: Heading) -> str:
    title = heading.title.strip()
    title = _YEAR_PREFIX.sub("", title)
    return title.rstrip("。：:；;， ")


_PATTERNS: dict[int, tuple] = {}


def _part_patterns(parts_data: dict) -> tuple[tuple[str, re.Pattern], ...]:
    """One compiled alternation per statutory part, compiled once per parts file."""
    key = id(parts_data)
    if key not in _PATTERNS:
        _PATTERNS[key] = (parts_data, tuple(
            (k, re.compile("|".join(f"(?:{p})" for p in part["patterns"]))) for k, part in parts_data["parts"].items()))
    return _PATTERNS[key][1]


def match_parts(title: str, parts_data: dict) -> set[str]:
    patterns = _part_patterns(parts_data)
    matched = {key for key, pattern in patterns if pattern.search(title)}
    if len(matched) > 1:
        matched.discard("1")
    return matched


def detect_parts(body: Document, parts_data: dict) -> dict[str, PartHit]:
    hits = {key: PartHit() for key in parts_data["parts"]}
    blocks = body.blocks
    top = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1]
    if not top:  # no numbered parts: short unnumbered lines may be the part headings
        top = [(i, Heading(1, b.text, line=b.line)) for i, b in enumerate(blocks)
               if isinstance(b, Paragraph) and len(b.text) <= 40 and "。" not in b.text]
    unmatched: list[tuple[int, Heading]] = []
    for i, head in top:
        keys = match_parts(normal_title(head), parts_data)
        if not keys and head.title.strip():
            unmatched.append((i, head))
        for key in keys:
            if not hits[key].found:
                hits[key] = PartHit(True, head.title, head.line or None, i, head.level)
    tops = [i for i, _ in top]
    for key, part in parts_data["parts"].items():
        if hits[key].found or not part.get("any_level"):
            continue
        for i, block in enumerate(blocks):
            if not isinstance(block, Heading) or (not block.runin and block.title.endswith(("。", "；"))):
                continue  # a numbered sentence (「（一）第一责任人职责落实还不到位。」) is no part title
            if key in match_parts(normal_title(block), parts_data):
                k = bisect.bisect_left(tops, i) - 1
                within = top[k][1] if k >= 0 and top[k][1].level < block.level else None
                hits[key] = PartHit(True, block.title, block.line or None, i, block.level, within=within)
                break
    if not hits["1"].found and unmatched:
        later = [hits[k].index for k in ("2", "4", "5") if hits[k].found]
        limit = min(later) if later else len(blocks)
        before = [(i, h) for i, h in unmatched if i < limit]
        if before:
            i, head = before[0]
            hits["1"] = PartHit(True, head.title, head.line or None, i, head.level, implicit=True)
    return hits


def analyse(doc: Document, kind: str | None = None, report_year: int | None = None,
            layout: str | None = None, reason: str = "") -> Analysis:
    """The shared analysis; `kind` None: detected from the document (and the reason kept)."""
    if kind is None:
        kind, reason = detect_kind(doc)
    body = body_document(doc, kind)
    units = text_units(doc)
    year = report_year or find_report_year(doc, body, kind)
    analysis = Analysis(doc, kind, body, year, is_web_copy(doc, units), reason, units, layout=layout)
    parts_path = KINDS[kind].parts_path
    if parts_path:
        analysis.parts_data = load_data(parts_path)
        analysis.parts = detect_parts(body, analysis.parts_data)
    return analysis


def heading_number(heading: Heading):
    """(level, value, text, variant) of the number as found in a draft, or None."""
    if not heading.number:
        return None
    return read_number(heading.number)
