"""The summary as one self-contained HTML page: the matrix (sortable by any column) and each
draft's findings. Inline CSS and script, no network: it opens the same on an offline machine."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import BinaryIO

from .columns import header, late_text, neutral, top_text
from .summary import SEVERITY_CN, DraftRow, Tally, part_names, rule_name

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:16px;color:#222;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 6px}
.totals{color:#555;margin:0 0 14px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #c8ccd2;padding:4px 5px;vertical-align:top;text-align:left}
th{background:#d9e1f2;position:sticky;top:0;cursor:pointer;font-weight:600}
table.matrix{table-layout:fixed}table.matrix td{overflow-wrap:anywhere}
table.matrix th{font-size:13px;line-height:1.3}table.matrix th.part{font-size:12px}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
td.n{text-align:right}td.missing,td.late{background:#ffc7ce;color:#9c0006}
td.sub{background:#ffeb9c;color:#9c5700}tr.unreadable td{background:#ededed;color:#595959}
td.top{font-size:12px;line-height:1.45}td.top ol{margin:0;padding:0 0 0 1.3em}td.top li{margin:0 0 3px}
.rule{font-weight:600}.id{color:#777;font-size:11px;font-family:monospace}
.error{color:#9c0006}.warning{color:#9c5700}.info{color:#555}
.findings td:nth-child(2){white-space:nowrap}.findings td:nth-child(3){min-width:8em}.meta{color:#555;margin:0 0 6px}
@media print{
  @page{size:A4 landscape;margin:10mm}
  body{margin:0;font-size:9pt}h1{font-size:15pt}h2{font-size:11pt;margin:14px 0 4px;break-after:avoid}
  th{position:static;cursor:auto;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  table.matrix th{font-size:7.5pt}table.matrix th.part{font-size:7pt}td.top{font-size:7.5pt}
  tr{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}
  .screen{display:none}th.asc::after,th.desc::after{content:""}
}
"""

# Click a header to sort by it; again to reverse. Cells sort by data-v when present (numbers, dates, part status).
_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function(th, col){
  th.addEventListener("click", function(){
    var table = th.closest("table"), body = table.tBodies[0], desc = th.classList.contains("asc");
    table.querySelectorAll("th").forEach(function(h){h.classList.remove("asc", "desc");});
    th.classList.add(desc ? "desc" : "asc");
    var key = function(tr){var td = tr.cells[col]; return td.dataset.v !== undefined ? td.dataset.v : td.textContent;};
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function(a, b){
      var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return desc ? -c : c;
    });
    rows.forEach(function(tr){body.appendChild(tr);});
  });
});
"""
_PART_ORDER = {"missing": 0, "sub": 1, "found": 2}
# Column widths in em on screen and in print: file, unit, kind, year, date, late, five parts, three
# counts; the findings take the rest. On screen 65 em leave them ~30 em at 1366 px; on A4 landscape
# (277 mm of line at 8 pt) 55 em leave them ~40 em. No column is lost to a horizontal scroll bar.
_WIDTHS = (7.6, 7.4, 4.4, 3.6, 6.6, 4.2, 4.6, 4.6, 4.6, 4.6, 4.6, 2.4, 2.4, 2.4, None)
_PRINT_WIDTHS = (6.8, 6.2, 3.6, 3.8, 5.6, 3.6, 4, 4, 4, 4, 4, 2.2, 2.2, 2.2, None)


def _column_style() -> str:
    """The widths as classes (c0…c14), so the print stylesheet can set its own."""
    screen = "".join(f"col.c{i}{{width:{w}em}}" for i, w in enumerate(_WIDTHS) if w)
    paper = "".join(f"col.c{i}{{width:{w}em}}" for i, w in enumerate(_PRINT_WIDTHS) if w)
    return f"{screen}\n@media print{{table.matrix{{font-size:8pt}}{paper}}}"


class HtmlSummary:
    """Writes the page to a binary stream on close. The totals above the matrix are known only at
    the end, so each draft's matrix row and findings section wait in two temporary files (on
    disk, not in memory) as the rows are added."""

    def __init__(self, out: BinaryIO, generated: dt.datetime | None = None):
        self._out, self._generated = out, generated
        self._tally = Tally()
        self._matrix = tempfile.TemporaryFile()
        self._sections = tempfile.TemporaryFile()

    def add(self, row: DraftRow) -> None:
        index = self._tally.drafts
        gap = b"\n" if index else b""
        self._matrix.write(gap + _encoded(_matrix_row(index, row)))
        self._sections.write(gap + _encoded(_findings_section(index, row)))
        self._tally.add(row)

    def close(self) -> None:
        try:
            self._out.write(_encoded(_head(self._tally.totals(), self._generated or dt.datetime.now())))
            _copy(self._matrix, self._out)
            self._out.write(b"\n</tbody></table>\n")
            _copy(self._sections, self._out)
            self._out.write(_encoded(f"\n<script>{_SCRIPT}</script>\n</body></html>\n"))
        finally:
            self._matrix.close()
            self._sections.close()


def to_html(rows: Iterable[DraftRow], generated: dt.datetime | None = None) -> bytes:
    """The page's bytes (UTF-8)."""
    out = io.BytesIO()
    writer = HtmlSummary(out, generated)
    for row in rows:
        writer.add(row)
    writer.close()
    return out.getvalue()


def _head(count: dict[str, int], generated: dt.datetime) -> str:
    """The page down to the matrix's first row: title, totals, the matrix's header."""
    names = header()[:-1]  # 类型依据 is the kind cell's tooltip and each draft's meta line here
    head = "".join(
        f'<th class="part">{escape(name)}</th>' if 6 <= i < 11 else f"<th>{escape(name)}</th>"
        for i, name in enumerate(names)
    )
    columns = "".join(f'<col class="c{i}">' for i in range(len(_WIDTHS)))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>法治政府建设报告检查汇总</title><style>{_STYLE}{_column_style()}</style></head>
<body>
<h1>法治政府建设报告检查汇总</h1>
<p class="totals">共 {count["drafts"]} 份草稿：有错误的 {count["with_errors"]} 份，逾期 {count["late"]} 份，\
无法读取 {count["unreadable"]} 份。生成于 {generated:%Y-%m-%d %H:%M}（fazhi check --summary）。\
主要问题按严重程度排列，同级的法定部分问题在前。<span class="screen">点击表头排序。</span></p>
<table class="sortable matrix"><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>
<tbody>
"""


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "replace")  # a name that is not UTF-8 must not lose the whole page


def _copy(spool, out: BinaryIO) -> None:
    spool.seek(0)
    shutil.copyfileobj(spool, out)


def _td(text, cls: str = "", value=None) -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' data-v="{escape(str(value))}"' if value is not None else "")
    return f"<td{attrs}>{escape(str(neutral(text)))}</td>"


def _matrix_row(index: int, row: DraftRow) -> str:
    counts = row.counts()
    link = f'<td data-v="{escape(row.path)}"><a href="#d{index}">{escape(neutral(Path(row.path).name))}</a></td>'
    kind = (
        _td(row.kind_label or "无法读取").replace("<td>", f'<td title="{escape(row.kind_reason)}">', 1)
        if row.kind_reason
        else _td(row.kind_label or "无法读取")
    )
    cells = [
        link,
        _td(row.unit or Path(row.path).stem),
        kind,
        _td(row.year or "", "n", row.year or 0),
        _td(row.date_shown(), "late" if row.late else "", row.date.isoformat() if row.date else ""),
    ]
    cells.append(_td(late_text(row) if not row.unreadable else "—", "late" if row.late else ""))
    for key in part_names():
        cell = row.parts.get(key)
        if cell is None:
            cells.append(_td("—", value=-1))
        else:
            cls = {"missing": "missing", "sub": "sub"}.get(cell.status, "")
            cells.append(_td(cell.text(), cls, _PART_ORDER[cell.status]))
    for severity in ("error", "warning", "info"):
        cells.append(_td(counts[severity], "n", counts[severity]))
    cells.append(_top_cell(row))
    cls = ' class="unreadable"' if row.unreadable else ""
    return f"<tr{cls}>{''.join(cells)}</tr>"


def _top_cell(row: DraftRow) -> str:
    """The most serious findings, ranked (DraftRow.top), each with its rule's Chinese name."""
    if row.unreadable:
        return _td(top_text(row), "top")
    items = "".join(
        f'<li><span class="{f.severity}">{SEVERITY_CN[f.severity]}</span>　<span class="rule">{escape(rule_name(f.rule))}</span>'
        f"{escape(f'（第{f.line}行）' if f.line else '')}：{escape(f.message)}</li>"
        for f in row.top()
    )
    return f'<td class="top">{f"<ol>{items}</ol>" if items else ""}</td>'


def _rule_cell(rule: str) -> str:
    return f'<td title="{escape(rule)}"><span class="rule">{escape(rule_name(rule))}</span><br><span class="id">{escape(rule)}</span></td>'


def _findings_section(index: int, row: DraftRow) -> str:
    title = escape(f"{row.unit or Path(row.path).stem}　{row.path}")
    meta = (
        "无法读取：" + escape(row.unreadable)
        if row.unreadable
        else escape(
            f"{row.kind_label}"
            + (f"（{row.kind_reason}）" if row.kind_reason else "")
            + f"，{row.year or '年度不详'}，成文日期 {row.date_shown() or '无'}，"
            f"错误 {row.counts()['error']}，警告 {row.counts()['warning']}，提示 {row.counts()['info']}"
        )
    )
    if not row.findings:
        return f'<h2 id="d{index}">{title}</h2>\n<p class="meta">{meta}。没有发现问题。</p>'
    lines = "\n".join(
        f'<tr><td class="n">{f.line or ""}</td><td class="{f.severity}">{SEVERITY_CN[f.severity]}</td>'
        f"{_rule_cell(f.rule)}<td>{escape(neutral(f.message))}</td><td>{escape(f.basis)}</td></tr>"
        for f in sorted(row.findings, key=lambda f: f.line or 0)
    )
    return (
        f'<h2 id="d{index}">{title}</h2>\n<p class="meta">{meta}</p>\n'
        '<table class="sortable findings"><thead><tr><th>行</th><th>严重程度</th><th>规则</th><th>说明</th>'
        f"<th>依据</th></tr></thead>\n<tbody>\n{lines}\n</tbody></table>"
    )
