"""A review copy carries nothing hostile over from the draft: only the package's own parts (those its
relationships reach), normalised member names, no DOCTYPE, no macro project; a draft whose parts
rely on DOCTYPE entities or that holds two members of one name is refused, located."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from harness import EXAMPLES, assert_refused, fazhi

MACRO_MAIN = b"application/vnd.ms-word.document.macroEnabled.main+xml"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
VBA_REL = (
    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
    b'Target="vbaProject.bin"/></Relationships>'
)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("base")
    run = fazhi("render", EXAMPLES / "template-county-2025.yaml", "-o", folder / "base.docx", cwd=folder)
    assert run.code == 0, run.text
    return (folder / "base.docx").read_bytes()


def _hostile(base: bytes, edit=None, extra: dict | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(base))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info, edit(info.filename, data) if edit else data)
        for name, data in (extra or {}).items():
            out.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


def _doctype(part: str, declaration: bytes):
    def edit(name, data):
        if name != part:
            return data
        end = data.index(b"?>") + 2
        return data[:end] + declaration + data[end:]

    return edit


def _macros(name, data):
    if name == "[Content_Types].xml":
        return data.replace(DOCX_MAIN, MACRO_MAIN)
    if name == "word/_rels/document.xml.rels":
        return data.replace(b"</Relationships>", VBA_REL)
    return data


STRAYS = {
    "../../evil.sh": b"echo pwned",
    "/abs/evil.txt": b"x",
    "word\\back.xml": b"<x/>",
    "C:/win.txt": b"x",
    "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros",
    "payload.html": b"<script>alert(1)</script>",
    "word/media/../../up.txt": b"x",
    "./word/./dot.xml": b"<x/>",
}
CASES = {
    "stray-members": (None, STRAYS),
    "macro-project": (_macros, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"}),
    "doctype-in-styles": (_doctype("word/styles.xml", b"<!DOCTYPE w:styles>"), {}),
    "doctype-system-in-settings": (
        _doctype("word/settings.xml", b'<!DOCTYPE w:settings SYSTEM "http://example.invalid/x.dtd">'),
        {},
    ),
    "doctype-in-rels": (_doctype("_rels/.rels", b"<!DOCTYPE Relationships>"), {}),
    "doctype-after-a-long-comment": (
        _doctype("word/fontTable.xml", b"<!--" + b" padding " * 1000 + b"--><?pi x?><!DOCTYPE w:fonts>"),
        {},
    ),
}


@pytest.mark.parametrize("edit, extra", CASES.values(), ids=CASES.keys())
def test_the_review_copy_holds_only_the_packages_own_parts(tmp_path, base, edit, extra):
    draft = tmp_path / "draft.docx"
    draft.write_bytes(_hostile(base, edit, extra))
    run = fazhi("check", draft, "--review", "-o", tmp_path / "review.docx", cwd=tmp_path)
    assert run.code in (0, 1), run.text
    with zipfile.ZipFile(tmp_path / "review.docx") as review:
        names = review.namelist()
        assert len(names) == len(set(names))
        assert set(names) >= {
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/comments.xml",
        }
        for name in names:
            assert re.fullmatch(r"(\[Content_Types\]\.xml|[\w.-]+(/[\w.-]+)*)", name) and ".." not in name, name
            assert not name.startswith(("/", "./")) and "\\" not in name, name
            assert "vba" not in name.lower() and not name.endswith((".sh", ".html", ".txt")), name
            data = review.read(name)
            if name.endswith((".xml", ".rels")):
                assert b"<!DOCTYPE" not in data, name
                ElementTree.fromstring(data)
        assert MACRO_MAIN not in review.read("[Content_Types].xml")
        assert b"vbaProject" not in review.read("word/_rels/document.xml.rels")


@pytest.mark.parametrize("part", ["word/document.xml", "word/settings.xml"])
def test_doctype_entities_are_refused(tmp_path, base, part):
    declaration = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    draft = tmp_path / "draft.docx"
    draft.write_bytes(_hostile(base, _doctype(part, declaration)))
    run = fazhi("check", draft, "--review", "-o", tmp_path / "review.docx", cwd=tmp_path)
    assert_refused(run, "DOCTYPE", where=r"draft\.docx: ")
    assert not (tmp_path / "review.docx").exists()


@pytest.mark.parametrize("flag", ["--review", "--fix"])
def test_two_members_of_one_name_are_refused(tmp_path, base, flag):
    source = zipfile.ZipFile(io.BytesIO(base))
    twin = source.read("word/document.xml").replace("示例县".encode(), "别的县".encode())
    draft = tmp_path / "draft.docx"
    with pytest.warns(UserWarning):
        draft.write_bytes(_hostile(base, extra={"word/document.xml": twin}))
    run = fazhi("check", draft, flag, "-o", tmp_path / "out.docx", cwd=tmp_path)
    assert_refused(run, "重名的部件", where=r"draft\.docx: ")
    assert not (tmp_path / "out.docx").exists()
