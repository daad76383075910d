"""`fazhi render SPECS… -o OUTDIR/` (one bad spec fails alone; PDF through one LibreOffice run) and
`fazhi figures SPECS…` (figures side by side, totals where the units agree)."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from conftest import need_tool, EXAMPLES, KAIFU

from generator.cli import main

BAD = "kind: annual-report\njurisdiction: {name: 乙区, level: district}\nyear: 20x4\n"


def _specs(folder, count=5, bad=True):
    folder.mkdir(parents=True, exist_ok=True)
    text = KAIFU.read_text(encoding="utf-8")
    paths = []
    for index in range(count):
        path = folder / f"district-{index}.yaml"
        path.write_text(text.replace("name: 开福区", f"name: 第{index}区"), encoding="utf-8")
        paths.append(path)
    if bad:
        (folder / "bad.yaml").write_text(BAD, encoding="utf-8")
    return paths


def test_batch_renders_every_good_spec_and_reports_the_bad_one(tmp_path):
    _specs(tmp_path / "specs")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(tmp_path / "specs"), "-o", f"{out}/", "--jobs", "2"])
    assert result.exit_code == 2, result.output
    assert "已生成 5 个文件" in result.output and "1 个未生成" in result.output
    assert f"{tmp_path / 'specs' / 'bad.yaml'}:3:1: 应为整数" in result.output
    assert "Traceback" not in result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"district-{i}.docx" for i in range(5)]
    for path in out.iterdir():
        with zipfile.ZipFile(path) as package:
            assert "第" in package.read("word/document.xml").decode("utf-8")


def test_batch_txt_beside_the_specs_and_same_output_refused(tmp_path):
    paths = _specs(tmp_path / "a", 2, bad=False)
    other = tmp_path / "b"
    other.mkdir()
    shutil.copy(paths[0], other / paths[0].name)
    result = CliRunner().invoke(main, ["render", *map(str, paths), "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert all(p.with_suffix(".txt").exists() for p in paths)
    clash = CliRunner().invoke(main, ["render", str(paths[0]), str(other / paths[0].name), "-o", str(tmp_path / "o")])
    assert clash.exit_code == 2 and "输出到同一个文件" in clash.output
    into_file = CliRunner().invoke(main, ["render", *map(str, paths), "-o", str(paths[0])])
    assert into_file.exit_code == 2 and "-o 应为文件夹" in into_file.output


def test_pdf_batch_converts_in_one_libreoffice_run(tmp_path, monkeypatch):
    """The workers write .docx files; the parent calls docx_to_pdf once for all of them."""
    from generator.write import pdf

    calls = []

    def fake(paths, outdir, timeout=300):
        calls.append(list(paths))
        outdir.mkdir(parents=True, exist_ok=True)
        for path in paths:
            assert zipfile.is_zipfile(path)
            (outdir / (path.stem + ".pdf")).write_bytes(b"%PDF-1.7 " + path.name.encode())
        return [outdir / (p.stem + ".pdf") for p in paths]

    monkeypatch.setattr(pdf, "docx_to_pdf", fake)
    monkeypatch.setattr(pdf, "soffice", lambda: "/usr/bin/soffice")
    _specs(tmp_path / "specs", 4)
    result = CliRunner().invoke(main, ["render", str(tmp_path / "specs"), "--format", "pdf", "-o", f"{tmp_path}/pdf/"])
    assert result.exit_code == 2 and "bad.yaml" in result.output
    assert len(calls) == 1 and len(calls[0]) == 4
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [f"district-{i}.pdf" for i in range(4)]
    assert all(p.read_bytes().startswith(b"%PDF") for p in (tmp_path / "pdf").iterdir())


@pytest.mark.libreoffice
def test_pdf_batch_with_libreoffice(tmp_path):
    need_tool("soffice")
    _specs(tmp_path / "specs", 2)
    result = CliRunner().invoke(main, ["render", str(tmp_path / "specs"), "--format", "pdf", "-o", f"{tmp_path}/pdf/"])
    assert result.exit_code == 2 and "已生成 2 个文件" in result.output
    pdfs = sorted((tmp_path / "pdf").iterdir())
    assert [p.name for p in pdfs] == ["district-0.pdf", "district-1.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") and p.stat().st_size > 10_000 for p in pdfs)


# ---------------------------------------------------------------- figures across units

UNIT = """kind: annual-report
jurisdiction: {{name: {name}, full_name: 示例市{name}, level: district}}
year: {year}
recipients: [市委]
figures:
  cases: {{value: {cases}, unit: 件, label: 办理行政复议案件{previous}}}
  rate: {{value: {rate}, unit: '%', label: 出庭应诉率}}
  funds: {{value: {funds}, unit: 元, label: 扶持资金}}
measures: {{text: 举措。}}
shortcomings: {{text: 不足。}}
leadership: {{text: 履职。}}
next_year: {{text: 安排。}}
issuers: [{name}人民政府]
date: 2025-01-04
"""


def _unit(folder, name, cases, rate, funds, previous=None, year=2024):
    path = folder / f"{name}.yaml"
    prev = f", previous: {previous}" if previous is not None else ""
    path.write_text(
        UNIT.format(name=name, year=year, cases=cases, rate=rate, funds=funds, previous=prev), encoding="utf-8"
    )
    return path


def test_figures_side_by_side_with_totals(tmp_path):
    from generator.api import figures_table

    paths = [_unit(tmp_path, "甲区", 12, 98, "1.2万", 10), _unit(tmp_path, "乙区", 30, 95.5, "0.8万", 25)]
    table, problems = figures_table(paths)
    assert problems == [] and table.columns == ["示例市甲区", "示例市乙区"]
    rows = {r.name: table.cells(r) for r in table.rows}
    assert table.header() == ["名称", "说明", "单位", "示例市甲区", "示例市乙区", "合计", "上年合计", "增减", "备注"]
    assert rows["cases"] == ["cases", "办理行政复议案件", "件", "12", "30", "42", "35", "增加7件，增长20%", ""]
    assert rows["rate"][5] == "" and rows["rate"][-1] == "比率不相加"
    assert rows["funds"][5] == "2万"


def test_figures_notes_when_units_disagree_or_are_missing(tmp_path):
    from generator.api import figures_table

    paths = [_unit(tmp_path, "甲区", 12, 98, "1.2万", 10), _unit(tmp_path, "乙区", 30, 95.5, "8000")]
    text = (tmp_path / "乙区.yaml").read_text(encoding="utf-8")
    (tmp_path / "乙区.yaml").write_text(text.replace("unit: 件", "unit: 项"), encoding="utf-8")
    table, _ = figures_table(paths)
    rows = {r.name: r for r in table.rows}
    assert rows["cases"].total == "" and "单位不一致（件、项）" in rows["cases"].note
    assert rows["funds"].total == ""  # 1.2万 and 8000 are not added up
    (tmp_path / "2024").mkdir()
    same_unit_twice = [_unit(tmp_path, "丙区", 1, 90, 1, year=2023), _unit(tmp_path / "2024", "丙区", 2, 90, 1)]
    table, _ = figures_table(same_unit_twice)
    assert table.columns == ["示例市丙区（2023）", "示例市丙区（2024）"]
    assert "年度不同" in table.rows[0].note


def test_figures_command_writes_csv_and_xlsx_and_reports_a_bad_spec(tmp_path):
    from openpyxl import load_workbook

    _unit(tmp_path, "甲区", 12, 98, "1.2万")
    _unit(tmp_path, "乙区", 30, 95.5, "0.8万")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    out_csv, out_xlsx = tmp_path / "f.csv", tmp_path / "f.xlsx"
    result = CliRunner().invoke(main, ["figures", str(tmp_path), "--csv", str(out_csv), "--xlsx", str(out_xlsx)])
    assert result.exit_code == 2 and "bad.yaml:3:1" in result.output
    assert "已写出 3 项数字、2 个单位" in result.output
    rows = list(csv.reader(io.StringIO(out_csv.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["名称", "说明", "单位", "示例市乙区", "示例市甲区", "合计", "备注"]
    assert rows[1] == ["cases", "办理行政复议案件", "件", "30", "12", "42", ""]
    sheet = load_workbook(out_xlsx)["数字汇总"]
    assert sheet.freeze_panes == "B2" and sheet["D2"].value == 30 and sheet["F2"].value == "42"
    shown = CliRunner().invoke(main, ["figures", str(EXAMPLES / "kaifu-2022.yaml")], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "reconsideration_cases" in shown.output
