"""The line model (generator/paging) without LibreOffice: its contract, 禁则, the decisions the
.docx writer takes from it, and the 版头/署名/fontTable details of issue 20."""

from __future__ import annotations

import datetime as dt
import random
import sys
import zipfile

import pytest
import yaml
from conftest import EXAMPLES, MAOJIAN, MUDANJIANG, ROOT

from generator.paging import paginate, plan
from generator.paging.breaking import HANGING, NO_END, NO_START, break_lines
from generator.paging.metrics import advances, gaps
from generator.paging.titles import title_lines
from generator.render.build import build_tree
from generator.spec.validate import load_spec
from generator.tree import Document, Imprint, Paragraph

sys.path.insert(0, str(ROOT))
from bench.lines_corpus import generated_paragraph  # noqa: E402

MM_PER_PT = 25.4 / 72
JOINT = ["中共十堰市茅箭区委办公室", "十堰市茅箭区人民政府办公室", "十堰市茅箭区司法局"]


def _notice(tmp_path, issuers, signature=None):
    data = yaml.safe_load(MAOJIAN.read_text(encoding="utf-8"))
    data["notice"]["header"] = {"file": True, "issuers": issuers}
    if signature is not None:
        data["notice"]["signature"] = signature
    path = tmp_path / f"notice-{len(issuers)}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_contract_lines_pages_footers(layout):
    tree = build_tree(load_spec(EXAMPLES / "kaifu-2022.yaml"))
    tree.imprint = Imprint(cc="区委办公室", printer="区政府办公室", print_date=dt.date(2023, 1, 5))
    pages = paginate(tree, layout)
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    for page in pages:
        assert (page.width_mm, round(page.height_mm)) == (pytest.approx(210, abs=0.1), 297)
        for line in page.lines:
            assert len(line.advances_mm) == len(line.text), line
            assert 0 <= line.x_mm < page.width_mm and 0 < line.baseline_mm < page.height_mm
            assert line.role in {"body", "title", "heading1", "heading2", "heading3", "heading4", "signer_name"}
    numbered = [p for p in pages if p.footer]
    assert [p.footer.text for p in numbered] == [f"— {p.number} —" for p in numbered]
    assert pages[-1].rules, "the 版记 rules"


def test_body_lines_fill_the_block_at_most(layout):
    """No body line runs past the text block's right edge except a hanging 、。，．：；？！."""
    right = (layout.page["width"] - layout.margins["right"]) / 1440 * 25.4
    for page in paginate(build_tree(load_spec(MUDANJIANG)), layout):
        for line in page.lines:
            end = line.x_mm + sum(line.advances_mm[:-1] if line.hanging else line.advances_mm)
            assert end <= right + 0.05, line.text
            if line.hanging:
                assert line.text[-1] in HANGING


def test_kinsoku_on_generated_paragraphs():
    rng = random.Random(7)
    checked = 0
    for _ in range(300):
        text = generated_paragraph(rng)
        adv = advances(text, 16, -0.25)
        lines = break_lines(text, adv, 442.2 - 32, 442.2, gaps(text, 16))
        assert "".join(text[a:b] for a, b in lines) == text
        for a, _b in lines[1:]:
            assert text[a] not in NO_START or text[a - 1].isascii(), text[a - 3 : a + 3]
        for _a, b in lines[:-1]:
            assert text[b - 1] not in NO_END
            assert not (text[b - 1].isascii() and text[b].isascii() and text[b - 1].isalnum() and text[b].isalnum())
            checked += 1
    assert checked > 500


def test_last_paragraph_is_not_moved_whole_with_the_signature(layout):
    """牡丹江: the page before the 署名 page was left with ten free lines (issue 20, point 4)."""
    pages = paginate(build_tree(load_spec(MUDANJIANG)), layout)
    before_last = pages[-2].lines
    assert len({round(ln.baseline_mm, 1) for ln in before_last}) >= 21


def test_signature_never_alone(layout):
    """Bodies of every length: the 署名's page holds body lines; the blank line above the 署名 goes
    before a whole paragraph moves."""
    decisions = set()
    for count in range(12, 40):
        doc = Document(
            title="关于测试的报告",
            recipients="市人民政府",
            blocks=[Paragraph("测试文字" * 20)] * count + [Paragraph("最后一段测试文字。" * 12)],
            signatures=["示例县人民政府"],
            date=dt.date(2025, 1, 5),
        )
        pages = paginate(doc, layout)
        last = pages[-1].lines
        assert any(ln.node is doc.blocks[-1] for ln in last), count
        tail = plan(doc, layout).tails[id(doc)]
        decisions.add((tail.tight, tail.keep_next))
        if tail.keep_next:  # the whole last paragraph went over: dropping the blank line was not enough
            assert not tail.tight
    assert {(True, False), (False, False)} <= decisions


def test_imprint_in_place_with_one_line_of_margin(layout):
    """The 版记 goes on the body's last page when it is even and the 版记 fits with half a line to spare."""
    for count in range(20, 60, 3):
        doc = Document(
            title="关于测试的报告",
            blocks=[Paragraph("测试文字" * 6)] * count,
            signatures=["示例县人民政府"],
            date=dt.date(2025, 1, 5),
            imprint=Imprint(cc="区委办公室", printer="区政府办公室", print_date=dt.date(2025, 1, 6)),
        )
        decided = plan(doc, layout)
        sheets = decided.flow.sheets
        free = layout.text_height - sheets[-1].used
        room = free - round(layout.line_pitch / 2) >= 2 * layout.line_pitch + 60
        assert decided.imprint_in_place == (len(sheets) % 2 == 0 and room), count
        pages = paginate(doc, layout)
        assert len(pages) % 2 == 0
        assert sum(p.blank for p in pages) <= 1 and (not pages[-2].blank or len(sheets) % 2 == 0)


@pytest.mark.parametrize("issuers", [JOINT[:2], JOINT])
def test_notice_body_stays_on_page_one(tmp_path, layout, issuers):
    tree = build_tree(load_spec(_notice(tmp_path, issuers, issuers)))
    decided = plan(tree, layout)
    assert list(decided.scales.values()) and min(decided.scales.values()) >= 0.7
    first = paginate(tree, layout)[0]
    assert any(line.text.startswith("贯彻落实") for line in first.lines)
    assert [ln.text for ln in first.lines if ln.node is tree and ln.role == "body"][-1] == "2024年4月23日"


def test_squeezed_notice_docx(tmp_path):
    from generator.write.docx import write_docx

    data = write_docx(build_tree(load_spec(_notice(tmp_path, JOINT))))
    body = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml").decode()
    assert body.count('w:lineRule="exact"') > 5 and 'w:line="521" w:lineRule="exact"' in body  # title lines at 0.9


def test_joint_signature_warning(tmp_path):
    from generator.write.warnings import render_warnings

    one = _notice(tmp_path, JOINT)
    found = render_warnings(load_spec(one), str(one))
    assert any("联合行文" in w and "notice.signature" in w and ":" in w.split("联合行文")[0] for w in found)
    every = tmp_path / "every.yaml"
    every.write_text(_notice(tmp_path, JOINT, JOINT).read_text(encoding="utf-8"), encoding="utf-8")
    assert not any("联合行文" in w for w in render_warnings(load_spec(every), str(every)))
    tree = build_tree(load_spec(every))
    assert tree.signatures == JOINT


def test_titles_fit_by_real_width(layout):
    from generator.paging.metrics import line_width

    titles = [
        "示例县人民政府关于2025年度法治政府建设工作情况的报告",
        "中共示例县委全面依法治县委员会办公室示例县人民政府办公室关于印发示例县2025年度法治政府建设工作要点的通知",
        "示例市示例县人民政府关于2025年度法治政府建设工作情况和2026年度法治政府建设重点工作安排的报告",
    ]
    for title in titles:
        lines = title_lines(title, layout)
        assert "".join(lines) == title
        for line in lines:
            assert line_width(line, 22, -0.25) <= layout.text_width / 20, line
            assert len(line) >= 4
        assert not any(a.endswith("县") and b.startswith("人民政府") for a, b in zip(lines, lines[1:])), lines


def test_long_issuer_name_set_smaller_not_crushed(layout):
    from generator.write.header import fit
    from generator.write.titles import text_width

    size, scale = fit(text_width("示" * 21), layout.text_width, 72)
    assert scale >= 75 and size < 72
    assert text_width("示" * 21) * size * 10 * scale / 100 <= layout.text_width


def test_font_table_names_alternatives(tmp_path):
    from generator.api import render_file

    out = render_file(MAOJIAN, tmp_path / "m.docx")
    table = zipfile.ZipFile(out).read("word/fontTable.xml").decode()
    for face, alt in (("仿宋_GB2312", "仿宋"), ("方正小标宋简体", "宋体"), ("黑体", "SimHei")):
        entry = table.split(f'w:name="{face}"')[1].split("</w:font>")[0]
        assert f'w:altName w:val="{alt}"' in entry and "w:panose1" in entry and 'w:charset w:val="86"' in entry


def test_paragraph_opening_quote_in_chinese_font():
    from generator.ooxml.xml import runs

    assert runs("“放管服”改革", "", "Cjk").startswith(
        '<w:r><w:rPr><w:rStyle w:val="Cjk"/></w:rPr><w:t xml:space="preserve">“</w:t>'
    )


def test_body_area_follows_the_footer_and_whole_grid_lines(layout):
    """LibreOffice's body: what the footer (宋体 14 pt, 402 twips) leaves, cut to whole grid lines and
    centred. Portrait: the bottom margin holds the footer, 22 lines. Landscape: the footer lifts the
    foot (1429 + 402 > 1474), 14 lines, the first one 190 twips down (maojian's table PDF: 3.4 mm)."""
    from generator.paging.grid import body_area

    assert body_area(layout, False) == (9, 22 * layout.line_pitch)
    assert body_area(layout, True) == (190, 14 * layout.line_pitch)


def test_no_hanging_punctuation_in_table_cells():
    """A cell ten characters wide: 、 after the tenth does not hang (LibreOffice moves 「局、」 down)."""
    text = "区委政法委、区信访局、区司法局"
    adv = [13.75] * len(text)
    assert break_lines(text, adv, 140, 140)[0] == (0, 11)
    assert break_lines(text, adv, 140, 140, hang=False)[0] == (0, 9)


def test_landscape_table_rows_per_page_as_libreoffice():
    """maojian --table landscape: 4, 8, 7 and 5 task rows on its landscape pages (its PDF)."""
    from generator.render.build import Options

    tree = build_tree(load_spec(MAOJIAN), Options(table="landscape"))
    landscape = [page for page in paginate(tree) if page.landscape]
    numbers = [[line.text for line in page.lines if line.text.isdigit() and line.x_mm < 50] for page in landscape]
    assert [len(n) for n in numbers] == [4, 8, 7, 5]
