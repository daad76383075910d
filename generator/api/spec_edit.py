"""Edits of a spec's YAML text that keep everything else as the clerk typed it: comments, quotes,
flow or block style, key order, indentation (ruamel.yaml's round-trip mode; PyYAML drops comments).
The web form sends its edits here, and so do the fix buttons, which run `check --fix`'s own
fixer (review.textfix) on the spec's strings.

The text is first loaded the way the CLI loads it (spec.loading: the same refusals, messages and
limits); only then does ruamel read it. Parsed documents are kept in a small LRU keyed by the text
(form edits arrive one keystroke at a time, each on the text the last one produced).
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import io
import math
import threading
from typing import Any

from generator.api.spec_splice import spliced_text
from generator.errors import Problem, SpecError
from generator.lexicon import lazy

SPEC_NAME = "报告.yaml"
MAX_CACHED = 8  # documents kept: a few clients' latest texts …
MAX_CACHED_CHARS = 400_000  # … and no more text than this in all (a parsed character holds ~250 bytes)
_cache: collections.OrderedDict[str, Any] = collections.OrderedDict()
_lock = threading.Lock()
_SEQUENCE_ITEM = lazy(r"^( *)- ")
_MAPPING_KEY = lazy(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")


def form_state(text: str, edits: list[dict] | tuple = (), name: str = SPEC_NAME) -> dict:
    """Apply the form's edits to the spec text: {"yaml": new text, "kind", "data": plain values}."""
    doc = _take(text, name)
    new: str | None = text
    for edit in edits:
        spliced = None
        if new is not None and set(edit) <= {"path", "value", "as"}:
            spliced = spliced_text(new, doc, edit.get("path"), _typed(edit.get("value"), edit.get("as")))
        if spliced is None:
            _apply(doc, edit, name)
        new = spliced
    if new is None:  # written out whole: its line marks are the old text's, so it is not kept
        new = _dump(text, doc)
    else:
        _keep(new, doc)
    return {"yaml": new, "kind": doc.get("kind") if hasattr(doc, "get") else None, "data": plain(doc)}


def plain(value) -> Any:
    """Round-trip data as JSON-ready values: dates as ISO text, keys as text, no NaN."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return str(value)
    return value


def spec_fixes(text: str, name: str = SPEC_NAME) -> list[dict]:
    """Every mechanical fix `check --fix`'s fixer would make in the spec's strings:
    {"line", "rule", "before", "after", "context", "path"} (lines 1-based, as check reports them)."""
    doc = _take(text, name)
    try:
        return [fix for _, _, fixes in _fixable(doc) for fix in fixes]
    finally:
        _keep(text, doc)


def fix_spec(text: str, picks: list[tuple[int, str]] | None = None, name: str = SPEC_NAME) -> dict:
    """The spec with the fixes at the picked (line, rule) pairs applied (None: all):
    {"yaml", "fixes": the fixes made}."""
    from generator.review.textfix import apply

    doc = _take(text, name)
    wanted = None if picks is None else {(int(line), str(rule)) for line, rule in picks}
    made = []
    for parent, key, fixes in list(_fixable(doc)):
        chosen = [f for f in fixes if wanted is None or (f["line"], f["rule"]) in wanted]
        if not chosen:
            continue
        lines = str(parent[key]).split("\n")
        by_line: dict[int, list] = {}
        for fix in chosen:
            by_line.setdefault(fix["line"] - fix["start"], []).append(fix["edit"])
        for index, edits in by_line.items():  # a line's edits at once: their offsets are the original's
            lines[index] = apply(lines[index], edits)
        parent[key] = _like(parent[key], "\n".join(lines))
        made += chosen
    for fix in made:
        del fix["edit"]
    if made:
        return {"yaml": _dump(text, doc), "fixes": made}  # not kept: its line marks are the old text's
    _keep(text, doc)
    return {"yaml": text, "fixes": made}


def _fixable(doc):
    """(parent, key, fixes) for every string in the document that the fixer would change."""
    from generator.review.plan import fixes_of
    from generator.review.textfix import fix_paragraph

    for parent, key, line, path in _strings(doc, (), None):
        value = str(parent[key])
        block = "\n" in value
        fixes = []
        for offset, text in enumerate(value.split("\n")):
            roles = frozenset({"title"}) if path == ("title",) else frozenset()
            at = line + offset + (1 if block else 0)
            for edit in fix_paragraph(text, roles):
                for fix in fixes_of(at, text, [edit]):
                    item = fix.as_dict() | {"path": list(path), "start": line + (1 if block else 0), "edit": edit}
                    fixes.append(item)
        if fixes:
            yield parent, key, fixes


def _strings(node, path: tuple, line: int | None):
    """(parent, key, 1-based line, path) of every string value, in document order."""
    if isinstance(node, dict):
        for key in list(node):
            at = _line(node, key)
            if isinstance(node[key], str):
                yield node, key, at, path + (key,)
            else:
                yield from _strings(node[key], path + (key,), at)
    elif isinstance(node, list):
        for index in range(len(node)):
            at = _line(node, index)
            if isinstance(node[index], str):
                yield node, index, at, path + (index,)
            else:
                yield from _strings(node[index], path + (index,), at)


def _line(node, key) -> int:
    """The 1-based line of a mapping's value or a sequence's item (ruamel's line/column record)."""
    where = getattr(node, "lc", None)
    if where is None:
        return 0
    try:
        return (where.value(key) if isinstance(node, dict) else where.item(key))[0] + 1
    except (KeyError, IndexError, TypeError):
        return 0


def _like(old, new):
    """A new string in the old one's style (quoted, literal block …); several lines as a literal block."""
    from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

    if isinstance(old, ScalarString):
        return type(old)(new)
    return LiteralScalarString(new) if "\n" in new else new


# -- the form's edits -------------------------------------------------------------------------


def _apply(doc, edit: dict, name: str) -> None:
    """One edit: {"path", "value", "as"} sets (value None removes the key), {"path", "append"}
    adds a row to a list, {"path", "remove": true} removes a row or a key."""
    path = edit.get("path")
    if not isinstance(path, list) or not path or not all(isinstance(p, (str, int)) for p in path):
        raise SpecError(Problem("表单修改的位置（path）不正确", name))
    if "append" in edit:
        target = _reach(doc, path, name, create=True, leaf=[])
        if not isinstance(target, list):
            raise SpecError(Problem(f"「{'.'.join(map(str, path))}」不是列表，不能添加一行", name))
        target.append(_fresh(edit["append"]))
        return
    parent = _reach(doc, path[:-1], name, create=not edit.get("remove") and edit.get("value") is not None)
    key = path[-1]
    if parent is None:
        return
    if edit.get("remove") or ("value" in edit and edit["value"] is None):
        _delete(parent, key)
        return
    value = _typed(edit.get("value"), edit.get("as"))
    _set(parent, key, value, name)


def _reach(doc, path: list, name: str, create: bool, leaf=None):
    """The container at path; missing mappings (and the last list, when leaf=[]) made if `create`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = doc
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, dict) and isinstance(step, str):
            if step not in node or node[step] is None:
                if not create:
                    return None
                node[step] = CommentedSeq() if last and leaf is not None else CommentedMap()
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            raise SpecError(Problem(f"表单修改的位置「{'.'.join(map(str, path))}」在数据文件中不存在", name))
    return node


def _set(parent, key, value, name: str) -> None:
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(parent, list):
        if not isinstance(key, int) or not 0 <= key < len(parent):
            raise SpecError(Problem("表单修改的行已不存在，请重试", name))
        parent[key] = _merged(parent[key], value)
        return
    old = parent.get(key)
    if isinstance(value, list) and isinstance(old, str) and all(isinstance(v, str) for v in value):
        parent[key] = _like(old, "\n".join(value)) if len(value) > 1 else (value[0] if value else "")
    elif isinstance(value, list) and not isinstance(old, list) and len(value) == 1 and isinstance(value[0], str):
        parent[key] = value[0]  # one paragraph: a plain string, as a clerk would type it
    elif isinstance(value, list) and not isinstance(old, list):
        parent[key] = CommentedSeq(value)
    else:
        parent[key] = _merged(old, value)


def _merged(old, value):
    """The new value, written into the old container where both are lists (its style and comments
    stay), or in the old string's quoting style."""
    if isinstance(old, list) and isinstance(value, list):
        old[len(value) :] = []
        for index, item in enumerate(value):
            if index < len(old):
                old[index] = _merged(old[index], item)
            else:
                old.append(item)
        return old
    if isinstance(old, str) and isinstance(value, str):
        return _like(old, value) if value != old else old
    return value


def _delete(parent, key) -> None:
    if isinstance(parent, dict):
        parent.pop(key, None)
    elif isinstance(key, int) and 0 <= key < len(parent):
        del parent[key]


def _fresh(value):
    """A new row: a mapping for a group, else the value."""
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(value) if isinstance(value, dict) else value


_NUMBER = lazy(r"-?\d+(\.\d+)?")


def _typed(value, kind: str | None):
    """The form's text as the YAML value the field wants."""
    if isinstance(value, str) and kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, str) and kind in ("int", "number", "value") and _NUMBER.fullmatch(value.strip()):
        number = float(value)
        return int(number) if "." not in value and kind != "number" else number
    return value


# -- loading, caching, dumping ----------------------------------------------------------------


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _take(text: str, name: str):
    """The round-trip document of the text: the cached one (removed from the cache: the caller
    owns it until _keep) or a fresh parse after the CLI's own checks."""
    key = _key(text)
    with _lock:
        cached = _cache.pop(key, None)
    if cached is not None:
        return cached[0]
    from generator.spec.loading import MAX_SPEC_BYTES, load_yaml_text

    if len(text.encode("utf-8")) > MAX_SPEC_BYTES:
        raise SpecError(Problem(f"数据文件过大（超过 {MAX_SPEC_BYTES // (1024 * 1024)} MB）", name))
    loaded = load_yaml_text(text.lstrip("\ufeff"), name)  # refusals and messages as the CLI's
    if not isinstance(loaded.data, dict):
        raise SpecError(Problem("数据文件的顶层应是「字段: 值」的映射", name, 1, 1))
    return _yaml(text).load(text.lstrip("\ufeff"))


def cache_size() -> tuple[int, int]:
    """(documents, characters of text) kept parsed now."""
    with _lock:
        return len(_cache), sum(size for _, size in _cache.values())


def _keep(text: str, doc) -> None:
    with _lock:
        _cache[_key(text)] = (doc, len(text))
        while len(_cache) > MAX_CACHED or sum(size for _, size in _cache.values()) > MAX_CACHED_CHARS:
            _cache.popitem(last=False)


def _yaml(text: str):
    """A round-trip reader/writer with the text's own indentation; lines never folded."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    mapping, sequence, offset = indentation(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(text: str, doc) -> str:
    out = io.StringIO()
    _yaml(text).dump(doc, out)
    return out.getvalue()


def indentation(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the text uses them; (2, 4, 2) when unknown."""
    mapping, sequence, offset = None, None, None
    previous = None
    for line in text.splitlines()[:2000]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if previous is not None and previous[1]:
            item = _SEQUENCE_ITEM.match(line)
            if item and offset is None:
                offset = indent - previous[0]
                sequence = offset + 2
            elif not item and mapping is None and indent > previous[0]:
                mapping = indent - previous[0]
        previous = (indent, bool(_MAPPING_KEY.match(line)))
        if mapping is not None and offset is not None:
            break
    offset = 2 if offset is None or offset < 0 else offset
    return mapping or 2, sequence or offset + 2, offset
