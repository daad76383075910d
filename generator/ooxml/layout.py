"""The layout profile (GB/T 9704 numbers as OOXML values), read from a YAML data file."""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple compiles each
# string annotation at class creation (a ForwardRef), a cost every start would pay.

import functools
from typing import NamedTuple

from generator.errors import FazhiError, Problem, close_matches
from generator.resources import LAYOUT, read_data

DEFAULT_LAYOUT = LAYOUT


class LayoutError(FazhiError):
    """A layout file that cannot be used."""


class Fonts(NamedTuple):
    """Font names for one profile."""

    latin: str
    body: str
    title: str
    heading1: str
    heading2: str
    heading3: str
    heading4: str
    page_number: str
    signer_name: str
    attachment_label: str
    table_header: str
    issuer_mark: str
    header_field: str

    def heading(self, level: int) -> str:
        """The East-Asian font of a heading level."""
        return getattr(self, f"heading{level}")


class Layout(NamedTuple):
    """Page geometry and type sizes."""

    version: str
    page: dict
    margins: dict
    line_pitch: int
    condense: int
    sizes: dict
    char: int
    tolerance: int
    positions: dict
    spacing: dict
    rules: dict
    table: dict
    header: dict
    font_profiles: dict

    @property
    def text_width(self) -> int:
        """Width of the text block in twips."""
        return self.page["width"] - self.margins["left"] - self.margins["right"]

    @property
    def text_height(self) -> int:
        """Height of the text block in twips."""
        return self.page["height"] - self.margins["top"] - self.margins["bottom"]

    @property
    def title_capacity(self) -> float:
        """How many title-size characters fit on a line."""
        return self.text_width / (self.sizes["title"] * 10)

    def fonts(self, profile: str) -> Fonts:
        """Fonts of a named profile (gb2312, gbk)."""
        return Fonts(latin=self.font_profiles["latin"], **self.font_profiles["profiles"][profile])


@functools.lru_cache(maxsize=4)
def load_layout(path: str | None = None) -> Layout:
    """The built-in GB/T 9704 layout, or a city's layout file merged over it.

    A city's file need only hold what it changes (a full copy of layout.yaml works too); a key
    the built-in file does not have, or a number given as text, is a located LayoutError.
    """
    data = read_data(DEFAULT_LAYOUT)
    if path:
        from generator.spec.loading import load_yaml

        loaded = load_yaml(path)
        if not isinstance(loaded.data, dict):
            raise LayoutError(Problem("版式文件应为「字段: 值」形式的映射（见内置的 layout.yaml）", str(path), 1, 1))
        _merge(data, loaded.data, (), loaded)
    fonts = data.pop("fonts")
    return Layout(font_profiles={"latin": fonts["latin"], "profiles": fonts["profiles"]}, **data)


def _merge(base: dict, override: dict, path: tuple, loaded) -> None:
    """Deep-merge override into base; every key must exist in base."""
    for key, value in override.items():
        where = path + (key,)
        if key not in base:
            close = close_matches(str(key), [str(k) for k in base])
            hint = f"，是否想写「{close[0]}」？" if close else f"；可用字段：{'、'.join(map(str, base))}"
            raise LayoutError(loaded.problem(where, f"版式文件中未知的字段「{key}」{hint}"))
        elif isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise LayoutError(loaded.problem(where, f"「{key}」应为「字段: 值」形式的映射"))
            _merge(base[key], value, where, loaded)
        elif isinstance(base[key], int) and (isinstance(value, bool) or not isinstance(value, int)):
            raise LayoutError(
                loaded.problem(where, f"「{key}」应为整数（OOXML 数值，见 layout.yaml 的单位说明），而不是「{value}」")
            )
        elif isinstance(base[key], str) and not isinstance(value, str):
            raise LayoutError(loaded.problem(where, f"「{key}」应为文字，而不是「{value}」"))
        else:
            base[key] = value
