"""Workbooks and CSV files as plain grids, read within bounds.

.xlsx through openpyxl in read-only mode with cached formula values (the sheet XML is scanned once
more for what read-only mode does not give: merged ranges, and formulas saved without a value);
.xls, .et and .ods through LibreOffice; .csv in UTF-8 or, as Excel on a Chinese Windows saves it,
GB18030. A merged range's value fills every cell of the range.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import DraftError, Problem
from generator.safe_io import read_regular_file, size_text

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".xls", ".et", ".ods")
LEGACY = (".xls", ".et", ".ods")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PART_BYTES = 200 * 1024 * 1024  # one member of the zip, inflated
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # all members together
MAX_ROWS = 20_000
MAX_COLUMNS = 60
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_NS = rb"(?:[\w.-]+:)?"
_SHEET = re.compile(rb"<" + _NS + rb"sheet\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_RELATION = re.compile(rb"<" + _NS + rb"Relationship\b([^>]*)/?>")
_MERGE = re.compile(rb"<" + _NS + rb'mergeCell\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
# A cell holding a formula and no value (<v> absent or empty): written by a program that never calculated.
_UNCACHED = re.compile(
    rb"<"
    + _NS
    + rb'c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*>\s*<'
    + _NS
    + rb"f\b[^>]*(?:/>|>[^<]*</"
    + _NS
    + rb"f>)\s*(?:<"
    + _NS
    + rb"v\s*/>|<"
    + _NS
    + rb"v>\s*</"
    + _NS
    + rb"v>)?\s*</"
    + _NS
    + rb"c>"
)
# A text cell that starts like a formula was written with a leading 「'」 by our own CSV writer.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Sheet:
    """One sheet's values, row by row (0-based), with where each came from."""

    file: str
    title: str
    rows: list[list] = field(default_factory=list)
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # cell → its range's first cell
    uncached: set[tuple[int, int]] = field(default_factory=set)  # formulas without a saved value

    def where(self, row: int, col: int) -> str:
        """「表.xlsx:任务分工!C7」; a CSV file has no sheet name."""
        cell = f"{column_letter(col)}{row + 1}"
        return f"{self.file}:{self.title}!{cell}" if self.title else f"{self.file}:{cell}"

    def problem(self, row: int, col: int, message: str) -> Problem:
        return Problem(message, self.where(row, col))

    def value(self, row: int, col: int):
        line = self.rows[row] if row < len(self.rows) else []
        return line[col] if col < len(line) else None

    def spans_right(self, row: int, col: int) -> bool:
        """The cell is filled from a range that starts left of it in the same row."""
        origin = self.merged.get((row, col))
        return origin is not None and origin[1] < col


def column_letter(col: int) -> str:
    """0 → A, 26 → AA."""
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1


def read_sheets(path: str | Path) -> list[Sheet]:
    """Every visible sheet of a workbook or CSV file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DraftError(Problem(f"不是表格文件：应为 {'、'.join(SUFFIXES)} 之一", str(path)))
    data = read_regular_file(path, MAX_FILE_BYTES, what="表格文件", error=DraftError)
    if suffix == ".csv":
        return [read_csv(data, path.name)]
    if suffix in LEGACY:
        data = _through_libreoffice(path, data)
    return read_xlsx(data, path.name)


def read_csv(data: bytes, name: str) -> Sheet:
    """A CSV file: UTF-8 (with or without BOM) or GB18030; comma, or tab when the first line has no comma."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise DraftError(
                Problem("CSV 文件既不是 UTF-8 也不是 GBK 编码：请在 Excel 中另存为「CSV UTF-8」", name)
            ) from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    sheet = Sheet(name, "")
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
            if number >= MAX_ROWS:
                raise DraftError(_too_many_rows(name))
            sheet.rows.append([_csv_cell(value) for value in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise DraftError(Problem(f"CSV 格式有误：{exc}", name)) from None
    return sheet


def _csv_cell(value: str):
    if value[:1] == "'" and value[1:2] in FORMULA_START and value[1:2]:
        value = value[1:]  # our writers' guard against formula injection, taken off again
    return value if value.strip() else None


def read_xlsx(data: bytes, name: str) -> list[Sheet]:
    """The visible sheets of an .xlsx package (cached values of formulas, merged ranges filled)."""
    import openpyxl

    archive = _open_zip(data, name)
    parts = _sheet_parts(archive, name)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a hostile or damaged package, any parser error: exit 2
        raise DraftError(
            Problem(f"无法读取这个 Excel 文件（已损坏，或不是 .xlsx）：{type(exc).__name__}", name)
        ) from None
    try:
        sheets = []
        for title, part, hidden in parts:
            if hidden or title not in book.sheetnames:
                continue
            sheets.append(_read_sheet(book[title], archive, part, name, title))
        return sheets
    except DraftError:
        raise
    except Exception as exc:  # noqa: BLE001 - as above: damaged cell data
        raise DraftError(Problem(f"无法读取这个 Excel 文件（内容已损坏）：{type(exc).__name__}", name)) from None
    finally:
        book.close()


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The package, refused when it would inflate past the bounds (a zip bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DraftError(
            Problem("不是有效的 .xlsx 文件（不是 zip 包或已损坏）：旧版 .xls 请保留 .xls 扩展名", name)
        ) from None
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES or any(info.file_size > MAX_PART_BYTES for info in infos):
        raise DraftError(
            Problem(
                f"表格文件解压后过大（{size_text(total)}，超过 {size_text(MAX_UNZIPPED_BYTES)}）：可能是恶意构造的文件",
                name,
            )
        )
    return archive


def _sheet_parts(archive: zipfile.ZipFile, name: str) -> list[tuple[str, str, bool]]:
    """(sheet name, its part in the package, hidden) in workbook order."""
    workbook = _member(archive, "xl/workbook.xml", name)
    rels = _member(archive, "xl/_rels/workbook.xml.rels", name)
    targets = {}
    for match in _RELATION.finditer(rels):
        attrs = dict(_ATTR.findall(match.group(1)))
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        targets[attrs.get(b"Id")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    out = []
    for match in _SHEET.finditer(workbook):
        attrs = {key.split(b":")[-1]: value for key, value in _ATTR.findall(match.group(1))}
        title = html.unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
        hidden = attrs.get(b"state", b"visible") != b"visible"
        out.append((title, targets.get(attrs.get(b"id"), ""), hidden))
    return out


def _member(archive: zipfile.ZipFile, part: str, name: str) -> bytes:
    try:
        return archive.read(part)
    except KeyError:
        return b""
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise DraftError(Problem(f"Excel 文件已损坏（{part} 无法解压）", name)) from None


def _read_sheet(worksheet, archive: zipfile.ZipFile, part: str, name: str, title: str) -> Sheet:
    """Values of one sheet (at most MAX_ROWS rows, MAX_COLUMNS columns), merged ranges filled."""
    sheet = Sheet(name, title)
    # the dimension Excel writes bounds the columns: rows are not padded to MAX_COLUMNS for nothing
    width = min(worksheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
    for number, values in enumerate(worksheet.iter_rows(max_col=width, values_only=True)):
        if number >= MAX_ROWS:
            raise DraftError(Problem(f"工作表「{title}」超过 {MAX_ROWS:,} 行：请只保留要导入的部分", name))
        row = [_cell(value) for value in values]
        while row and row[-1] is None:
            row.pop()
        sheet.rows.append(row)
    while sheet.rows and not any(v is not None for v in sheet.rows[-1]):
        sheet.rows.pop()
    xml = _member(archive, part, name) if part else b""
    if b"mergeCell" in xml:
        _fill_merged(sheet, xml)
    if b"<f" in xml or b":f" in xml:
        sheet.uncached = {(int(row) - 1, _column_index(col)) for col, row in _UNCACHED.findall(xml)}
    return sheet


def _cell(value):
    """A cell's value as the importer reads it: text stripped, whole floats as ints, dates as dates."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return value or None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _fill_merged(sheet: Sheet, xml: bytes) -> None:
    for first_col, first_row, last_col, last_row in _MERGE.findall(xml):
        top, left = int(first_row) - 1, _column_index(first_col)
        bottom = int(last_row or first_row) - 1
        right = _column_index(last_col or first_col)
        if top >= len(sheet.rows) or left >= MAX_COLUMNS:
            continue
        value = sheet.value(top, left)
        for row in range(top, min(bottom, len(sheet.rows) - 1) + 1):
            line = sheet.rows[row]
            for col in range(left, min(right, MAX_COLUMNS - 1) + 1):
                if (row, col) == (top, left):
                    continue
                while len(line) <= col:
                    line.append(None)
                line[col] = value
                sheet.merged[(row, col)] = (top, left)


def _too_many_rows(name: str) -> Problem:
    return Problem(f"表格超过 {MAX_ROWS:,} 行：请只保留要导入的部分", name)


def _through_libreoffice(path: Path, data: bytes) -> bytes:
    """.xls/.et (compound file) or .ods (zip) converted to .xlsx by LibreOffice, as .doc is."""
    import tempfile

    from generator import office

    expected = b"PK" if path.suffix.lower() == ".ods" else _OLE
    if not data.startswith(expected):
        raise DraftError(Problem(f"不是 {path.suffix} 表格文件：文件头不对，可能已损坏或改了扩展名", str(path)))
    if not office.soffice():
        raise DraftError(
            Problem(
                f"读取 {path.suffix} 需要 LibreOffice（soffice）：请安装 libreoffice-calc-nogui，"
                "或用 Excel/WPS 另存为 .xlsx",
                str(path),
            )
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-sheet-") as temp:
        source = Path(temp) / f"in{path.suffix.lower()}"
        source.write_bytes(data)
        try:
            [out] = office.convert(
                [source], Path(temp) / "out", "xlsx:Calc MS Excel 2007 XML", ".xlsx", error=DraftError
            )
        except DraftError:
            raise DraftError(Problem("LibreOffice 无法打开这个表格文件（已损坏，或不是表格）", str(path))) from None
        return out.read_bytes()
