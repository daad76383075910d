"""read/xml_text.py: each helper finds what the regular expression it replaced found."""

from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from conftest import ROOT

from generator.read.xml_text import attr, attr_values, content, elements, start_tag, tag_attr

TRICKY = [
    '<w:sz w:val="24"/><w:szCs w:val="28"/>',
    "<w:szCs w:val='3'/><w:sz  w:val = '4'/>",
    '<w:sz\nw:val="5"><w:sz w:val="6"/>',
    '<w:sz\u3000w:val="7"/>',
    '<w:sz w:x="1"/><w:sz w:val="8"/>',
    '<w:sz w:val="a\'b"/>',
    '<w:sz w:val="9',
    "<w:sz>w:val='10'</w:sz>",
    '<w:rFonts w:eastAsiaTheme="minorEastAsia" w:eastAsia="宋体"/>',
    '<w:rFonts w:eastAsia = "黑体" /><w:rFontsX w:eastAsia="x"/>',
    '<w:rFontsw:eastAsia="y"/><w:rFonts/>',
    '<w:ind w:left="420" w:firstLineChars="200" w:firstLine="640"/>',
    '<w:ind w:leftChars="1"/ >',
    "<w:pgSz w:w='11906' w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:bottom='1984'/>",
    "<w:rPr><w:b/></w:rPr><w:rPr>x</w:rPr>",
    "<w:pPr>open only",
    "</w:pPr><w:pPr>x</w:pPr>",
    '<sz val="3"/><rFonts eastAsia="仿宋"/><pPr><jc val="center"/></pPr>',
    '<ns0:sz ns0:val="12"/><ns0:jc ns0:val="both"/>',
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
    '<w:styles><w:style w:default="true" w:type="paragraphX" w:styleId="A"/></w:styles>',
    '<w:style w:type="character" w:default="1" w:styleId="B"/><w:style w:type="paragraph" w:default="on" w:styleId="C">',
]
TAGS = ("sz", "rFonts", "rStyle", "name", "basedOn", "outlineLvl", "numId", "ilvl", "jc", "style", "pStyle")
NAMES = ("val", "eastAsia", "eastAsiaTheme", "styleId", "type", "default", "w", "h", "top", "left", "firstLine")
BLOCKS = ("rPr", "pPr", "numPr", "rPrDefault", "pPrDefault", "sectPr", "style")


def _corpus() -> list[str]:
    """The XML parts of the rendered examples, their styles cut out one by one, and tricky strings."""
    from generator.api import render_bytes
    from generator.spec.validate import load_spec

    texts = list(TRICKY)
    for example in sorted((ROOT / "examples").glob("*.yaml"))[:3]:
        with zipfile.ZipFile(io.BytesIO(render_bytes(load_spec(example)))) as package:
            for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
                if name in package.namelist():
                    xml = package.read(name).decode("utf-8")
                    texts.append(xml)
                    texts += re.findall(r"<w:style\b.*?</w:style>", xml, re.S)[:40]
                    texts += re.findall(r"<w:rPr>.*?</w:rPr>", xml, re.S)[:40]
    return texts


@pytest.fixture(scope="module")
def corpus():
    return _corpus()


def _group(pattern: str, text: str, *window: int) -> str | None:
    found = re.compile(pattern, re.S).search(text, *window)
    return found.group(1) if found else None


@pytest.mark.parametrize("prefix", ["w", "", "ns0"])
def test_as_the_patterns_found(corpus, prefix):
    w = re.escape(prefix) + ":" if prefix else ""
    for text in corpus:
        for tag in TAGS:
            for name in NAMES:
                old = _group(rf'<{w}{tag}\s[^>]*?{w}{name}\s*=\s*["\']([^"\']*)', text)
                assert tag_attr(text, tag, name, prefix) == old, (tag, name, text[:80])
                old = _group(rf'<{w}{tag}\b[^>]*?{w}{name}\s*=\s*["\']([^"\']*)', text)
                assert tag_attr(text, tag, name, prefix, space=False) == old, (tag, name, text[:80])
            assert start_tag(text, tag, prefix) == _group(rf"<{w}{tag}\b([^>]*)/?>", text), (tag, text[:80])
        for name in NAMES:
            assert attr(text, name, prefix) == _group(rf'{w}{name}\s*=\s*["\']([^"\']*)', text), (name, text[:80])
        rng = random.Random(text)
        for block in BLOCKS:
            assert content(text, block, prefix) == _group(rf"<{w}{block}>(.*?)</{w}{block}>", text), block
            start = rng.randint(0, len(text))
            stop = rng.randint(start, len(text))
            found = content(text, block, prefix, start, stop)
            assert found == _group(rf"<{w}{block}>(.*?)</{w}{block}>", text, start, stop), (block, start, stop)


RUNS = [
    "<w:r><w:t>a</w:t></w:r><w:r w:x='1'><w:t>b</w:t></w:r>",
    "<w:rPr><w:r>\n<w:t>c</w:t></w:r>",
    "<w:r\t><w:tab/></w:r><w:r>unclosed",
    "<w:r><w:r>nested</w:r></w:r>",
    "<w:r a='>'>x</w:r>",
    "<w:r",
    "<w:r>",
    "<w:rx></w:r><w:r/></w:r>",
]


@pytest.mark.parametrize("prefix", ["w", "ns0"])
def test_elements_as_the_run_pattern_found_them(corpus, prefix):
    w = re.escape(prefix) + ":"
    pattern = re.compile(rf"<{w}r(?=[\s>])[^>]*>(.*?)</{w}r>", re.S)
    for text in corpus + RUNS:
        text = text.replace("<w:", f"<{prefix}:").replace("</w:", f"</{prefix}:")
        rng = random.Random(text)
        for start, stop in [(0, len(text))] + [sorted(rng.choices(range(len(text) + 1), k=2)) for _ in range(5)]:
            old = [(m.start(), m.start(1), m.end(1)) for m in pattern.finditer(text, start, stop)]
            assert list(elements(text, "r", prefix, start, stop)) == old, (text[:80], start, stop)


def test_attr_values():
    text = '<w:style w:type="x" w:type = "paragraph" w:typeX="no" w:default="1">'
    assert attr_values(text, "type", "w", 0, text.index(">")) == ["x", "paragraph"]
    assert attr_values(text, "type", "w", 20, len(text)) == ["paragraph"]
    assert attr_values(text, "default", "", 0, len(text)) == ["1"]


def test_the_default_paragraph_style():
    from generator.read.docx_styles import _default_pstyle

    old = (
        r"<w:style\b(?=[^>]*w:type\s*=\s*[\"']paragraph)"
        r"(?=[^>]*w:default\s*=\s*[\"'](?:1|true|on))[^>]*>"
    )
    for text in _corpus():
        found = re.search(old, text)
        style_id = _group(r'w:styleId\s*=\s*["\']([^"\']*)', found.group(0)) if found else None
        assert _default_pstyle(text, "w") == (style_id or ""), text[:80]
    assert _default_pstyle(TRICKY[-1], "w") == "C"
    assert _default_pstyle(TRICKY[-2], "w") == "A"  # the pattern asked only for a value starting so


@pytest.mark.parametrize(
    "head",
    [
        '<w:document xmlns:w="{ns}">',
        "<w:document xmlns:w='{ns}'>",
        '<w:document xmlns:w = "{ns}">',
        '<x:document xmlns:x="{ns}" xmlns:w="{ns}">',
        '<document xmlns:wx="{ns}" xmlns:w="{ns}">',
        '<document xmlns:w="{ns}x" xmlns:ns0="{ns}">',
        '<document xmlns="{ns}">',
        '<document xmlns:w="{ns}',
        '<document xmlns:w="other">',
        "<document" + " " * 4070 + ' xmlns:w="{ns}">',
        "<document" + " " * 4030 + ' xmlns:w="{ns}">',
    ],
)
def test_namespace_prefix_as_the_pattern_finds_it(head):
    from generator.ooxml.vocab import W_NS
    from generator.read.docx_package import PREFIX, namespace_prefix

    text = head.format(ns=W_NS)
    found = PREFIX.search(text, 0, 4096)
    assert namespace_prefix(text, 4096) == (found.group(1) if found else None)
