"""The fonts of an OFD: one font resource per (name, bold) used, referenced by its official name
with the everyday family as fallback (generator/data/ofd-fonts.yaml); with `embed`, subsets of
the open fonts that stand in for them (fontconfig with generator/data/fonts.conf picks the file,
fontTools cuts the subset) where their licences allow.

Characters are set as the .docx sets them: ASCII in the Latin font (Times New Roman), everything
else in the line's Chinese font (a space between them, which draws nothing, in the font before it).
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
from typing import NamedTuple

from generator.resources import DATA, FONTS_CONF, load_data
from generator.write.ofd.xml import attr

FONTS_DATA = DATA / "ofd-fonts.yaml"
# OS/2 fsType bits (OpenType spec): restricted licence, no subsetting, bitmap embedding only.
_RESTRICTED, _NO_SUBSET, _BITMAP_ONLY = 0x0002, 0x0100, 0x0200


class Embedded(NamedTuple):
    """An embedded subset: the file name inside Res/, its bytes, and the open font it came from."""

    name: str
    data: bytes
    source: str


class FontTable:
    """Font resource IDs in order of first use; which characters each one sets."""

    def __init__(self, ids) -> None:
        self.ids = ids
        self.by_key: dict[tuple[str, bool], int] = {}
        self.chars: dict[int, set[str]] = {}

    def id(self, name: str, bold: bool = False) -> int:
        """The resource ID of a font name (and weight), allocated on first use."""
        key = (name, bold)
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = self.ids.next()
            self.chars[found] = set()
        return found

    def used(self, font: int, text: str) -> None:
        self.chars[font].update(text)

    def res_xml(self, embedded: dict[int, Embedded]) -> str:
        """PublicRes.xml: every font, with its FontFile when embedded."""
        fallbacks = load_data(FONTS_DATA)["fallbacks"]
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res">',
            "<ofd:Fonts>",
        ]
        for (name, bold), font in self.by_key.items():
            known = fallbacks.get(name, {})
            family = known.get("family", name)
            flags = (' Bold="true"' if bold else "") + (' Serif="true"' if known.get("serif") else "")
            file = embedded.get(font)
            inner = f"<ofd:FontFile>{attr(file.name)}</ofd:FontFile>" if file else ""
            out.append(
                f'<ofd:Font ID="{font}" FontName="{attr(name)}" FamilyName="{attr(family)}"{flags}>{inner}</ofd:Font>'
                if inner
                else f'<ofd:Font ID="{font}" FontName="{attr(name)}" FamilyName="{attr(family)}"{flags}/>'
            )
        out.append("</ofd:Fonts></ofd:Res>")
        return "".join(out)


# An ASCII run starts with a printable character: a space before it stays with the run before,
# so no TextCode starts with a space (easyofd, for one, strips it and draws 「— 1 —」 as 「—1 —」).
_LATIN = re.compile(r"([!-~][\x00-\x7f]*)")


def runs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, latin) for each run of ASCII / non-ASCII characters (spaces joining the run
    before them)."""
    if text.isascii():
        return [(0, len(text), True)]
    parts = _LATIN.split(text)  # non-ASCII, ASCII, non-ASCII … (empty where a run is missing)
    if len(parts) == 1:
        return [(0, len(text), False)]
    out, position = [], 0
    for index, part in enumerate(parts):
        if part:
            end = position + len(part)
            out.append((position, end, index % 2 == 1))  # odd parts are the ASCII runs
            position = end
    return out


def embed(table: FontTable, warn=None) -> dict[int, Embedded]:
    """Subsets of the open stand-ins of every font used, by resource ID, where licences allow;
    `warn(message)` hears of each font left out and why."""
    allowed = load_data(FONTS_DATA)["embeddable"]
    out: dict[int, Embedded] = {}
    for (name, bold), font in table.by_key.items():
        found = open_font(name, bold)
        if found is None:
            _tell(warn, f"{name}：找不到可嵌入的开源替代字体，未嵌入")
            continue
        path, index, family = found
        if family not in allowed:
            _tell(warn, f"{name}：替代字体 {family} 的许可未确认允许嵌入，未嵌入")
            continue
        data = subset(path, index, table.chars[font])
        if data is None:
            _tell(warn, f"{name}：{family} 的字体文件不允许嵌入子集（fsType），未嵌入")
            continue
        out[font] = Embedded(f"font_{font}.ttf", data, family)
    return out


def _tell(warn, message: str) -> None:
    if warn:
        warn(message)


@functools.lru_cache(maxsize=32)
def open_font(name: str, bold: bool = False) -> tuple[str, int, str] | None:
    """(file, index in a collection, family) of the open font fontconfig picks for a name."""
    exe = shutil.which("fc-match")
    if not exe:
        return None
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    pattern = f"{name}:bold" if bold else name
    result = subprocess.run(
        [exe, "--format=%{file}|%{index}|%{family[0]}", pattern], capture_output=True, text=True, env=env, timeout=30
    )
    parts = result.stdout.strip().split("|")
    if result.returncode != 0 or len(parts) != 3 or not parts[0]:
        return None
    return parts[0], int(parts[1] or 0), parts[2]


def subset(path: str, index: int, chars: set[str]) -> bytes | None:
    """A TrueType subset of one font holding `chars` (plus .notdef), or None when its fsType forbids it."""
    import logging

    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    from generator.write.ofd.truetype import to_truetype

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # it reports tables it drops
    font = TTFont(path, fontNumber=index, lazy=False)
    fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    if fs_type & (_RESTRICTED | _NO_SUBSET | _BITMAP_ONLY):
        return None
    options = ft_subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence names with the subset
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    to_truetype(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
