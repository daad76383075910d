"""The library the `fazhi` command calls, one module per use; every public function is here.

Each function imports what it uses: `check` on a .docx loads neither pydantic nor Jinja, and
nothing loads python-docx unless a package has to be built.
"""

from __future__ import annotations

from generator.api.batch import check_many, check_summary, figures_table, render_specs, summary_rows
from generator.api.check import check_files, read_any
from generator.api.imports import (
    default_draft_output,
    default_spec_output,
    import_draft,
    import_file,
    is_draft,
    next_year_file,
    render_draft,
)
from generator.api.render import (
    FORMATS,
    build_tree,
    default_output,
    load_spec,
    load_spec_file,
    output_target,
    plan_tasks,
    previous_figures,
    render_bytes,
    render_file,
)
from generator.api.review import fix_file, review_file

__all__ = [
    "FORMATS",
    "build_tree",
    "check_files",
    "check_many",
    "check_summary",
    "summary_rows",
    "default_draft_output",
    "default_output",
    "default_spec_output",
    "figures_table",
    "fix_file",
    "import_draft",
    "import_file",
    "is_draft",
    "load_spec",
    "load_spec_file",
    "next_year_file",
    "output_target",
    "plan_tasks",
    "previous_figures",
    "read_any",
    "render_bytes",
    "render_draft",
    "render_file",
    "render_specs",
    "review_file",
]
