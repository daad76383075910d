"""A review comment about the whole file is anchored where its fix belongs, not stacked on the title:
page setup and page numbers at the end (the section), the body's font on the first body paragraph,
a level's heading font on its first heading, whole-text punctuation on the first paragraph holding it."""

from __future__ import annotations

import io
import re
import zipfile

from conftest import ROOT

from generator.api import render_bytes
from generator.checks import check_document
from generator.read import read_draft_bytes, read_text
from generator.review import comments_for
from generator.spec.validate import load_spec


def _docx_with(**edits) -> bytes:
    data = render_bytes(load_spec(ROOT / "examples" / "template-county-2025.yaml"))
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            text = source.read(info.filename)
            for part, (pattern, replacement) in edits.items():
                if info.filename == part:
                    text = re.sub(pattern.encode(), replacement.encode(), text)
            out.writestr(info, text)
    return buffer.getvalue()


def _anchors(doc, result) -> dict[str, int]:
    return {f.rule: line for f, (line, _, _) in zip(result.findings, comments_for(result, doc, [])) if f.line is None}


def test_page_setup_and_font_findings_are_anchored_where_they_are_fixed():
    from generator.tree import Heading, Paragraph

    data = _docx_with(
        **{
            "word/document.xml": (r'w:top="\d+"', 'w:top="567"'),
            "word/styles.xml": (r'w:eastAsia="仿宋_GB2312"', 'w:eastAsia="Times New Roman"'),
        }
    )
    doc = read_draft_bytes(data, "d.docx")
    result = check_document(doc)
    found = [
        (f.rule, f.message, line)
        for f, (line, _, _) in zip(result.findings, comments_for(result, doc, []))
        if f.line is None
    ]
    blocks = [b for d in doc.all_documents() for b in d.blocks if getattr(b, "line", 0)]
    first_paragraph = next(b.line for b in blocks if isinstance(b, Paragraph))
    margins = [line for rule, _, line in found if rule == "layout.margins"]
    assert margins == [max(b.line for b in blocks)], found
    body = [line for rule, message, line in found if rule.startswith("layout.") and message.startswith("正文")]
    assert body and set(body) == {first_paragraph}, found
    for _rule, message, line in found:
        level = re.match(r"(\d)级标题", message)
        if level:
            assert line == next(b.line for b in blocks if isinstance(b, Heading) and b.level == int(level.group(1)))
    assert doc.title_line not in [line for *_, line in found], found


def test_whole_text_punctuation_is_anchored_on_the_first_paragraph_holding_it():
    text = (ROOT / "tests" / "fixtures" / "published" / "kaifu-2022-report.txt").read_text(encoding="utf-8")
    doc = read_text(text, "k.txt")
    result = check_document(doc)
    anchors = _anchors(doc, result)
    assert "punct.half-width" in anchors, result.findings
    lines = text.split("\n")
    first_comma = next(i for i, line in enumerate(lines, 1) if "," in line and i > doc.title_line)
    assert anchors["punct.half-width"] == first_comma
    assert anchors["punct.half-width"] != doc.title_line
