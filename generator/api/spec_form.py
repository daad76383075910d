"""The web form of a document kind, derived from its pydantic model: every field with a Chinese
label and help (from the field's description), its type as an input (text, paragraphs, yes/no,
number, date, choice), lists and named tables as rows to add and remove, models as groups.

The description is plain data (JSON-ready) that the page's script turns into inputs; recursive
models (a section's sub-sections) are named once in `defs` and referred to by name.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from generator.lexicon import lazy

# Fields shown last, folded: layout options and the order override matter least while writing.
LAST = ("order", "imprint", "style")
_CLAUSE_END = lazy("[，；：。,;:]")
_PART_LABEL = lazy(r"^第[一二三四五六七八九十]+部分：")
_OPTION = lazy(r"([a-z0-9-]+) ([^\s/]+)")


def form_of(kind_name: str) -> dict:
    """The form of a kind: {"kind", "label", "fields": [...], "defs": {model name: group}}."""
    from generator.kinds import KINDS

    kind = KINDS[kind_name]
    defs: dict[str, dict] = {}
    root = _group(kind.model, defs)
    fields = sorted(root["fields"], key=lambda f: (f["key"] in LAST, LAST.index(f["key"]) if f["key"] in LAST else 0))
    return {"kind": kind.name, "label": kind.label, "fields": fields, "defs": defs}


def label_of(description: str | None, key: str) -> str:
    """A field's label: its description up to the first clause break; a part keeps its heading."""
    if not description:
        return key
    if _PART_LABEL.match(description):
        return description
    end = _CLAUSE_END.search(description)
    label = description[: end.start()] if end else description
    return label.split("（")[0] if label.count("（") > label.count("）") else label


def _group(model, defs: dict[str, dict]) -> dict:
    """A model as a group of fields (its own entry in defs, filled before its fields so a model
    that contains itself refers to the entry)."""
    name = model.__name__
    if name in defs:
        return defs[name]
    group: dict[str, Any] = {"t": "group", "name": name, "doc": (model.__doc__ or "").strip().splitlines()[0]}
    defs[name] = group
    group["fields"] = [_field(key, info, defs) for key, info in model.model_fields.items()]
    return group


def _field(key: str, info, defs: dict[str, dict]) -> dict:
    description = info.description or ""
    label = label_of(description, key)
    rest = description[len(label) :] if description.startswith(label) else description
    return {
        "key": key,
        "label": label,
        "help": rest.lstrip("，；：。,;: "),  # what the label does not say already
        "required": info.is_required(),
        "node": _node(info.annotation, list(info.metadata), defs),
    }


def _node(annotation, metadata: list, defs: dict[str, dict]) -> dict:
    """An annotation as an input description."""
    if any(getattr(getattr(m, "func", None), "__name__", "") == "_paragraphs" for m in metadata):
        return {"t": "para"}
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _node(args[0], metadata + list(args[1:]), defs)
    if origin in (Union, types.UnionType):
        present = [a for a in args if a is not type(None)]
        return _node(present[0], metadata, defs) if len(present) == 1 else {"t": "value"}
    if origin is Literal:
        return {"t": "enum", "options": [[v, str(v)] for v in args]}
    if origin is list:
        return {"t": "list", "item": _node(args[0], [], defs)}
    if origin is dict:
        return {"t": "dict", "value": _node(args[1], [], defs)}
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return {"t": "ref", "name": _group(annotation, defs)["name"]}
    return {"t": _SCALARS.get(annotation, "value")}


_SCALARS: dict[Any, str] = {
    str: "text",
    bool: "bool",
    int: "int",
    float: "number",
    dt.date: "date",
    typing.Any: "value",
}


def option_labels(form: dict) -> dict:
    """The form with each choice's Chinese name where the field's help gives it
    (「province 省 / city 市」): the option [value, 'value 名称']."""

    def visit(fields: list[dict]) -> None:
        for f in fields:
            node = f["node"]
            if node["t"] == "enum":
                names = dict(_OPTION.findall(f["help"]))
                node["options"] = [
                    [v, f"{v} {names[str(v)]}" if str(v) in names else shown] for v, shown in node["options"]
                ]

    visit(form["fields"])
    for group in form["defs"].values():
        visit(group["fields"])
    return form
