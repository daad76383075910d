"""Drafts into specs: `fazhi import` and the one-step re-layout of `fazhi render DRAFT`.

    imported = import_document(read_draft("draft.docx"), name="draft.docx")
    imported.yaml()          # the spec, written for a person (comments on inferred values)
    imported.guesses         # what had to be guessed, one Chinese line each
    imported.agreement       # paragraphs of the draft the spec renders back (compare.Agreement)

The draft reader's tree is mapped onto the kind's model (report.py, plan.py), numbers lifted into
figures on request (figures.py), values equal to the template's defaults dropped (defaults.py),
and the result validated and rendered once to measure the round trip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import FazhiError, Problem
from generator.importer.compare import Agreement, agreement
from generator.importer.emit import Comments, emit
from generator.importer.head import Context
from generator.tree import Document

__all__ = ["Imported", "import_document", "emit", "Comments"]


@dataclass
class Imported:
    """A draft as spec data, with what was guessed, the problems left and the round-trip agreement."""

    kind: str
    data: dict
    comments: Comments
    guesses: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # validation problems, located in yaml()
    agreement: Agreement | None = None
    spec: object = None  # the validated spec, when it validates
    task_table: bool = False  # the draft had a 任务分工表: render it with --table
    kind_reason: str = ""  # why the draft was read as its kind (or that --kind chose it), Chinese

    def yaml(self) -> str:
        return emit(self.data, self.comments)


def import_document(
    doc: Document, kind: str | None = None, figures: bool = False, name: str = "<draft>", target: str = "<导入结果>"
) -> Imported:
    """Map a draft's tree onto a spec of `kind` (None: recognised as `check` does)."""
    from generator.checks.analysis import analyse
    from generator.importer import defaults, plan, punct, report

    analysis = analyse(doc)
    reason = analysis.kind_reason
    if kind is not None and kind != analysis.kind:
        from generator.kinds import KINDS

        reason = (
            f"按 --kind 指定为{KINDS[kind].label}（自动识别为{KINDS[analysis.kind].label}：{analysis.kind_reason}）"
        )
        analysis = analyse(doc, kind, reason=reason)
    comments = Comments(head=[f"由 fazhi import 从「{name}」导入：注释标出推断的值，请逐项核对。"])
    draft = doc
    if analysis.web_copy:
        draft, count = punct.restore(doc)
        analysis = analyse(draft, analysis.kind)
        comments.head.append(f"原文是网页复制的文本：{count} 处英文标点（, : ; ( ) 等）已改为全角。")
    ctx = Context(draft, analysis, comments, web_copy=analysis.web_copy)
    builder = plan.build if analysis.kind == "work-plan" else report.build
    data = _ordered(builder(ctx), analysis.kind)
    if figures:
        from generator.importer.figures import lift

        lift(ctx, data)
    imported = Imported(analysis.kind, data, comments, ctx.guesses, task_table=ctx.task_table, kind_reason=reason)
    illegal = (doc.facts or {}).get("control_chars")
    if illegal:  # said where they were: the spec and the re-laid-out file no longer hold them
        from generator.read.sanitize import warning

        imported.guesses.insert(0, f"{name}:{illegal[0][0]}: {warning(illegal)}")
    try:
        spec = _validate(data, target)
    except FazhiError:
        imported.problems = located_problems(imported.yaml(), target)
        return imported
    tree = _tree(spec, ctx.task_table)
    imported.agreement = agreement(draft, tree)
    if defaults.prune(data, lambda d: _tree(_validate(d, target))):
        spec = _validate(data, target)
    imported.spec = spec
    return imported


def located_problems(text: str, target: str) -> list[Problem]:
    """The problems of the written YAML, at its lines."""
    from generator.spec.loading import load_yaml_text
    from generator.spec.validate import validate

    try:
        validate(load_yaml_text(text, target))
    except FazhiError as exc:
        return exc.problems
    return []


def _ordered(data: dict, kind: str) -> dict:
    """Keys in the model's order (kind first, style last), as a person reads a spec."""
    from generator.kinds import KINDS

    order = ["kind", *(f for f in KINDS[kind].model.model_fields if f not in ("kind", "style")), "style"]
    return {key: data[key] for key in sorted(data, key=lambda k: order.index(k) if k in order else len(order))}


def _validate(data: dict, target: str):
    """The spec `data` is (the YAML written from it holds the same: see tests/test_import_cli.py)."""
    from generator.spec.loading import Loaded
    from generator.spec.validate import validate

    return validate(Loaded(data, target))


def _tree(spec, table: bool = False) -> Document:
    from generator.render.build import Options, build_tree

    return build_tree(spec, Options(table=table))
