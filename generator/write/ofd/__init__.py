"""OFD (GB/T 33190-2016) output: the pages of the paging model written as an OFD package.

    write_ofd(pages, fonts, info, embed_fonts)   laid-out pages → .ofd bytes (package)
    render_ofd(doc, options, ...)                a document tree → .ofd bytes (layout through generator.paging)

Modules: package (the zip and its XML parts), content (a page's TextObjects and PathObjects),
fonts (font resources, fallbacks, embedded subsets), xml (escaping, numbers).
"""

from __future__ import annotations

from generator.write.ofd.package import DocInfo, write_ofd

__all__ = ["DocInfo", "write_ofd"]
