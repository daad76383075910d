"""`fazhi render --format ofd` (one spec, a batch, --embed-fonts, --table landscape) and .ofd drafts
in `check`, `import` and `render DRAFT`, through the command line."""

from __future__ import annotations

import io
import json
import zipfile

from click.testing import CliRunner
from conftest import EXAMPLES, KAIFU, MAOJIAN, copy_example
from ofd_structure import problems

from generator.cli import main
from generator.read import read_draft
from generator.write.text import to_text


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_render_ofd_writes_a_sound_package_beside_the_spec(tmp_path):
    spec = copy_example(KAIFU, tmp_path)
    result = invoke("render", spec, "--format", "ofd")
    assert result.exit_code == 0, result.output
    data = spec.with_suffix(".ofd").read_bytes()
    assert problems(data) == []
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any(name.startswith("Doc_0/Res/") for name in names)  # fonts by name unless asked


def test_batch_renders_every_example_as_ofd(tmp_path):
    result = invoke("render", EXAMPLES, "-o", f"{tmp_path}/out/", "--format", "ofd", "--jobs", "1")
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "out").glob("*.ofd"))
    assert [p.stem for p in written] == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    assert all(problems(p.read_bytes()) == [] for p in written)


def test_landscape_table_with_embedded_fonts(tmp_path):
    out = tmp_path / "plan.ofd"
    result = invoke("render", MAOJIAN, "--format", "ofd", "--table", "landscape", "--embed-fonts", "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert problems(data) == []
    package = zipfile.ZipFile(io.BytesIO(data))
    assert any(n.startswith("Doc_0/Res/font_") for n in package.namelist())
    areas = [n for n in package.namelist() if n.endswith("Content.xml") and b"0 0 297 210" in package.read(n)]
    assert areas, "the 任务分工表 pages are landscape"


def test_an_ofd_draft_reads_as_its_text_rendition(tmp_path):
    """check, import and render DRAFT read an .ofd as the same document its .txt rendition gives."""
    spec = copy_example(KAIFU, tmp_path)
    assert invoke("render", spec, "--format", "ofd").exit_code == 0
    assert invoke("render", spec, "--format", "txt").exit_code == 0
    ofd, txt = spec.with_suffix(".ofd"), spec.with_suffix(".txt")
    assert to_text(read_draft(ofd)) == to_text(read_draft(txt))
    checked = invoke("check", ofd, txt, "--format", "json")
    files = json.loads(checked.output)["files"]
    rules = [sorted(f["rule"] for f in entry["findings"]) for entry in files]
    assert files[0]["kind"] == "annual-report" and rules[0] == rules[1]
    imported = invoke("import", ofd, "-o", tmp_path / "back.yaml")
    assert imported.exit_code == 0 and "一致 36 段" in imported.output, imported.output
    relaid = invoke("render", ofd, "-o", tmp_path / "relaid.docx")
    assert relaid.exit_code == 0 and (tmp_path / "relaid.docx").stat().st_size > 0


def test_a_damaged_ofd_draft_is_exit_2_located(tmp_path):
    bad = tmp_path / "坏.ofd"
    bad.write_bytes(b"PK\x03\x04 not really")
    result = invoke("check", bad)
    assert result.exit_code == 2 and "坏.ofd" in result.output and "Traceback" not in result.output
