"""YAML for a person: block style, Chinese as written, long texts as blocks, comments where asked.

PyYAML writes no comments; the spec's shape is small (mappings, lists, strings, numbers, dates,
booleans), so the writer is ours. Every choice of scalar style is checked against PyYAML's own
resolver, and the tests load every written file back.

    emit(data, comments)   data: dicts, lists, str/int/float/bool/date, and Paras (paragraphs);
                           comments: {path: text} (end of line) and {path: [lines]} under the key
                           `Above(path)` (lines before the key)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from generator.lexicon import lazy
from generator.lexicon.chars import WIDE_CLASS

INDENT = "  "
LONG = 36  # a string longer than this (in characters) is written as a folded block

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# Characters a block or plain scalar cannot hold literally: C0 controls (tab aside), DEL, C1, YAML line
# separators, BOM, surrogates and non-characters.
_UNPRINTABLE = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@` \t")
_CJK_SPACE = lazy(f"(?<={WIDE_CLASS}) (?={WIDE_CLASS})")  # the loader drops these in folds


class Paras(list):
    """Paragraphs (a Paragraphs field): one is a scalar, several a literal block, a blank line between."""


@dataclass
class Comments:
    """Comments to write: at the end of a key's line, and lines above a key."""

    inline: dict[tuple, str] = field(default_factory=dict)
    above: dict[tuple, list[str]] = field(default_factory=dict)
    head: list[str] = field(default_factory=list)  # lines at the top of the file

    def note(self, path: tuple, text: str) -> None:
        """An end-of-line comment on a key (several join with 「；」)."""
        old = self.inline.get(path)
        self.inline[path] = f"{old}；{text}" if old and text not in old else text

    def before(self, path: tuple, *lines: str) -> None:
        self.above.setdefault(path, []).extend(lines)


def emit(data: dict, comments: Comments | None = None) -> str:
    """The YAML text of a mapping."""
    comments = comments or Comments()
    out = [_comment_line("", line) for line in comments.head]
    _mapping(data, (), 0, out, comments)
    return "\n".join(out) + "\n"


def _comment_line(indent: str, text: str) -> str:
    text = " ".join(str(text).split())
    return f"{indent}# {text}" if text else f"{indent}#"


def _tail(comments: Comments, path: tuple) -> str:
    text = comments.inline.get(path)
    return f"  {_comment_line('', text)}" if text else ""


def _mapping(data: dict, path: tuple, depth: int, out: list[str], comments: Comments, first: str = "") -> None:
    """Keys of a mapping; `first` is the prefix of the first line (a list item's 「- 」)."""
    indent = INDENT * depth
    for index, (key, value) in enumerate(data.items()):
        here = path + (key,)
        lead = first if index == 0 and first else indent
        for line in comments.above.get(here, []):
            out.append(_comment_line(indent, line))
            if index == 0 and first:  # a comment cannot sit between 「- 」 and its first key
                lead = first
        _entry(lead + _key(key) + ":", value, here, depth, out, comments)


def _entry(prefix: str, value, path: tuple, depth: int, out: list[str], comments: Comments, flow: bool = False) -> None:
    """One `key: value` (or a list item) at `depth`; nested values go one level deeper."""
    tail = _tail(comments, path)
    child = INDENT * (depth + 1)
    if isinstance(value, Paras) and len(value) <= 1:
        value = value[0] if value else []
    if isinstance(value, dict) and value:
        out.append(prefix + tail)
        _mapping(value, path, depth + 1, out, comments)
    elif isinstance(value, Paras):
        out.append(prefix + " |-" + tail)
        for index, text in enumerate(value):
            if index:
                out.append("")
            out.append(child + text)
    elif isinstance(value, list) and value and ((flow and _flow_ok(value)) or _numbers(value)):
        out.append(f"{prefix} [{', '.join(map(str, value))}]{tail}")
    elif isinstance(value, list) and value:
        out.append(prefix + tail)
        for index, item in enumerate(value):
            _item(item, path + (index,), depth + 1, out, comments)
    else:
        head, block = scalar(value)
        out.append(f"{prefix} {head}{tail}")
        out.extend(child + line for line in block)


def _item(item, path: tuple, depth: int, out: list[str], comments: Comments) -> None:
    """A list item: 「- 」 at `depth`, a mapping's keys after it at depth + 1."""
    dash = INDENT * depth + "- "
    for line in comments.above.get(path, []):
        out.append(_comment_line(INDENT * depth, line))
    if isinstance(item, dict) and item:
        _mapping(item, path, depth + 1, out, comments, first=dash)
    else:
        _entry(dash.rstrip(), item, path, depth, out, comments, flow=True)


def _numbers(items: list) -> bool:
    return all(isinstance(i, int) and not isinstance(i, bool) for i in items)


def _flow_ok(items: list) -> bool:
    """A short list of short names inside a list (主送 groups) reads best as 「[甲, 乙]」."""
    return (
        all(isinstance(i, str) and _plain_ok(i) and not any(c in i for c in ",[]{}") for i in items)
        and sum(len(i) + 2 for i in items) <= 60
    )


def _key(key) -> str:
    text = str(key)
    return text if _plain_ok(text) else _quoted(text)


def scalar(value) -> tuple[str, list[str]]:
    """(what follows 「key: 」, the lines of a block scalar)."""
    if value is None:
        return "null", []
    if isinstance(value, bool):
        return ("true" if value else "false"), []
    if isinstance(value, (int, float)):
        return repr(value), []
    if isinstance(value, dt.date):
        return value.isoformat(), []
    if isinstance(value, (list, dict)):
        return ("[]" if isinstance(value, list) else "{}"), []
    text = str(value)
    if _UNPRINTABLE.search(text) or text != text.strip() or not text:
        return _quoted(text), []
    if "\n" in text:
        lines = text.split("\n")
        if all(line == line.strip() and line for line in lines):
            return "|-", lines
        return _quoted(text), []
    if len(text) > LONG:
        return ("|-" if _CJK_SPACE.search(text) else ">-"), [text]
    return (text if _plain_ok(text) else _quoted(text)), []


def _plain_ok(text: str) -> bool:
    """Can `text` stand unquoted and read back as this very string?"""
    if not text or text[0] in _PLAIN_START or text[-1] in ": \t" or _UNPRINTABLE.search(text):
        return False
    if ": " in text or " #" in text or "\t" in text or "\n" in text:
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _quoted(text: str) -> str:
    """A double-quoted scalar: only what YAML requires is escaped, Chinese stays as it is."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _UNPRINTABLE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def inline(value) -> str:
    """`value` on one line, valid both after 「key: 」 and inside a flow collection 「{…}」「[…]」."""
    if isinstance(value, list):
        return "[" + ", ".join(inline(item) for item in value) + "]"
    text, block = scalar(value)
    if block or (isinstance(value, str) and text == value and any(c in value for c in ",[]{}")):
        return _quoted(str(value))
    return text
