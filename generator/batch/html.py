"""The summary as one self-contained HTML page: the matrix (sortable by any column) and each
draft's findings. Inline CSS and script, no network: it opens the same on an offline machine."""
from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from .columns import header, late_text, neutral, top_text
from .summary import SEVERITY_CN, DraftRow, part_names, totals

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222;font-size:14px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 6px}
.totals{color:#555;margin:0 0 14px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #c8ccd2;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#d9e1f2;position:sticky;top:0;cursor:pointer;font-weight:600}
table.matrix{table-layout:fixed}table.matrix td{overflow-wrap:anywhere}
th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
td.n{text-align:right}td.missing,td.late{background:#ffc7ce;color:#9c0006}
td.sub{background:#ffeb9c;color:#9c5700}tr.unreadable td{background:#ededed;color:#595959}
td.top{font-size:12px;white-space:pre-line;min-width:18em}
.error{color:#9c0006}.warning{color:#9c5700}.info{color:#555}
.findings td:nth-child(2){white-space:nowrap}.meta{color:#555;margin:0 0 6px}
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
# Column widths in em: file, unit, kind, year, date, late, five parts, three counts, the findings.
_WIDTHS = (9, 9, 5, 3.2, 7.5, 5, 5.5, 5.5, 6.5, 5.5, 5.5, 2.6, 2.6, 2.6, 24)


def to_html(rows: list[DraftRow], generated: dt.datetime | None = None) -> bytes:
    """The page's bytes (UTF-8)."""
    generated = generated or dt.datetime.now()
    count = totals(rows)
    head = "".join(f"<th>{escape(name)}</th>" for name in header())
    columns = "".join(f'<col style="width:{w}em">' for w in _WIDTHS)
    body = "\n".join(_matrix_row(i, row) for i, row in enumerate(rows))
    sections = "\n".join(_findings_section(i, row) for i, row in enumerate(rows))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>法治政府建设报告检查汇总</title><style>{_STYLE}</style></head>
<body>
<h1>法治政府建设报告检查汇总</h1>
<p class="totals">共 {count['drafts']} 份草稿：有错误的 {count['with_errors']} 份，逾期 {count['late']} 份，\
无法读取 {count['unreadable']} 份。生成于 {generated:%Y-%m-%d %H:%M}（fazhi check --summary）。点击表头排序。</p>
<table class="sortable matrix"><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody></table>
{sections}
<script>{_SCRIPT}</script>
</body></html>
"""
    return page.encode("utf-8", "replace")  # a name that is not UTF-8 must not lose the whole page


def _td(text, cls: str = "", value=None) -> str:
    attrs = (f' class="{cls}"' if cls else "") + (f' data-v="{escape(str(value))}"' if value is not None else "")
    return f"<td{attrs}>{escape(str(neutral(text)))}</td>"


def _matrix_row(index: int, row: DraftRow) -> str:
    counts = row.counts()
    link = f'<td data-v="{escape(row.path)}"><a href="#d{index}">{escape(neutral(Path(row.path).name))}</a></td>'
    cells = [link, _td(row.unit or Path(row.path).stem), _td(row.kind_label or "无法读取"),
             _td(row.year or "", "n", row.year or 0),
             _td(row.date_shown(), "late" if row.late else "", row.date.isoformat() if row.date else "")]
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
    cells.append(_td(top_text(row), "top"))
    cls = ' class="unreadable"' if row.unreadable else ""
    return f"<tr{cls}>{''.join(cells)}</tr>"


def _findings_section(index: int, row: DraftRow) -> str:
    title = escape(f"{row.unit or Path(row.path).stem}　{row.path}")
    meta = "无法读取：" + escape(row.unreadable) if row.unreadable else escape(
        f"{row.kind_label}，{row.year or '年度不详'}，成文日期 {row.date_shown() or '无'}，"
        f"错误 {row.counts()['error']}，警告 {row.counts()['warning']}，提示 {row.counts()['info']}")
    if not row.findings:
        return f'<h2 id="d{index}">{title}</h2>\n<p class="meta">{meta}。没有发现问题。</p>'
    lines = "\n".join(
        f'<tr><td class="n">{f.line or ""}</td><td class="{f.severity}">{SEVERITY_CN[f.severity]}</td>'
        f"<td>{escape(f.rule)}</td><td>{escape(neutral(f.message))}</td><td>{escape(f.basis)}</td></tr>"
        for f in sorted(row.findings, key=lambda f: f.line or 0))
    return (f'<h2 id="d{index}">{title}</h2>\n<p class="meta">{meta}</p>\n'
            '<table class="sortable findings"><thead><tr><th>行</th><th>严重程度</th><th>规则</th><th>说明</th>'
            f"<th>依据</th></tr></thead>\n<tbody>\n{lines}\n</tbody></table>")
