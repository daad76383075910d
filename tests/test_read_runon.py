"""Issue 19.8 and 19.12: a whole web page on one line, its chrome inline."""

from __future__ import annotations

from pathlib import Path

from generator.checks import check_document
from generator.importer import import_document
from generator.read import read_text
from generator.tree import Heading

BODY = (
    "2023年，示例区坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下："
    "一、主要举措和成效（一）依法全面履行政府职能。深化放管服改革，新增政务服务事项50项，营商环境持续优化。"
    "（二）健全依法决策机制。严格落实重大行政决策程序，全年审核重大决策事项5件。"
    "二、存在的不足和原因法治意识还需加强，执法队伍专业化水平不高。"
    "三、2024年工作安排继续深化改革，提升依法行政水平，推动法治政府建设再上新台阶。"
)
PAGE = (
    "当前位置：首页 > 政务公开 > 法治政府建设 发布时间：2024-02-28 来源：本网 【字体：大 中 小】 "
    "示例区2023年法治政府建设年度报告"
    + BODY
    + " 【打印本页】【关闭窗口】 分享到：微信 微博 QQ空间 扫一扫在手机打开当前页\n"
)


def test_chrome_dropped_title_cut_off():
    doc = read_text(PAGE, "page.txt")
    assert doc.title == "示例区2023年法治政府建设年度报告"
    texts = [getattr(b, "text", "") or b.title for b in doc.blocks]
    assert not any(word in t for t in texts for word in ("当前位置", "发布时间", "打印本页", "微信", "扫一扫"))
    assert doc.blocks[0].text.startswith("2023年，示例区坚持")


def test_headings_short_and_sections_kept():
    doc = read_text(PAGE, "page.txt")
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    assert [h.title for h in headings if h.level == 1] == ["主要举措和成效", "存在的不足和原因", "2024年工作安排"]
    assert all(len(h.title) <= 40 for h in headings)
    rules = {f.rule for f in check_document(doc).findings}
    assert "leftover.empty-section" not in rules and "parts.missing" in rules  # part 3 is really missing


def test_runon_head_with_recipients_and_import():
    page = (
        "中共黄湾镇委员会黄湾镇人民政府关于报送2023年度法治政府建设的报告 中共海宁市委、海宁市人民政府: "
        + BODY.replace("示例区", "黄湾镇")
        + "\n"
    )
    doc = read_text(page, "page.txt")
    assert doc.recipients == "中共海宁市委、海宁市人民政府"
    imported = import_document(read_text(page, "page.txt"))
    assert imported.data["jurisdiction"]["name"] == "黄湾镇" and imported.data["year"] == 2023
    assert not imported.problems


def test_numbers_after_separators_are_the_old_patterns_matches():
    """The reflow's split points, found with str.find and headings.run_on_start, are where the one
    pattern it compiled before matched (on the fixtures and on random run-on text)."""
    import random
    import re

    from generator.lexicon.headings import RUN_ON_START
    from generator.read.reflow import _numbers_after_separators

    after = re.compile(r"([。：:\n！？〕])[ \t\u3000]*(?=" + RUN_ON_START + ")")
    pieces = list("一二十（()）、，,．.019１ 。：:！？〕\n\u3000\t是x\x00") + ["12", "十一"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    fixtures = Path(__file__).resolve().parent / "fixtures"
    texts += [p.read_text(encoding="utf-8") for p in sorted(fixtures.rglob("*.txt"))]
    for text in texts:
        expected = sorted((m.start(), m.end()) for m in after.finditer(text))
        assert sorted(_numbers_after_separators(text)) == expected, text
