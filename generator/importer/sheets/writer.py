"""Workbooks for people: the 任务分工表 of a plan (`fazhi tasks --xlsx`) and the empty forms a
department fills in (`fazhi template tasks.xlsx|figures.xlsx`), both read back by `fazhi import`.

Every text is written as a text cell, never as a formula: a unit named 「=HYPERLINK(…)」 in a spec
stays text when the clerk opens the workbook (formula injection).
"""

from __future__ import annotations

import io

TASK_HEADER = ["序号", "工作任务", "具体内容", "牵头单位", "责任单位", "完成时限"]
FIGURE_HEADER = ["名称", "说明", "数值", "单位", "上年", "备注"]
_WIDTHS = {
    "序号": 6,
    "工作任务": 26,
    "具体内容": 56,
    "牵头单位": 22,
    "责任单位": 28,
    "完成时限": 14,
    "名称": 22,
    "说明": 36,
    "数值": 12,
    "单位": 8,
    "上年": 12,
    "备注": 30,
}
_HEADER_FILL = "D9E1F2"
_PART_FILL = "F2F2F2"


def _book(title: str, header: list[str], heading: str):
    """A workbook whose one sheet has a merged title row, a bold header (repeated on every printed
    page), frozen panes and A4 landscape printing."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    put(sheet, 1, 1, heading)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28
    thin = Side(style="thin", color="808080")
    for col, name in enumerate(header, 1):
        cell = put(sheet, 2, col, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(name, 14)
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # fit to the page's width; as many pages down as needed (LibreOffice reads fitToHeight=0, "automatic"
    # in OOXML, as one page for the whole sheet, so a bound no table reaches)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 999
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return book, sheet


def put(sheet, row: int, col: int, value):
    """A cell holding `value`; text is always a text cell (never read as a formula)."""
    cell = sheet.cell(row, col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _wrap(sheet, row: int, columns: int) -> None:
    """Wrapped text, and a row height for it: neither Excel nor LibreOffice grows a row on opening."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    lines = 1
    for col in range(1, columns + 1):
        cell = sheet.cell(row, col)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        width = sheet.column_dimensions[get_column_letter(col)].width or 10
        for part in str(cell.value or "").split("\n"):
            lines = max(lines, -(-_display_width(part) // int(width)) or 1)
    sheet.row_dimensions[row].height = 16 * lines + 4


def _display_width(text: str) -> int:
    """Width in Excel's units: a Chinese character takes two."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _part_row(sheet, row: int, title: str, columns: int) -> None:
    """A category row: the part's title merged across the table, as clerks group tasks."""
    from openpyxl.styles import Font, PatternFill

    put(sheet, row, 1, title)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    sheet.cell(row, 1).font = Font(bold=True)
    sheet.cell(row, 1).fill = PatternFill("solid", fgColor=_PART_FILL)


def tasks_xlsx(rows, heading: str) -> bytes:
    """The 任务分工表: a category row per part, a row per task (number, title, text, owners, deadline)."""
    from generator.numbering import cn_numeral

    book, sheet = _book("任务分工", TASK_HEADER, heading)
    line, part, parts = 3, None, 0
    for task in rows:
        if task.part != part:
            part, parts = task.part, parts + 1
            _part_row(sheet, line, f"{cn_numeral(parts)}、{part}", len(TASK_HEADER))
            line += 1
        values = [task.number, task.title, task.text, "、".join(task.lead), "、".join(task.responsible), task.deadline]
        for col, value in enumerate(values, 1):
            put(sheet, line, col, value if value != "" else None)
        _wrap(sheet, line, len(TASK_HEADER))
        line += 1
    return _bytes(book)


def tasks_template(year: int) -> bytes:
    """An empty 任务分工表 with one category row and one filled example row, and data validation."""
    book, sheet = _book("任务分工", TASK_HEADER, f"{year}年度XX法治政府建设工作要点任务分工表")
    _part_row(sheet, 3, "一、健全政府治理体系", len(TASK_HEADER))
    _note(sheet, 3, "分类行：只填一格（或整行合并），下面的任务归入这一部分（工作要点的一级标题）。")
    example = [
        "示例",
        "持续完善政府职能",
        "深化行政体制改革，优化政府职责体系和组织结构。",
        "区政府办、区委编办",
        "各乡镇街道、区直相关单位",
        f"{year}年12月底",
    ]
    for col, value in enumerate(example, 1):
        put(sheet, 4, col, value)
    _wrap(sheet, 4, len(TASK_HEADER))
    _validate(
        sheet,
        [
            ("B5:B2000", "工作任务", "任务标题，不写序号，如「持续完善政府职能」；或「标题。正文」写在一格", None),
            ("D5:E2000", "单位", "多个单位用顿号、逗号、分号或换行分开，如「区司法局、区财政局」", None),
            (
                "F5:F2000",
                "完成时限",
                "如「2024年12月底」「长期坚持」；可从列表中选，也可自己写",
                [f"{year}年6月底", f"{year}年12月底", "长期坚持", "持续推进"],
            ),
        ],
    )
    _note(sheet, 4, "「示例」行不会被导入，可删除；分类行（如「一、…」）下的任务归入该部分。")
    return _bytes(book)


def figures_template(year: int) -> bytes:
    """An empty table of figures with a filled example row and data validation."""
    book, sheet = _book("数字", FIGURE_HEADER, f"{year}年度法治政府建设主要数字")
    example = ["示例", "办结行政复议案件", 120, "件", 98, "名称可写数据文件中的英文名，如 review_cases"]
    for col, value in enumerate(example, 1):
        put(sheet, 3, col, value)
    _validate(
        sheet,
        [
            ("A4:A1000", "名称", "数字的名称：数据文件中的英文名（如 review_cases），或中文名称", None),
            ("C4:C1000", "数值", "今年的数值：数字，如 120、2.5；「2.4万」也可", "number"),
            ("E4:E1000", "上年", "上年的数值（可不填）：用于「同比增长…」", "number"),
            (
                "D4:D1000",
                "单位",
                "如「件」「项」「%」；可从列表中选，也可自己写",
                ["件", "项", "人次", "个", "%", "万元"],
            ),
        ],
    )
    _note(sheet, 3, "「示例」行不会被导入，可删除。")
    return _bytes(book)


def _validate(sheet, rules: list) -> None:
    """Data validation: a prompt on every column, a list or a number check where one helps; a warning
    (not a stop) when a value falls outside, since clerks write 「2.4万」 and 「长期坚持」 too."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for ref, title, prompt, rule in rules:
        if isinstance(rule, list):
            validation = DataValidation(type="list", formula1='"' + ",".join(rule) + '"', allow_blank=True)
        elif rule == "number":
            validation = DataValidation(
                type="decimal", operator="between", formula1="-1E+15", formula2="1E+15", allow_blank=True
            )
        else:
            validation = DataValidation(allow_blank=True)
        validation.errorStyle = "warning"
        validation.showErrorMessage = rule is not None
        validation.error = f"「{title}」：{prompt}"
        validation.errorTitle = "请核对"
        validation.prompt, validation.promptTitle, validation.showInputMessage = prompt, title, True
        validation.add(ref)
        sheet.add_data_validation(validation)


def _note(sheet, row: int, text: str) -> None:
    from openpyxl.comments import Comment

    sheet.cell(row, 1).comment = Comment(text, "fazhi")


def _bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
