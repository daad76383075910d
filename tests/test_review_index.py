"""The reviewer's body index (ooxml.paragraphs.BodyIndex) reads every paragraph as the exact scan
does: the same texts, the same non-empty paragraphs, the same anchors for a comment, the same
pieces; bodies its tokenizer cannot vouch for are scanned exactly."""

from __future__ import annotations

import pytest
from rawdocx import W_NS, p, r, table

from generator.ooxml.paragraphs import BodyIndex

PPR_CHANGE = (
    '<w:pPr><w:jc w:val="center"/><w:pPrChange w:id="9" w:author="a"><w:pPr><w:jc w:val="left"/></w:pPr>'
    "</w:pPrChange></w:pPr>"
)
BODIES = {
    "plain": p("一、总体情况") + p("") + "<w:p/>" + p("正文，有逗号。"),
    "properties": p("标题", style="Heading1") + "<w:p><w:pPr/><w:r><w:t>空的属性</w:t></w:r></w:p>",
    "tab stops and breaks": p(
        runs=r("甲") + "<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/></w:r>"
        '<w:r><w:br w:type="page"/><w:t>丁</w:t></w:r>',
        ppr='<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>',
    ),
    "old properties kept": f"<w:p>{PPR_CHANGE}{r('改过格式的段落')}</w:p>" + p("下一段"),
    "tracked changes": p(
        runs=r("保留") + '<w:ins w:id="1" w:author="a">' + r("插入") + "</w:ins>"
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
    ),
    "entities": p(runs=r("A&amp;B &lt;C&gt; “引号”")),
    "table": p("表前") + table([["一", "二"], ["三", p(runs=r("四") + r("五"))]]) + p("表后"),
    "pretty-printed": '<w:p w:rsidR="00AB">\n  <w:pPr xml:lang="zh">\n    <w:jc w:val="both"/>\n  </w:pPr>\n  '
    + r("缩进排版的段落")
    + "\n</w:p>",
    "paragraph written open and closed": "<w:p></w:p>" + p("有字"),
    "text box": p(
        runs="<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + p("框里") + "</w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>" + r("框外")
    ),
    "comment in the body": p("前") + "<!-- a comment -->" + p("后"),
}


def _xml(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" '
        f'xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )


def _same(xml: str, prefix: str = "w") -> BodyIndex:
    fast, exact = BodyIndex(xml, prefix), BodyIndex(xml, prefix, exact=True)
    assert fast.texts == exact.texts and fast.filled == exact.filled
    for number in fast.filled:
        assert fast.bounds(number) == exact.bounds(number), number
        one, other = fast.para(number), exact.para(number)
        assert (one.start, one.open_end, one.content_start, one.end, one.empty) == (
            other.start,
            other.open_end,
            other.content_start,
            other.end,
            other.empty,
        )
        assert one.pieces == other.pieces
    return fast


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_the_index_reads_as_the_exact_scan(body):
    index = _same(_xml(body))
    assert index.fast == (body not in (BODIES["text box"], BODIES["comment in the body"]))


def test_the_index_reads_a_default_namespace_body():
    body = BODIES["old properties kept"].replace("w:", "")
    xml = f'<?xml version="1.0"?><document xmlns="{W_NS}"><body>{body}</body></document>'
    assert _same(xml, "").fast


def test_the_index_reads_every_rendered_example(rendered):
    for name, docx in rendered.items():
        assert _same(docx.raw("word/document.xml")).fast, name


def test_fresh_ids_are_above_every_id_attribute():
    from generator.ooxml.revisions import max_id

    xml = '<w:ins w:id="5"/><x id = "7"/><w:p w:rsidR="99" w14:paraId="98" xid="97"/>'
    assert max_id(xml, '<w:comment w:id="6"/>') == 7 and max_id("<w:p/>") == -1
