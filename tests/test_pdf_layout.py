"""The page as GB/T 9704 draws it, measured in LibreOffice's PDF: title lines, the signature block,
the 版记, the page number's dash, the 版头's red rule. Positions come from pdftotext boxes and
from rasterised pages (pdftoppm), never from the XML.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest import need_tool, ALL_EXAMPLES, EXAMPLES, MAOJIAN, copy_example
from test_pdf import XHTML

from generator.write.titles import break_title

pytestmark = pytest.mark.libreoffice

MM = 72 / 25.4  # points per millimetre
STARTER = EXAMPLES / "template-county-2025.yaml"
DEPARTMENT = EXAMPLES / "department-county-2025.yaml"
# Made-up long titles: every one must break between words.
LONG_TITLES = [
    "内蒙古自治区呼和浩特市赛罕区人民政府关于2023年度法治政府建设情况和2024年度工作安排的报告",
    "示例市示例县人民政府办公室关于开展2025年度法治政府建设示范创建工作情况的报告",
    "中共示例县委全面依法治县委员会办公室关于2025年度法治政府建设工作情况的报告",
]
# Words no title line may be broken inside, and what no line may end with (independent of the word list).
WORDS = ["情况", "报告", "通知", "分工", "任务", "工作", "要点", "年度", "法治", "政府", "建设", "办公室", "人民"]
NO_END = ("的", "和", "关于")


PAGE_NUMBER = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")


def _rewrite(spec, tmp_path, name, change):
    target = copy_example(spec, tmp_path)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / f"{name}.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _specs(tmp_path):
    """(name, spec, table option) of every document the tests look at."""
    out = [(p.stem, p, False) for p in ALL_EXAMPLES + [STARTER, DEPARTMENT]]
    out.append(("maojian-table", MAOJIAN, True))
    out.append(("maojian-landscape", MAOJIAN, "landscape"))
    for index, title in enumerate(LONG_TITLES):
        out.append(
            (f"long-{index}", _rewrite(STARTER, tmp_path, f"long-{index}", lambda d, t=title: d.update(title=t)), False)
        )
    # Bodies ending on the last lines of a page: one more line each time.
    for extra in range(4):

        def lengthen(data, extra=extra):
            data["other"]["text"] = ["无其他需要报告的情况。" * 2] * (6 + extra)

        out.append((f"edge-{extra}", _rewrite(STARTER, tmp_path, f"edge-{extra}", lengthen), False))

    def header(data):
        data["notice"]["header"] = {"file": True}
        data["imprint"] = {"cc": ["区委办公室"], "printer": "茅箭区人民政府办公室", "print_date": "2024-04-24"}

    out.append(("header", _rewrite(MAOJIAN, tmp_path, "header", header), False))

    def joint(data):
        data["notice"]["header"] = {"file": True, "issuers": ["中共十堰市茅箭区委办公室", "十堰市茅箭区人民政府办公室"]}

    out.append(("joint", _rewrite(MAOJIAN, tmp_path, "joint", joint), False))

    # The department report's body ends on page 2 with room; lengthened, on page 3 (odd).
    def longer(data):
        data["other"]["text"] = ["无其他需要报告的情况。" * 2] * 16

    out.append(("department-odd", _rewrite(DEPARTMENT, tmp_path, "department-odd", longer), False))
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """{name: (pdf path, pages)}; pages as [(width, height, [(x0, x1, y0, y1, text)])]."""
    from generator.api import render_file
    from generator.render.build import Options
    from generator.write.pdf import docx_to_pdf, soffice

    if not soffice():
        need_tool("soffice")
    pdftotext = need_tool("pdftotext")
    need_tool("pdftoppm")
    folder = tmp_path_factory.mktemp("layout")
    specs = _specs(folder)
    docxs = [render_file(spec, folder / f"{name}.docx", "docx", Options(table=table)) for name, spec, table in specs]
    out = {}
    for (name, _, _), pdf in zip(specs, docx_to_pdf(docxs, folder / "pdf")):
        html = folder / f"{name}.html"
        subprocess.run([pdftotext, "-bbox-layout", str(pdf), str(html)], check=True, capture_output=True)
        from lxml import etree

        pages = []
        for page in etree.parse(str(html)).iter(f"{XHTML}page"):
            lines = [
                (
                    float(ln.get("xMin")),
                    float(ln.get("xMax")),
                    float(ln.get("yMin")),
                    float(ln.get("yMax")),
                    "".join(w.text or "" for w in ln.iter(f"{XHTML}word")),
                )
                for ln in page.iter(f"{XHTML}line")
            ]
            pages.append((float(page.get("width")), float(page.get("height")), lines))
        out[name] = (pdf, pages)
    return out


def _raster(pdf, page: int, dpi: int, color: bool = False):
    """(width, height, pixels) of one page: bytes of grey, or of RGB triples."""
    mode = [] if color else ["-gray"]
    data = subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), *mode, str(pdf)], check=True, capture_output=True
    ).stdout
    magic, size, _, pixels = data.split(b"\n", 3)
    width, height = map(int, size.split())
    return width, height, pixels


def _block(layout):
    top = layout.margins["top"] / 20
    bottom = (layout.page["height"] - layout.margins["bottom"]) / 20
    left = layout.margins["left"] / 20
    right = (layout.page["width"] - layout.margins["right"]) / 20
    return top, bottom, left, right


def _title_lines(page):
    """Lines set in the 二号 title (taller boxes than the 三号 body)."""
    return [line[4] for line in page[2] if line[3] - line[2] > 25]


# ---------------------------------------------------------------- titles (7.3.1)


def test_title_lines_end_at_word_boundaries(pdfs, layout):
    checked = 0
    for name, (_, pages) in pdfs.items():
        for page in pages:
            lines = _title_lines(page)
            for line, following in zip(lines, lines[1:]):
                checked += 1
                assert not line.endswith(NO_END), (name, lines)
                joint = line[-1] + following[0]
                assert not any(
                    word in line[-3:] + following[:3] and word not in line and word not in following for word in WORDS
                ), (name, lines, joint)
    assert checked >= 8, "too few broken titles to judge"


def test_long_titles_print_as_the_breaker_laid_them_out(pdfs, layout):
    """No title line is so long that LibreOffice wraps it again."""
    for index, title in enumerate(LONG_TITLES):
        _, pages = pdfs[f"long-{index}"]
        assert _title_lines(pages[0]) == break_title(title, layout.title_capacity)


# ---------------------------------------------------------------- signature (7.3.5)

DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def test_no_page_holds_only_the_signature_block(pdfs, layout):
    _, _, left, _ = _block(layout)
    for name, (_, pages) in pdfs.items():
        for number, page in enumerate(pages, 1):
            if not any(DATE.match(line[4]) and line[0] > page[0] / 2 for line in page[2]):
                continue
            body = [line for line in page[2] if line[0] < left + 40 and not line[4].startswith("（")]
            assert len(body) >= 2, (name, number, [line[4] for line in page[2]])


def test_no_page_is_empty_but_the_one_before_the_imprint(pdfs):
    """A page holding only its page number (e.g. the paragraph Word needs after a table at the
    very end, pushed onto a page of its own) is a defect; only the blank page before the 版记 may
    be empty, and it carries no number."""
    for name, (_, pages) in pdfs.items():
        for number, page in enumerate(pages, 1):
            texts = [line[4] for line in page[2] if not PAGE_NUMBER.match(line[4])]
            if not texts:
                assert not page[2], (name, number, "an empty page with a page number")


# ---------------------------------------------------------------- 版记 (7.4) and page numbers (7.5)


def _rules(pdf, page: int, layout, dpi: int = 288):
    """(y in points, thickness in mm, length in points) of the horizontal rules on a page."""
    width, height, pixels = _raster(pdf, page, dpi)
    scale = 72 / dpi
    found, run = [], []
    for y in range(height):
        row = pixels[y * width : (y + 1) * width]
        dark = row.count(b"\x00") + sum(row.count(bytes([v])) for v in range(1, 128))
        if dark * scale > 300:
            run.append((y, dark))
            continue
        if run:
            found.append(
                ((run[0][0] + run[-1][0] + 1) / 2 * scale, len(run) * scale / MM, max(d for _, d in run) * scale)
            )
            run = []
    return found


def test_imprint_at_the_foot_of_an_even_last_page(pdfs, layout):
    _, bottom, left, right = _block(layout)
    for name in ("department-county-2025", "department-odd", "header"):
        pdf, pages = pdfs[name]
        assert len(pages) % 2 == 0, f"{name}: the 版记 page must be even, got {len(pages)} pages"
        rules = _rules(pdf, len(pages), layout)
        assert len(rules) == 3, (name, rules)
        assert rules[-1][0] == pytest.approx(bottom, abs=1 * MM), (name, rules)  # 末条分隔线与版心下边缘重合
        for _, _thickness, length in rules:
            assert length == pytest.approx(right - left, abs=3), (name, rules)  # as wide as the text block
        outer, inner = rules[0][1], rules[1][1]
        assert outer == pytest.approx(0.35, abs=0.1) and inner == pytest.approx(0.25, abs=0.1), rules
        assert rules[-1][1] == pytest.approx(0.35, abs=0.1)
        last = pages[-1][2]
        texts = [line[4] for line in last]
        assert any(t.startswith("抄送：") for t in texts) and any(t.endswith("印发") for t in texts), texts
        date = next(line for line in last if line[4].endswith("印发"))
        assert right - date[1] == pytest.approx(14, abs=2)  # 印发日期右空一字 (4号: 14 pt)


def _body_on(page) -> bool:
    return any(DATE.match(line[4]) or line[4].startswith("（此件") for line in page[2])


def test_imprint_shares_an_even_last_page_with_room(pdfs, layout):
    """7.4: the 版记 is on the last page, an even one. A body ending on an even page with room keeps
    it on that page (numbered, no blank sheet); a body ending on an odd page puts it alone on the
    next page, which, like a blank page before it, carries no page number (7.5)."""
    _, bottom, _, _ = _block(layout)
    _, pages = pdfs["department-county-2025"]
    assert len(pages) == 2 and _body_on(pages[1]), [line[4] for line in pages[-1][2]]
    assert any(PAGE_NUMBER.match(line[4]) and "2" in line[4] for line in pages[1][2])
    for name in ("department-odd", "header"):
        _, pages = pdfs[name]
        # the 版记 alone on its page, at the foot, unnumbered
        assert all(bottom - 4 * 28.95 < line[2] < bottom for line in pages[-1][2]), (name, pages[-1][2])


def test_page_number_dash_7mm_below_the_text_block(pdfs, layout):
    _, bottom, _, _ = _block(layout)
    pdf, pages = pdfs["kaifu-2022"]
    dpi = 288
    for page in (1, 2):
        footer = [line for line in pages[page - 1][2] if line[2] > bottom]
        x0, x1 = footer[0][0], footer[0][0] + 8  # the leading dash
        width, height, pixels = _raster(pdf, page, dpi)
        scale = dpi / 72
        rows = [
            y
            for y in range(int(bottom * scale), height)
            if any(pixels[y * width + x] < 128 for x in range(int(x0 * scale), int(x1 * scale)))
        ]
        dash = (rows[0] + rows[-1]) / 2 / scale
        assert (dash - bottom) / MM == pytest.approx(7, abs=1), (page, (dash - bottom) / MM)


def test_landscape_pages_number_where_the_portrait_pages_do(pdfs, layout):
    """GB/T 9704 §8: a landscape table page's number sits where the portrait pages have theirs
    (turned, in the margin that is the portrait foot, 7 mm outside the block), at the portrait right
    (landscape bottom) on odd pages, the portrait left (landscape top) on even pages; the table head
    is at the landscape top: the 订口 on odd pages, the 切口 on even pages."""
    _, pages = pdfs["maojian-landscape"]
    block_left = layout.margins["bottom"] / 20  # the turned page: its left margin is the portrait bottom
    turned = [(number, page) for number, page in enumerate(pages, 1) if page[0] > page[1]]
    assert len(turned) >= 2 and {n % 2 for n, _ in turned} == {0, 1}, len(turned)
    for number, (_width, height, lines) in turned:
        side = [line for line in lines if line[1] < block_left]
        assert side, (number, "no page number beside the block")
        x0, x1, y0, y1 = (
            min(ln[0] for ln in side),
            max(ln[1] for ln in side),
            min(ln[2] for ln in side),
            max(ln[3] for ln in side),
        )
        assert y1 - y0 > 2 * (x1 - x0), (number, side)  # turned: a tall narrow box
        assert "".join(ln[4] for ln in side).strip("—– ") == str(number), side
        assert (block_left - (x0 + x1) / 2) / MM == pytest.approx(7, abs=1.5), (number, side)
        middle = (y0 + y1) / 2
        assert (middle > height / 2) == (number % 2 == 1), (number, middle)  # odd: portrait right
        assert not [line for line in lines if line[2] > height - layout.margins["right"] / 20], (
            number,
            "a number at the foot",
        )
        head = [line for line in lines if line[4].startswith("序号")]
        assert head and head[0][2] < height / 2, (number, head)


# ---------------------------------------------------------------- 版头 (7.2)


def test_header_red_rule_4mm_under_the_doc_number(pdfs, layout):
    top, _, left, right = _block(layout)
    pdf, pages = pdfs["header"]
    dpi = 144
    width, height, pixels = _raster(pdf, 1, dpi, color=True)
    scale = dpi / 72

    def red(y, x):
        r, g, b = pixels[3 * (y * width + x) : 3 * (y * width + x) + 3]
        return r > 180 and g < 90 and b < 90

    red_rows = [y for y in range(height) if sum(red(y, x) for x in range(0, width, 4)) > 0]
    rule_rows = [y for y in red_rows if sum(red(y, x) for x in range(0, width, 2)) * 2 > 0.9 * (right - left) * scale]
    assert rule_rows, "no red rule across the text block"
    mark_top = red_rows[0] / scale
    assert (mark_top - top) / MM == pytest.approx(35, abs=1.5), (mark_top - top) / MM
    number = next(line for line in pages[0][2] if line[4].startswith("茅政办发"))
    dark = [
        y
        for y in range(int(number[2] * scale), rule_rows[0])
        if any(
            max(pixels[3 * (y * width + x) : 3 * (y * width + x) + 3]) < 100
            for x in range(int(number[0] * scale), int(number[1] * scale))
        )
    ]
    gap = (rule_rows[0] - dark[-1]) / scale / MM
    assert gap == pytest.approx(4, abs=1), gap
    assert pages[0][2][0][4].startswith("茅箭区人民政府办公室文件")


def test_joint_header_file_stands_right_of_all_names_centred_on_them(pdfs):
    """联合行文 (GB/T 9704 7.2.3): the names stacked as wide as the widest, 「文件」 to the right of
    all of them, centred on them — not after one of the lines."""
    _, pages = pdfs["joint"]
    lines = pages[0][2]
    file_line = next(line for line in lines if line[4] == "文件")
    names = [line for line in lines if line[4].endswith("办公室") and line[3] - line[2] > 25]
    assert len(names) == 2, [line[4] for line in lines[:6]]
    assert file_line[0] >= max(n[1] for n in names) - 2
    assert abs(names[0][0] - names[1][0]) < 3 and abs(names[0][1] - names[1][1]) < 3  # 分散对齐: one width
    centre = (file_line[2] + file_line[3]) / 2
    names_centre = (min(n[2] for n in names) + max(n[3] for n in names)) / 2
    assert abs(centre - names_centre) < 6, (centre, names_centre)
