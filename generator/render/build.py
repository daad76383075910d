"""Spec to document tree: the template decides structure and wording."""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.jinja import render_document
from generator.kinds import KINDS, load
from generator.tree import Document


@dataclass(frozen=True)
class Options:
    """Rendering options that are not part of the spec."""

    templates: str | None = None  # a folder whose templates shadow the built-in ones
    table: bool | str = False  # work plans: append the 任务分工表 as an attachment ("landscape": turned)
    layout: str | None = None  # a city's layout file merged over the built-in GB/T 9704 one
    embed_fonts: bool = False  # OFD: embed subsets of the open fonts standing in for the official ones


def build_tree(spec, options: Options = Options()) -> Document:
    """Render the spec's template into a document tree."""
    context = {name: getattr(spec, name) for name in type(spec).model_fields}
    context["options"] = options
    kind = KINDS[spec.kind]
    if kind.context:
        context.update(load(kind.context)(spec))
    from generator.safe_io import resolved

    templates = str(resolved(options.templates)) if options.templates else None
    return render_document(kind.template, context, templates)
