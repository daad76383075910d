"""Run `check`, `import` and `render DRAFT` on one form of one document and compare with its labels.

Each metric is a Score: ok, and what was seen (for the failure message and the report). What fazhi
does is reached through generator.api only (and the summary's unit, what a supervising office sees).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .labels import Doc

METRICS = (
    "kind",
    "unit",
    "year",
    "parts",
    "outline",
    "expected",
    "false",
    "paragraphs",
    "headings40",
    "spec",
    "owners",
)
CN = "一二三四五"
_WIDE = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
_NUMBER = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+[、.．]|（\d+）|\d+[.．、])")
_SPACE = re.compile(r"\s+")
# Rules about typed numbers: Word's automatic numbering generates its own, so they do not apply there.
TYPED_NUMBERS = ("numbering.",)
TEXT_FORMS = ("web", "runon")
FORM_ABSENT = {
    "runon": ["leftover.empty-section"],
    "runfonts": ["layout.body-font", "layout.body-size", "layout.east-asian-font"],
    "autonum": ["layout.body-font", "layout.body-size"],
    "tracked": ["layout.body-font", "layout.body-size"],
    "boxed": ["layout.body-font", "layout.body-size"],
}


def applies(doc: Doc, metric: str) -> bool:
    """Owners are measured on the plans whose labels sample them; every other metric on every document."""
    return metric != "owners" or bool(doc.label.get("owners"))


def norm(text: str) -> str:
    """Text as compared: full-width punctuation, no spaces, no leading heading number."""
    text = _SPACE.sub("", text.translate(_WIDE))
    return _NUMBER.sub("", text)


@dataclass
class Score:
    ok: bool
    seen: str = ""


@dataclass
class Outcome:
    """What fazhi did with one file, scored metric by metric."""

    doc: str
    form: str
    scores: dict[str, Score] = field(default_factory=dict)
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # (rule, severity, message)
    false: list[str] = field(default_factory=list)
    parts_agree: int = 0


def _matches(spec: str, finding: tuple[str, str, str]) -> bool:
    """`rule`, `rule@N` (a statutory part: 「第N部分」 in the message) or `rule~text` (text in the message)."""
    rule, _, message = finding
    if "@" in spec:
        name, part = spec.split("@")
        return rule == name and f"第{CN[int(part) - 1]}部分" in message
    if "~" in spec:
        name, text = spec.split("~", 1)
        return rule == name and text in message
    return rule == spec or (spec.endswith(".") and rule.startswith(spec))


def _cut_off_section(doc: Doc, spec: str) -> bool:
    """A heading with nothing under it in the labels themselves (an excerpt that stops on a heading, a
    section title right above a same-level heading): its empty section is a true finding in every form."""
    if spec != "leftover.empty-section":
        return False
    body = doc.body
    for para, after in zip(body, body[1:] + [None]):
        if para.role == "heading" and not para.runin:
            if after is None or (after.role == "heading" and after.level <= para.level):
                return True
    return False


def expectations(doc: Doc, form: str) -> tuple[list[str], list[str]]:
    """The findings that must appear and those that must not, for this form."""
    findings = doc.label.get("findings") or {}
    expected, absent = list(findings.get("expected") or []), list(findings.get("absent") or [])
    recipients = doc.label.get("recipients") or (doc.label.get("notice") or {}).get("recipients")
    if recipients:  # a sentence of the opening taken for the 主送 shows as this finding gone missing
        absent.append("head.missing~主送")
    elif doc.kind != "work-plan":
        expected.append("head.missing~主送")
    notice = doc.label.get("notice") or {}
    absent += [f"head.missing~{what}" for key, what in (("signature", "署名"), ("date", "成文日期")) if notice.get(key)]
    if doc.kind == "work-plan":
        absent += ["parts.missing", "parts.nested", "parts.order"]
    else:
        present = doc.present_parts()
        for n in "12345":
            (absent if n in present else expected).append(f"parts.missing@{n}")
        if not doc.label.get("nested"):
            absent.append("parts.nested")
    absent += [a for a in FORM_ABSENT.get(form, []) if not _cut_off_section(doc, a)]
    if form not in TEXT_FORMS:  # the Word forms are built with their paragraph breaks
        expected = [e for e in expected if e != "draft.paragraphs-rebuilt"]
    if form == "autonum":
        expected = [e for e in expected if not e.startswith(TYPED_NUMBERS)]
        absent = [a for a in absent if not a.startswith(TYPED_NUMBERS)]
    return expected, absent


_SEAT = re.compile(r"(人民政府|办事处|管理委员会|管委会)$")
_PARENTS = re.compile(r"^([\u4e00-\u9fff]{1,10}?(省|自治区|市|州|盟|地区|区|县|旗))+$")


def _accepted(found: str, names: set[str]) -> bool:
    """A name the labels list, or one of them with its seat's suffix dropped (金龙街道办事处 → 金龙街道) or
    with the regions above it in front (鲤城区金龙街道, 长沙市天心区坡子街街道)."""
    bare = _SEAT.sub("", found)
    for name in names | {_SEAT.sub("", n) for n in names}:
        if found == name or bare == name or bare.endswith(name) and _PARENTS.match(bare[: -len(name)]):
            return True
    return False


def _unit_ok(doc: Doc, *found: str) -> bool:
    """Every name found is one the labels accept; a text that names no unit must get none."""
    if not doc.label["unit"].get("names"):
        return all(not f for f in found)
    names = set(doc.label["unit"]["names"]) | {doc.label["unit"]["full"]}
    return all(_accepted(f, names) for f in found)


def _check(doc: Doc, form: str, path: Path, out: Outcome) -> None:
    from generator.api import check_files, read_any
    from generator.batch.summary import unit_of

    results, problems = check_files([path])
    if problems:
        out.scores.update(
            {m: Score(False, f"unreadable: {problems[0].message}") for m in ("kind", "parts", "expected")}
        )
        return
    result = results[0][1]
    tree = read_any(path)
    out.findings = [(f.rule, f.severity, f.message) for f in result.findings]
    out.scores["kind"] = Score(result.kind == doc.kind, f"check: {result.kind}")
    out.scores["year"] = Score(result.report_year == doc.label["year"], f"check: {result.report_year}")
    out.scores["unit"] = Score(_unit_ok(doc, unit_of(tree)), f"summary: {unit_of(tree)!r}")
    _parts(doc, result, out)
    expected, absent = expectations(doc, form)
    missing = [e for e in expected if not any(_matches(e, f) for f in out.findings)]
    out.scores["expected"] = Score(not missing, f"missing {missing}" if missing else "")
    out.false = [f"{f[0]}: {f[2]}" for f in out.findings if any(_matches(a, f) for a in absent)]
    out.scores["false"] = Score(not out.false, "; ".join(out.false)[:300])
    _outline(doc, tree, out)


def _parts(doc: Doc, result, out: Outcome) -> None:
    """Statutory parts found by check against the labels: every part of a report; none for a plan."""
    if doc.kind == "work-plan":
        found = {n for n, p in (result.parts or {}).items() if p.get("found")}
        out.parts_agree = 5 - len(found)
        out.scores["parts"] = Score(not found, f"parts found in a plan: {sorted(found)}" if found else "")
        return
    present = doc.present_parts()
    found = {n for n, p in (result.parts or {}).items() if p.get("found")}
    out.parts_agree = sum((n in present) == (n in found) for n in "12345")
    out.scores["parts"] = Score(out.parts_agree == 5, f"labels {sorted(present)}, check {sorted(found)}")


def _outline(doc: Doc, tree, out: Outcome) -> None:
    """The reader's headings: levels and titles as the labels' outline (every numbered heading)."""
    want = [(p.level, norm(p.heading).rstrip("。")) for p in doc.paras if p.role == "heading"]
    got = [(h.level, norm(h.title).rstrip("。")) for d in tree.all_documents() for h in d.headings()]
    out.scores["outline"] = Score(want == got, "" if want == got else f"labels {want[:4]}…, read {got[:4]}…")
    long = [h for _, h in got if len(h) > 40 and h not in _labelled(doc)]
    out.scores["headings40"] = Score(not long, f"{len(long)} headings > 40 chars: {long[:1]}" if long else "")


def _labelled(doc: Doc) -> set[str]:
    """The labels' own headings, as compared: a task whose title is one long sentence may be that long."""
    return {norm(p.heading).rstrip("。") for p in doc.paras if p.role == "heading"}


def _spec_titles(data, found: list[str]) -> list[str]:
    """Every heading and section/item title in an imported spec (not the document's own title)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("heading", "title") and isinstance(value, str):
                found.append(value)
            else:
                _spec_titles(value, found)
    elif isinstance(data, list):
        for value in data:
            _spec_titles(value, found)
    return found


def _render_draft(path: Path):
    """`fazhi render DRAFT --format txt`: (rendered text, Imported), or (None, Imported) when it refuses."""
    from generator.api import import_draft, render_draft
    from generator.errors import FazhiError

    target = path.with_name(path.name + ".rendered.txt")
    try:
        written, imported = render_draft(path, target, "txt")
    except FazhiError:
        return None, import_draft(path)  # the refusal's reason is in the import's problems
    return written.read_text(encoding="utf-8"), imported


def _import(doc: Doc, path: Path, out: Outcome) -> None:
    from generator.errors import FazhiError

    try:
        text, imported = _render_draft(path)
    except FazhiError as exc:
        out.scores["spec"] = Score(False, f"import refused: {exc.problems[0].message if exc.problems else exc}"[:300])
        return
    data = imported.data
    unit = data.get("jurisdiction") or {}
    kind_ok = out.scores["kind"].ok and imported.kind == doc.kind
    out.scores["kind"] = Score(kind_ok, f"{out.scores['kind'].seen}, import: {imported.kind}")
    year_ok = out.scores["year"].ok and data.get("year") == doc.label["year"]
    out.scores["year"] = Score(year_ok, f"{out.scores['year'].seen}, import: {data.get('year')}")
    names = [unit.get("name", ""), unit.get("full_name", "")]
    unit_ok = out.scores["unit"].ok and (
        not doc.label["unit"]["names"]  # unnamed: the import may leave a placeholder
        or _unit_ok(doc, names[0])
        and (not names[1] or _unit_ok(doc, names[1]))
    )
    out.scores["unit"] = Score(unit_ok, f"{out.scores['unit'].seen}, import: {names}")
    body = {k: v for k, v in data.items() if k != "title"}  # titles are not headings: the notice's neither
    if isinstance(body.get("notice"), dict):
        body["notice"] = {k: v for k, v in body["notice"].items() if k != "title"}
    long = [t for t in _spec_titles(body, []) if len(t) > 40 and norm(t).rstrip("。") not in _labelled(doc)]
    if long:
        out.scores["headings40"] = Score(False, f"spec titles > 40 chars: {long[0][:50]}…")
    if text is None:
        first = imported.problems[0] if imported.problems else None
        why = f"{first.message}（字段 {first.field}）" if first else "no spec"
        out.scores["spec"] = Score(False, f"render DRAFT refused; the spec does not validate: {why}")
        return
    out.scores["spec"] = Score(True)
    _paragraphs(doc, text, out)
    if applies(doc, "owners"):
        _owners(doc, data, out)


def _item_owners(data: dict) -> dict[str, str]:
    """Each imported plan item's title → its 牵头单位 and 责任单位, unit groups ($name) resolved."""
    groups = data.get("units") or {}
    out = {}
    for part in data.get("parts") or []:
        for item in part.get("items") or []:
            names = []
            for unit in list(item.get("lead") or []) + list(item.get("responsible") or []):
                names.extend(groups.get(unit[1:], []) if str(unit).startswith("$") else [unit])
            out[norm(str(item.get("title", ""))).rstrip("。")] = "、".join(map(str, names))
    return out


def _owners(doc: Doc, data: dict, out: Outcome) -> None:
    """Every unit the labels sample for an item is among that item's owners in the spec."""
    items = _item_owners(data)
    wrong = []
    for sample in doc.label["owners"]:
        title = norm(sample["item"]).rstrip("。")
        owners = next((o for t, o in items.items() if t and title.startswith(t)), None)
        want = [
            u
            for key in ("lead", "responsible")
            for u in re.split(r"[、，,；;]", norm(sample.get(key) or ""))
            if u.strip("。")
        ]
        if owners is None or not all(u.strip("。") in norm(owners) for u in want):
            wrong.append(f"{sample['item'][:12]}: {owners!r}")
    out.scores["owners"] = Score(not wrong, "; ".join(wrong)[:300])


def _paragraphs(doc: Doc, rendered: str, out: Outcome) -> None:
    """Every paragraph of the document (title, notice, headings, body) is in the rendering."""
    flat = norm("".join(norm(line) for line in rendered.splitlines()))
    lost = [p.unnumbered for p in doc.body if norm(p.unnumbered) not in flat]
    out.scores["paragraphs"] = Score(not lost, f"{len(lost)}/{len(doc.body)} lost: {lost[0][:40]!r}" if lost else "")


def measure(doc: Doc, form: str, path: Path) -> Outcome:
    """Every metric for one file; a metric not reached (import refused) is a failure saying why."""
    out = Outcome(doc.id, form)
    _check(doc, form, path, out)
    _import(doc, path, out)
    for metric in METRICS:
        if applies(doc, metric):
            out.scores.setdefault(metric, Score(False, "not reached: " + (out.scores.get("spec") or Score(False)).seen))
    return out
