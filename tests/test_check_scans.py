"""The narrowed scans of checks.analysis (only where a rare character is) find exactly what one
regular-expression pass over all the text finds, and punct.unpaired's one reduction of the
joined text picks out exactly the paragraphs a reduction of each would."""

from __future__ import annotations

import re

import pytest

from conftest import SEEDS
from generator.checks.analysis import analyse
from generator.checks.rules import numbers, punct_pairs, writing
from generator.read import read_text

EDGE = """关于2022年度法治政府建设情况的报告
一、主要举措和成效
’23年度、‘23年、'23年、23年5月、2023年、连续23年、1.23年度、-23年度、x23年度、23年
2021-2025年、2021 - 2025 年、1998–2001年、2021－2025年、12021-2025年、2021‐2025 年度
2019 － 2020 年
15～30%、9～16亿、1.5-2.5万、3—5万、0.5~1%、3-5个百分点、2 - 3 项、1.5-2.5.3%
法治政府建设--我们的使命、法治—建设、法治——建设、数字1—2、建设―工作、建设~~工作、——开头、审查-订约、建设－工作、建设~工作
做好...工作、做好。。。工作、做好…工作、做好、、、工作、做好···工作、1...10、做好……工作、做好。。。。。。。工作
...开头、…开头
“放管服”（见附件）《纲要（2021—2025年）》，（注：1）、1）健全；2）强化
“引文未完（见
a）健全制度，b）强化监督）
推进“学习《纲要（2021—2025年）》”活动。〔2023〕【要点】
）开头的括号与（结尾的括号（
"""


def _texts():
    yield "edge", EDGE
    for path in sorted(SEEDS.glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")


TEXTS = list(_texts())


def _found(results) -> list[tuple]:
    """(unit line, unit text, start in the unit, matched text) of each (unit, match, base)."""
    return [(unit.line, unit.text, match.start() - base, match.group(0)) for unit, match, base in results]


# punct.dash's pattern as one regular expression: the rule tests the characters around in Python.
_DASH_WITH_LOOKAROUNDS = re.compile(
    r"(?=[-－─—―~])(?<=[\u4e00-\u9fff”》）])(?:--|－－|──|—(?!—)(?<!——)|―{1,2}|~~)"
    r"(?=[\u4e00-\u9fff“《（])"
)


@pytest.mark.parametrize("name,text", TEXTS, ids=[name for name, _ in TEXTS])
def test_narrowed_scans_find_what_a_full_scan_finds(name, text):
    analysis = analyse(read_text(text))
    narrowed = [
        (numbers._YEAR_ABBREV, analysis.scan_after_digit(numbers._YEAR_ABBREV, "年", (4, 3))),
        (
            numbers._YEAR_ABBREV,
            analysis.scan_after_digit(numbers._YEAR_ABBREV, "年", (4, 3), numbers.two_digits_alone),
        ),
        (numbers._YEAR_RANGE, analysis.scan_units(numbers._YEAR_RANGE, "-－–‐")),
        (numbers._YEAR_RANGE, analysis.scan_units(numbers._YEAR_RANGE, "-－–‐", numbers._between_years)),
        (numbers._UNIT_RANGE, analysis.scan_units(numbers._UNIT_RANGE, "～~—-－")),
        (numbers._UNIT_RANGE, analysis.scan_units(numbers._UNIT_RANGE, "～~—-－", numbers._between_numbers_with_unit)),
        (writing._QUANTITY_RANGE, analysis.scan_units(writing._QUANTITY_RANGE, "-－–‐", writing._before_quantity)),
        (_DASH_WITH_LOOKAROUNDS, analysis.scan_from(punct_pairs._DASH, "-－─—―~", punct_pairs._between_words)),
        (
            _DASH_WITH_LOOKAROUNDS,
            analysis.scan_from(punct_pairs._DASH, punct_pairs._DASH_STARTS, punct_pairs._between_words),
        ),
        (punct_pairs._ELLIPSIS, analysis.scan_from(punct_pairs._ELLIPSIS, ("...", "。。。", "…", "、、、", "···"))),
        (
            _DASH_WITH_LOOKAROUNDS,
            analysis.scan_from(punct_pairs._DASH, punct_pairs.dash_starts(analysis), punct_pairs._between_words),
        ),
        (punct_pairs._ELLIPSIS, analysis.scan_from(punct_pairs._ELLIPSIS, punct_pairs.ellipsis_starts(analysis))),
    ]
    for pattern, results in narrowed:
        assert _found(results) == _found(analysis.scan(pattern)), pattern.pattern
    if name == "edge":  # the edge cases do hit every pattern
        for pattern, _ in narrowed:
            assert _found(analysis.scan(pattern)), pattern.pattern


def _unbalanced_alone(text: str) -> bool:
    """The reduction of one paragraph on its own, as punct.unpaired's exact check makes it."""
    return not punct_pairs._balanced(punct_pairs._normalised(text))


@pytest.mark.parametrize("name,text", TEXTS, ids=[name for name, _ in TEXTS])
def test_unpaired_units_are_those_unbalanced_alone(name, text):
    analysis = analyse(read_text(text))
    texts = analysis.columns[1]
    assert punct_pairs._unpaired_units(analysis) == [k for k, t in enumerate(texts) if _unbalanced_alone(t)]
    if name == "edge":
        assert len(punct_pairs._unpaired_units(analysis)) >= 3


SHARED = (
    EDGE
    + """全年办理行政复议案件135件，"一件事"办理3.5万人次，2０23年共12件。
"直引号"“弯引号”１２３项和1２3项，"未闭合
"""
)


@pytest.mark.parametrize("name,text", TEXTS + [("shared", SHARED)], ids=[n for n, _ in TEXTS] + ["shared"])
def test_the_shared_pass_finds_what_each_pattern_finds_alone(name, text):
    """checks.scanner via Analysis.scanned: each registered pattern gets the matches (and units) of
    its own finditer over the joined text, none where its needles are absent, whichever others run."""
    from generator.checks import scanner

    analysis = analyse(read_text(text, name))
    joined = analysis.joined[0]
    shared = {key: analysis.scanned(key) for key in scanner._SCANS}
    assert set(shared) >= {"figures.amount", "numbers.mixed", "punct.ascii-quoted"}
    for key, registered in scanner._SCANS.items():
        alone = [(i, m.span(), m.groups()) for i, m in analysis.scan_indices(registered.pattern)]
        if registered.needles is not None and not any(n in joined for n in registered.needles):
            alone = []
        assert [(i, m.span(), m.groups()) for i, m in shared[key]] == alone, key
    if name == "shared":
        assert all(shared[key] for key in ("figures.amount", "numbers.mixed", "punct.ascii-quoted"))


def test_unpaired_units_on_random_marks():
    """Random paragraphs of marks, enumeration marks and clause boundaries: the marks paired on a
    stack pick out exactly the paragraphs a reduction of each picks out."""
    import random

    rng = random.Random(18)
    pieces = list("“”（）《》〔〕【】()，。 a1一") + ["1）", "，1）", "，12）", "a)", "，一）", "二十）", "字"]
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 5))]
        analysis = analyse(read_text("\n".join(["关于2022年度法治政府建设情况的报告", *lines])))
        texts = analysis.columns[1]
        assert punct_pairs._unpaired_units(analysis) == [k for k, t in enumerate(texts) if _unbalanced_alone(t)]


@pytest.mark.parametrize(
    "name,text",
    TEXTS + [("doubled", "一，，二。。三、。四：。\n五；；。六。、七\n八，\n。九")],
    ids=[n for n, _ in TEXTS] + ["doubled"],
)
def test_units_with_strings_are_those_holding_one(name, text):
    """units_with a tuple of strings (found by one literal-first pattern per first character) picks
    out exactly the units whose text holds one of them."""
    from generator.lexicon.chars import DOUBLED_PAIRS

    analysis = analyse(read_text(text))
    found = [unit.text for unit in analysis.units_with(DOUBLED_PAIRS)]
    assert found == [t for t in analysis.columns[1] if any(pair in t for pair in DOUBLED_PAIRS)]
    if name == "doubled":
        assert len(found) >= 2


def test_placeholder_units_on_random_text():
    """The units leftover.placeholder looks at (the characters after 某/待/此/（ found by one split
    each) are those a walk over every such character finds, and hold every placeholder."""
    import random

    from generator.checks.rules import leftovers

    rng = random.Random(4)
    pieces = list("某待此（）补完填核处 \u3000字，") + ["某某", "待补充", "（ ）", "此处填写", "XX"]
    for _ in range(300):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(rng.randint(1, 5))]
        analysis = analyse(read_text("\n".join(["关于2022年度法治政府建设情况的报告", *lines])))
        joined, starts = analysis.joined
        walked = set()
        for char, nexts in leftovers._FOLLOWED:
            for pos, found in enumerate(joined):
                if found == char and leftovers._followed(joined, pos + 1, nexts):
                    walked.add(max(k for k, start in enumerate(starts) if start <= pos))
        for char in leftovers._RARE:
            walked.update(analysis.unit_indices(char))
        units = leftovers._placeholder_units(analysis)
        assert [unit.text for unit in units] == [analysis.columns[1][k] for k in sorted(walked)]
        holding = {t for t in analysis.columns[1] if leftovers._PLACEHOLDER.search(t)}
        assert holding <= {unit.text for unit in units}
