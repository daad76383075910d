"""Year over year: a figure's `previous`, the change and percentage in Chinese, `--previous LAST.yaml`,
and the claims rule on a spec."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import FazhiError
from generator.kinds.common import Figure, FigureError
from generator.spec.loading import load_yaml_text
from generator.spec.validate import validate


@pytest.mark.parametrize(
    "value,previous,unit,change,percent,delta,growth",
    [
        (135, 120, "件", "增加15件", "增长12.5%", 15, 12.5),
        (105, 120, "件", "减少15件", "下降12.5%", -15, -12.5),
        (120, 120, "件", "持平", "持平", 0, 0),
        (50, 47, "项", "增加3项", "增长6.4%", 3, 6.4),  # 6.38… rounds half up to one decimal
        (96.5, 97.7, "%", "下降1.2个百分点", "下降1.2%", -1.2, -1.2),  # a rate changes by 个百分点
        (0.3, 0.1, "亿元", "增加0.2亿元", "增长200%", 0.2, 200),  # exact decimals, not 0.19999…
        ("2.4万", "2.1万", "元", "增加0.3万元", "增长14.3%", 0.3, 14.3),
        (1, 8, "件", "减少7件", "下降87.5%", -7, -87.5),
    ],
)
def test_change_and_percent_written_the_chinese_way(value, previous, unit, change, percent, delta, growth):
    figure = Figure(value=value, previous=previous, unit=unit)
    assert (figure.change, figure.percent, figure.delta, figure.growth) == (change, percent, delta, growth)


def test_previous_full_and_plain_value():
    figure = Figure(value=135.0, previous=120, unit="件")
    assert (str(figure), figure.full, figure.previous_full) == ("135", "135件", "120件")


@pytest.mark.parametrize(
    "figure,attribute,message",
    [
        (Figure(value=5, unit="项"), "change", "没有上年数（previous）"),
        (Figure(value=5, previous=0, unit="项"), "percent", "上年数为0"),
        (Figure(value="100余", previous=90, unit="件"), "change", "「100余」不是数值"),
        (Figure(value="2.4万", previous=21000, unit="元"), "change", "写法不同"),
    ],
)
def test_changes_that_cannot_be_computed_are_errors(figure, attribute, message):
    with pytest.raises(FigureError) as caught:
        getattr(figure, attribute)
    assert message in str(caught.value)


def test_zero_base_still_has_an_amount_change():
    assert Figure(value=5, previous=0, unit="项").change == "增加5项"


SPEC = """kind: annual-report
jurisdiction: {{name: 甲区, level: district}}
year: 2024
recipients: [区委]
figures:
  cases: {{value: 135, unit: 件, label: 办理行政复议案件{cases_previous}}}
  other: {{value: 7, unit: 件}}
measures:
  text: 全年办理行政复议案件{{{{ figures.cases.full }}}}，同比{{{{ figures.cases.change }}}}，{{{{ figures.cases.percent }}}}。{extra}
shortcomings: {{text: 不足。}}
leadership: {{text: 履职。}}
next_year: {{text: 2025年，我们将继续努力。}}
issuers: [甲区人民政府]
date: 2025-01-04
"""


def _spec(tmp_path, name="this.yaml", cases_previous=", previous: 120", extra=""):
    path = tmp_path / name
    path.write_text(SPEC.format(cases_previous=cases_previous, extra=extra), encoding="utf-8")
    return path


def test_spec_text_uses_change_and_percent(tmp_path):
    spec = validate(load_yaml_text(_spec(tmp_path).read_text(encoding="utf-8"), "this.yaml"))
    assert spec.measures.text == ["全年办理行政复议案件135件，同比增加15件，增长12.5%。"]


def test_missing_previous_is_located_at_the_figure(tmp_path):
    spec = _spec(tmp_path, cases_previous="")
    result = CliRunner().invoke(main, ["render", str(spec), "--format", "txt"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{spec}:6:3: 数字「cases」没有上年数（previous）" in result.output
    assert "--previous" in result.output


def test_previous_file_supplies_last_years_values_by_name(tmp_path):
    last = _spec(tmp_path, "last.yaml").read_text(encoding="utf-8").replace("value: 135", "value: 150")
    (tmp_path / "last.yaml").write_text(last.replace("year: 2024", "year: 2023"), encoding="utf-8")
    this = _spec(tmp_path, cases_previous="")
    out = tmp_path / "this.txt"
    result = CliRunner().invoke(
        main, ["render", str(this), "--format", "txt", "--previous", str(tmp_path / "last.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "同比减少15件，下降10%。" in out.read_text(encoding="utf-8")
    # A figure's own previous: wins over the file's.
    own = _spec(tmp_path, "own.yaml")
    result = CliRunner().invoke(
        main, ["render", str(own), "--format", "txt", "--previous", str(tmp_path / "last.yaml")]
    )
    assert result.exit_code == 0 and "同比增加15件" in (tmp_path / "own.txt").read_text(encoding="utf-8")


def test_previous_file_with_another_unit_is_a_located_error(tmp_path):
    last = tmp_path / "last.yaml"
    last.write_text(
        SPEC.format(cases_previous="", extra="")
        .replace("unit: 件, label", "unit: 项, label")
        .replace("{{ figures.cases.change }}，{{ figures.cases.percent }}", ""),
        encoding="utf-8",
    )
    this = _spec(tmp_path, cases_previous="")
    result = CliRunner().invoke(main, ["render", str(this), "--previous", str(last)])
    assert result.exit_code == 2
    assert f"{this}:6:" in result.output and "单位是「项」，今年是「件」" in result.output


def test_claims_rule_flags_a_wrong_claim_in_a_spec(tmp_path):
    from generator.api import read_any
    from generator.checks import check_document

    spec = _spec(
        tmp_path, extra="其他案件{{ figures.other }}件。共受理行政复议案件{{ figures.cases }}件，同比增长20%。"
    )
    findings = [f for f in check_document(read_any(spec)).findings if f.rule.startswith("figures.")]
    assert [f.rule for f in findings] == ["figures.claim"]
    assert "「同比增长20%」与数字 cases 不符：今年135件，上年120件，应为「增长12.5%」" in findings[0].message
    # The generated wording itself never disagrees.
    clean = _spec(tmp_path, "clean.yaml")
    assert not [f for f in check_document(read_any(clean)).findings if f.rule.startswith("figures.")]


def test_previous_must_be_a_number_or_text(tmp_path):
    bad = _spec(tmp_path, cases_previous=", previous: [1, 2]")
    with pytest.raises(FazhiError) as caught:
        validate(load_yaml_text(bad.read_text(encoding="utf-8"), "bad.yaml"))
    assert "figures.cases.previous" in str(caught.value)
