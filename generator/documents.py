"""Spec to document tree: the template decides structure and wording."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .rendering import render_document
from .schema import Spec
from .tree import Document


@dataclass(frozen=True)
class Options:
    """Rendering options that are not part of the spec."""

    templates: str | None = None  # a folder whose templates shadow the built-in ones
    table: bool = False           # work plans: append the 任务分工表 as an attachment


def build_tree(spec: Spec, options: Options = Options()) -> Document:
    """Render the spec's template into a document tree."""
    context = {name: getattr(spec, name) for name in type(spec).model_fields}
    context["options"] = options
    if spec.kind == "work-plan":
        from .tasks import task_rows

        context["tasks"] = task_rows(spec)
    templates = str(Path(options.templates).resolve()) if options.templates else None
    return render_document(spec.kind, context, templates)
