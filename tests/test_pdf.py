"""The PDF through LibreOffice: 22 lines a page at 28.95 pt, 28 characters a line, alternating page numbers.

One conversion per session (module fixture). Needs `soffice` and poppler's `pdftotext`: skipped when
missing, a failure on CI (CI=true) where they must be installed.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import need_tool, KAIFU
from lxml import etree

pytestmark = pytest.mark.libreoffice

XHTML = "{http://www.w3.org/1999/xhtml}"
# CJK ideographs, CJK and full-width punctuation, curly quotes, dashes and ellipsis: one cell each.
FULL_WIDTH_LINE = re.compile(r"^[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e“”‘’—…]+$")

# kaifu-2022 fills exactly 8 pages in LibreOffice with generator/data/fonts.conf. Measured, not derived:
# with 22 lines × 28 characters fixed by the grid, the page count only moves if a line is gained or lost
# somewhere (pitch, characters per line, spacing of headings/title/signature), which is exactly what
# this test guards, so the tolerance is ±0. Update the number when the example's text changes.
KAIFU_PAGES = 8


@pytest.fixture(scope="module")
def pages(tmp_path_factory, layout):
    """Lines per page from `pdftotext -bbox-layout`: [(x_min, x_max, y_min, text)] per page."""
    from generator.api import render_file
    from generator.write.pdf import docx_to_pdf, soffice

    if not soffice():
        need_tool("soffice")
    pdftotext = need_tool("pdftotext")
    folder = tmp_path_factory.mktemp("pdf")
    docx = render_file(KAIFU, folder / "kaifu-2022.docx")
    (pdf,) = docx_to_pdf([docx], folder / "out")
    html = folder / "kaifu.html"
    subprocess.run([pdftotext, "-bbox-layout", str(pdf), str(html)], check=True, capture_output=True)
    tree = etree.parse(str(html))
    out = []
    for page in tree.iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            text = "".join(word.text or "" for word in line.iter(f"{XHTML}word"))
            lines.append(
                (
                    float(line.get("xMin")),
                    float(line.get("xMax")),
                    float(line.get("yMin")),
                    float(line.get("yMax")),
                    text,
                )
            )
        out.append((float(page.get("width")), lines))
    return out


def _text_block(layout):
    """(left, bottom) of the text block in points."""
    left = layout.margins["left"] / 20
    bottom = (layout.page["height"] - layout.margins["bottom"]) / 20
    return left, bottom


def _body(page, layout):
    _, bottom = _text_block(layout)
    return [line for line in page[1] if line[3] <= bottom + 2]


def _footer(page, layout):
    _, bottom = _text_block(layout)
    return [line for line in page[1] if line[2] > bottom]


def _cells_in_block(line, layout) -> int:
    """Characters inside the text block. A closing mark that may not start a line (，、。；：) hangs
    past the right margin instead (LibreOffice and Word both allow it): it is not one of the 28."""
    right = (layout.page["width"] - layout.margins["right"]) / 20
    x_max, text = line[1], line[4]
    if x_max > right + 1 and text[-1] in "，、。；：！？）》”’":
        assert x_max - right < 16.5, f"more than one character past the margin: {text}"
        return len(text) - 1
    return len(text)


def test_page_count(pages):
    assert len(pages) == KAIFU_PAGES


def test_page_size(pages, layout):
    for width, _ in pages:
        assert width == pytest.approx(layout.page["width"] / 20, abs=0.5)


def test_full_page_has_22_lines_at_grid_pitch(pages, layout):
    body = _body(pages[1], layout)  # page 2: body text only, no title
    assert len(body) == 22, [line[4][:12] for line in body]
    pitch = layout.line_pitch / 20  # 28.95 pt
    tops = [line[2] for line in body]
    steps = [b - a for a, b in zip(tops, tops[1:])]
    # 楷体 and 黑体 headings have other ascents than the 仿宋 body: a line's box moves by under a
    # point, its grid line does not (the median step is the pitch).
    assert all(step == pytest.approx(pitch, abs=1.0) for step in steps), steps
    assert sorted(steps)[len(steps) // 2] == pytest.approx(pitch, abs=0.1)
    assert (tops[-1] - tops[0]) / 21 == pytest.approx(pitch, abs=0.1)
    # the first line sits at the top of the text block
    assert tops[0] == pytest.approx(layout.margins["top"] / 20, abs=pitch / 2 + 4)


def test_full_lines_hold_28_characters(pages, layout):
    left, _ = _text_block(layout)
    counts = []
    for page in pages:
        body = _body(page, layout)
        for line, following in zip(body, body[1:]):
            # neither first (indented two characters) nor last (followed by a line at the margin)
            at_margin = abs(line[0] - left) < 2 and abs(following[0] - left) < 2
            if at_margin and FULL_WIDTH_LINE.match(line[4]):
                counts.append((_cells_in_block(line, layout), line[4]))
    assert len(counts) >= 20, "too few full-width lines to judge"
    wrong = [text for n, text in counts if n != 28]
    assert not wrong, wrong[:5]


def test_page_numbers_alternate_sides(pages, layout):
    for number, page in enumerate(pages, 1):
        width = page[0]
        footer = _footer(page, layout)
        assert len(footer) == 1, footer
        x_min, x_max, _, _, text = footer[0]
        assert text == f"—{number}—"
        if number % 2:
            assert x_min > width / 2, f"page {number}: odd page number should be right of centre"
            assert width - x_max == pytest.approx(layout.margins["right"] / 20 + 14, abs=4)
        else:
            assert x_max < width / 2, f"page {number}: even page number should be left of centre"
            assert x_min == pytest.approx(layout.margins["left"] / 20 + 14, abs=4)
