"""Line spacing below a 版头 squeezed to keep a short notice on its first page (GB/T 9704 7.3.5.5:
调整行距). Every paragraph of the part gets exact line height and spacing of `scale` × what the
grid gives it (title lines no lower than 0.9 of it), off the grid, so the result does not depend on an
application's grid rounding."""

from __future__ import annotations

from generator.lexicon import lazy
from generator.ooxml import xml as x
from generator.ooxml.layout import Layout
from generator.ooxml.vocab import STYLES as S
from generator.paging.blocks import TITLE_SCALE

_PARA = lazy(r"<w:p>(?:<w:pPr>(.*?)</w:pPr>)?")
_SPACING = lazy(r"<w:spacing [^>]*/>")
_NUMBER = lazy(r'w:(before|after)="(\d+)"')
_STYLE = lazy(r'<w:pStyle w:val="([^"]+)"/>')


def squeeze(xml: str, scale: float, layout: Layout) -> str:
    """The paragraphs of `xml` with their line height and spacing scaled."""
    pitch = layout.line_pitch

    def one(match) -> str:
        ppr = match.group(1) or ""
        style = _STYLE.search(ppr)
        style_id = style.group(1) if style else ""
        spacing = _SPACING.search(ppr)
        found = dict(_NUMBER.findall(spacing.group(0))) if spacing else {}
        before = int(found.get("before", 0))
        default_after = layout.spacing["after_title"] * pitch if style_id == S.title else 0
        after = int(found.get("after", default_after))
        rest = _SPACING.sub("", ppr).replace('<w:snapToGrid w:val="0"/>', "")
        rest = _STYLE.sub("", rest)
        title = style_id in (S.title, S.attachment_title)  # a 二号 line no lower than 0.9 pitch: not clipped
        line = round(pitch * (max(scale, TITLE_SCALE) if title else scale))
        new = '<w:snapToGrid w:val="0"/>' + x.spacing(
            before=round(before * scale), after=round(after * scale), line=line, exact=True
        )
        props = (style.group(0) if style else "") + x.ordered_ppr(rest + new)
        return f"<w:p><w:pPr>{props}</w:pPr>"

    return _PARA.sub(one, xml)
