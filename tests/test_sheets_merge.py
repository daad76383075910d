"""`fazhi import TABLE --into SPEC.yaml`, .xls through LibreOffice, and hostile workbooks."""

from __future__ import annotations

import difflib
import io
import shutil
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from conftest import KAIFU, MAOJIAN, MUDANJIANG, need_tool
from openpyxl import Workbook, load_workbook

from generator.api import load_spec, plan_tasks
from generator.cli import main
from generator.importer.sheets import workbook


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0))
    return (
        [d[1:] for d in diff if d.startswith("-") and not d.startswith("---") and d[1:]],
        [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++") and d[1:]],
    )


def figures_book(path):
    book = Workbook()
    sheet = book.active
    sheet.title = "主要数字"
    sheet.append(["名称", "数值", "单位", "上年", "说明"])
    sheet.append(["new_services", 55, "项", 50, None])
    sheet.append(["兑现惠企扶持资金", 4800, "万元", None, None])  # found by its label: relief_funds
    sheet.append(["行政复议案件", 120, "件", 98, "办结行政复议案件"])
    book.save(path)
    return path


def test_figures_merged_into_a_report_change_only_their_lines(tmp_path):
    spec = tmp_path / "kaifu.yaml"
    shutil.copyfile(KAIFU, spec)
    result = invoke("import", figures_book(tmp_path / "数字.xlsx"), "--into", spec)
    assert result.exit_code == 0, result.output
    assert "figures.new_services.value：50 → 55（主要数字!B2）" in result.output
    assert "figures.relief_funds.value：4400 → 4800（主要数字!B3）" in result.output
    assert "新增 figures.行政复议案件：120件" in result.output
    removed, added = changed_lines(KAIFU.read_text(encoding="utf-8"), spec.read_text(encoding="utf-8"))
    assert removed == ["    value: 50", "    value: 4400"]
    assert added[:3] == ["    value: 55", "    previous: 50", "    value: 4800"]
    assert added[3:] == [
        "  行政复议案件:",
        "    value: 120",
        "    unit: 件",
        "    label: 办结行政复议案件",
        "    previous: 98",
    ]
    figures = load_spec(spec).figures
    assert figures["new_services"].previous == 50 and figures["行政复议案件"].value == 120


def test_into_with_o_leaves_the_spec_and_flow_mappings_are_edited_in_place(tmp_path):
    spec = tmp_path / "s.yaml"
    text = KAIFU.read_text(encoding="utf-8").replace(
        "  new_services:\n    value: 50\n    unit: 项\n    label: 新增“一件事一次办”政务服务事项\n",
        "  new_services: {value: 50, unit: 项, label: 新增“一件事一次办”政务服务事项}  # 自己的注释\n",
    )
    spec.write_text(text, encoding="utf-8")
    result = invoke("import", figures_book(tmp_path / "数字.xlsx"), "--into", spec, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 0, result.output
    assert spec.read_text(encoding="utf-8") == text
    out = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert (
        "  new_services: {value: 55, unit: 项, label: 新增“一件事一次办”政务服务事项, previous: 50}  # 自己的注释\n"
        in out
    )


def test_a_task_sheet_merged_into_a_plan(tmp_path):
    table = tmp_path / "plan.xlsx"
    invoke("tasks", MAOJIAN, "--xlsx", table)
    book = load_workbook(table)
    sheet = book.active
    sheet["D4"] = "区政府办、区司法局"  # the first task's lead
    sheet["F5"] = "2024年10月底"  # the second task's deadline
    end = sheet.max_row + 1
    sheet.cell(end, 1, "八、新增的部分")
    for col, value in enumerate(
        [25, "新的任务", "新任务的正文。", "区司法局", "各乡镇街道、赛武当自然保护区管理局、东城经济开发区"], 1
    ):
        sheet.cell(end + 1, col, value)
    book.save(table)
    spec = tmp_path / "plan.yaml"
    original = MAOJIAN.read_text(encoding="utf-8").replace(
        "        lead:\n          - 区政府办", "        lead:  # 自己的注释\n          - 区政府办", 1
    )
    spec.write_text(original, encoding="utf-8")
    result = invoke("import", table, "--into", spec)
    assert result.exit_code == 0, result.output
    assert "任务「持续完善政府职能」牵头单位：区政府办、区委编办、区行政审批局 → 区政府办、区司法局" in result.output
    assert "任务「深化政务服务改革」完成时限：（无） → 2024年10月底" in result.output
    assert "新增部分「新增的部分」（1 项任务）" in result.output
    removed, added = changed_lines(original, spec.read_text(encoding="utf-8"))
    assert removed == ["          - 区委编办", "          - 区行政审批局"]  # the key line and its comment stay
    assert "          - 区司法局" in added and "          - $基层单位" in added  # the spec's own group reused
    rows = plan_tasks(spec)
    assert rows[0].lead == ("区政府办", "区司法局") and rows[1].deadline == "2024年10月底"
    assert rows[-1].part == "新增的部分" and rows[-1].responsible == (
        "各乡镇街道",
        "赛武当自然保护区管理局",
        "东城经济开发区",
    )
    assert [r.title for r in rows[:-1]] == [r.title for r in plan_tasks(MAOJIAN)]


def test_a_per_unit_table_merged_into_a_folder_by_jurisdiction(tmp_path):
    table = tmp_path / "汇总.xlsx"
    invoke("figures", KAIFU, MUDANJIANG, "--xlsx", table)
    book = load_workbook(table)
    sheet = book.active
    assert sheet["D1"].value == "长沙市开福区" and sheet["A2"].value == "new_services"
    sheet["D2"] = 51
    book.save(table)
    folder = tmp_path / "specs"
    folder.mkdir()
    for spec in (KAIFU, MUDANJIANG):
        shutil.copyfile(spec, folder / spec.name)
    result = invoke("import", table, "--into", folder)
    assert result.exit_code == 0, result.output
    assert "kaifu-2022.yaml：figures.new_services.value：50 → 51（数字汇总!D2）" in result.output
    assert "mudanjiang-2022.yaml：没有变化" in result.output
    assert (folder / MUDANJIANG.name).read_text(encoding="utf-8") == MUDANJIANG.read_text(encoding="utf-8")


def test_a_spec_without_its_column_is_told_which_columns_there_are(tmp_path):
    table = tmp_path / "汇总.xlsx"
    invoke("figures", KAIFU, "--xlsx", table)
    spec = tmp_path / "m.yaml"
    shutil.copyfile(MUDANJIANG, spec)
    result = invoke("import", table, "--into", spec)
    assert result.exit_code == 2 and "表中没有" in result.output and "长沙市开福区" in result.output


def test_an_old_xls_is_read_through_libreoffice(tmp_path):
    soffice = need_tool("soffice")
    table = tmp_path / "plan.xlsx"
    invoke("tasks", MAOJIAN, "--xlsx", table)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xls:MS Excel 97",
            "--outdir",
            str(tmp_path),
            str(table),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = invoke("import", tmp_path / "plan.xls", "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 0, result.output
    assert plan_tasks(tmp_path / "plan.yaml") == plan_tasks(MAOJIAN)


def test_formula_injection_is_neutralised_on_the_way_out_and_read_back_as_text(tmp_path):
    spec = tmp_path / "p.yaml"
    spec.write_text(
        MAOJIAN.read_text(encoding="utf-8").replace(
            "          - 区政府办\n          - 区委编办",
            """          - '=SUM(A1:A2)区政府办'\n          - 区委编办""",
            1,
        ),
        encoding="utf-8",
    )
    invoke("tasks", spec, "--xlsx", tmp_path / "p.xlsx", "--csv", tmp_path / "p.csv")
    with zipfile.ZipFile(tmp_path / "p.xlsx") as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
    assert "'=SUM(A1:A2)" in (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    for name in ("p.xlsx", "p.csv"):
        assert invoke("import", tmp_path / name, "-o", tmp_path / f"{name}.yaml").exit_code == 0
        assert [r.lead for r in plan_tasks(tmp_path / f"{name}.yaml")] == [r.lead for r in plan_tasks(spec)]


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b"\0" * (workbook.MAX_PART_BYTES + 1))
    (tmp_path / "bomb.xlsx").write_bytes(buffer.getvalue())
    assert (tmp_path / "bomb.xlsx").stat().st_size < 1024 * 1024
    result = invoke("import", tmp_path / "bomb.xlsx")
    assert result.exit_code == 2 and "解压后过大" in result.output


def test_an_entity_bomb_and_a_damaged_package_are_errors_not_tracebacks(tmp_path):
    table = tmp_path / "t.xlsx"
    invoke("template", table, "--kind", "tasks")
    bomb = tmp_path / "bomb.xlsx"
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&" + chr(97 + i).encode() + b";") * 10) for i in range(8)
        )
        + b"]>"
    )
    with zipfile.ZipFile(table) as zin, zipfile.ZipFile(bomb, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = laughs + data.split(b"?>", 1)[-1].replace(b"<sheetData>", b"<sheetData>&i;", 1)
            zout.writestr(info, data)
    result = invoke("import", bomb)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    (tmp_path / "bad.xlsx").write_bytes(table.read_bytes()[:2000])
    result = invoke("import", tmp_path / "bad.xlsx")
    assert result.exit_code == 2 and "Traceback" not in result.output and "bad.xlsx" in result.output


def test_a_huge_sheet_is_refused_at_the_row_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 50)
    book = Workbook()
    book.active.append(["序号", "工作任务", "牵头单位"])
    for n in range(60):
        book.active.append([n, f"任务{n}", "区司法局"])
    book.save(tmp_path / "big.xlsx")
    result = invoke("import", tmp_path / "big.xlsx")
    assert result.exit_code == 2 and "超过 50 行" in result.output


@pytest.mark.parametrize("name", ["plan.yaml", "plan.txt"])
def test_into_needs_a_table_and_a_yaml(tmp_path, name):
    source = tmp_path / name
    source.write_text("x", encoding="utf-8")
    result = invoke("import", source, "--into", KAIFU)
    assert result.exit_code == 2 and "--into 只用于表格" in result.output
