"""The document tree: what templates produce, drafts are read into, and checks and writers consume.

Nodes compare by identity: a node is a place in one document, two equal-looking paragraphs are
still two, and nodes can key a dict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from generator.lexicon.dates import cn_date  # noqa: F401  (re-exported: the tree writes dates so)


# Plain classes, not dataclasses: every command imports the tree, and creating a dataclass runs its
# generated methods through exec (~0.3 ms a class at each start, 2.1 M instructions; these take 0.1 M).
class Node:
    """A tree node: its fields are the names its __init__ takes, in order (repr and as_data use them)."""

    FIELDS: tuple[str, ...] = ()

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__name__}({values})"


class Heading(Node):
    """A numbered heading (level 1-4). Run-in headings carry the paragraph's body text."""

    FIELDS = ("level", "title", "runin", "body", "line", "number")

    def __init__(
        self, level: int, title: str, runin: bool = False, body: str = "", line: int = 0, number: str = ""
    ) -> None:
        self.level = level
        self.title = title
        self.runin = runin
        self.body = body
        self.line = line
        self.number = number  # as found in a draft ("（一）", "1、"); the writer generates its own


class Paragraph(Node):
    """A body paragraph."""

    FIELDS = ("text", "line")

    def __init__(self, text: str, line: int = 0) -> None:
        self.text = text
        self.line = line


class Table(Node):
    """A table; the first `header_rows` rows repeat on every page."""

    FIELDS = ("rows", "header_rows", "widths", "line")

    def __init__(
        self, rows: list[list[str]], header_rows: int = 1, widths: list[float] | None = None, line: int = 0
    ) -> None:
        self.rows = rows
        self.header_rows = header_rows
        self.widths: list[float] = [] if widths is None else widths  # relative column widths
        self.line = line


Block = Heading | Paragraph | Table


class Imprint(Node):
    """版记: copies to, printing office and date."""

    FIELDS = ("cc", "printer", "print_date", "cc_line", "cc_text", "print_line", "print_text")

    def __init__(
        self,
        cc: str = "",
        printer: str = "",
        print_date: dt.date | None = None,
        cc_line: int = 0,
        cc_text: str = "",
        print_line: int = 0,
        print_text: str = "",
    ) -> None:
        self.cc = cc
        self.printer = printer
        self.print_date = print_date
        self.cc_line = cc_line  # where a draft has them (0 when rendered)
        self.cc_text = cc_text  # the 抄送 line as written
        self.print_line = print_line
        self.print_text = print_text  # the 印发 line as written


class Header(Node):
    """版头 (GB/T 9704 7.2): 份号, 密级, 紧急程度, the 发文机关标志 (one issuer, or several for 联合行文)."""

    FIELDS = ("issuers", "file", "copy_number", "secrecy", "urgency")

    def __init__(
        self,
        issuers: list[str] | None = None,
        file: bool = False,
        copy_number: str = "",
        secrecy: str = "",
        urgency: str = "",
    ) -> None:
        self.issuers: list[str] = [] if issuers is None else issuers
        self.file = file  # 「文件」 after the issuer names
        self.copy_number = copy_number  # 份号
        self.secrecy = secrecy  # 密级和保密期限
        self.urgency = urgency  # 紧急程度


class Document(Node):
    """One document; `parts` follow on new pages (work points after a notice, attachments)."""

    FIELDS = (
        "title", "title_line", "doc_number", "doc_number_line", "signer", "upward", "recipients",
        "recipients_line", "blocks", "signatures", "signature_line", "date", "date_text", "date_line",
        "notes", "label", "parts", "imprint", "header", "annexes", "annex_source", "landscape", "source",
        "facts",
    )  # fmt: skip

    def __init__(
        self,
        title: str = "",
        title_line: int = 0,
        doc_number: str = "",
        doc_number_line: int = 0,
        signer: str = "",
        upward: bool = False,
        recipients: str = "",
        recipients_line: int = 0,
        blocks: list[Block] | None = None,
        signatures: list[str] | None = None,
        signature_line: int = 0,
        date: dt.date | None = None,
        date_text: str = "",
        date_line: int = 0,
        notes: list[str] | None = None,
        label: str = "",
        parts: list[Document] | None = None,
        imprint: Imprint | None = None,
        header: Header | None = None,
        annexes: list[str] | None = None,
        annex_source: list[tuple[int, str]] | None = None,
        landscape: bool = False,
        source: str = "",
        facts: dict | None = None,
    ) -> None:
        self.title = title
        self.title_line = title_line
        self.doc_number = doc_number
        self.doc_number_line = doc_number_line
        self.signer = signer
        self.upward = upward
        self.recipients = recipients
        self.recipients_line = recipients_line
        self.blocks: list[Block] = [] if blocks is None else blocks
        self.signatures: list[str] = [] if signatures is None else signatures
        self.signature_line = signature_line
        self.date = date
        self.date_text = date_text
        self.date_line = date_line
        self.notes: list[str] = [] if notes is None else notes
        self.label = label  # 「附件」 for attachments
        self.parts: list[Document] = [] if parts is None else parts
        self.imprint = imprint
        self.header = header  # 版头 (rendered notices only)
        self.annexes: list[str] = [] if annexes is None else annexes  # 附件说明: names of the attachments
        # a draft's 附件说明 lines as written
        self.annex_source: list[tuple[int, str]] = [] if annex_source is None else annex_source
        self.landscape = landscape  # an attachment laid out on landscape pages (a wide table)
        self.source = source  # "docx", "txt" or "yaml" for drafts; "" when rendered
        # Layout facts read from a .docx (page, margins, fonts, sizes, page field); see drafts.py.
        self.facts: dict = {} if facts is None else facts

    def headings(self) -> Iterator[Heading]:
        """All headings in order, this document's only."""
        return (b for b in self.blocks if isinstance(b, Heading))

    def all_documents(self) -> Iterator[Document]:
        """This document and its parts, depth first."""
        yield self
        for part in self.parts:
            yield from part.all_documents()


def as_data(value: Any) -> Any:
    """A node (and what it holds) as plain dicts and lists: for comparing two trees."""
    if isinstance(value, Node):
        return {name: as_data(getattr(value, name)) for name in value.FIELDS}
    if isinstance(value, (list, tuple)):
        return [as_data(item) for item in value]
    if isinstance(value, dict):
        return {key: as_data(item) for key, item in value.items()}
    return value


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
