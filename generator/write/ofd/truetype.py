"""A CFF (PostScript-outline) font subset turned into TrueType outlines.

Several OFD readers, and reportlab-based converters, load embedded fonts only as TrueType
(glyf); the open stand-ins for 仿宋, 黑体 and 小标宋 are CFF. Cubic curves become quadratic ones
within a thousandth of an em (fontTools' cu2qu), the CFF tables are replaced by glyf/loca/maxp
version 1.0, and the vertical metrics and names stay as they were.
"""

from __future__ import annotations

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import newTable

MAX_ERROR = 1.0  # font units: a thousandth of a 1000-unit em


def to_truetype(font) -> None:
    """Replace a loaded CFF font's outlines by TrueType ones, in place."""
    if "CFF " not in font:
        return
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = glyphs
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = font.getGlyphOrder()
    font.sfntVersion = "\x00\x01\x00\x00"
