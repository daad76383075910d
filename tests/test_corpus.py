"""fazhi against real published reports and plans, in every form clerks hand in (tests/corpus).

One case per document × form × metric. What fazhi gets wrong today is listed in
tests/corpus/known_failures.py and marked xfail(strict=True): fixing it makes the case XPASS, which
fails until the entry is removed. The builder's own tests come first: labels match their texts,
forms are deterministic, valid OOXML, and carry what their form promises.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from corpus import forms, labels, measure
from corpus.known_failures import KNOWN

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
IDS = labels.ids()
CASES = [
    pytest.param(
        d,
        f,
        m,
        id=f"{d}-{f}-{m}",
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN[(d, f, m)])] if (d, f, m) in KNOWN else [],
    )
    for d in IDS
    for f in forms.FORMS
    for m in measure.METRICS
    if measure.applies(labels.load(d), m)
]
_OUTCOMES: dict[tuple[str, str], measure.Outcome] = {}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("corpus-forms")


def _built(doc_id: str, form: str, folder: Path) -> Path:
    path = folder / f"{doc_id}.{form}{forms.SUFFIX.get(form, '.docx')}"
    return path if path.exists() else forms.build(labels.load(doc_id), form, folder)


@pytest.mark.parametrize("doc_id", IDS)
def test_labels_are_complete(doc_id):
    """Every label file names its source, date, kind, unit, level and year, and matches its text."""
    doc = labels.load(doc_id)
    label = doc.label
    assert label["source"].startswith(("http://", "https://"))
    assert isinstance(label["retrieved"], dt.date)
    assert label["kind"] in labels.KINDS and label["level"] in labels.LEVELS
    assert 2019 <= label["year"] <= 2025
    assert label["unit"]["full"] and isinstance(label["unit"]["names"], list)  # []: the text names no unit
    assert isinstance(label.get("excerpt"), bool)
    assert set(label["findings"]) <= {"expected", "absent"}
    if doc.kind == "work-plan":
        assert "plan_parts" in label and "owners" in label
    else:
        assert set(label["parts"]) == set("12345")
        for n, heading in label["parts"].items():
            assert heading is None or isinstance(heading, str), n


def test_every_text_has_labels():
    texts = {p.stem for p in labels.REAL.glob("*.txt")}
    assert texts == {p.stem for p in labels.REAL.glob("*.yaml")}


# How real plans name a task's owners: 「牵头单位：」「责任单位：」, 〔……按职责分工负责〕, （司法厅负责）.
_OWNERS_WRITTEN = re.compile(r"(牵头|责任|配合)单位|按职责分工.{0,4}负责|[（(〔][^（()）〔〕]{1,40}负责[）)〕]")


@pytest.mark.parametrize("doc_id", [d for d in IDS if labels.load(d).kind == "work-plan"])
def test_plans_sample_the_owners_they_write(doc_id):
    """A plan whose text names task owners samples some in its labels, so the owners metric reaches it."""
    doc = labels.load(doc_id)
    body = "\n".join(p.text for p in doc.body if p.role not in ("recipients", "closing"))
    assert bool(_OWNERS_WRITTEN.search(body)) == bool(doc.label["owners"])


@pytest.mark.parametrize("form", forms.FORMS)
def test_forms_are_deterministic(form, tmp_path):
    doc = labels.load(IDS[0])
    first = forms.build(doc, form, tmp_path).read_bytes()
    assert forms.BUILDERS[form](doc) == first


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _deepest() -> list[str]:
    """The documents whose forms hold every construct: headings of three levels, a plan's notice, a list
    level that goes on counting across higher headings."""
    deep = sorted(IDS, key=lambda d: -max([p.level for p in labels.load(d).paras if p.role == "heading"] or [0]))
    plans = [d for d in IDS if labels.load(d).kind == "work-plan"]
    continuing = [d for d in IDS if forms.continuing(labels.load(d))]
    return sorted({deep[0], deep[1], *plans[:1], *continuing[:1]})


@pytest.mark.parametrize("doc_id", _deepest())
@pytest.mark.parametrize("form", forms.FORMS[2:])
def test_word_forms_are_valid_ooxml(doc_id, form, folder):
    """Open XML SDK rules (openxml-audit) on the forms of the documents with every construct: the XML
    is the same code for every document, the text aside."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(strict=False).validate(str(_built(doc_id, form, folder)))  # one per file: it keeps state
    assert result.is_valid and not result.errors, [str(e) for e in result.errors[:3]]


def test_autonum_keeps_counting_where_the_text_did(folder):
    """静海区 2020 numbers 1. 2. under (一) and 3. under (二): Word's list must not restart its 1. level there;
    北城街 starts 1. again under each (一) (二), as Word does by default."""
    doc = labels.load("jinghai-2020-report")
    assert forms.continuing(doc) == {2}
    assert not forms.continuing(labels.load("beichengjie-2025-report"))
    with zipfile.ZipFile(_built(doc.id, "autonum", folder)) as package:
        xml = package.read("word/numbering.xml").decode()
    assert re.search(r'<w:lvl w:ilvl="2">(?:(?!</w:lvl>).)*<w:lvlRestart w:val="0"/>', xml)
    assert not re.search(r'<w:lvl w:ilvl="[013]">(?:(?!</w:lvl>).)*<w:lvlRestart', xml)


@pytest.mark.parametrize("doc_id", IDS)
def test_word_forms_carry_their_feature(doc_id, folder):
    """autonum: numPr and no typed number; runfonts: every run's font; tracked: revisions and comments;
    boxed: tables and text boxes."""
    doc = labels.load(doc_id)
    headings = [p for p in doc.paras if p.role == "heading"]
    for form in forms.FORMS[2:]:
        root = _document(_built(doc_id, form, folder))
        if form == "autonum":
            numbered = root.findall(f".//{W}numPr/..")
            assert len(numbered) == len(headings)
            texts = ["".join(p.itertext()) for p in (n.getparent() for n in numbered)]
            assert not any(re.match(r"[一二三四五六七八九十]+、|\(|（|\d+\.", t) for t in texts), texts[:3]
        elif form == "runfonts":
            runs = root.findall(f".//{W}r")
            assert all(r.find(f"{W}rPr/{W}rFonts") is not None for r in runs)
        elif form == "tracked" and headings:
            assert root.find(f".//{W}ins") is not None and root.find(f".//{W}delText") is not None
            assert root.find(f".//{W}commentRangeStart") is not None
        elif form == "boxed" and headings:
            assert (root.find(f".//{W}tbl") is not None) == any(p.level == 1 for p in headings)
            assert (root.find(f".//{W}txbxContent") is not None) == any(p.level == 2 for p in headings)


def test_runon_form_is_one_line():
    doc = labels.load(IDS[0])
    text = forms.runon(doc).decode("utf-8")
    assert text.count("\n") == 1 and "当前位置：首页" in text and "打印本页" in text


@pytest.mark.parametrize("doc_id,form,metric", CASES)
def test_corpus(doc_id, form, metric, folder):
    """fazhi's check, import and render DRAFT agree with the labels on this metric."""
    key = (doc_id, form)
    if key not in _OUTCOMES:
        _OUTCOMES[key] = measure.measure(labels.load(doc_id), form, _built(doc_id, form, folder))
    score = _OUTCOMES[key].scores[metric]
    if not score.ok:
        pytest.fail(f"{metric}: {score.seen}", pytrace=False)  # no traceback: 600 known failures stay cheap


def test_owners_metric_can_pass_and_fail():
    """The owners metric on a spec shaped as `fazhi import` writes plans: right owners pass, others fail."""
    doc = labels.load("xiping-2020-plan")
    item = {"title": "为推动经济高质量发展提供法治保障", "text": "…"}
    right = {
        "units": {"基层": ["乡镇人民政府按职责分工分别负责"]},
        "parts": [
            {
                "title": "依法全面履行政府职能",
                "items": [{**item, "responsible": ["县政府办公室", "县司法局", "各有关部门", "$基层"]}],
            }
        ],
    }
    wrong = {"parts": [{"title": "依法全面履行政府职能", "items": [{**item, "responsible": ["县司法局"]}]}]}
    for data, ok in ((right, True), (wrong, False)):
        out = measure.Outcome(doc.id, "web")
        measure._owners(doc, data, out)
        assert out.scores["owners"].ok is ok, out.scores["owners"].seen


def test_corpus_covers_the_brief():
    """Kinds, departments, levels from province to street and zone, years 2019-2025; plans under several names."""
    docs = labels.corpus()
    assert len(docs) >= 30
    assert sum(d.kind == "department-report" for d in docs) >= 8
    assert {d.label["level"] for d in docs} >= {"province", "city", "county", "district", "township", "street", "zone"}
    assert {d.label["year"] for d in docs} >= set(range(2019, 2026))
    plans = [d for d in docs if d.kind == "work-plan"]
    names = {
        re.search(r"(工作要点|工作安排|实施方案|工作计划|任务清单)", "".join(d.label["title"])).group(1) for d in plans
    }
    assert len(plans) >= 4 and len(names) >= 3  # fewer than the brief's 10: see the corpus README


def test_known_failures_name_real_cases():
    """Every entry of the known-failures list is a case of this corpus (no stale entry hides a rename)."""
    cases = {(d, f, m) for d in IDS for f in forms.FORMS for m in measure.METRICS if measure.applies(labels.load(d), m)}
    assert set(KNOWN) <= cases, sorted(set(KNOWN) - cases)[:5]
