"""fazhi: write and check 法治政府建设年度报告 and 工作要点 (GB/T 9704 layout).

The public API, imported lazily so the command line starts fast:

    load_spec(path)                 YAML file -> validated spec (SpecError with locations)
    build_tree(spec, options)       spec -> document tree, through the Jinja template
    render_file(path, out, fmt)     YAML file -> .docx / .txt / .pdf, written atomically
    render_specs(paths, outdir)     several specs in worker processes; PDFs through one LibreOffice process
    write_docx(tree) / to_text(tree)
    plan_tasks(path, unit)          a work plan's 任务分工表 rows
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "load_spec": "spec.validate",
    "build_tree": "render.build",
    "Options": "render.build",
    "render_file": "api",
    "render_specs": "api",
    "render_bytes": "api",
    "plan_tasks": "api",
    "check_files": "api",
    "read_draft": "read",
    "check_document": "checks",
    "write_docx": "write.docx",
    "to_text": "write.text",
    "KINDS": "kinds",
    "FazhiError": "errors",
    "SpecError": "errors",
    "Problem": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)
