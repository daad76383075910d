"""The .xlsx writer (batch.sheetml): read back by openpyxl (values, styles, quote prefix, frozen
panes, filters) and by LibreOffice (converted to CSV: the cells a clerk sees)."""

from __future__ import annotations

import csv
import io
import subprocess

from conftest import need_tool
from openpyxl import load_workbook

from generator.batch.sheetml import Sheet, column_letter, workbook

ROWS = [
    ['=HYPERLINK("http://x")', 3, 2.5, "第9行\n缺少", "a & <b>", "\r=1+1", "_x000D_ literal"],
    ["开福区", None, "", "@SUM(1)", "－5", "\ttab", "plain"],
]


def _book(tmp_path):
    sheet = Sheet("汇总", [28, 6, 6, 14, 12, 12, 12], "C2")
    sheet.append(["文件", "错误", "比例", "一", "二", "三", "四"], {i: "head" for i in range(7)})
    sheet.append(ROWS[0], {3: "bad", 4: "doubtful"})
    sheet.append(ROWS[1], {0: "grey"})
    other = Sheet("问题'清单", [10], "A2")
    other.append(["x"])
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook([sheet, other]))
    return path


def test_openpyxl_reads_values_styles_and_views(tmp_path):
    book = load_workbook(_book(tmp_path))
    sheet = book["汇总"]
    assert [c.value for c in sheet[2]] == ROWS[0][:6] + ["_x005F_x000D_ literal"]
    assert [c.value for c in sheet[3]][:1] == ["开福区"] and sheet["B3"].value is None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert (
        sheet["A2"].quotePrefix and sheet["D3"].quotePrefix and sheet["E3"].quotePrefix and not sheet["B2"].quotePrefix
    )
    assert sheet["D2"].fill.fgColor.rgb.endswith("FFC7CE") and sheet["E2"].fill.fgColor.rgb.endswith("FFEB9C")
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert sheet["D2"].alignment.wrap_text
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:G3"
    assert sheet.column_dimensions["A"].width == 28
    assert book["问题'清单"].freeze_panes == "A2"


def test_libreoffice_shows_the_cells_as_text(tmp_path):
    soffice = need_tool("soffice")
    path = _book(tmp_path)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "book.csv").read_text(encoding="utf-8"))))
    assert rows[1][0] == '=HYPERLINK("http://x")' and rows[1][1] == "3" and rows[1][3] == "第9行\n缺少"
    assert rows[1][4] == "a & <b>" and rows[2][3] == "@SUM(1)" and rows[2][4] == "－5"


def test_column_letters():
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
