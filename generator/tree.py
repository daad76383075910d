"""The document tree: what templates produce, drafts are read into, and checks and writers consume.

Nodes compare by identity (eq=False): a node is a place in one document, two equal-looking
paragraphs are still two, and nodes can key a dict. (It also skips generating __eq__ for each
class, a millisecond of every process's start.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from collections.abc import Iterator

from generator.lexicon.dates import cn_date  # noqa: F401  (re-exported: the tree writes dates so)


@dataclass(eq=False)
class Heading:
    """A numbered heading (level 1-4). Run-in headings carry the paragraph's body text."""

    level: int
    title: str
    runin: bool = False
    body: str = ""
    line: int = 0
    number: str = ""  # as found in a draft ("（一）", "1、"); the writer generates its own


@dataclass(eq=False)
class Paragraph:
    """A body paragraph."""

    text: str
    line: int = 0


@dataclass(eq=False)
class Table:
    """A table; the first `header_rows` rows repeat on every page."""

    rows: list[list[str]]
    header_rows: int = 1
    widths: list[float] = field(default_factory=list)  # relative column widths
    line: int = 0


Block = Heading | Paragraph | Table


@dataclass(eq=False)
class Imprint:
    """版记: copies to, printing office and date."""

    cc: str = ""
    printer: str = ""
    print_date: dt.date | None = None
    cc_line: int = 0  # where a draft has them (0 when rendered)
    cc_text: str = ""  # the 抄送 line as written
    print_line: int = 0
    print_text: str = ""  # the 印发 line as written


@dataclass(eq=False)
class Header:
    """版头 (GB/T 9704 7.2): 份号, 密级, 紧急程度, the 发文机关标志 (one issuer, or several for 联合行文)."""

    issuers: list[str] = field(default_factory=list)
    file: bool = False  # 「文件」 after the issuer names
    copy_number: str = ""  # 份号
    secrecy: str = ""  # 密级和保密期限
    urgency: str = ""  # 紧急程度


@dataclass(eq=False)
class Document:
    """One document; `parts` follow on new pages (work points after a notice, attachments)."""

    title: str = ""
    title_line: int = 0
    doc_number: str = ""
    doc_number_line: int = 0
    signer: str = ""
    upward: bool = False
    recipients: str = ""
    recipients_line: int = 0
    blocks: list[Block] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    signature_line: int = 0
    date: dt.date | None = None
    date_text: str = ""
    date_line: int = 0
    notes: list[str] = field(default_factory=list)
    label: str = ""  # 「附件」 for attachments
    parts: list[Document] = field(default_factory=list)
    imprint: Imprint | None = None
    header: Header | None = None  # 版头 (rendered notices only)
    annexes: list[str] = field(default_factory=list)  # 附件说明: names of the attachments
    annex_source: list[tuple[int, str]] = field(default_factory=list)  # a draft's 附件说明 lines as written
    landscape: bool = False  # an attachment laid out on landscape pages (a wide table)
    source: str = ""  # "docx", "txt" or "yaml" for drafts; "" when rendered
    # Layout facts read from a .docx (page, margins, fonts, sizes, page field); see drafts.py.
    facts: dict = field(default_factory=dict)

    def headings(self) -> Iterator[Heading]:
        """All headings in order, this document's only."""
        return (b for b in self.blocks if isinstance(b, Heading))

    def all_documents(self) -> Iterator[Document]:
        """This document and its parts, depth first."""
        yield self
        for part in self.parts:
            yield from part.all_documents()


def sentence(text: str, end: str = "。") -> str:
    """Ensure text ends with sentence punctuation (run-in headings, enumerated points)."""
    text = text.rstrip()
    return text if not text or text[-1] in "。！？；：…" else text + end


def heading_text(heading: Heading, label: str) -> str:
    """The heading as printed: number, title, and for run-in headings 。 and the body."""
    if heading.runin:
        return f"{label}{sentence(heading.title)}{heading.body}"
    return f"{label}{heading.title}"


def block_text(block) -> str:
    """A block's text as printed: a run-in heading's title, 。 and body; a table's cells."""
    if isinstance(block, Heading):
        return block.title + "。" + block.body if block.runin and block.body else block.title + block.body
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Table):
        return "\n".join("　".join(row) for row in block.rows)
    return ""
