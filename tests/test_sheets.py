"""`fazhi import TABLE.xlsx|.csv`: task sheets and figures sheets into specs, read back as a user would."""

from __future__ import annotations

import re
import zipfile

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES, KAIFU, MAOJIAN, MUDANJIANG
from openpyxl import Workbook, load_workbook

from generator.api import plan_tasks
from generator.cli import main

PLANS = sorted(p for p in EXAMPLES.glob("*.yaml") if "kind: work-plan" in p.read_text(encoding="utf-8"))


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def messy_tasks(path, deadline="2025年9月"):
    """A clerk's 任务分工表: a title row, a two-row merged header, merged category rows, numbers typed
    into the task cells, multi-line cells, every owner separator, a lead merged down two rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分工"
    sheet.append(["2025年度示例县法治政府建设工作要点任务分工表"])
    sheet.append(["序号", "工作\n任务", "责任分工", None, None, "完成时限（年月）"])
    sheet.append([None, None, "牵头单位", "责任单位", "配合单位", None])
    for ref in ("A1:F1", "A2:A3", "B2:B3", "C2:E2", "F2:F3"):
        sheet.merge_cells(ref)
    sheet.append(["一、深入学习贯彻习近平法治思想"])
    sheet.merge_cells("A4:F4")
    sheet.append(
        [
            1,
            "（一）持续学习。把学习贯彻习近平法治思想作为重要政治任务。",
            "县委依法治县办",
            "各乡镇，县直各单位",
            None,
            "长期坚持",
        ]
    )
    sheet.append(
        [
            2,
            "完善制度\n健全学法制度，推动领导干部带头学法。",
            "县司法局",
            "各乡镇；县直各单位",
            "县委组织部/县委宣传部",
            "2025年12月底",
        ]
    )
    sheet.append(["二、依法全面履行政府职能"])
    sheet.append([3, "深化改革", "县政府办、县委编办", "各乡镇\n县直各单位", None, "2025年6月"])
    sheet.append([4, "优化营商环境", None, "县发改局", None, deadline])
    sheet.merge_cells("C8:C9")
    book.save(path)
    return path


def test_round_trip_through_xlsx_is_exact_on_every_example_plan(tmp_path):
    assert PLANS
    for plan in PLANS:
        table = tmp_path / f"{plan.stem}.xlsx"
        assert invoke("tasks", plan, "--xlsx", table).exit_code == 0
        result = invoke("import", table, "-o", tmp_path / f"{plan.stem}.yaml")
        assert result.exit_code == 0, result.output
        assert plan_tasks(tmp_path / f"{plan.stem}.yaml") == plan_tasks(plan)  # parts, titles, texts, owners, deadlines


def test_round_trip_through_csv_keeps_tasks_and_owners(tmp_path):
    for plan in PLANS:
        table = tmp_path / f"{plan.stem}.csv"
        assert invoke("tasks", plan, "--csv", table).exit_code == 0
        result = invoke("import", table, "-o", tmp_path / f"{plan.stem}.yaml")
        assert result.exit_code == 0, result.output
        assert "只有任务名称" in result.output
        ours = [
            (r.number, r.title, r.lead, r.responsible, r.deadline) for r in plan_tasks(tmp_path / f"{plan.stem}.yaml")
        ]
        assert ours == [(r.number, r.title, r.lead, r.responsible, r.deadline) for r in plan_tasks(plan)]


def test_the_xlsx_has_a_category_row_per_part_and_recurring_lists_become_groups(tmp_path):
    table = tmp_path / "plan.xlsx"
    invoke("tasks", MAOJIAN, "--xlsx", table)
    sheet = load_workbook(table).active
    assert [c.value for c in sheet[2]] == ["序号", "工作任务", "具体内容", "牵头单位", "责任单位", "完成时限"]
    assert sheet["A3"].value.startswith("一、") and "A3:F3" in {str(r) for r in sheet.merged_cells.ranges}
    invoke("import", table, "-o", tmp_path / "plan.yaml")
    data = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert data["jurisdiction"]["name"] == "茅箭区" and data["year"] == 2024 and "title" not in data
    assert data["units"] and any(
        o[0].startswith("$")
        for part in data["parts"]
        for i in part["items"]
        for o in (i.get("responsible") or [""])
        if o
    )


def test_a_clerks_workbook_reads_as_expected(tmp_path):
    result = invoke("import", messy_tasks(tmp_path / "表.xlsx"), "-o", tmp_path / "plan.yaml")
    # openpyxl wrote no cached value for nothing here: every cell is a value
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert data["jurisdiction"] == {"name": "示例县", "level": "county"} and data["year"] == 2025
    assert [p["title"] for p in data["parts"]] == ["深入学习贯彻习近平法治思想", "依法全面履行政府职能"]
    first, second = data["parts"][0]["items"]
    assert (first["title"], first["text"]) == ("持续学习", "把学习贯彻习近平法治思想作为重要政治任务。")
    assert first["responsible"] == ["各乡镇", "县直各单位"] and first["deadline"] == "长期坚持"
    assert (second["title"], second["text"]) == ("完善制度", "健全学法制度，推动领导干部带头学法。")
    assert second["responsible"] == ["各乡镇", "县直各单位", "县委组织部", "县委宣传部"]  # 配合单位 joined
    third, fourth = data["parts"][1]["items"]
    assert third["responsible"] == ["各乡镇", "县直各单位"]
    assert fourth["lead"] == ["县政府办", "县委编办"]  # merged down from the row above
    assert "配合单位并入责任单位" in result.output and "只有任务名称" in result.output
    assert invoke("render", tmp_path / "plan.yaml", "-o", tmp_path / "plan.docx").exit_code == 0


def _with_cached_value(path, cell: str, value: str):
    """The workbook as Excel saves it: the formula in `cell` with its computed value."""
    out = path.with_name("cached.xlsx")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rf'(<c r="{cell}"[^>]*)>(<f>.*?</f>)(?:<v\s*/>|<v></v>)?</c>'.encode(),
                    lambda m: m.group(1) + b' t="str">' + m.group(2) + b"<v>" + value.encode() + b"</v></c>",
                    data,
                )
            zout.writestr(info, data)
    return out


def test_formulas_are_read_as_their_cached_values_and_a_missing_one_is_located(tmp_path):
    table = messy_tasks(tmp_path / "表.xlsx", deadline='="2025年"&"9月"')
    result = invoke("import", table, "-o", tmp_path / "plan.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "表.xlsx:任务分工!F9: 这个单元格是公式，但文件中没有保存它的计算结果" in result.output
    assert not (tmp_path / "plan.yaml").exists()
    cached = _with_cached_value(table, "F9", "2025年9月")
    assert invoke("import", cached, "-o", tmp_path / "plan.yaml").exit_code == 0
    data = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    assert data["parts"][1]["items"][1]["deadline"] == "2025年9月"


def test_a_task_without_owners_is_a_located_error(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分工"
    sheet.append(["序号", "工作任务", "牵头单位", "责任单位"])
    sheet.append([1, "甲任务", "区司法局", None])
    sheet.append([2, "乙任务", None, None])
    book.save(tmp_path / "表.xlsx")
    result = invoke("import", tmp_path / "表.xlsx")
    assert result.exit_code == 2
    assert "表.xlsx:任务分工!C3: 任务「乙任务」没有写牵头单位或责任单位" in result.output


def test_an_unrecognised_sheet_says_which_headers_it_expected(tmp_path):
    book = Workbook()
    book.active.title = "花名册"
    book.active.append(["姓名", "性别", "电话"])
    book.active.append(["张三", "男", "123"])
    book.save(tmp_path / "x.xlsx")
    result = invoke("import", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "x.xlsx:花名册: 认不出这张表的内容" in result.output
    assert "工作任务" in result.output and "牵头单位" in result.output and "数值" in result.output
    assert "姓名、性别、电话" in result.output


def test_figures_one_row_each_with_keys_labels_and_last_year(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "数值", "单位", "上年", "说明"])
    sheet.append(["review_cases", 120, "件", 98, "办结行政复议案件"])
    sheet.append(["兑现惠企扶持资金", "4,800", "万元", 4400, None])
    sheet.append(["败诉率", "2.5%", None, None, None])
    sheet.append(["没有数值的", None, "件", None, None])
    book.save(tmp_path / "数字.xlsx")
    result = invoke("import", tmp_path / "数字.xlsx")
    assert result.exit_code == 0, result.output
    assert "数字.xlsx:Sheet!B5：「没有数值的」没有数值，未导入" in result.output
    figures = yaml.safe_load((tmp_path / "数字.yaml").read_text(encoding="utf-8"))["figures"]
    assert figures["review_cases"] == {"value": 120, "unit": "件", "label": "办结行政复议案件", "previous": 98}
    assert figures["兑现惠企扶持资金"] == {"value": 4800, "unit": "万元", "label": "兑现惠企扶持资金", "previous": 4400}
    assert figures["败诉率"] == {"value": 2.5, "unit": "%", "label": "败诉率"}


def test_figures_one_column_per_unit_give_one_file_per_unit(tmp_path):
    table = tmp_path / "汇总.xlsx"
    assert invoke("figures", KAIFU, MUDANJIANG, "--xlsx", table).exit_code == 0
    result = invoke("import", table, "-o", tmp_path / "units")
    assert result.exit_code == 0, result.output
    for spec in (KAIFU, MUDANJIANG):
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        name = data["jurisdiction"].get("full_name", data["jurisdiction"]["name"])
        read = yaml.safe_load((tmp_path / "units" / f"{name}.yaml").read_text(encoding="utf-8"))["figures"]
        assert {k: v["value"] for k, v in read.items()} == {k: v["value"] for k, v in data["figures"].items()}


def test_a_csv_saved_by_excel_in_gbk_with_a_neutralised_formula(tmp_path):
    text = "序号,工作任务,牵头单位,责任单位\r\n1,甲任务,区司法局,'=各乡镇\r\n"
    (tmp_path / "t.csv").write_bytes(text.encode("gb18030"))
    result = invoke("import", tmp_path / "t.csv", "-o", tmp_path / "t.yaml")
    assert result.exit_code == 0, result.output
    item = yaml.safe_load((tmp_path / "t.yaml").read_text(encoding="utf-8"))["parts"][0]["items"][0]
    assert item["responsible"] == ["=各乡镇"]


@pytest.mark.parametrize("name, kind", [("tasks.xlsx", "tasks"), ("figures.xlsx", "figures")])
def test_templates_have_headers_validation_and_an_example_row_that_is_not_imported(tmp_path, name, kind):
    path = tmp_path / name
    result = invoke("template", path, "--year", 2025)
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    sheet = book.active
    assert sheet.data_validations.dataValidation and sheet.freeze_panes == "A3"
    header = [c.value for c in sheet[2]]
    assert ("工作任务" in header) if kind == "tasks" else ("数值" in header)
    example = 4 if kind == "tasks" else 3
    assert sheet.cell(example, 1).value == "示例" and sheet.cell(example, 3).value
    assert invoke("import", path).exit_code == 2  # only the example: nothing to import
    row = (
        ["", 1, "甲任务", "任务正文。", "区司法局", "各乡镇", "2025年12月底"]
        if kind == "tasks"
        else ["", "cases", "案件", 12, "件", 10, None]
    )
    for col, value in enumerate(row[1:], 1):
        sheet.cell(example + 1, col).value = value
    book.save(path)
    result = invoke("import", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 0 and "示例，未导入" in result.output or kind == "figures", result.output
    data = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))
    if kind == "tasks":
        assert [i["title"] for p in data["parts"] for i in p["items"]] == ["甲任务"]
    else:
        assert data["figures"] == {"cases": {"value": 12, "unit": "件", "label": "案件", "previous": 10}}


def test_a_category_numbered_in_its_own_column_and_a_second_kind_of_sheet(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "任务"
    for row in (
        ["序号", "工作任务", "牵头单位", "责任单位"],
        ["一", "深入学习贯彻习近平法治思想", None, None],
        [1, "持续学习", "县委依法治县办", "各乡镇"],
        ["（二）", "依法履职", None, None],
        [2, "深化改革", "县政府办", None],
    ):
        sheet.append(row)
    figures = book.create_sheet("数字")
    figures.append(["名称", "数值"])
    figures.append(["cases", 1])
    book.save(tmp_path / "t.xlsx")
    result = invoke("import", tmp_path / "t.xlsx", "-o", tmp_path / "t.yaml")
    assert result.exit_code == 0, result.output
    assert "工作表「数字」是数字表，这次没有导入" in result.output
    data = yaml.safe_load((tmp_path / "t.yaml").read_text(encoding="utf-8"))
    assert [(p["title"], [i["title"] for i in p["items"]]) for p in data["parts"]] == [
        ("深入学习贯彻习近平法治思想", ["持续学习"]),
        ("依法履职", ["深化改革"]),
    ]
    assert data["jurisdiction"]["name"] == "本地" and "jurisdiction 请填写" in result.output
    wrong = invoke("import", tmp_path / "t.xlsx", "--next-year")
    assert wrong.exit_code == 2 and "表格导入不用 --next-year" in wrong.output


EDGE_PLAN = """\
kind: work-plan
jurisdiction: {name: 示例县, level: county}
year: 2025
title: 示例县2025年法治政府建设工作要点
units:
  乡镇: [甲镇, 乙镇, 丙乡]
parts:
  - title: 第一部分的标题，带逗号
    items:
      - title: 只有责任单位
        text: "正文第一段。\\n正文第二段，带“引号”和（括号）。"
        responsible: [$乡镇, 县直各单位]
        deadline: 长期坚持
      - title: 牵头和责任
        text: 正文。
        lead: [县司法局]
        responsible: [$乡镇]
  - title: 第二部分
    items:
      - title: 只有牵头
        text: 正文：含冒号的一句。
        lead: [县政府办, 县委编办]
        deadline: 2025年6月底
"""


def test_round_trip_of_a_plan_with_edge_cases(tmp_path):
    plan = tmp_path / "edge.yaml"
    plan.write_text(EDGE_PLAN, encoding="utf-8")
    assert invoke("tasks", plan, "--xlsx", tmp_path / "edge.xlsx").exit_code == 0
    result = invoke("import", tmp_path / "edge.xlsx", "-o", tmp_path / "back.yaml")
    assert result.exit_code == 0, result.output
    assert plan_tasks(tmp_path / "back.yaml") == plan_tasks(plan)
    data = yaml.safe_load((tmp_path / "back.yaml").read_text(encoding="utf-8"))
    assert data["title"] == "示例县2025年法治政府建设工作要点" and data["jurisdiction"]["name"] == "示例县"
