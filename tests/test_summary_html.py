"""`check --summary x.html` in a real browser (headless Chromium): fits 1366 px, prints on A4
landscape; the top findings ranked with the statutory parts first, rules named in Chinese."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, KAIFU, need_tool

from generator.batch.summary import DraftRow, FindingRow, rule_name
from generator.checks import RULES
from generator.cli import main


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return need_tool("chromium")


def _browser(*args, timeout: int = 180) -> str:
    command = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", *map(str, args)]
    return subprocess.run(command, capture_output=True, timeout=timeout, text=True).stdout


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    """A summary of drafts with long units and messages: reports, a plan, a bad date, an unreadable file."""
    folder = tmp_path_factory.mktemp("drafts")
    for spec in (KAIFU, EXAMPLES / "template-county-2025.yaml", EXAMPLES / "maojian-2024-plan.yaml"):
        assert CliRunner().invoke(main, ["render", str(spec), "-o", f"{folder}/"]).exit_code == 0
    text = folder.parent / "x.txt"
    text.write_text(
        "示例省示例市示例县人民政府关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n正文。\n"
        "二、存在的不足和原因\n正文。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n正文。\n"
        "四、下一年度推进法治政府建设的主要安排\n正文。\n示例县人民政府\n2026年01月04日\n",
        encoding="utf-8",
    )
    shutil.copyfile(text, folder / "缺第五部分.txt")
    (folder / "坏文件.docx").write_bytes(b"not a zip")
    out = folder.parent / "summary.html"
    CliRunner().invoke(main, ["check", str(folder), "--summary", str(out)])
    return out


def test_the_page_fits_1366_pixels_without_losing_a_column(summary, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(
        summary.read_text(encoding="utf-8").replace(
            "</body></html>",
            '<script>document.body.setAttribute("data-fit", document.documentElement.scrollWidth'
            ' + "/" + window.innerWidth + "/" + document.querySelector("table.matrix tr").cells.length + "/"'
            ' + Math.round(document.querySelector("table.matrix th:last-child").getBoundingClientRect().right))'
            "</script></body></html>",
        ),
        encoding="utf-8",
    )
    dom = _browser("--window-size=1366,900", "--dump-dom", probe.as_uri())
    fit = dom.split('data-fit="', 1)[1].split('"', 1)[0]
    width, inner, columns, right = map(int, fit.split("/"))
    assert width <= inner == 1366 and columns == 15 and right <= 1366, fit
    shot = tmp_path / "shot.png"
    _browser("--window-size=1366,900", f"--screenshot={shot}", summary.as_uri())
    assert shot.stat().st_size > 10_000


def test_it_prints_on_a4_landscape_with_every_column(summary, tmp_path):
    need_tool("pdftotext")
    pdf = tmp_path / "summary.pdf"
    _browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", summary.as_uri())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    assert "841.9" in size and ("595" in size or "594.9" in size), size  # A4, landscape
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    words = "".join(first.split())  # header cells wrap over several lines
    for header in ("文件", "单位", "成文日期", "五、", "提示", "主要问题"):
        assert header in words, header
    assert "缺少法定部分" in words and "点击表头排序" not in words


def test_top_findings_rank_the_statutory_parts_above_form():
    row = DraftRow(
        "a.docx",
        findings=[
            FindingRow("a.docx", 3, "layout.body-font", "warning", "正文字体不是仿宋"),
            FindingRow("a.docx", 1, "punct.half-width", "warning", "半角逗号"),
            FindingRow("a.docx", 80, "parts.missing", "warning", "缺少第五部分「其他需要报告的情况」"),
            FindingRow("a.docx", 90, "coverage.areas", "info", "纲要"),
            FindingRow("a.docx", 70, "parts.missing", "error", "缺少第三部分"),
        ],
    )
    assert [(f.rule, f.severity) for f in row.top()] == [
        ("parts.missing", "error"),
        ("parts.missing", "warning"),
        ("punct.half-width", "warning"),
    ]
    assert [f.rule for f in row.top(5)][3:] == ["layout.body-font", "coverage.areas"]


def test_rules_are_named_in_chinese_in_the_tables(summary):
    from generator.resources import DATA, load_data

    names = load_data(DATA / "rule-names.yaml")
    assert set(names) - set(RULES) <= {"draft.unreadable"}  # no name for a rule that does not exist
    assert rule_name("parts.missing") == "缺少法定部分"
    text = summary.read_text(encoding="utf-8")
    assert '<span class="rule">缺少法定部分</span>' in text and '<span class="id">parts.missing</span>' in text
    unnamed = next(iter(RULES))
    assert rule_name("no.such-rule") == "no.such-ru…" and rule_name(unnamed)
