"""`fazhi check DIR --summary`: a folder of generated drafts (good, bad, unreadable) summarised as
rows, read back from .xlsx (openpyxl), .csv and .html; folders walked; the parallel runner."""

from __future__ import annotations

import csv
import io
import itertools
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, MAOJIAN

from generator.api import check_summary, render_file
from generator.batch import collect as batch
from generator.cli import main

TEMPLATE = EXAMPLES / "template-county-2025.yaml"

# Part 3 missing; dated after the 4月1日 deadline.
LATE = """示例县人民政府关于2025年度法治政府建设情况的报告
一、主要举措和成效
全年办理行政复议案件126件。
二、存在的不足和原因
基层执法力量不足。
四、2026年工作安排
2026年，我们将持续推进依法行政。
五、其他需要报告的情况
无。
示例县人民政府
2026年5月8日
"""
# Part 3 only as a sub-item of part 1.
SUB = """关于甲镇2025年度法治政府建设情况的报告
一、主要举措和成效
（一）依法全面履行政府职能
深化“放管服”改革。
（二）党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记带头讲法治课。
二、存在的不足和原因
基层执法力量不足。
三、2026年工作安排
2026年，我们将持续推进依法行政。
四、其他需要报告的情况
无。
甲镇人民政府
2026年2月1日
"""


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> Path:
    """good/ (a rendered .docx, a YAML work plan), bad/ (late, part as sub-item), unreadable/."""
    root = tmp_path_factory.mktemp("drafts")
    (root / "good").mkdir()
    (root / "bad" / "deeper").mkdir(parents=True)
    (root / "unreadable").mkdir()
    render_file(TEMPLATE, root / "good" / "county.docx")
    shutil.copy(MAOJIAN, root / "good" / "plan.yaml")
    (root / "bad" / "late.txt").write_text(LATE, encoding="utf-8")
    (root / "bad" / "deeper" / "sub.txt").write_text(SUB, encoding="utf-8")
    (root / "unreadable" / "broken.docx").write_bytes(b"not a zip file")
    (root / "unreadable" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    (root / "unreadable" / "empty.txt").write_text("相关文档\n扫一扫在手机打开当前页\n", encoding="utf-8")
    (root / "good" / "~$county.docx").write_bytes(b"word lock file")  # skipped
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text(LATE, encoding="utf-8")  # skipped
    (root / "notes.md").write_text("not a draft", encoding="utf-8")  # skipped
    return root


def _rows(drafts, jobs=1):
    rows = check_summary(batch.collect([drafts]), jobs=jobs)
    return {Path(r.path).name: r for r in rows}


def test_folder_walk_is_recursive_sorted_and_skips_lock_and_hidden_files(drafts):
    found = [p.relative_to(drafts).as_posix() for p in batch.collect([drafts])]
    assert found == [
        "bad/deeper/sub.txt",
        "bad/late.txt",
        "good/county.docx",
        "good/plan.yaml",
        "unreadable/broken.docx",
        "unreadable/empty.txt",
        "unreadable/old.doc",
    ]
    # A file named explicitly is kept whatever it is; the same file twice counts once.
    again = batch.collect([drafts / "notes.md", drafts / "bad", drafts / "bad" / "late.txt"])
    assert [p.name for p in again] == ["notes.md", "sub.txt", "late.txt"]


def test_rows_say_unit_kind_year_date_deadline_and_parts(drafts):
    rows = _rows(drafts)
    county = rows["county.docx"]
    assert (county.unit, county.kind, county.year, county.late) == ("示例市示例县", "annual-report", 2025, False)
    assert {k: c.status for k, c in county.parts.items()} == {k: "found" for k in "12345"}
    assert county.counts()["error"] == 0 and county.unreadable == ""

    late = rows["late.txt"]
    assert late.unit == "示例县人民政府" and late.date.isoformat() == "2026-05-08" and late.late is True
    assert late.deadline.isoformat() == "2026-04-01"
    assert late.parts["3"].status == "missing" and late.parts["3"].text() == "缺少"
    assert late.parts["1"].text() == "第2行"
    assert late.counts()["error"] >= 1
    top = late.top()
    assert top[0].severity == "error" and top[0].rule == "parts.missing" and len(top) <= 3
    assert any(f.rule == "date.deadline" for f in late.findings)

    sub = rows["sub.txt"]
    assert sub.unit == "甲镇"  # between 关于 and the year
    assert sub.parts["3"].status == "sub" and sub.parts["3"].text() == "仅作小标题（第5行）"

    plan = rows["plan.yaml"]
    assert (plan.kind, plan.unit, plan.year, plan.parts, plan.deadline) == (
        "work-plan",
        "茅箭区人民政府",
        2024,
        {},
        None,
    )


def test_unreadable_files_are_rows_saying_why(drafts):
    rows = _rows(drafts)
    assert "不是 zip" in rows["broken.docx"].unreadable
    assert "文件头不对" in rows["old.doc"].unreadable  # a damaged .doc: LibreOffice is not asked to guess
    assert "内容为空" in rows["empty.txt"].unreadable
    for name in ("broken.docx", "old.doc", "empty.txt"):
        assert rows[name].kind is None and [f.rule for f in rows[name].findings] == ["draft.unreadable"]


def test_parallel_rows_equal_serial_rows_in_the_same_order(drafts):
    paths = batch.collect([drafts])
    serial = check_summary(paths, jobs=1)
    parallel = check_summary(paths, jobs=2)
    assert [r.path for r in parallel] == [str(p) for p in paths]
    assert parallel == serial


def _double(items, factor):
    return [item * factor for item in items]


def test_runner_keeps_a_bounded_number_of_chunks_in_flight():
    """Chunks are pulled lazily: when the first results arrive, at most 2 per worker were taken."""
    pulled = itertools.count()
    taken = []

    def chunks():
        for start in range(0, 400, 4):
            taken.append(next(pulled))
            yield start, list(range(start, start + 4))

    results = batch._pooled(_double, chunks(), (3,), 2, None)
    first = next(results)
    assert len(taken) <= 2 * 2 + 1
    rest = dict([first, *results])
    assert rest == {i: i * 3 for i in range(400)}


def test_runner_reports_progress_for_every_item():
    seen = []
    out = dict(batch.run(_double, list(range(50)), (2,), jobs=2, progress=seen.append))
    assert out == {i: i * 2 for i in range(50)} and sum(seen) == 50


# ---------------------------------------------------------------- the written summaries


def _summary(drafts, tmp_path, suffix):
    out = tmp_path / f"summary{suffix}"
    result = CliRunner().invoke(main, ["check", str(drafts), "--summary", str(out), "--jobs", "2"])
    assert result.exit_code == 2, result.output  # unreadable files: exit 2, after the summary
    assert "Traceback" not in result.output
    assert "已写出汇总表" in result.output and "无法读取 3 份" in result.output
    return out


def test_xlsx_read_back_with_openpyxl(drafts, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(_summary(drafts, tmp_path, ".xlsx"))
    assert book.sheetnames == ["汇总", "问题清单"]
    sheet = book["汇总"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["文件", "单位", "类型", "年度", "成文日期", "是否逾期"]
    assert header[6].startswith("一、主要举措") and header[10].startswith("五、其他")
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:P8" and header[-1] == "类型依据"
    rows = {Path(r[0].value).name: r for r in sheet.iter_rows(min_row=2)}
    assert set(rows) == {"sub.txt", "late.txt", "county.docx", "plan.yaml", "broken.docx", "empty.txt", "old.doc"}
    late = rows["late.txt"]
    assert late[1].value == "示例县人民政府" and late[2].value == "年度报告" and late[3].value == 2025
    assert "报告" in late[15].value  # why it was read as a report
    assert late[5].value.startswith("逾期")
    assert late[8].value == "缺少" and late[8].fill.fgColor.rgb.endswith("FFC7CE")  # missing part in red
    assert rows["sub.txt"][8].fill.fgColor.rgb.endswith("FFEB9C")  # sub-item in yellow
    assert rows["county.docx"][8].value.startswith("第") and rows["county.docx"][8].fill.fgColor.rgb in (
        None,
        "00000000",
    )
    assert late[11].value >= 1 and "缺少第三部分" in late[14].value
    assert "无法读取" in rows["broken.docx"][14].value
    findings = book["问题清单"]
    assert [c.value for c in findings[1]] == ["文件", "单位", "行", "规则", "严重程度", "说明", "依据"]
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref
    listed = [[c.value for c in r] for r in findings.iter_rows(min_row=2)]
    total = sum(r[11].value + r[12].value + r[13].value for r in rows.values())
    assert len(listed) == total
    missing = next(r for r in listed if r[3] == "parts.missing" and r[0].endswith("late.txt"))
    assert missing[4] == "错误" and "第二十五条" in missing[6]


def test_csv_is_utf8_with_bom_one_row_per_draft(drafts, tmp_path):
    data = _summary(drafts, tmp_path, ".csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][1] == "单位" and len(rows) == 8
    late = next(r for r in rows if r[0].endswith("late.txt"))
    assert late[8] == "缺少" and late[4] == "2026年5月8日"


class _Page(HTMLParser):
    """Tables, rows and anything that would reach the network."""

    def __init__(self):
        super().__init__()
        self.tables, self.external, self.scripts, self._cell = [], [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            if name in attrs and not attrs[name].startswith("#"):
                self.external.append(attrs[name])
        if tag == "link":
            self.external.append(attrs.get("href", "link"))

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None


def test_html_is_one_self_contained_sortable_page(drafts, tmp_path):
    page = _Page()
    text = _summary(drafts, tmp_path, ".html").read_text(encoding="utf-8")
    page.feed(text)
    assert page.external == [] and "http" not in text.replace("http-equiv", "")
    assert page.scripts == 1 and "table.sortable th" in text and "<style>" in text
    matrix = page.tables[0]
    assert matrix[0][1] == "单位" and len(matrix) == 8
    late = next(r for r in matrix if r[0] == "late.txt")
    assert late[8] == "缺少" and late[5].startswith("逾期")
    # Each draft with findings has its own table; the late one lists its missing part.
    finding_tables = page.tables[1:]
    assert any(any("缺少第三部分" in cell for row in t for cell in row) for t in finding_tables)
    assert '<tr class="unreadable">' in text and 'class="missing"' in text and 'class="sub"' in text


def test_terminal_table_and_summary_swallowing_the_folder(drafts):
    result = CliRunner().invoke(main, ["check", "--summary", str(drafts)], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "草稿汇总（7 份）" in result.output and "late.txt" in result.output
    assert "无法读取 3 份" in result.output


def test_summary_option_errors(drafts, tmp_path):
    wrong = CliRunner().invoke(main, ["check", str(drafts), "--summary", str(tmp_path / "out.pdf")])
    assert wrong.exit_code == 2 and ".xlsx、.csv 或 .html" in wrong.output
    both = CliRunner().invoke(main, ["check", str(drafts), "--summary", "x.csv", "--format", "json"])
    assert both.exit_code == 2 and "不能同时使用" in both.output
    empty = tmp_path / "empty"
    empty.mkdir()
    none = CliRunner().invoke(main, ["check", str(empty)])
    assert none.exit_code == 2 and "没有找到草稿文件" in none.output


def test_plain_check_of_a_folder_in_parallel_equals_serial(drafts):
    serial = CliRunner().invoke(main, ["check", str(drafts / "bad"), str(drafts / "good"), "--jobs", "1"])
    parallel = CliRunner().invoke(main, ["check", str(drafts / "bad"), str(drafts / "good"), "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.output == parallel.output and "late.txt" in serial.output and "sub.txt" in serial.output


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal():
    from generator.batch.terminal import progress

    with progress(10, "检查", io.StringIO()) as advance:
        assert advance is None  # piped or logged: no bar, nothing written
    screen = _Terminal()
    with progress(10, "检查", screen) as advance:
        advance(4)
        advance(6)
    assert "10/10" in screen.getvalue() and "检查" in screen.getvalue()
