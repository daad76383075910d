"""The styles part: every format decision of GB/T 9704 lives in a style, none in runs."""

from __future__ import annotations

from generator.ooxml import xml as x
from generator.ooxml.vocab import STYLES as S
from generator.ooxml.layout import Fonts, Layout

# GB/T 9704: headings 一、 黑体, （一） 楷体, 1. and （1） 仿宋, all 三号, indented like the body.
_HEADING_NAMES = {1: "heading 1", 2: "heading 2", 3: "heading 3", 4: "heading 4"}


def styles_xml(layout: Layout, fonts: Fonts, heading3_bold: bool) -> str:
    """word/styles.xml for a layout and font profile."""
    body, latin, cond = layout.sizes["body"], fonts.latin, layout.condense
    indent = x.ind(first=2 * layout.char, first_chars=200)
    no_indent = x.ind(first=0, first_chars=0)
    single = x.spacing()
    # A title line takes exactly one grid line whatever the font's own leading.
    title_spacing = x.spacing(
        after=layout.spacing["after_title"] * layout.line_pitch, line=layout.line_pitch, exact=True
    )
    no_space = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'  # characters count exactly
    default_ppr = x.ordered_ppr(f'<w:widowControl w:val="0"/>{no_space}<w:jc w:val="both"/>{single}')
    defaults = (
        f"<w:rPrDefault><w:rPr>{x.rpr(fonts.body, latin, body, condense=cond)}"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{default_ppr}</w:pPr></w:pPrDefault>"
    )
    styles = _base_styles(layout, fonts, indent, no_indent, title_spacing)
    styles += _heading_styles(layout, fonts, heading3_bold, indent)
    styles += _role_styles(layout, fonts, indent, no_indent)
    styles += _cjk_styles(layout, fonts, heading3_bold)
    return x.styles_part(defaults, styles)


def _base_styles(layout: Layout, fonts: Fonts, indent: str, no_indent: str, title_spacing: str) -> list[str]:
    """Normal (3号仿宋, two characters in, justified on the grid), the default character and table styles, Title."""
    body, latin, cond, single = layout.sizes["body"], fonts.latin, layout.condense, x.spacing()
    no_space = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'  # characters count exactly
    return [
        x.style(
            "paragraph",
            S.normal,
            "Normal",
            based_on="",
            ppr=f'<w:widowControl w:val="0"/>{no_space}<w:jc w:val="both"/>{single}{indent}',
            rpr_=x.rpr(fonts.body, latin, body, condense=cond),
        ),
        x.style(
            "character",
            S.default_font,
            "Default Paragraph Font",
            based_on="",
            extra='<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>',
        ),
        x.style(
            "table",
            S.table_normal,
            "Normal Table",
            based_on="",
            extra='<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>',
            table_pr='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        ),
        x.style(
            "paragraph",
            S.title,
            "Title",
            next_=S.normal,
            ppr=f'<w:snapToGrid w:val="0"/><w:jc w:val="center"/>{title_spacing}{no_indent}<w:outlineLvl w:val="9"/>',
            rpr_=x.rpr(fonts.title, latin, layout.sizes["title"]),
        ),
    ]


def _heading_styles(layout: Layout, fonts: Fonts, heading3_bold: bool, indent: str) -> list[str]:
    """Heading 1-4 with outline levels, and the character styles of run-in headings."""
    body, latin, cond, single = layout.sizes["body"], fonts.latin, layout.condense, x.spacing()
    styles = []
    for level in (1, 2, 3, 4):
        bold = heading3_bold and level == 3
        font = fonts.heading(level)
        styles.append(
            x.style(
                "paragraph",
                S.heading(level),
                _HEADING_NAMES[level],
                next_=S.normal,
                ppr=f'<w:keepNext/><w:keepLines/>{single}{indent}<w:outlineLvl w:val="{level - 1}"/>',
                rpr_=x.rpr(font, latin, body, bold=bold, condense=cond),
            )
        )
        # Run-in headings: the heading sentence opens a body paragraph in this character style.
        styles.append(
            x.style(
                "character",
                S.runin(level),
                f"fazhi run-in heading {level}",
                based_on=S.default_font,
                rpr_=x.rpr(font, latin, body, bold=bold, condense=cond),
            )
        )
    return styles


def _role_styles(layout: Layout, fonts: Fonts, indent: str, no_indent: str) -> list[str]:
    """The styles of the other roles: 发文字号, 签发人, 主送, 署名, 附注, 附件, tables, 版记, 版头, footer."""
    body, latin, cond, single = layout.sizes["body"], fonts.latin, layout.condense, x.spacing()
    small = layout.sizes["table"]
    imprint_indent = layout.positions["imprint_indent"] * layout.sizes["imprint"] * 10
    plain = x.rpr(fonts.body, latin, body, condense=cond)
    return [
        x.style(
            "paragraph",
            S.doc_number,
            "fazhi 发文字号",
            next_=S.title,
            ppr=f'<w:jc w:val="center"/>{x.spacing(after=layout.spacing["after_doc_number"] * layout.line_pitch)}{no_indent}',
            rpr_=plain,
        ),
        x.style(
            "character",
            S.signer_name,
            "fazhi 签发人姓名",
            based_on=S.default_font,
            rpr_=x.rpr(fonts.signer_name, latin, body, condense=cond),
        ),
        x.style("paragraph", S.recipients, "fazhi 主送机关", ppr=f"{single}{no_indent}", rpr_=plain),
        x.style(
            "paragraph",
            S.signature,
            "fazhi 署名和日期",
            ppr=f'<w:keepNext/><w:jc w:val="right"/>{no_indent}',
            rpr_=plain,
        ),
        x.style("paragraph", S.note, "fazhi 附注", ppr=indent, rpr_=plain),
        x.style(
            "paragraph",
            S.attachment_label,
            "fazhi 附件标识",
            ppr=f'<w:jc w:val="left"/>{no_indent}',
            rpr_=x.rpr(fonts.attachment_label, latin, body),
        ),
        x.style(
            "paragraph",
            S.attachment_title,
            "fazhi 附件标题",
            next_=S.normal,
            ppr=f'<w:snapToGrid w:val="0"/><w:jc w:val="center"/>{x.spacing(before=layout.line_pitch, after=layout.line_pitch, line=layout.line_pitch, exact=True)}{no_indent}',
            rpr_=x.rpr(fonts.title, latin, layout.sizes["title"]),
        ),
        # 附件说明 (7.3.4): one line under the body, two characters in, wrapped lines after 「附件：」.
        x.style(
            "paragraph", S.annex, "fazhi 附件说明", ppr=x.ind(left=5 * layout.char, hanging=3 * layout.char), rpr_=plain
        ),
        x.style(
            "paragraph",
            S.table_header,
            "fazhi 表头",
            ppr=f'<w:snapToGrid w:val="0"/><w:jc w:val="center"/>{x.spacing()}{no_indent}',
            rpr_=x.rpr(fonts.table_header, latin, small),
        ),
        x.style(
            "paragraph",
            S.table_text,
            "fazhi 表格文字",
            ppr=f'<w:snapToGrid w:val="0"/><w:jc w:val="left"/>{x.spacing()}{no_indent}',
            rpr_=x.rpr(fonts.body, latin, small),
        ),
        x.style(
            "paragraph",
            S.imprint,
            "fazhi 版记",
            ppr=f'<w:snapToGrid w:val="0"/>{x.spacing(line=layout.line_pitch, exact=True)}'
            f"{x.ind(left=imprint_indent, right=imprint_indent, first=0, first_chars=0)}",
            rpr_=x.rpr(fonts.body, latin, layout.sizes["imprint"]),
        ),
        x.style(
            "paragraph",
            S.spacer,
            "fazhi 留白",
            ppr=f'<w:snapToGrid w:val="0"/>{x.spacing(line=20, exact=True)}{no_indent}',
            rpr_=x.rpr(fonts.body, latin, 2),
        ),
        *_header_styles(layout, fonts, no_indent),
        x.style(
            "paragraph",
            S.footer,
            "footer",
            ppr=f'<w:snapToGrid w:val="0"/>{x.spacing()}{no_indent}',
            rpr_=x.rpr(fonts.page_number, fonts.page_number, layout.sizes["page_number"]),
        ),
    ]


def _header_styles(layout: Layout, fonts: Fonts, no_indent: str) -> list[str]:
    """版头: the red 发文机关标志, and 份号/密级/紧急程度 in 3号黑体 flush left (7.2)."""
    header, latin = layout.header, fonts.latin
    size = header["mark_size"]
    mark_rpr = x.rpr(fonts.issuer_mark, latin, size, color=header["mark_color"])
    return [
        x.style(
            "paragraph",
            S.issuer_mark,
            "fazhi 发文机关标志",
            ppr=f'<w:snapToGrid w:val="0"/><w:jc w:val="center"/>{x.spacing(line=size * 12, exact=True)}{no_indent}',
            rpr_=mark_rpr,
        ),
        x.style(
            "paragraph",
            S.header_field,
            "fazhi 份号密级紧急程度",
            ppr=f'<w:jc w:val="left"/>{x.spacing()}{no_indent}',
            rpr_=x.rpr(fonts.header_field, latin, layout.sizes["body"]),
        ),
    ]


# The paragraph styles whose text may hold “ ” ‘ ’ — …, and the role of their Chinese font.
_CJK_CONTEXTS = {
    S.normal: "body",
    S.title: "title",
    S.attachment_title: "title",
    S.recipients: "body",
    S.signature: "body",
    S.note: "body",
    S.annex: "body",
    S.doc_number: "body",
    S.table_text: "body",
    S.table_header: "table_header",
    S.imprint: "body",
    **{S.heading(n): f"heading{n}" for n in (1, 2, 3, 4)},
}


def _cjk_styles(layout: Layout, fonts: Fonts, heading3_bold: bool) -> list[str]:
    """Character styles that put shared punctuation in the Chinese font (LibreOffice ignores w:hint)."""
    out = []
    for style_id, role in _CJK_CONTEXTS.items():
        font = getattr(fonts, role)
        out.append(
            x.style(
                "character",
                S.cjk(style_id),
                f"fazhi 中文标点 {style_id}",
                based_on=S.default_font,
                rpr_=x.rfonts(font, font),
            )
        )
    for level in (1, 2, 3, 4):
        font = fonts.heading(level)
        out.append(
            x.style(
                "character",
                S.cjk(S.runin(level)),
                f"fazhi 中文标点 run-in {level}",
                based_on=S.runin(level),
                rpr_=x.rfonts(font, font),
            )
        )
    return out
