"""Drop what the template would write anyway: a title, an opening or a part heading equal to its default.

The defaults are the template's own: the spec is rendered once without those values (the probe),
each value is compared with what the probe got in its place, and the pruned spec is rendered once
more to make sure the text did not change (else nothing is pruned).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from generator.tree import Document, Heading, Paragraph
from generator.write.text import to_text

PARTS = ("measures", "shortcomings", "leadership", "next_year", "other")


def prune(data: dict, render: Callable[[dict], Document]) -> list[tuple]:
    """Remove default-valued fields from `data` in place; returns their paths. `render(data)` → tree.

    Defaults do not depend on the parts' content, so the probe and the check render a skeleton:
    the same data with every part emptied.
    """
    candidates = _candidates(data)
    if not candidates:
        return []
    skeleton = _skeleton(data)
    probe = copy.deepcopy(skeleton)
    for path in candidates:
        _delete(probe, path)
    try:
        defaults = _defaults(skeleton, render(probe))
    except Exception:  # noqa: BLE001 - a probe that does not render prunes nothing
        return []
    pruned = [path for path in candidates if path in defaults and defaults[path] == _get(data, path)]
    if not pruned:
        return []
    trial = copy.deepcopy(skeleton)
    for path in pruned:
        _delete(trial, path)
    try:
        same = to_text(render(trial)) == to_text(render(skeleton))
    except Exception:  # noqa: BLE001
        return []
    if not same:
        return []
    for path in pruned:
        _delete(data, path)
    return pruned


def _skeleton(data: dict) -> dict:
    """The data with every part's content left out (headings, title and opening kept)."""
    out = {key: value for key, value in data.items()}
    for name in PARTS:
        if name in out:
            out[name] = {k: v for k, v in out[name].items() if k == "heading"}
    for key in ("leading_parts", "extra_parts"):
        if key in out:
            out[key] = [{k: v for k, v in p.items() if k in ("heading", "after")} for p in out[key]]
    if data["kind"] == "work-plan":
        out["parts"] = [{**p, **({"items": p["items"][:1]} if "items" in p else {})} for p in data["parts"][:1]]
    return out


def _candidates(data: dict) -> list[tuple]:
    paths: list[tuple] = [("title",)] if "title" in data else []
    if data["kind"] == "work-plan":
        if "title" in data.get("notice", {}):
            paths.append(("notice", "title"))
        return paths
    if "opening" in data:
        paths.append(("opening",))
    paths.extend((name, "heading") for name in PARTS if "heading" in data.get(name, {}))
    return paths


def _defaults(data: dict, tree: Document) -> dict[tuple, object]:
    """What the probe wrote where each candidate was left out."""
    docs = list(tree.all_documents())
    if data["kind"] == "work-plan":
        plan: dict[tuple, object] = {("title",): docs[-1].title if data.get("notice") else docs[0].title}
        if data.get("notice"):
            plan[("notice", "title")] = docs[0].title
            plan[("title",)] = docs[1].title if len(docs) > 1 else ""
        return plan
    body = docs[0]
    out: dict[tuple, object] = {("title",): body.title}
    opening = []
    for block in body.blocks:
        if not isinstance(block, Paragraph):
            break
        opening.append(block.text)
    out[("opening",)] = opening
    headings = [b.title for b in body.blocks if isinstance(b, Heading) and b.level == 1]
    for path, title in zip(_heading_order(data), headings):
        out[path] = title
    return out


def _heading_order(data: dict) -> list[tuple]:
    """The level-1 headings in the order the annual-report template writes them."""
    order: list[tuple] = [("leading_parts", i, "heading") for i in range(len(data.get("leading_parts", [])))]
    extras = data.get("extra_parts", [])
    for name in PARTS:
        if name in data:
            order.append((name, "heading"))
        order.extend(("extra_parts", i, "heading") for i, p in enumerate(extras) if p.get("after", "other") == name)
    return order


def _get(data, path: tuple):
    for key in path:
        data = data[key]
    return list(data) if isinstance(data, list) else data


def _delete(data: dict, path: tuple) -> None:
    for key in path[:-1]:
        data = data[key]
    data.pop(path[-1], None)
