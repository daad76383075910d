"""--fix and --review: the trap corpus, .txt and .docx fixed in place, the review copy with
comments and tracked changes (LibreOffice reads it back), OOXML validation, the CLI."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import need_tool, ALL_EXAMPLES, SEEDS
from generator import read as drafts
from generator.checks import check_document
from generator.review import fix_bytes, review_bytes
from generator.review.textfix import apply, fix_paragraph

TRAPS = yaml.safe_load((Path(__file__).parent / "fixtures" / "traps.yaml").read_text(encoding="utf-8"))
PACK = ("punct.unpaired", "punct.ascii-quotes", "punct.dash", "punct.ellipsis", "numbers.", "numbering.full-width-dot")


@pytest.mark.parametrize("trap", TRAPS["unchanged"], ids=lambda t: t["name"])
def test_trap_is_left_alone(trap):
    assert fix_paragraph(trap["text"], frozenset(trap.get("roles", ()))) == []


@pytest.mark.parametrize("case", TRAPS["fixed"], ids=lambda t: t["name"])
def test_fix_corpus(case):
    text = case["text"]
    assert apply(text, fix_paragraph(text, frozenset(case.get("roles", ())))) == case["want"]


def _pairs(result):
    return {(f.rule, f.line) for f in result.findings}


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_txt_fix_removes_only_fixed_findings(seed, tmp_path):
    path = SEEDS / seed
    doc = drafts.read_draft(path)
    before = check_document(doc)
    data, fixes = fix_bytes(path.read_bytes(), doc, str(path))
    assert fixes
    out = tmp_path / seed
    out.write_bytes(data)
    after = check_document(drafts.read_draft(out))
    fixed_rules = {f.rule for f in fixes}
    assert _pairs(after) <= _pairs(before)
    assert all(rule in fixed_rules for rule, _ in _pairs(before) - _pairs(after))
    again, more = fix_bytes(data, drafts.read_draft(out), str(out))
    assert more == [] and again == data
    assert len(data.decode().splitlines()) == len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("spec", ALL_EXAMPLES + sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_pack_has_no_false_alarms(spec):
    """The pack on the published texts and the examples: only the year ranges written with a
    hyphen (「2021-2025年」, true and only a notice), nothing else."""
    from generator.api import read_any

    found = [f for f in check_document(read_any(spec)).findings if f.rule.startswith(PACK)]
    assert all(f.rule == "numbers.range-dash" and f.severity == "info" and "-20" in f.message for f in found), found


# ---------------------------------------------------------------- .docx drafts


def _draft(tmp_path, example=ALL_EXAMPLES[0]) -> Path:
    """A rendered example with defects typed in, one of them split across two runs."""
    from generator.api import render_bytes
    from generator.spec.validate import load_spec

    package = zipfile.ZipFile(io.BytesIO(render_bytes(load_spec(example), "docx")))
    xml = package.read("word/document.xml").decode()
    for old, new in (
        ("2023年1月4日", "2023年01</w:t></w:r><w:r><w:t>月04日"),
        ("2022年，", "2022年,"),
        ("新增“一件事一次办”", '新增"一件事一次办"'),
        ("（一）依法全面履行政府职能", "(一)依法全面履行政府职能"),
    ):
        assert old in xml, old
        xml = xml.replace(old, new, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in package.infolist():
            target.writestr(info, xml.encode() if info.filename == "word/document.xml" else package.read(info.filename))
    path = tmp_path / "draft.docx"
    path.write_bytes(out.getvalue())
    return path


def _skeleton(xml: str) -> str:
    return re.sub(r"(<w:t(?:\s[^>]*)?>)[^<]*(</w:t>)", r"\1\2", xml)


def test_docx_fix_edits_only_text_nodes(tmp_path):
    path = _draft(tmp_path)
    doc = drafts.read_draft(path)
    before = check_document(doc)
    data, fixes = fix_bytes(path.read_bytes(), doc, str(path))
    assert {f.rule for f in fixes} == {
        "date.format",
        "punct.half-width",
        "punct.ascii-quotes",
        "numbering.bracket-width",
    }
    old, new = zipfile.ZipFile(path), zipfile.ZipFile(io.BytesIO(data))
    assert old.namelist() == new.namelist()
    for name in old.namelist():
        if name != "word/document.xml":
            assert old.read(name) == new.read(name), name
    a, b = old.read("word/document.xml").decode(), new.read("word/document.xml").decode()
    assert _skeleton(a) == _skeleton(b) and a != b
    out = tmp_path / "fixed.docx"
    out.write_bytes(data)
    after = check_document(drafts.read_draft(out))
    assert _pairs(after) <= _pairs(before)
    gone = {rule for rule, _ in _pairs(before) - _pairs(after)}
    assert gone == {"date.format", "punct.half-width", "punct.ascii-quotes", "numbering.bracket-width"}


def _review(tmp_path):
    path = _draft(tmp_path)
    doc = drafts.read_draft(path)
    result = check_document(doc)
    data, fixes = review_bytes(path.read_bytes(), doc, result, str(path))
    out = tmp_path / "reviewed.docx"
    out.write_bytes(data)
    fixed, _ = fix_bytes(path.read_bytes(), doc, str(path))
    (tmp_path / "fixed.docx").write_bytes(fixed)
    return path, out, result, fixes


def test_review_copy_has_a_comment_per_finding_and_a_revision_per_change(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path, out, result, fixes = _review(tmp_path)
    package = zipfile.ZipFile(out)
    comments = package.read("word/comments.xml").decode()
    document = package.read("word/document.xml").decode()
    assert comments.count("<w:comment ") == len(result.findings) == document.count("<w:commentReference ")
    assert 'w:author="fazhi"' in comments and 'w:date="2023-11-14T22:13:20Z"' in document
    assert document.count("<w:ins ") + document.count("<w:del ") >= len(fixes) and "<w:del " in document
    assert "comments.xml" in package.read("word/_rels/document.xml.rels").decode()
    assert "/word/comments.xml" in package.read("[Content_Types].xml").decode()
    whole = [f for f in result.findings if f.line is None]
    missing = [c for c in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", comments) if "缺少第" in c]
    assert missing and all("应补写在本段" in c for c in missing)
    assert all(f.rule for f in whole)


def _audit_errors(path: Path) -> set[str]:
    from openxml_audit import OpenXmlValidator

    return {str(e) for e in OpenXmlValidator().validate(str(path)).errors}


def test_outputs_validate_as_ooxml(tmp_path):
    """openxml-audit (the Open XML SDK validator ported to Python): the fixed and the reviewed
    copies have no error the draft did not already have."""
    path, out, _, _ = _review(tmp_path)
    baseline = _audit_errors(path)
    assert _audit_errors(tmp_path / "fixed.docx") <= baseline
    assert _audit_errors(out) <= baseline


def _need_soffice() -> str:
    return need_tool("soffice")


ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _accepted_paragraphs(fodt: Path) -> tuple[list[str], int, int]:
    """(paragraph texts with every tracked change accepted, comments, tracked changes) of the Flat
    ODF LibreOffice wrote: text between text:change-start and text:change-end of a deletion is
    dropped, of an insertion kept; comment bodies (office:annotation) are not text."""
    from lxml import etree

    body = etree.parse(str(fodt)).find(".//office:body/office:text", ODF)
    regions = body.findall(".//text:tracked-changes/text:changed-region", ODF)
    deletions = {r.get(f"{{{ODF['text']}}}id") for r in regions if r.find("text:deletion", ODF) is not None}
    comments = len(body.findall(".//office:annotation", ODF))
    texts = [
        _accepted_text(p, deletions)
        for p in body.iter(f"{{{ODF['text']}}}p", f"{{{ODF['text']}}}h")
        if not any(a.tag.endswith("}annotation") or a.tag.endswith("}changed-region") for a in p.iterancestors())
    ]
    return texts, comments, len(regions)


def _accepted_text(paragraph, deletions: set) -> str:
    from lxml import etree

    out, deleted, skip = [], set(), 0
    tag = f"{{{ODF['text']}}}"
    for event, element in etree.iterwalk(paragraph, events=("start", "end")):
        name = element.tag
        if event == "start":
            if name == tag + "change-start" and element.get(tag + "change-id") in deletions:
                deleted.add(element.get(tag + "change-id"))
            elif name == tag + "change-end":
                deleted.discard(element.get(tag + "change-id"))
            elif name.endswith("}annotation"):
                skip += 1
            elif element is not paragraph and name == tag + "s":
                out.append("" if deleted or skip else " " * int(element.get(tag + "c", "1")))
            if (
                element.text
                and not deleted
                and not skip
                and element is not paragraph
                or (element is paragraph and element.text)
            ):
                out.append(element.text if not deleted and not skip else "")
        else:
            if name.endswith("}annotation"):
                skip -= 1
            if element is not paragraph and element.tail and not deleted and not skip:
                out.append(element.tail)
    return "".join(out)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_review_and_accept_all_gives_the_fix(tmp_path):
    exe = _need_soffice()
    path, out, result, fixes = _review(tmp_path)
    folder = tmp_path / "odf"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "fodt",
            "--outdir",
            str(folder),
            str(out),
            str(tmp_path / "fixed.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    reviewed, comments, changes = _accepted_paragraphs(folder / "reviewed.fodt")
    fixed, none, unchanged = _accepted_paragraphs(folder / "fixed.fodt")
    assert comments == len(result.findings) and none == 0
    assert changes >= len(fixes) and unchanged == 0
    assert reviewed == fixed


# ---------------------------------------------------------------- CLI


def _run(*args):
    from click.testing import CliRunner

    from generator.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_fix_txt_and_json_fixes(tmp_path):
    seed = tmp_path / "mdj.txt"
    shutil.copyfile(SEEDS / "mudanjiang-2022-report.txt", seed)
    out = tmp_path / "mdj.fixed.txt"
    result = _run("check", seed, "--fix", "-o", out, "--format", "json")
    data = json.loads(result.stdout)
    fixes = data["files"][0]["fixes"]
    assert fixes and {"rule", "line", "before", "after", "context"} <= set(fixes[0])
    assert out.exists() and "已写出修正稿" in result.stderr
    assert result.exit_code == 1  # part 3 is still missing: fixing does not write reports


def test_cli_review_text_and_sarif(tmp_path):
    draft = _draft(tmp_path)
    out = tmp_path / "r.docx"
    text = _run("check", draft, "--review", "-o", out)
    assert re.search(r"draft\.docx:\d+: fix punct\.half-width 「,」→「，」", text.stdout), text.stdout
    sarif = json.loads(_run("check", draft, "--review", "-o", out, "--format", "sarif").stdout)
    with_fixes = [r for r in sarif["runs"][0]["results"] if r.get("fixes")]
    assert with_fixes and with_fixes[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "date.deadline")
    assert rule["properties"]["clause"] == "第二十四条" and "4月1日" in rule["properties"]["quote"]


def test_cli_edit_errors(tmp_path):
    draft = _draft(tmp_path)
    assert _run("check", draft, "--fix", "--review", "-o", tmp_path / "x.docx").exit_code == 2
    assert _run("check", draft, "--fix", "-o", draft).exit_code == 2
    spec = tmp_path / "a.yaml"
    shutil.copyfile(ALL_EXAMPLES[0], spec)
    result = _run("check", spec, "--fix", "-o", tmp_path / "a2.yaml")
    assert result.exit_code == 2 and "--fix 只适用于" in result.stderr
    txt = tmp_path / "a.txt"
    shutil.copyfile(SEEDS / "kaifu-2022-report.txt", txt)
    assert _run("check", txt, "--review", "-o", tmp_path / "b.docx").exit_code == 2


def test_paragraph_numbers_are_the_readers_lines(rendered):
    """The editor finds each draft line's paragraph by the reader's counting (tables included)."""
    from generator.ooxml.paragraphs import body_paragraphs, masked
    from generator.tree import Paragraph

    docx = rendered["maojian-2024-plan-table"]
    xml = docx.raw("word/document.xml")
    paras = body_paragraphs(masked(xml), "w")
    doc = drafts.read_docx_bytes(docx.path.read_bytes(), "plan.docx")
    blocks = [b for d in doc.all_documents() for b in d.blocks if isinstance(b, Paragraph)]
    assert blocks and all(paras[b.line].text.strip() == b.text for b in blocks)
    assert len(paras) == xml.count("<w:p>") + xml.count("<w:p ") + xml.count("<w:p/>")


def test_the_screen_misses_no_paragraph_the_fixer_edits():
    """plan() runs the fixer only on the lines textfix.candidates screens (and on lines with a
    role): every trap the fixer edits without a role is among them, and a plain line is not."""
    from generator.review.textfix import candidates

    cases = [c for c in TRAPS["fixed"] + TRAPS["unchanged"] if not c.get("roles")]
    texts = dict(enumerate((c["text"] for c in cases), 1))
    texts[len(texts) + 1] = "全面推行行政执法三项制度，落实行政裁量权基准制度。"
    edited = {line for line, text in texts.items() if fix_paragraph(text)}
    assert edited and edited <= candidates(texts) and len(texts) not in candidates(texts)
    from generator.lexicon.chars import DOUBLED_MARKS
    from generator.review.writingfix import DOUBLED_FIRST

    assert DOUBLED_MARKS.startswith(f"[{DOUBLED_FIRST}]")  # the screen's test for doubled marks


def test_web_page_noise_is_not_fixed():
    """plan() leaves alone what the reader drops: a page's chrome (wherever it stands) and
    everything after an end marker; the text between is fixed."""
    from generator.review.plan import plan
    from generator.tree import Document

    texts = {
        1: "来源:某县人民政府网站",  # dropped before the text starts, though it holds a half-width colon
        2: "某县2022年法治政府建设情况,报告如下。",
        3: "",
        4: "浏览次数:25",  # dropped in the text too
        5: "依法行政(全面)推进。",
        6: "相关链接:",  # the end marker: the rest of the page is not the draft's
        7: "下一段,不改。",
    }
    assert sorted(plan(texts, Document())) == [2, 5]
    assert sorted(plan({n: t for n, t in texts.items() if n != 2}, Document())) == [5]


def test_the_review_copy_carries_untouched_parts_byte_for_byte(tmp_path):
    """Parts the review does not edit keep their stored (compressed) bytes, name and method."""
    from generator.review.package import Source

    path, out, _, _ = _review(tmp_path)
    old, new = Source(path.read_bytes(), "draft"), Source(out.read_bytes(), "review")
    edited = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    untouched = [info for info in old.infos if info.filename not in edited]
    assert untouched and {i.filename for i in new.infos} == {i.filename for i in old.infos} | edited
    for info in untouched:
        copy = new.by_name[info.filename]
        assert (copy.compress_type, copy.CRC, copy.date_time) == (info.compress_type, info.CRC, info.date_time)
        assert new.stored(copy) == old.stored(info), info.filename
    assert all(new.read(info) for info in new.infos)  # every member inflates with its CRC right


def test_protected_spans_are_the_patterns_own():
    """_protected tries the protect patterns only where fixes.yaml's protect_start says one can
    start: the spans are those of the patterns' own finditer on every trap and published line."""
    from generator.review.textfix import _config, _protected

    lines = [c["text"] for c in TRAPS["fixed"] + TRAPS["unchanged"]]
    for seed in sorted(SEEDS.glob("*.txt")):
        lines += seed.read_text(encoding="utf-8").splitlines()
    lines += ["见 https://example.gov.cn/a?b=1,c 与 www.example.cn,及 a.b@x.cn;时间 9:30,版本 1.2.3。"]
    protect = _config()[1]
    assert sum(bool(_protected(line)) for line in lines) > 3
    for line in lines:
        assert _protected(line) == [m.span() for m in protect.finditer(line)], line
