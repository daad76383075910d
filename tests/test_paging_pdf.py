"""The line model against LibreOffice's PDF (issue 20): every example and variant and 500 generated
paragraphs, converted in one LibreOffice process. Thresholds: the exact line count for ≥ 99 % of
paragraphs, every heading, every part's last body line and every 版记 on the model's page; then
what a proof-reader measures on the same PDFs: no blank page unless the 版记 cannot fit, page 1 of
every notice holds body text, the date two characters right of the 署名, 「文件」 inside the block,
title lines of four characters at least. Verified in LibreOffice only (no Word or WPS here)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT, need_tool

from generator.paging import plan
from generator.tree import Paragraph, cn_date
from generator.write.titles import bad_breaks

sys.path.insert(0, str(ROOT))
from bench.lines import agreement, corpus_pdfs, pdf_chars, pdf_words  # noqa: E402

pytestmark = pytest.mark.libreoffice
MM = 72 / 25.4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from generator.write.pdf import soffice

    if not soffice():
        need_tool("soffice")
    return corpus_pdfs(500, tmp_path_factory.mktemp("paging"))


@pytest.fixture(scope="module")
def totals(corpus):
    return agreement(corpus, verbose=False)


def test_line_counts_agree(totals):
    for one in totals:
        assert one.paragraphs > 0
        assert one.rate("same_count", "paragraphs") >= 0.99, one.misses[:10]
    assert totals[1].paragraphs >= 500


def test_every_heading_and_last_line_on_the_models_page(totals):
    for one in totals:
        assert one.heading_pages == one.headings, [m for m in one.misses if m[1] == "heading page"]
        assert one.end_pages == one.ends, [m for m in one.misses if m[1] == "end page"]


def _first_page(pdf):
    """Page 1's printed characters with size and colour (pdfplumber)."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return [c for c in document.pages[0].chars if not c["text"].isspace()]


def _red(char) -> bool:
    """A character of the red 发文机关标志."""
    color = char.get("non_stroking_color") or ()
    return len(color) == 3 and color[0] > 0.9 and color[1] < 0.1 and color[2] < 0.1


def test_no_blank_page_unless_the_imprint_cannot_fit(corpus, layout):
    for name, tree, pdf, _ in corpus:
        pages, _ = pdf_words(pdf)
        blank = [index for index, words in enumerate(pages) if not words]
        if not blank:
            continue
        decided = plan(tree, layout)
        assert tree.imprint and not decided.imprint_in_place, name
        assert blank == [len(pages) - 2] and len(decided.flow.sheets) % 2 == 0, (name, blank)


def test_page_one_of_every_notice_holds_body_text(corpus):
    checked = 0
    for name, tree, pdf, _ in corpus:
        if not tree.header:
            continue
        first = "".join(c["text"] for c in _first_page(pdf))
        body = next(block.text for block in tree.blocks if isinstance(block, Paragraph))
        assert body[:8] in first.replace(" ", ""), name
        checked += 1
    assert checked >= 5


def test_date_two_characters_right_of_the_signature(corpus, layout):
    checked = 0
    for name, tree, pdf, _ in corpus:
        for part in tree.all_documents():
            if not (part.signatures and part.date):
                continue
            chars, _ = pdf_chars(pdf)
            date = cn_date(part.date)
            lines = {}
            for ch, page, base, x in chars:
                lines.setdefault((page, base), []).append((x, ch))
            texts = {key: "".join(ch for _, ch in sorted(v)) for key, v in lines.items()}
            date_key = next(k for k, t in texts.items() if t == date)
            sign_key = max(k for k, t in texts.items() if t in part.signatures and k < date_key)
            dx = min(lines[date_key])[0] - min(lines[sign_key])[0]
            widest = max(part.signatures, key=len)
            if texts[sign_key] == widest:
                assert abs(dx - 2 * layout.char / 20 / MM) <= 0.5, (name, dx)
                checked += 1
    assert checked >= 5


def test_file_mark_inside_the_block(corpus, layout):
    right = (layout.page["width"] - layout.margins["right"]) / 20 / MM
    checked = 0
    for name, tree, pdf, _ in corpus:
        if not tree.header:
            continue
        marks = [c for c in _first_page(pdf) if _red(c)]
        assert marks and max(c["x1"] for c in marks) / MM <= right + 0.1, name
        assert min(c["x0"] for c in marks) / MM >= layout.margins["left"] / 20 / MM - 0.1, name
        checked += 1
    assert checked >= 5


def test_title_lines_whole_words_and_not_short(corpus):
    checked = 0
    for name, _tree, pdf, generated in corpus:
        if generated:
            continue
        chars = [c for c in _first_page(pdf) if 21 < c["size"] < 23]
        rows = {}
        for c in chars:
            rows.setdefault(round(c["top"]), []).append(c)
        lines = ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])) for _, row in sorted(rows.items())]
        assert all(len(line) >= 4 for line in lines), (name, lines)
        assert not bad_breaks(lines), (name, lines)
        checked += len(lines) > 1
    assert checked >= 5
