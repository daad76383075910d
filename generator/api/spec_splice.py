"""A form's keystroke written into the YAML text in place: one plain scalar replaced on its own
line, the parsed document changed to match. spec_edit falls back to writing the document out
whole (ruamel's writer, ~0.1 s for a 20-page spec) whenever this cannot be done safely."""

from __future__ import annotations


def spliced_text(text: str, doc, path, value) -> str | None:
    """The text with one plain one-line scalar of a block collection replaced where it stands (and
    the document changed to match), or None: then the edit is applied and the document written
    out whole. A keystroke in the form is the common case, and ruamel's writer takes ~0.1 s for a
    20-page spec. The line marks stay true: only that line changes, nothing after it moves."""
    import yaml

    if not isinstance(path, list) or not path:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) != str(value).strip():
        return None
    parent, key = _holder(doc, path)
    if parent is None or getattr(parent, "fa", None) is None or parent.fa.flow_style():
        return None
    old = parent[key]
    if type(old) not in (str, int) or "\n" in str(value) or not str(value):
        return None  # quoted, block, dated or empty values: the writer chooses their form
    line, column = _position(parent, key)
    lines = text.split("\n")
    if line >= len(lines) or not lines[line].startswith(str(old), column):
        return None
    source, end = lines[line], column + len(str(old))
    rest = source[end:]
    if rest and not rest.startswith((" ", "\t")):
        return None
    try:
        if yaml.load(f"k: {value}\n", Loader=yaml.CSafeLoader) != {"k": value}:  # plain and the same value
            return None
    except yaml.YAMLError:
        return None
    if rest.strip().startswith("#"):  # an end-of-line comment keeps its column where it can
        comment_at = end + len(rest) - len(rest.lstrip())
        rest = " " * max(1, comment_at - column - len(str(value))) + rest.lstrip()
    elif rest.strip():
        return None
    lines[line] = source[:column] + str(value) + rest
    parent[key] = value
    return "\n".join(lines)


def _holder(doc, path: list):
    """(the collection holding the path's last step, that step), or (None, None)."""
    node = doc
    for step in path[:-1]:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return None, None
    key = path[-1]
    present = key in node if isinstance(node, dict) else isinstance(key, int) and 0 <= key < len(node)
    return (node, key) if isinstance(node, (dict, list)) and present else (None, None)


def _position(node, key) -> tuple[int, int]:
    """The 0-based line and column of a value (a mapping's) or an item (a sequence's)."""
    where = node.lc
    return where.value(key) if isinstance(node, dict) else where.item(key)
