"""Shared fixtures: example paths, a render helper and a .docx XML reader."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The published documents the examples reproduce (public government texts, copied as published).
SEEDS = Path(__file__).resolve().parent / "fixtures" / "published"
GOLDEN = Path(__file__).resolve().parent / "golden"

KAIFU = EXAMPLES / "kaifu-2022.yaml"
MUDANJIANG = EXAMPLES / "mudanjiang-2022.yaml"
MAOJIAN = EXAMPLES / "maojian-2024-plan.yaml"
ALL_EXAMPLES = [KAIFU, MUDANJIANG, MAOJIAN]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}


def w(name: str) -> str:
    """Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{name}"


class Docx:
    """A rendered .docx read back with zipfile + lxml."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as package:
            self.names = package.namelist()
            self._parts = {name: package.read(name) for name in self.names}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self._parts[name])

    def raw(self, name: str) -> str:
        return self._parts[name].decode("utf-8")

    @property
    def document(self) -> etree._Element:
        return self.xml("word/document.xml")

    @property
    def styles(self) -> etree._Element:
        return self.xml("word/styles.xml")

    def style(self, style_id: str) -> etree._Element:
        found = self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert found is not None, f"style {style_id} missing from styles.xml"
        return found

    def body_paragraphs(self) -> list[etree._Element]:
        """Top-level body paragraphs in document order (tables' cell paragraphs excluded)."""
        return self.document.findall("w:body/w:p", NS)

    def footers(self) -> dict[str, etree._Element]:
        """Footer parts by their footerReference type (default, even)."""
        rels = etree.fromstring(self._parts["word/_rels/document.xml.rels"])
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sect = self.document.find("w:body/w:sectPr", NS)
        out = {}
        for ref in sect.findall("w:footerReference", NS):
            rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            out[ref.get(w("type"))] = self.xml("word/" + targets[rid])
        return out


def para_style(p: etree._Element) -> str:
    style = p.find("w:pPr/w:pStyle", NS)
    return style.get(w("val")) if style is not None else "Normal"


def para_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def runs(p: etree._Element) -> list[tuple[str, str]]:
    """(character style, text) for each text run of a paragraph."""
    out = []
    for r in p.findall("w:r", NS):
        text = "".join(t.text or "" for t in r.findall("w:t", NS))
        if not text:
            continue
        rstyle = r.find("w:rPr/w:rStyle", NS)
        out.append((rstyle.get(w("val")) if rstyle is not None else "", text))
    return out


def need_tool(tool: str) -> str:
    """The path of a command the test needs (soffice, pdftotext, …): a skip on a workstation
    without it, a failure under CI=true, where .ci/run installs it."""
    found = shutil.which(tool)
    if not found:
        message = f"{tool} not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required on CI)")
        pytest.skip(message)
    return found


def copy_example(example: Path, folder: Path) -> Path:
    """Copy an example spec into a temporary folder (outputs land beside it)."""
    target = folder / example.name
    shutil.copyfile(example, target)
    return target


@pytest.fixture
def render_docx(tmp_path):
    """render_docx(spec_path, table=False, templates=None) -> Docx, written under tmp_path."""
    from generator.api import render_file
    from generator.render.build import Options

    def render(spec: Path, table: bool = False, templates: str | None = None) -> Docx:
        out = tmp_path / (Path(spec).stem + ("-table" if table else "") + ".docx")
        render_file(spec, out, "docx", Options(templates, table))
        return Docx(out)

    return render


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Each example rendered once per session: {stem: Docx} (read-only use)."""
    from generator.api import render_file
    from generator.render.build import Options

    folder = tmp_path_factory.mktemp("rendered")
    out = {}
    for spec in ALL_EXAMPLES:
        path = folder / (spec.stem + ".docx")
        render_file(spec, path, "docx", Options())
        out[spec.stem] = Docx(path)
    path = folder / (MAOJIAN.stem + "-table.docx")
    render_file(MAOJIAN, path, "docx", Options(None, True))
    out[MAOJIAN.stem + "-table"] = Docx(path)
    return out


@pytest.fixture(scope="session")
def layout():
    from generator.ooxml.layout import load_layout

    return load_layout()


def render_text(spec: Path) -> str:
    """The --format txt rendition of a spec."""
    from generator.render.build import build_tree
    from generator.spec.validate import load_spec
    from generator.write.text import to_text

    return to_text(build_tree(load_spec(spec)))


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory):
    """Caches (the .docx base package, data files, templates, LibreOffice's profile) live in this
    session's folder, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FAZHI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield
