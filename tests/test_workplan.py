"""The 茅箭 work plan: 印发通知, work points with owners clauses, the 任务分工表, `fazhi tasks`."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner
from conftest import MAOJIAN, NS, SEEDS, para_style, para_text, runs, w

from generator.cli import main

OWNERS = re.compile(
    r"（(?:牵头单位：(?P<lead>[^；）]+)；)?责任单位：(?P<resp>[^）]+)）$"
    r"|（牵头单位：(?P<lead_only>[^；）]+)）$"
)
HEADER = ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def seed_items():
    """(title, lead units, responsible units) of every item in the seed, parsed independently."""
    text = (SEEDS / "maojian-2024-workplan.txt").read_text(encoding="utf-8")
    items = []
    for line in text.splitlines():
        line = line.strip()
        match = re.match(r"^\(([一二三四五六七八九十]+)\)([^。]+)。.*\(((?:牵头单位:[^;)]+;)?责任单位:[^)]+)\)$", line)
        if not match:
            continue
        owners = dict(part.split(":", 1) for part in match.group(3).split(";"))
        # Seed typo: 五(一)(二) separate two responsible units with 「,」 instead of 「、」.
        split = lambda s: re.split(r"[、,]", s) if s else []  # noqa: E731
        items.append((match.group(2), split(owners.get("牵头单位", "")), split(owners["责任单位"])))
    return items


def test_seed_parse_sanity():
    items = seed_items()
    assert len(items) == 24
    assert items[0] == (
        "持续完善政府职能",
        ["区政府办", "区委编办", "区行政审批局"],
        ["各乡镇街道", "赛武当自然保护区管理局", "东城经济开发区", "区政府相关部门"],
    )


# ---------------------------------------------------------------- notice and work points


def test_notice_elements_in_order(rendered):
    docx = rendered["maojian-2024-plan"]
    paragraphs = docx.body_paragraphs()
    styles = [para_style(p) for p in paragraphs[:6]]
    assert styles == ["FzDocNumber", "Title", "FzRecipients", "Normal", "FzSignature", "FzSignature"]
    doc_number = paragraphs[0]
    assert para_text(doc_number) == "茅政办发〔2024〕7号"
    jc = doc_number.find("w:pPr/w:jc", NS)
    jc = jc if jc is not None else docx.style("FzDocNumber").find("w:pPr/w:jc", NS)
    assert jc.get(w("val")) == "center"
    # the title broken between words into two lines (line breaks inside one paragraph)
    assert para_text(paragraphs[1]) == "茅箭区人民政府办公室关于印发2024年度茅箭区法治政府建设工作要点的通知"
    assert len(paragraphs[1].findall(".//w:br", NS)) == 1
    assert para_text(paragraphs[2]) == "各乡镇、街道，赛武当自然保护区管理局、东城经济开发区，区直相关单位："
    assert para_text(paragraphs[3]) == (
        "《2024年度茅箭区法治政府建设工作要点》已经区政府十届第39次常务会议审议通过，"
        "现印发给你们，请结合实际认真贯彻落实。"
    )
    assert [para_text(p) for p in paragraphs[4:6]] == ["十堰市茅箭区人民政府办公室", "2024年4月23日"]


def test_work_points_start_on_a_new_page(rendered):
    paragraphs = rendered["maojian-2024-plan"].body_paragraphs()
    title = paragraphs[6]
    assert para_style(title) == "Title" and para_text(title) == "2024年度茅箭区法治政府建设工作要点"
    assert title.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert [p for p in paragraphs if p.find("w:pPr/w:pageBreakBefore", NS) is not None] == [title]


def item_paragraphs(docx):
    return [p for p in docx.body_paragraphs() if runs(p) and runs(p)[0][0] == "FzRunIn2"]


def test_every_item_ends_with_its_owners(rendered):
    items = item_paragraphs(rendered["maojian-2024-plan"])
    seed = seed_items()
    assert len(items) == len(seed) == 24
    for p, (title, lead, resp) in zip(items, seed):
        text = para_text(p)
        match = OWNERS.search(text)
        assert match, text[-60:]
        heading = "".join(text for style, text in runs(p) if style.startswith("FzRunIn"))
        assert heading.endswith(f"{title}。")
        assert (match.group("lead") or "").split("、") == (lead or [""]), title
        assert match.group("resp").split("、") == resp, title


def test_heading_numbers(rendered):
    docx = rendered["maojian-2024-plan"]
    parts = [para_text(p) for p in docx.body_paragraphs() if para_style(p) == "Heading1"]
    assert [t[:2] for t in parts] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    numbers = [re.match(r"（(.)）", runs(p)[0][1]).group(1) for p in item_paragraphs(docx)]
    assert numbers == list("一二三四一二三一二三四一二一二三四一二三一二三四")


# ---------------------------------------------------------------- the 任务分工表 attachment


def body_children(docx):
    return [c for c in docx.document.find("w:body", NS) if c.tag in (w("p"), w("tbl"))]


def table_rows(tbl):
    return [[para_text(tc) for tc in tr.findall("w:tc", NS)] for tr in tbl.findall("w:tr", NS)]


def test_table_attachment(rendered):
    docx = rendered["maojian-2024-plan-table"]
    children = body_children(docx)
    label_index = next(i for i, c in enumerate(children) if c.tag == w("p") and para_text(c) == "附件")
    label = children[label_index]
    assert para_style(label) == "FzAttachmentLabel"
    assert label.find("w:pPr/w:pageBreakBefore", NS) is not None
    assert para_text(children[label_index + 1]) == "2024年度茅箭区法治政府建设工作要点任务分工表"
    tbl = children[label_index + 2]
    assert tbl.tag == w("tbl")
    rows = table_rows(tbl)
    assert rows[0] == HEADER[:4]  # no task has a 完成时限: the column is dropped
    trs = tbl.findall("w:tr", NS)
    assert trs[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in trs[1:])
    seed = seed_items()
    assert len(rows) - 1 == len(seed) == 24
    for number, (row, (title, lead, resp)) in enumerate(zip(rows[1:], seed), 1):
        assert row[:4] == [str(number), title, "、".join(lead), "、".join(resp)]
    # without --table there is no attachment
    plain = rendered["maojian-2024-plan"]
    assert not plain.document.findall(".//w:tbl", NS)
    assert "附件" not in [para_text(p) for p in plain.body_paragraphs()]


# ---------------------------------------------------------------- fazhi tasks


def test_tasks_csv_round_trip(tmp_path, rendered):
    out = tmp_path / "tasks.csv"
    result = invoke("tasks", MAOJIAN, "--csv", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    tbl = rendered["maojian-2024-plan-table"].document.find(".//w:tbl", NS)
    # the CSV and the attachment agree cell for cell (the attachment drops the empty 完成时限 column)
    assert [row[:4] for row in rows] == table_rows(tbl) and {row[4] for row in rows[1:]} == {""}
    assert rows[0] == HEADER and len(rows) == 25


def seed_count_for(unit: str) -> int:
    return sum(1 for _, lead, resp in seed_items() if unit in lead + resp)


def test_tasks_for_one_unit():
    expected = seed_count_for("区司法局")
    assert expected == 15
    from generator.api import plan_tasks

    rows = plan_tasks(MAOJIAN, "区司法局")
    assert len(rows) == expected
    assert [r.title for r in rows] == [t for t, lead, resp in seed_items() if "区司法局" in lead + resp]
    result = invoke("tasks", MAOJIAN, "--unit", "区司法局")
    assert result.exit_code == 0, result.output
    assert f"（{expected} 项）" in result.output


def test_tasks_unknown_unit_suggests():
    result = invoke("tasks", MAOJIAN, "--unit", "区司法")
    assert result.exit_code == 2
    assert "区司法局" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------- errors


def edited(tmp_path, old, new):
    text = MAOJIAN.read_text(encoding="utf-8")
    assert old in text, old
    spec = tmp_path / "plan.yaml"
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")
    return spec


def line_of(spec, needle):
    return next(i for i, line in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def assert_located(result, spec, line, *fragments):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert re.search(rf"{re.escape(spec.name)}:{line}:\d+", result.output), result.output
    for fragment in fragments:
        assert fragment in result.output, result.output


@pytest.mark.parametrize("command", ["render", "tasks"])
def test_undefined_unit_group(tmp_path, command):
    spec = edited(tmp_path, "          - $基层及相关部门\n", "          - $基层及有关部门\n")
    line = line_of(spec, "$基层及有关部门")
    result = invoke(command, spec)
    assert_located(result, spec, line, "$基层及有关部门", "是否想写「$基层及相关部门」")
    assert not (tmp_path / "plan.docx").exists()


def test_item_without_owners(tmp_path):
    owners = (
        "        lead:\n          - 区政府办\n          - 区委编办\n          - 区行政审批局\n"
        "        responsible:\n          - $基层及相关部门\n"
    )
    spec = edited(tmp_path, owners, "")
    line = line_of(spec, "- title: 持续完善政府职能")
    result = invoke("render", spec)
    assert_located(result, spec, line, "持续完善政府职能", "牵头单位", "责任单位")
    assert not (tmp_path / "plan.docx").exists()


def test_empty_part(tmp_path):
    spec = edited(tmp_path, "parts:\n", "parts:\n  - title: 空的部分\n    items: []\n")
    line = line_of(spec, "items: []")
    result = invoke("render", spec)
    assert_located(result, spec, line, "不能为空")
    assert not (tmp_path / "plan.docx").exists()
