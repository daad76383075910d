"""One row per draft: who sent it, what it is, when it is dated, which statutory parts it has,
how many findings of each severity, and the findings themselves.

Rows are what worker processes send back; they hold no document tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import FazhiError, Problem
from generator.kinds import KINDS

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# Within a severity, what a reader of the summary must see first: the statutory parts (厅字〔2019〕28号
# 第二十五条) and the deadline (第二十四条), then the head and dates, the content, the form last —
# 「缺少第五部分」 above a font warning. A rule of a family not listed ranks before layout.
RANK_FAMILIES = (
    "parts.",
    "draft.unreadable",
    "date.deadline",
    "head.",
    "date.",
    "plan.",
    "figures.",
    "docnum.",
    "leftover.",
    "numbering.",
    "numbers.",
    "punct.",
    "coverage.",
    "draft.",
    "layout.",
)
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
UNREADABLE = "draft.unreadable"


@dataclass
class PartCell:
    """Where a statutory part was found: at a level-1 heading, only as a sub-item, or not at all."""

    status: str  # "found", "sub" or "missing"
    line: int | None = None
    heading: str | None = None

    def text(self) -> str:
        if self.status == "missing":
            return "缺少"
        where = f"第{self.line}行" if self.line else "已找到"
        return where if self.status == "found" else f"仅作小标题（{where}）"


@dataclass
class FindingRow:
    """A finding with its file and the rule's basis, as the summary's second sheet lists it."""

    file: str
    line: int | None
    rule: str
    severity: str
    message: str
    basis: str = ""


@dataclass
class DraftRow:
    """The summary of one draft (or of a file that could not be read: `unreadable` says why)."""

    path: str
    unit: str = ""
    kind: str | None = None
    kind_reason: str = ""  # why the draft was taken for that kind (or that --profile chose it)
    year: int | None = None
    date: dt.date | None = None
    date_text: str = ""
    deadline: dt.date | None = None
    parts: dict[str, PartCell] = field(default_factory=dict)
    findings: list[FindingRow] = field(default_factory=list)
    unreadable: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label if self.kind else ""

    @property
    def late(self) -> bool | None:
        """After the profile's deadline; None when there is no deadline or no date."""
        if self.deadline is None or self.date is None:
            return None
        return self.date > self.deadline

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            out[finding.severity] += 1
        return out

    def top(self, n: int = 3) -> list[FindingRow]:
        """The n most serious findings: errors first, within a severity the statutory parts first
        (RANK_FAMILIES), then by line."""
        return sorted(self.findings, key=lambda f: (SEVERITY_ORDER[f.severity], rank(f.rule), f.line or 0))[:n]

    def date_shown(self) -> str:
        from generator.tree import cn_date

        return cn_date(self.date) if self.date else self.date_text


def rank(rule: str) -> float:
    """The place of a rule's family in RANK_FAMILIES (statutory parts 0, layout last)."""
    for index, family in enumerate(RANK_FAMILIES):
        if rule.startswith(family):
            return index
    return len(RANK_FAMILIES) - 1.5


def rule_name(rule: str) -> str:
    """A rule's short Chinese name (data/rule-names.yaml), else the first words of its summary."""
    from generator.resources import DATA, load_data

    name = load_data(DATA / "rule-names.yaml").get(rule)
    if name:
        return name
    from generator.checks import RULES

    summary = RULES[rule].summary if rule in RULES else rule
    return summary[:10] + ("…" if len(summary) > 10 else "")


def summarise_chunk(paths: list, profile: str | None, layout: str | None) -> list[DraftRow]:
    """Worker entry point: one row per path."""
    return [summarise(path, profile, layout) for path in paths]


def summarise(path: str | Path, profile: str | None = None, layout: str | None = None) -> DraftRow:
    """Read and check one draft into its row; an unreadable file is a row saying why."""
    from generator.api import read_any
    from generator.checks import check_document
    from generator.safe_io import shown_path

    name = shown_path(path)  # rows are written into csv/xlsx/html: never an undecodable name
    try:
        doc = read_any(path)
    except FazhiError as exc:
        return unreadable_row(name, exc.problems)
    except Exception as exc:  # noqa: BLE001 - one strange file must not stop a batch of 500
        return unreadable_row(
            name, [Problem(f"读取时出错（{type(exc).__name__}: {exc}），请把此文件报告给 fazhi 的维护者")]
        )
    try:
        result = check_document(doc, profile, layout=layout)
    except FazhiError as exc:
        return unreadable_row(name, exc.problems)
    except Exception as exc:  # noqa: BLE001
        return unreadable_row(
            name, [Problem(f"检查时出错（{type(exc).__name__}: {exc}），请把此文件报告给 fazhi 的维护者")]
        )
    return row_of(name, doc, result, profile)


def unreadable_row(name: str, problems: list[Problem]) -> DraftRow:
    """A file that could not be read: its row says why (location kept, file name dropped)."""
    reason = "；".join(str(p._replace(file=None)) for p in problems)
    return DraftRow(
        name, unreadable=reason, findings=[FindingRow(name, p.line, UNREADABLE, "error", p.message) for p in problems]
    )


def row_of(name: str, doc, result, profile: str | None) -> DraftRow:
    """The row of a checked draft."""
    from generator.checks import RULES

    dated = next((d for d in doc.all_documents() if d.date or d.date_text), None)
    findings = [
        FindingRow(name, f.line, f.rule, f.severity, f.message, str(RULES[f.rule].basis)) for f in result.findings
    ]
    return DraftRow(
        path=name,
        unit=unit_of(doc),
        kind=result.kind,
        kind_reason=result.kind_reason,
        year=result.report_year,
        date=dated.date if dated else None,
        date_text=dated.date_text if dated else "",
        deadline=deadline_of(profile, result.kind, result.report_year),
        parts=part_cells(doc, result.parts),
        findings=findings,
    )


def unit_of(doc) -> str:
    """The sending unit as the draft writes it (read.sender: the title, else the signature, else the opening)."""
    from generator.read.sender import sender

    found = sender(doc)
    return found.written if found else ""


def deadline_of(profile: str | None, kind: str, year: int | None) -> dt.date | None:
    """The profile's publication deadline for this report (date.deadline), if it has one."""
    from generator.checks import RULES, load_profile

    if not year or not KINDS[kind].is_a("annual-report"):
        return None
    chosen = load_profile(profile or kind)
    if "date.deadline" not in chosen.rules:
        return None
    params = {**RULES["date.deadline"].defaults, **chosen.rules["date.deadline"]}
    try:
        return dt.date(year + 1, int(params["month"]), int(params["day"]))
    except ValueError:
        return None


def part_cells(doc, parts: dict[str, dict]) -> dict[str, PartCell]:
    """Each statutory part's cell; a part found at a heading below level 1 is only a sub-item."""
    levels = {(h.line, h.title): h.level for d in doc.all_documents() for h in d.headings()}
    cells = {}
    for key, hit in parts.items():
        if not hit["found"]:
            cells[key] = PartCell("missing")
            continue
        level = levels.get((hit["line"] or 0, hit["heading"]), 1)
        cells[key] = PartCell("found" if level == 1 else "sub", hit["line"], hit["heading"])
    return cells


def part_names() -> dict[str, str]:
    """The statutory parts' short names by key (the summary's column headers)."""
    from generator.resources import load_data

    return {key: part["short"] for key, part in load_data(KINDS["annual-report"].parts_path)["parts"].items()}


def totals(rows: Iterable[DraftRow]) -> dict[str, int]:
    """Drafts, unreadable, with errors, late: the line under the table."""
    tally = Tally()
    for row in rows:
        tally.add(row)
    return tally.totals()


@dataclass
class Tally:
    """What is said after the rows are written, counted as they pass: the totals, the severities
    found, and each unreadable file's reason (the rows themselves are not kept)."""

    drafts: int = 0
    unreadable: int = 0
    with_errors: int = 0
    late: int = 0
    severities: set[str] = field(default_factory=set)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, why it could not be read)

    def add(self, row: DraftRow) -> None:
        self.drafts += 1
        self.severities.update(f.severity for f in row.findings)
        if row.unreadable:
            self.unreadable += 1
            self.refused.append((row.path, row.unreadable))
        elif any(f.severity == "error" for f in row.findings):
            self.with_errors += 1
        if row.late:
            self.late += 1

    def totals(self) -> dict[str, int]:
        return {
            "drafts": self.drafts,
            "unreadable": self.unreadable,
            "with_errors": self.with_errors,
            "late": self.late,
        }
