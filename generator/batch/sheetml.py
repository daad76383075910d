"""A small .xlsx writer for the summary and figures workbooks: rows become SpreadsheetML text as
they come and are deflated at once, so a workbook of 10,000 drafts holds its compressed bytes
only (inline strings, a handful of cell styles, frozen panes, filters, column widths).

openpyxl's write-only mode spent about 100 µs on every cell (50× the CSV writer for the same
rows); this writes what those workbooks need at string-formatting speed. Text is always stored as
text (`t="inlineStr"`: never a formula), and text that starts like a formula also carries Excel's
quote prefix, as if typed with 「'」. openpyxl, Excel, WPS and LibreOffice read the result.
"""

from __future__ import annotations

import io
import itertools
import re
import time
from collections.abc import Sequence
from typing import BinaryIO
from xml.sax.saxutils import escape

from generator.write.rawzip import Deflating, Entry, deflated, write_to

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Looks: (fill, font colour, bold). Excel's own 「差」/「适中」 colours read as bad / doubtful.
LOOKS = {
    "plain": (None, None, False),
    "head": ("D9E1F2", "000000", True),
    "bad": ("FFC7CE", "9C0006", False),
    "doubtful": ("FFEB9C", "9C5700", False),
    "grey": ("EDEDED", "595959", False),
}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def column_letter(number: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


class Sheet:
    """One worksheet, deflated as its rows are appended (only the compressed XML is kept, in memory or in `spool`)."""

    _BATCH = 200  # rows joined before they are deflated: fewer calls, little text held

    def __init__(
        self,
        title: str,
        widths: Sequence[float],
        freeze: str | None = None,
        wrap: bool = True,
        spool: BinaryIO | None = None,
    ):
        """`spool`: a file that holds the deflated XML instead of memory (flat in the number of rows)."""
        self.title, self.widths, self.freeze, self.wrap = title, widths, freeze, wrap
        self.count = 0
        self.columns = 0
        self._letters = [column_letter(n) for n in range(1, 65)]
        self._pending: list[str] = []
        self._part = Deflating("", spool)
        cols = "".join(f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>' for n, w in enumerate(widths, 1))
        self._part.write(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
            f'<sheetViews><sheetView workbookViewId="0">{_pane(freeze)}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}<sheetData>'
        )

    def append(self, values: list, looks: dict[int, str] | None = None) -> None:
        """A row; `looks` gives a column's look by its 0-based index (default: plain)."""
        self.count += 1
        number = self.count
        looks = looks or {}
        cells = []
        for index, value in enumerate(values):
            if value is None or value == "":
                continue
            if index >= len(self._letters):
                self._letters.append(column_letter(index + 1))
            ref = f"{self._letters[index]}{number}"
            look = looks.get(index, "plain")
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(f'<c r="{ref}" s="{_style(look, False, self.wrap)}"><v>{value!r}</v></c>')
            else:
                text = str(value)
                if _ILLEGAL.search(text):
                    text = _ILLEGAL.sub("", text)
                quote = text.startswith(FORMULA_START)
                cells.append(
                    f'<c r="{ref}" s="{_style(look, quote, self.wrap)}" t="inlineStr"><is>'
                    f'<t xml:space="preserve">{_xstring(text)}</t></is></c>'
                )
        self.columns = max(self.columns, len(values))
        self._pending.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(self._pending) >= self._BATCH:
            self._part.write("".join(self._pending))
            self._pending.clear()

    @property
    def filter_ref(self) -> str:
        return f"A1:{column_letter(max(self.columns, 1))}{max(self.count, 1)}"

    def entry(self, name: str, date_time: tuple) -> Entry:
        """The finished worksheet as the package member `name` (no row may be appended after)."""
        self._part.name = name
        self._part.write("".join(self._pending) + f'</sheetData><autoFilter ref="{self.filter_ref}"/></worksheet>')
        self._pending.clear()
        return self._part.entry(date_time)


# What makes a spreadsheet read a cell as a formula (OWASP), kept in step with batch.columns.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NAMES = list(LOOKS)


def _style(look: str, quote: bool, wrap: bool) -> int:
    """The cellXfs index: 0 is the default; then each look × (quote prefix) × (wrap)."""
    return _STYLES[look, quote, wrap]


_STYLES = {
    (look, quote, wrap): 1 + (index * 2 + quote) * 2 + wrap
    for index, look in enumerate(_NAMES)
    for quote in (False, True)
    for wrap in (False, True)
}


def _xstring(text: str) -> str:
    """Text for a <t> element: XML-escaped, a carriage return as a character reference (a literal
    one is read back as a line feed), text that looks like OOXML's 「_xHHHH_」 escape kept literal."""
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(lambda m: "_x005F_" + m.group(0)[1:], text)
    return escape(text).replace("\r", "&#13;")


_ESCAPE_LIKE = re.compile(r"_x[0-9A-Fa-f]{4}_")


def _pane(freeze: str | None) -> str:
    if not freeze or freeze == "A1":
        return ""
    match = re.fullmatch(r"([A-Z]+)(\d+)", freeze)
    assert match is not None, freeze  # set in code by the callers, always a cell such as "C2"
    column = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(match.group(1)))) - 1
    row = int(match.group(2)) - 1
    pane = "bottomRight" if column and row else ("bottomLeft" if row else "topRight")
    split = (f' xSplit="{column}"' if column else "") + (f' ySplit="{row}"' if row else "")
    return f'<pane{split} topLeftCell="{freeze}" activePane="{pane}" state="frozen"/>'


def _styles() -> str:
    fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>']
    fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    for fill, color, bold in LOOKS.values():
        font_id, fill_id = 0, 0
        if color:
            fonts.append(
                f'<font>{"<b/>" if bold else ""}<color rgb="FF{color}"/><sz val="11"/><name val="Calibri"/>'
                f'<family val="2"/></font>'
            )
            font_id = len(fonts) - 1
        if fill:
            fills.append(
                f'<fill><patternFill patternType="solid"><fgColor rgb="FF{fill}"/><bgColor indexed="64"/>'
                "</patternFill></fill>"
            )
            fill_id = len(fills) - 1
        for quote in (False, True):
            for wrap in (False, True):
                attrs = f'numFmtId="0" fontId="{font_id}" fillId="{fill_id}" borderId="0" xfId="0" applyFont="1" applyFill="1"'
                attrs += ' quotePrefix="1"' if quote else ""
                if wrap:
                    xfs.append(f'<xf {attrs} applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>')
                else:
                    xfs.append(f"<xf {attrs}/>")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN}">'
        f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts><fills count="{len(fills)}">{"".join(fills)}</fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )


def workbook(sheets: list[Sheet]) -> bytes:
    """The .xlsx bytes of the sheets, in order."""
    out = io.BytesIO()
    write_workbook(sheets, out)
    return out.getvalue()


def write_workbook(sheets: list[Sheet], out: BinaryIO) -> None:
    """Write the .xlsx of the sheets, in order, to a binary stream (one sheet's bytes held at a time)."""
    names = "".join(f'<sheet name="{escape(s.title)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, 1))
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{escape(_quoted(s.title))}!{_absolute(s.filter_ref)}</definedName>"
        for i, s in enumerate(sheets)
    )
    book = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
        f"<bookViews><workbookView/></bookViews><sheets>{names}</sheets>"
        f"<definedNames>{filters}</definedNames></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _rels(f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'),
        "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": _rels(
            rels + f'<Relationship Id="rIdS" Type="{RELS}/styles" Target="styles.xml"/>'
        ),
        "xl/styles.xml": _styles(),
    }
    now = time.localtime()[:6]
    entries = [deflated(name, text.encode("utf-8"), now) for name, text in parts.items()]
    sheet_entries = (sheet.entry(f"xl/worksheets/sheet{i}.xml", now) for i, sheet in enumerate(sheets, 1))
    write_to(itertools.chain(entries, sheet_entries), out)


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":"))


def _rels(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'
    )


def _content_types(count: int) -> str:
    base = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{base}.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{base}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{base}.styles+xml"/>{sheets}</Types>'
    )
