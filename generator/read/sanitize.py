"""Characters a Word file cannot hold, taken out where a draft's text enters.

XML 1.0 forbids the C0 control characters other than tab, line feed and carriage return, lone
surrogates and U+FFFE/U+FFFF: one of them in document.xml makes Word refuse the whole file. Text
copied out of Word carries U+000B for a manual line break and U+000C for a page break; those become
a space, the rest is dropped, and facts["control_chars"] says where (a located warning).
"""

from __future__ import annotations

from generator.lexicon import lazy

# Compiled on first use: a .docx is read without it (half a millisecond of each `check`).
_ILLEGAL = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = {"\x0b": " ", "\x0c": " "}
_NAMES = {"\x0b": "手动换行符", "\x0c": "分页符", "\x1b": "ESC 控制符", "\x00": "空字符"}


def xml_safe(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with XML-illegal characters mapped or dropped, and (line, what) for each line that
    had any (lines numbered as text_lines numbers them)."""
    if not _ILLEGAL.search(text):
        return text, []
    found: dict[int, list[str]] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, 1):
        for char in _ILLEGAL.findall(line):
            names = found.setdefault(number, [])
            if describe(char) not in names:
                names.append(describe(char))
    cleaned = _ILLEGAL.sub(lambda m: _BREAKS.get(m.group(), ""), text)
    return cleaned, [(number, "、".join(names)) for number, names in found.items()]


def describe(char: str) -> str:
    """「U+000B 手动换行符」."""
    name = _NAMES.get(char, "控制字符")
    return f"U+{ord(char):04X} {name}"


def warning(lines: list[tuple[int, str]]) -> str:
    """One sentence for the first line and how many more."""
    first, what = lines[0]
    more = f"等{len(lines)}行" if len(lines) > 1 else ""
    return f"第{first}行{more}含有 Word 文件不能容纳的字符（{what}）：换行符、分页符已换成空格，其余已删除"
