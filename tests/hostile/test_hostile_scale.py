"""A legitimate, very long report: 1,000 and more sections and points render and check."""

from __future__ import annotations

import yaml
from harness import EXAMPLES, fazhi

from generator.numbering import cn_numeral, parse_cn_numeral, read_number


def long_report(folder, sections: int = 1200, points: int = 1100):
    data = yaml.safe_load((EXAMPLES / "template-county-2025.yaml").read_text(encoding="utf-8"))
    data["measures"]["sections"] = [
        {
            "title": f"第{i}项工作",
            "text": f"第{i}项工作的内容。",
            "items": [{"title": f"第{i}项的子项", "text": "正文。"}],
        }
        for i in range(1, sections + 1)
    ]
    data["shortcomings"].update(points=[f"第{i}项不足" for i in range(1, points + 1)], points_inline=False)
    spec = folder / "long.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def test_1200_sections_and_1100_points_render_and_check(tmp_path):
    spec = long_report(tmp_path)
    run = fazhi("render", spec, "--format", "txt", cwd=tmp_path)
    assert run.code == 0, run.text
    text = (tmp_path / "long.txt").read_text(encoding="utf-8")
    assert "（一千）第1000项工作" in text and "（一千二百）第1200项工作" in text
    assert "\n一千是第1000项不足。\n" in text and "\n一千一百是第1100项不足。\n" in text
    assert fazhi("render", spec, cwd=tmp_path).code == 0
    for draft in ("long.yaml", "long.docx", "long.txt"):
        run = fazhi("check", draft, cwd=tmp_path)
        assert run.code == 0, run.text
        assert "numbering." not in run.out, run.out  # 一千、一千零一 … are read back in order


def test_chinese_numerals_beyond_hundreds():
    expected = {
        1: "一",
        10: "十",
        15: "十五",
        20: "二十",
        101: "一百零一",
        110: "一百一十",
        999: "九百九十九",
        1000: "一千",
        1001: "一千零一",
        1010: "一千零一十",
        1100: "一千一百",
        2024: "二千零二十四",
        10000: "一万",
        10001: "一万零一",
        10100: "一万零一百",
        100000: "十万",
        123456789: "一亿二千三百四十五万六千七百八十九",
    }
    for number, numeral in expected.items():
        assert cn_numeral(number) == numeral
        assert parse_cn_numeral(numeral) == number
    assert all(parse_cn_numeral(cn_numeral(n)) == n for n in range(1, 30000))
    assert cn_numeral(10**12) == "1000000000000"  # beyond 九千多亿, Arabic digits
    assert read_number("一千零一、标题")[:2] == (1, 1001)
    assert read_number("（一千二百）标题")[:2] == (2, 1200)
