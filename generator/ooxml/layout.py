"""The layout profile (GB/T 9704 numbers as OOXML values), read from a YAML data file."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.resources import LAYOUT

DEFAULT_LAYOUT = LAYOUT


@dataclass(frozen=True)
class Fonts:
    """Font names for one profile."""

    latin: str
    body: str
    title: str
    heading1: str
    heading2: str
    heading3: str
    heading4: str
    page_number: str

    def heading(self, level: int) -> str:
        """The East-Asian font of a heading level."""
        return getattr(self, f"heading{level}")


@dataclass(frozen=True)
class Layout:
    """Page geometry and type sizes."""

    version: str
    page: dict
    margins: dict
    line_pitch: int
    condense: int
    sizes: dict
    char: int
    tolerance: int
    font_profiles: dict

    @property
    def text_width(self) -> int:
        """Width of the text block in twips."""
        return self.page["width"] - self.margins["left"] - self.margins["right"]

    def fonts(self, profile: str) -> Fonts:
        """Fonts of a named profile (gb2312, gbk)."""
        return Fonts(latin=self.font_profiles["latin"], **self.font_profiles["profiles"][profile])


@functools.lru_cache(maxsize=4)
def load_layout(path: str | None = None) -> Layout:
    """Read a layout file (the built-in GB/T 9704 one by default)."""
    data = yaml.safe_load(Path(path or DEFAULT_LAYOUT).read_text(encoding="utf-8"))
    fonts = data.pop("fonts")
    return Layout(font_profiles={"latin": fonts["latin"], "profiles": fonts["profiles"]}, **data)
