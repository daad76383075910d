"""A document tree to .ofd bytes: laid out by the paging line model, written by write_ofd."""

from __future__ import annotations

from generator.write.ofd.package import DocInfo, write_ofd


def render_ofd(
    doc,
    profile: str,
    layout_path: str | None = None,
    embed_fonts: bool = False,
    heading3_bold: bool = False,
    notify=None,
) -> bytes:
    """The OFD of a document tree: the pages generator.paging gives, in the profile's fonts."""
    from generator.ooxml.layout import load_layout
    from generator.paging import paginate

    layout = load_layout(layout_path)
    pages = paginate(doc, layout)
    author = next((d.signatures[0] for d in doc.all_documents() if d.signatures), "")
    info = DocInfo(doc.title.replace("\n", ""), author)
    bold = ("heading3",) if heading3_bold else ()
    return write_ofd(pages, layout.fonts(profile), info, embed_fonts, notify, bold)
