"""The HTML rendition (the live preview): the same text as the .txt rendition, numbering generated,
everything escaped, no inline style or script, titles broken where the .docx breaks them."""

from __future__ import annotations

import re

import pytest
from conftest import ALL_EXAMPLES, EXAMPLES
from lxml import html as lxml_html


def _blocks(fragment: str) -> list[str]:
    """The fragment's text, one entry per paragraph, heading, title or table row."""
    root = lxml_html.fromstring(fragment)
    out = []
    for node in root.iter("p", "h1", "tr"):
        if node.tag == "tr":
            out.append("\t".join(cell.text_content() for cell in node))
        elif node.tag == "h1":
            out.append("".join(node.itertext()))
        else:
            out.append(node.text_content())
    return out


def _spaces(text: str) -> str:
    return re.sub(r"[ \u3000]+", " ", text)


@pytest.mark.parametrize(
    "spec",
    [*ALL_EXAMPLES, EXAMPLES / "template-county-2025.yaml", EXAMPLES / "department-county-2025.yaml"],
    ids=lambda p: p.stem,
)
def test_the_preview_holds_the_text_rendition_line_for_line(spec):
    from generator.api import build_tree, load_spec
    from generator.write.html import to_html
    from generator.write.text import to_text

    tree = build_tree(load_spec(spec))
    fragment = to_html(tree, 20)
    expected = [_spaces(line) for line in to_text(tree).splitlines() if line.strip()]
    title_lines = sum(len(part.title.splitlines()) - 1 for part in tree.all_documents() if part.title)
    assert [_spaces(b) for b in _blocks(fragment)] == _title_joined(expected, tree, title_lines)
    assert "style=" not in fragment and "<script" not in fragment


def _title_joined(lines: list[str], tree, extra: int) -> list[str]:
    """The .txt writes a title given with line breaks on several lines; the HTML keeps it one block."""
    if not extra:
        return lines
    for part in tree.all_documents():
        pieces = part.title.splitlines()
        if len(pieces) > 1:
            start = lines.index(_spaces(pieces[0]))
            lines[start : start + len(pieces)] = ["".join(_spaces(p) for p in pieces)]
    return lines


def test_titles_break_between_words_as_in_the_docx():
    from generator.api.texts import preview_html

    text = (EXAMPLES / "template-county-2025.yaml").read_text(encoding="utf-8")
    assert '<h1 class="gw-title">示例市示例县关于2025年度<br>法治政府建设情况的报告</h1>' in preview_html(text)


def test_text_is_escaped():
    from generator.tree import Document, Heading, Paragraph
    from generator.write.html import to_html

    doc = Document(title="<b>标题</b>", blocks=[Heading(1, "<script>x</script>"), Paragraph('"&<img src=x>')])
    fragment = to_html(doc)
    assert "<b>" not in fragment and "<script>" not in fragment and "<img" not in fragment
    assert _blocks(fragment) == ["<b>标题</b>", "一、<script>x</script>", '"&<img src=x>']
