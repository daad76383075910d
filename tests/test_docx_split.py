"""The str-method body reader (read/docx_split) against the token pattern it stands in for.

Where split_lines vouches for a body (answers Lines, not None), they must be the Lines the pattern
reads: on random bodies built from the tags Word and fazhi write (and odd ones), on those bodies
pretty-printed, on every rendered example, and on every .docx form of every corpus document.
"""

from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from conftest import ALL_EXAMPLES
from corpus import forms, labels

from generator.api import render_bytes
from generator.read.docx_body import paragraph_starts
from generator.read import read_docx_bytes
from generator.read.docx_split import entry, without_ids
from generator.read.docx_tokens import pattern_lines, split_lines
from generator.spec.validate import load_spec


def hint(style: str) -> tuple[str, int]:
    """A style hint as Styles gives one: Heading1-4 are headings of that level."""
    if style.startswith("Heading") and style[-1:].isdigit():
        return "heading", int(style[-1])
    return ("title", 0) if style == "Title" else ("", 0)


def both(body: str, prefix: str = "w"):
    """(split_lines, pattern_lines) of a body's XML, as comparable values (a Table has no ==);
    where split_lines vouches, the w:p offsets it gives are paragraph_starts's."""
    starts: list[int] = []
    split = split_lines(body, prefix, hint, None, starts, 7)
    if split is not None:
        assert [at - 7 for at in starts] == paragraph_starts(body, prefix)
    return _shape(split), _shape(pattern_lines(body, 0, len(body), prefix, hint))


def word_ids(xml: str, rng: random.Random, prefix: str = "w", odd: float = 0.0) -> str:
    """The XML with Word's revision and paragraph ids in its w:p, w:r, w:tr and w:sectPr start tags
    (a few sessions' rsids, a new paraId per paragraph); with `odd`, now and then on other tags or
    after a line break."""
    sessions = [f"00{rng.getrandbits(24):06X}" for _ in range(4)]

    def ids(found: re.Match) -> str:
        name = found.group(1)
        if name in ("p", "tr"):
            own = f' w14:paraId="{rng.getrandbits(31):08X}" w14:textId="77777777"'
            attrs = own + "".join(f' {prefix}:rsid{k}="{rng.choice(sessions)}"' for k in ("R", "RDefault", "P"))
        elif name in ("r", "sectPr") or rng.random() < odd:
            attrs = "".join(f' {prefix}:rsid{k}="{rng.choice(sessions)}"' for k in ("R", "RPr") if rng.random() < 0.7)
        else:
            return found.group(0)
        return found.group(0) + (attrs if rng.random() >= odd else attrs.replace(" ", "\n  ", 1))

    return re.sub(rf"<{prefix}:(\w+)(?=[\s/>])", ids, xml)


def _shape(lines):
    if not lines:
        return lines
    return [(repr(ln), ln.table and [getattr(ln.table, name) for name in ln.table.FIELDS]) for ln in lines]


TEXTS = [
    "一、总体要求",
    "（一）加强领导",
    "1.完善制度。",
    "全面推进依法行政。",
    "a &amp; b",
    "x > y",
    " ",
    "",
    "&lt;注&gt;",
]
PROPS = [
    '<w:pStyle w:val="Heading1"/>',
    "<w:pStyle w:val='Heading2'/>",
    '<w:pStyle w:val = "Title" />',
    '<w:pStyle\nw:val="Heading3"/>',
    "<w:pStyle/>",
    '<w:pStyle w:val="a>b"/>',
    '<w:pStyle w:foo="1" w:val="Heading4"/>',
    '<w:outlineLvl w:val="1"/>',
    '<w:jc w:val="left"/>',
    '<w:jc w:val="center"></w:jc>',
    "<w:pageBreakBefore/>",
    '<w:pageBreakBefore w:val="0"/>',
    '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>',
    '<w:widowControl w:val="1"/>',
    '<w:ind w:firstLine="640"/>',
    '<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>',
    '<w:pStyleX w:val="Heading1"/>',
]
RUN_BITS = [
    '<w:rPr><w:rStyle w:val="FzRunIn2"/></w:rPr>',
    '<w:rPr><w:rStyle w:val="Strong"/><w:rFonts w:eastAsia="黑体"/></w:rPr>',
    "<w:tab/>",
    '<w:tab w:val="left"/>',
    "<w:br/>",
    '<w:br w:type="page"/>',
    '<w:br w:type="column" />',
    "<w:br></w:br>",
    "<w:cr/>",
    "<w:t/>",
    '<w:t xml:space="preserve"/>',
    "<w:lastRenderedPageBreak/>",
    "<w14:shadow/>",
]
ODD = [
    '<w:rPr><w:del w:id="1" w:author="a"/></w:rPr>',
    "<!-- note -->",
    '<w:ins w:id="2"><w:r><w:t>插入</w:t></w:r></w:ins>',
    '<w:del w:id="3"><w:r><w:delText>删除</w:delText></w:r></w:del>',
    '<w:pPrChange w:id="4"><w:pPr/></w:pPrChange>',
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:t>选</w:t></mc:Choice></mc:AlternateContent>',
    '<w:bookmarkStart w:id="0" w:name="a"/><w:bookmarkEnd w:id="0"/>',
    "<w:proofErr/>",
]


def text_tag(rng: random.Random, text: str) -> str:
    opening = rng.choice(["<w:t>", '<w:t xml:space="preserve">', '<w:t\txml:space="preserve">'])
    return f"{opening}{text}</w:t>"


def run(rng: random.Random) -> str:
    inner = "".join(rng.choice(RUN_BITS) for _ in range(rng.randint(0, 2)))
    inner += "".join(text_tag(rng, rng.choice(TEXTS)) for _ in range(rng.randint(0, 2)))
    if rng.random() < 0.3:
        inner += rng.choice(RUN_BITS)
    return rng.choice(["<w:r>", '<w:r w:rsidR="00A1B2C3">']) + inner + "</w:r>"


def paragraph(rng: random.Random, odd: float) -> str:
    if rng.random() < 0.05:
        return rng.choice(["<w:p/>", '<w:p w:rsidR="1"/>'])
    props = "".join(rng.choice(PROPS) for _ in range(rng.randint(0, 3)))
    runs = "".join(run(rng) for _ in range(rng.randint(0, 3)))
    if rng.random() < odd:
        runs += rng.choice(ODD)
    opening = rng.choice(["<w:p>", '<w:p w:rsidR="00B1" w:rsidRDefault="00C2">', "<w:p >"])
    return opening + (f"<w:pPr>{props}</w:pPr>" if props else "") + runs + rng.choice(["</w:p>"] * 9 + ["</w:p >"])


def table(rng: random.Random, odd: float, depth: int = 0) -> str:
    rows = []
    for _ in range(rng.randint(1, 3)):
        cells = []
        for _ in range(rng.randint(1, 3)):
            inner = "".join(paragraph(rng, odd) for _ in range(rng.randint(0, 2)))
            if depth == 0 and rng.random() < 0.1:
                inner += table(rng, odd, 1) + "<w:p/>"
            cells.append("<w:tc/>" if not inner else f'<w:tc><w:tcPr><w:tcW w:w="1"/></w:tcPr>{inner}</w:tc>')
        deleted = '<w:trPr><w:del w:id="9"/></w:trPr>' if rng.random() < 0.05 else ""
        rows.append(f"<w:tr>{deleted}{''.join(cells)}</w:tr>")
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


def body(rng: random.Random, odd: float = 0.03) -> str:
    blocks = [table(rng, odd) if rng.random() < 0.15 else paragraph(rng, odd) for _ in range(rng.randint(1, 12))]
    return "".join(blocks) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'


def pretty(xml: str, rng: random.Random) -> str:
    """Whitespace between some tags, as an XML pretty-printer would put it."""
    return "".join(
        piece + (rng.choice(["\n  ", " ", "\t"]) if piece.endswith(">") and rng.random() < 0.3 else "")
        for piece in xml.replace("><", ">\0<").split("\0")
    )


def test_random_bodies_read_as_the_pattern_reads_them():
    vouched = unsure = 0
    for seed in range(1500):
        rng = random.Random(seed)
        xml = body(rng)
        if seed % 3 == 1:
            xml = pretty(xml, rng)
        prefix = "w"
        if seed % 5 == 2:
            prefix = "ns0"
            xml = (
                xml.replace("<w:", "<ns0:").replace("</w:", "</ns0:").replace(" w:", " ns0:").replace("\nw:", "\nns0:")
            )
        split, pattern = both(xml, prefix)
        if split is None:
            unsure += 1
        else:
            vouched += 1
            assert pattern is not None and split == pattern, (seed, xml)
        if seed % 2:
            assert_ids_change_nothing(word_ids(xml, rng, prefix, odd=0.1), prefix)
    assert vouched > 900 and unsure > 100  # both ways of reading are exercised


def assert_ids_change_nothing(xml: str, prefix: str = "w") -> None:
    """Without Word's ids (without_ids), the body reads as the pattern reads it with them."""
    plain = without_ids(xml, prefix)
    if plain is None:
        return
    split, pattern = both(plain, prefix)
    assert split is None or split == pattern
    assert pattern == _shape(pattern_lines(xml, 0, len(xml), prefix, hint)), xml


def test_word_ids_are_read_past():
    xml = (
        '<w:p w14:paraId="1A2B3C4D" w:rsidR="00A1"/><w:p w:rsidR="00A1"><w:r w:rsidRPr="00B2"><w:t>a</w:t></w:r></w:p>'
    )
    assert without_ids(xml, "w") == "<w:p/><w:p><w:r><w:t>a</w:t></w:r></w:p>"
    assert without_ids('<w:p w:rsidR="1"<w:r><w:t>a</w:t></w:r></w:p>', "w") is None  # no ">": not vouched
    assert_ids_change_nothing('<w:p w:rsidR="1" x="a>b"><w:r w:rsidR="2"><w:tab w:rsidR="3"/><w:t>a</w:t></w:r></w:p>')


def test_pieces_the_pattern_reads_differently_are_left_to_it():
    for xml in [
        "<!-- a -->",
        "<![CDATA[x]]>",
        "<?pi x?>",
        "<w:del/>",
        "<w:moveFrom w:id='1'/>",
        "<w:rPrChange>",
        "<w:txbxContent>",
        "<mc:AlternateContent>",
        "<w:p",
        '<w:pStyle w:val="a/>',
    ]:
        piece = xml[1:]
        assert entry(piece, "w") is None, xml
    assert split_lines("<w:p><w:r><w:t>a<!-- b -->c</w:t></w:r></w:p>", "w", hint) is None
    assert split_lines("<w:p><w:r><w:tab>a</w:t></w:r></w:p>", "w", hint) is None


def test_a_text_with_markup_characters_and_entities():
    xml = '<w:p><w:r><w:t xml:space="preserve">a &amp; b &gt; c > d</w:t></w:r></w:p>'
    split, pattern = both(xml)
    assert split == pattern and split is not None and "a & b > c > d" in split[0][0]


def _document_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


def _body(xml: str) -> str:
    return xml[xml.find("<w:body>") + 8 : xml.rfind("</w:body>")]


@pytest.mark.parametrize("spec", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_rendered_examples_are_read_by_split_and_as_the_pattern_reads_them(spec):
    xml = _body(_document_xml(render_bytes(load_spec(spec))))
    split, pattern = both(xml)
    assert split is not None and split == pattern and len(split) > 20
    rng = random.Random(spec.stem)
    assert both(without_ids(word_ids(xml, rng), "w")) == (split, pattern)
    for _ in range(20):  # edited: a tag of the vocabulary put between two tags of the real body
        cuts = [i + 1 for i, c in enumerate(xml) if c == ">"]
        at = rng.choice(cuts)
        extra = rng.choice(PROPS + RUN_BITS + ODD + [run(rng), paragraph(rng, 0.1)])
        edited = xml[:at] + extra + xml[at:]
        split, pattern = both(edited)
        assert split is None or split == pattern, (extra, at)


@pytest.mark.parametrize("form", [f for f in forms.FORMS if f not in forms.SUFFIX])
def test_corpus_docx_forms_read_as_the_pattern_reads_them(form):
    vouched = 0
    for doc_id in labels.ids():
        xml = _body(_document_xml(forms.BUILDERS[form](labels.load(doc_id))))
        split, pattern = both(xml)
        if split is not None:
            vouched += 1
            assert split == pattern, doc_id
        assert_ids_change_nothing(word_ids(xml, random.Random(doc_id), odd=0.1))
    if form in ("autonum", "runfonts"):
        assert vouched == len(labels.ids())


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _with_ids(data: bytes, rng: random.Random) -> bytes:
    """The .docx with Word's ids put in its document.xml (word_ids)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = word_ids(part.decode("utf-8"), rng)
                if "xmlns:w14=" not in xml:
                    xml = xml.replace("<w:document ", f'<w:document xmlns:w14="{W14}" ', 1)
                part = xml.encode("utf-8")
            target.writestr(info, part)
    return out.getvalue()


def assert_same_read(data: bytes, rng: random.Random) -> None:
    """The whole read (lines, tree, layout facts) of a draft does not change when Word's ids are in it."""
    plain, word = read_docx_bytes(data), read_docx_bytes(_with_ids(data, rng))
    assert repr(word) == repr(plain) and word.facts == plain.facts


@pytest.mark.parametrize("spec", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_an_example_with_word_ids_reads_as_without_them(spec):
    assert_same_read(render_bytes(load_spec(spec)), random.Random(spec.stem))


@pytest.mark.parametrize("form", [f for f in forms.FORMS if f not in forms.SUFFIX])
def test_a_corpus_draft_with_word_ids_reads_as_without_them(form):
    for doc_id in labels.ids()[::3]:
        assert_same_read(forms.BUILDERS[form](labels.load(doc_id)), random.Random(doc_id))
