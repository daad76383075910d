"""Every example's package through openxml-audit (a port of the Open XML SDK validator): zero errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ALL_EXAMPLES, EXAMPLES, MAOJIAN, copy_example

from generator.api import render_file
from generator.render.build import Options

STARTERS = [EXAMPLES / "template-county-2025.yaml", EXAMPLES / "department-county-2025.yaml"]
THEME = "relationships/theme"


def _with_header(tmp_path: Path, joint: bool = False) -> Path:
    """The work plan with a 版头 of every part: 份号, 密级, 紧急程度, 「文件」 (for two issuers: 联合行文)."""
    folder = tmp_path / ("joint" if joint else "single")
    folder.mkdir(exist_ok=True)
    spec = copy_example(MAOJIAN, folder)
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["notice"]["header"] = {"file": True, "copy_number": "000001", "secrecy": "秘密★1年", "urgency": "特急"}
    if joint:
        data["notice"]["header"]["issuers"] = ["中共十堰市茅箭区委办公室", "十堰市茅箭区人民政府办公室"]
    data["imprint"] = {
        "cc": ["区委办公室", "区人大常委会办公室"],
        "printer": "茅箭区人民政府办公室",
        "print_date": "2024-04-24",
    }
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def _three_issuers(tmp_path: Path) -> Path:
    """联合行文 of three organs, each signing: the notice's line spacing is squeezed (write/squeeze.py)."""
    folder = tmp_path / "three"
    folder.mkdir(exist_ok=True)
    spec = copy_example(MAOJIAN, folder)
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    issuers = [
        "中共十堰市茅箭区委办公室",
        "十堰市茅箭区人民政府办公室",
        "十堰市茅箭区人民政府法治政府建设工作领导小组办公室",
    ]
    data["notice"]["header"] = {"file": True, "issuers": issuers}
    data["notice"]["signature"] = issuers
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def _tail_break(tmp_path: Path) -> Path:
    """A body whose 署名 would stand alone: no blank line above the 署名 (paging/plan.py)."""
    folder = tmp_path / "tail"
    folder.mkdir(exist_ok=True)
    spec = copy_example(STARTERS[0], folder)
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["other"]["text"] = ["无其他需要报告的情况。" * 2] * 18 + ["最后一段文字较长，" * 14 + "特此报告。"]
    spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def _variants(tmp_path: Path):
    for spec in ALL_EXAMPLES + STARTERS:
        yield spec.stem, spec, Options()
    yield "table", MAOJIAN, Options(table=True)
    yield "table-landscape", MAOJIAN, Options(table="landscape")
    yield "header", _with_header(tmp_path), Options(table=True)
    yield "joint-header", _with_header(tmp_path, joint=True), Options()
    yield "joint-3-signed", _three_issuers(tmp_path), Options()
    yield "tail-break", _tail_break(tmp_path), Options()


def test_every_example_validates(tmp_path):
    from openxml_audit import OpenXmlValidator

    parity = OpenXmlValidator(strict=False)  # the Open XML SDK's own rules
    strict = OpenXmlValidator()  # also wants a theme part, which fazhi leaves out on purpose
    for name, spec, options in _variants(tmp_path):
        out = render_file(spec, tmp_path / f"{name}.docx", "docx", options)
        result = parity.validate(str(out))
        assert result.is_valid and not result.errors, (name, [str(e) for e in result.errors[:10]])
        extra = [str(e) for e in strict.validate(str(out)).errors]
        assert all(THEME in e for e in extra), (name, extra[:10])


@pytest.mark.parametrize("broken", ['<w:jc w:val="center"/><w:ind w:left="0"/>'])
def test_the_validator_catches_schema_order(tmp_path, broken):
    """The check can fail: pPr children out of schema order are an error."""
    import zipfile

    from openxml_audit import OpenXmlValidator

    good = render_file(ALL_EXAMPLES[0], tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:pPr>", f"<w:pPr>{broken}".encode(), 1)
            target.writestr(info.filename, data)
    assert OpenXmlValidator(strict=False).validate(str(bad)).errors
