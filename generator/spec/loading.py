"""Load YAML safely, keeping the line and column of every key and item."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.lexicon import lazy
from generator.lexicon.chars import WIDE_CLASS
from generator.errors import Problem, SpecError
from generator.safe_io import read_regular_file
from generator.spec.marks import Loaded, format_path  # noqa: F401  (Loaded: the loader's result)
from generator.spec.yaml_guard import MAX_DEPTH, forbidden_message, position, prescan, yaml_problem

try:  # libyaml is ~8x faster and still gives marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


# Characters that XML 1.0 cannot hold; YAML escapes ("\x01") can still produce them.
_XML_ILLEGAL = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# YAML folds a wrapped scalar's lines with a space; between Chinese characters that space is noise.
_CJK_FOLD_SPACE = lazy(f"(?<={WIDE_CLASS}) (?={WIDE_CLASS})")
MAX_SPEC_BYTES = 5 * 1024 * 1024
_STR = "tag:yaml.org,2002:str"


def load_yaml(path: str | Path) -> Loaded:
    """Read a YAML spec file; raise SpecError with a location on any problem."""
    name = str(path)
    raw = read_regular_file(path, MAX_SPEC_BYTES, error=SpecError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise SpecError(Problem(_not_utf8(raw), name, line, column)) from None
    return load_yaml_text(text, name)


def _not_utf8(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return "文件不是 UTF-8 编码（也不像是文本文件）：请另存为 UTF-8"
    return "文件是 GBK（GB18030）编码，不是 UTF-8：请在记事本或 WPS 中「另存为」并选择 UTF-8 编码"


def load_yaml_text(text: str, name: str = "<string>") -> Loaded:
    """Parse YAML text into plain data with marks."""
    loader = None
    try:
        prescan(text, name)
        loader = _Loader(text)
        node = loader.get_single_node()
        loaded = Loaded(None, name, text=text)
        loaded.data = _build(loader, node, (), loaded) if node is not None else {}
    except yaml.YAMLError as exc:
        raise SpecError(yaml_problem(exc, text, name)) from None
    except UnicodeEncodeError as exc:  # a lone surrogate (from a str, not a file): libyaml takes UTF-8
        raise SpecError(Problem(forbidden_message(text[exc.start]), name, *position(text, exc.start))) from None
    except RecursionError:  # a parser without prescan's bound (never expected): still no traceback
        raise SpecError(Problem(f"嵌套层数过多（超过 {MAX_DEPTH} 层）", name)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return loaded


def _build(loader, node, path: tuple, loaded: Loaded):
    """Construct plain Python data from a node, recording marks and rejecting duplicates."""
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if _plain_str(key_node) else loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise SpecError(loaded_problem(loaded, key_node, "字段名必须是文字"))
            key = str(key)
            if key in result:
                raise SpecError(loaded_problem(loaded, key_node, f"字段「{key}」重复出现", path))
            loaded.marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(loader, value_node, path + (key,), loaded)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item_node in enumerate(node.value):
            loaded.marks[path + (index,)] = (item_node.start_mark.line + 1, item_node.start_mark.column + 1)
            items.append(_build(loader, item_node, path + (index,), loaded))
        return items
    try:
        value = node.value if _plain_str(node) else loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # 2023-13-01 resolves as a date but is none
        raise SpecError(loaded_problem(loaded, node, _bad_value(node.value, exc), path)) from None
    if isinstance(value, str) and node.style != "|" and node.end_mark.line > node.start_mark.line:
        value = _CJK_FOLD_SPACE.sub("", value)
    if isinstance(value, str):
        bad = _XML_ILLEGAL.search(value)
        if bad:
            raise SpecError(
                loaded_problem(
                    loaded, node, f"文字中含有 Word 文档无法保存的控制字符 U+{ord(bad.group()):04X}，请删除", path
                )
            )
    return value


def _bad_value(value: str, exc: Exception) -> str:
    if "digits" in str(exc):  # Python refuses to convert integers of more than 4,300 digits
        return f"数字「{value}」位数过多（{len(value)} 位），不像是统计数字"
    return f"无效的值「{value}」（日期应为 2023-01-04 这样的真实日期）"


def _plain_str(node) -> bool:
    """A scalar the constructor would return as node.value anyway (most of a spec): skip it."""
    return node.tag == _STR and isinstance(node, yaml.ScalarNode)


def loaded_problem(loaded: Loaded, node, message: str, path: tuple = ()) -> Problem:
    """A problem at a YAML node's start."""
    mark = node.start_mark
    return Problem(message, loaded.file, mark.line + 1, mark.column + 1, format_path(path) or None)
