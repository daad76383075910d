"""The OFD against LibreOffice's PDF of the same document's .docx, every example and variant
(test_pdf_layout._specs: 版头, joint 版头, 版记, --table, landscape table, long titles, bodies
ending at a page's foot): the same number of pages, the same first line on every page, the
same text on every page. Read back twice: with fazhi's own OFD reader and with easyofd (PyPI).

Allowed differences, each for a stated reason: LibreOffice does not print a 、。，． that hangs
past the right margin (the OFD does, as Word does); a table page's text is compared as the
characters it holds, since pdftotext reads parallel cells in another order. What the line model
does not yet place as LibreOffice does is marked xfail(strict) with the reason.
"""

from __future__ import annotations

import collections
import difflib
import re
import subprocess

import pytest
from conftest import need_tool
from test_pdf_layout import _specs

from generator.read.ofd import page_lines

pytestmark = pytest.mark.libreoffice

HANGING = "、。，．"
# Found by these tests in the line model (generator/paging, branch page): reported in
# /work/notes/paging-requests.md; strict, so a fix shows up here.
KNOWN: dict[str, str] = {}  # the landscape 任务分工表 was here until the body area followed the footer


# Lines the line model places on purpose or by its own measure elsewhere than LibreOffice does
# (reported in /work/notes/paging-requests.md): the date 2 characters right of the 署名 as GB/T 9704
# wants (LibreOffice: 1, issue 20 point 5), and 「— 1 —」 1.3 mm left of LibreOffice's.
PLACED_ELSEWHERE = {"2023年1月4日": "date", "—1—": "page number"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{name: (ofd path, [pdf page texts], pdf path)} for every example and variant."""
    from generator.api import render_file
    from generator.render.build import Options
    from generator.write.pdf import docx_to_pdf, soffice

    if not soffice():
        need_tool("soffice")
    pdftotext = need_tool("pdftotext")
    folder = tmp_path_factory.mktemp("ofd")
    specs = _specs(folder)
    docxs = [render_file(spec, folder / f"{name}.docx", "docx", Options(table=table)) for name, spec, table in specs]
    ofds = [render_file(spec, folder / f"{name}.ofd", "ofd", Options(table=table)) for name, spec, table in specs]
    out = {}
    for (name, _, _), ofd, pdf in zip(specs, ofds, docx_to_pdf(docxs, folder / "pdf")):
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        out[name] = (ofd, text.split("\f")[:-1], pdf)
    return out


def _names():
    import tempfile
    from pathlib import Path

    return [name for name, _, _ in _specs(Path(tempfile.mkdtemp(prefix="fazhi-ofd-names-")))]


def _same_page(pdf_text: str, lines, table: bool) -> bool:
    """Equal text, but for hanging punctuation LibreOffice left out; a table page by its characters."""
    ours = "".join(_norm(line.text) for line in lines)
    theirs = _norm(pdf_text)
    if table:
        return collections.Counter(ours) == collections.Counter(theirs)
    if ours == theirs:
        return True
    ends, position = set(), 0
    for line in lines:
        position += len(_norm(line.text))
        ends.add(position - 1)
    for op, a0, a1, _b0, _b1 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op != "delete" or any(i not in ends or ours[i] not in HANGING for i in range(a0, a1)):
            return False
    return True


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN[n], strict=True)) if n in KNOWN else n for n in _names()],
)
def test_every_page_has_the_pdf_first_line_and_text(rendered, name):
    ofd, pdf_pages, _ = rendered[name]
    pages = page_lines(ofd.read_bytes(), str(ofd))
    assert len(pages) == len(pdf_pages)
    for number, (lines, pdf_text) in enumerate(zip(pages, pdf_pages), 1):
        pdf_lines = [line for line in pdf_text.splitlines() if line.strip()]
        assert (_norm(pdf_lines[0]) if pdf_lines else "") == (_norm(lines[0].text) if lines else ""), f"page {number}"
        table = any("序号" in line.text for line in lines)
        assert _same_page(pdf_text, lines, table), f"page {number}"


def test_easyofd_reads_the_same_text_on_every_page(rendered):
    """An independent OFD reader (easyofd, PyPI) finds our text on every page, in our fonts."""
    from loguru import logger

    logger.remove()  # easyofd logs every system font it cannot find
    import easyofd

    for name in ("kaifu-2022", "header", "maojian-landscape"):
        ofd, _, _ = rendered[name]
        reader = easyofd.OFD()
        reader.read(str(ofd), fmt="path")
        document = reader.data[0]
        ours = page_lines(ofd.read_bytes(), str(ofd))
        assert len(document["page_info"]) == len(ours)
        for index, lines in enumerate(ours):
            theirs = "".join(item["text"] for item in document["page_info"][index]["text_list"])
            assert _norm(theirs) == "".join(
                _norm(line.text) for line in sorted(lines, key=lambda ln: ln.y)
            ) or collections.Counter(_norm(theirs)) == collections.Counter("".join(_norm(ln.text) for ln in lines)), (
                name
            )
        names = {font["FontNameORI"] for font in document["fonts"].values()}
        assert {"仿宋_GB2312", "Times New Roman", "宋体"} <= names


def _bbox_lines(pdf, scale: float = 1.0):
    """[(page, normalised text, x mm, centre y mm)] of a PDF's lines (pdftotext -bbox-layout)."""
    from lxml import etree

    html = subprocess.run(
        [need_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    mm = 25.4 / 72 / scale
    out = []
    for number, page in enumerate(etree.fromstring(html).iter(f"{ns}page")):
        for line in page.iter(f"{ns}line"):
            text = _norm("".join(w.text or "" for w in line.iter(f"{ns}word")))
            y = (float(line.get("yMin")) + float(line.get("yMax"))) / 2
            out.append((number, text, float(line.get("xMin")) * mm, y * mm))
    return out


def test_drawn_by_easyofd_every_line_stands_where_libreoffice_prints_it(rendered, tmp_path):
    """easyofd draws the OFD into a PDF of its own (its renderer sets every character in a face
    registered as 宋体: AR PL UKai here); each line there starts within 1 mm and sits within 2 mm
    (faces differ in ascent) of the same line in LibreOffice's PDF."""
    from loguru import logger

    logger.remove()
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from generator.write.ofd.fonts import open_font

    path, index, _ = open_font("楷体_GB2312")
    pdfmetrics.registerFont(TTFont("宋体", path, subfontIndex=index))
    import easyofd

    ofd, _, pdf = rendered["kaifu-2022"]
    reader = easyofd.OFD()
    reader.read(str(ofd), fmt="path")
    drawn = tmp_path / "easyofd.pdf"
    drawn.write_bytes(reader.to_pdf())
    width = float(
        re.search(
            r"Page size:\s+([\d.]+)", subprocess.run(["pdfinfo", str(drawn)], capture_output=True, text=True).stdout
        ).group(1)
    )
    theirs = _bbox_lines(drawn, width / (210 * 72 / 25.4))
    ours = _bbox_lines(pdf)
    placed = {(page, text): (x, y) for page, text, x, y in theirs}
    matched = 0
    for page, text, x, y in ours:
        if (page, text) not in placed or text in PLACED_ELSEWHERE:
            continue
        matched += 1
        tx, ty = placed[(page, text)]
        assert abs(tx - x) <= 1 and abs(ty - y) <= 2, (page + 1, text, (x, y), (tx, ty))
    assert matched >= 0.9 * len(ours)
