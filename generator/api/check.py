"""Check drafts: read any draft (or a spec through its text rendition) and run the rules."""

from __future__ import annotations

from pathlib import Path

from generator.errors import FazhiError, Problem
from generator.api.render import _located, build_tree


def read_any(path: str | Path):
    """A draft (.docx, .txt, .doc, .wps, .pdf) or a fazhi YAML spec as a document tree.

    A spec is read back through its plain-text rendition, its line numbers those of the YAML
    fields that produced each line (generator.read.spec), so findings point at the line to edit.
    """
    from generator.errors import DraftError
    from generator.read import read_draft

    if Path(path).is_dir():  # a folder reaches here only when a walk found nothing in it
        raise DraftError(Problem("这是一个文件夹，其中没有找到草稿文件（.docx、.txt、.yaml）", str(path)))
    if Path(path).suffix.lower() not in (".yaml", ".yml"):
        return read_draft(path)  # regular files only (safe_io): a FIFO or a device is said as such
    return _read_spec(path)


def _read_spec(path: str | Path):
    """A spec as the tree of its text rendition, lines relocated to the fields behind them."""
    from generator.kinds.common import FigureError
    from generator.read import read_text
    from generator.read.spec import field_lines, relocate, spec_strings
    from generator.spec.loading import load_yaml
    from generator.spec.validate import validate
    from generator.write.text import to_text

    loaded = load_yaml(path)
    try:
        spec = validate(loaded)
    except FigureError as exc:
        raise _located(exc, path, loaded) from None
    text = to_text(build_tree(spec))
    doc = read_text(text, str(path))
    fields = field_lines(text.split("\n"), spec_strings(spec))
    relocate(doc, {n: loaded.locate(field)[0] for n, field in fields.items()})
    for part in doc.all_documents():
        part.source = "yaml"
    doc.facts = {**doc.facts, "figures": _figure_facts(spec)}  # for the figures.claim rule
    return doc


def _figure_facts(spec) -> dict:
    """The spec's figures as plain data: value, previous, unit, label and both as printed."""
    from generator.kinds.common import shown

    return {
        name: {
            "value": f.value,
            "previous": f.previous,
            "unit": f.unit,
            "label": f.label,
            "text": str(f),
            "previous_text": "" if f.previous is None else shown(f.previous),
        }
        for name, f in spec.figures.items()
    }


def check_files(
    paths: list[Path], profile: str | None = None, layout: str | Path | None = None
) -> tuple[list, list[Problem]]:
    """Read and check drafts: [(path, result)] for the readable ones, problems for the others.

    An unreadable draft (not a Word file, damaged, too large) does not stop the others from
    being checked: a supervising office checks dozens at once.
    """
    from generator.checks import check_document

    from generator.read import read_drafts

    results, unreadable = [], []
    legacy = [Path(p) for p in paths if Path(p).suffix.lower() in (".doc", ".wps")]
    converted = dict(read_drafts(legacy)) if len(legacy) > 1 else {}  # one LibreOffice run for all
    for path in paths:
        try:
            doc = converted.get(Path(path)) or read_any(path)
            if isinstance(doc, FazhiError):
                raise doc
        except FazhiError as exc:
            unreadable.extend(exc.problems)
            continue
        results.append((str(path), check_document(doc, profile, layout=str(layout) if layout else None)))
    return results, unreadable


def _check_options(profile: str | None, layout: str | Path | None) -> None:
    """A bad profile or layout file is one error before the batch, not one per draft."""
    from generator.checks import load_profile

    if profile:
        load_profile(profile)
    if layout:
        from generator.ooxml.layout import load_layout

        load_layout(str(layout))
