"""The documents the line model is checked on: every example, the layout variants the PDF tests
look at (long titles, bodies ending at a page's foot, 版头, joint 版头, 版记, tables, landscape) and
generated paragraphs of every shape (digits, Latin, quotes, punctuation at line ends)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from generator.render.build import Options, build_tree
from generator.spec.validate import load_spec
from generator.tree import Document, Header, Heading, Imprint, Paragraph

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STARTER = EXAMPLES / "template-county-2025.yaml"
MAOJIAN = EXAMPLES / "maojian-2024-plan.yaml"
DEPARTMENT = EXAMPLES / "department-county-2025.yaml"
LONG_TITLES = [
    "内蒙古自治区呼和浩特市赛罕区人民政府关于2023年度法治政府建设情况和2024年度工作安排的报告",
    "示例市示例县人民政府办公室关于开展2025年度法治政府建设示范创建工作情况的报告",
    "中共示例县委全面依法治县委员会办公室关于2025年度法治政府建设工作情况的报告",
]
IMPRINT = {
    "cc": ["区委办公室", "区人大常委会办公室", "区政协办公室"],
    "printer": "示例县人民政府办公室",
    "print_date": "2025-01-20",
}


def _spec(path: Path, folder: Path, name: str, change=None) -> Path:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if change:
        change(data)
    out = folder / f"{name}.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def example_trees(folder: Path) -> list[tuple[str, Document]]:
    """(name, tree) of every example and variant."""
    out = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        out.append((path.stem, build_tree(load_spec(_spec(path, folder, path.stem)))))
    out.append(("maojian-table", build_tree(load_spec(MAOJIAN), Options(table=True))))
    out.append(("maojian-landscape", build_tree(load_spec(MAOJIAN), Options(table="landscape"))))
    for index, title in enumerate(LONG_TITLES):
        spec = _spec(STARTER, folder, f"long-{index}", lambda d, t=title: d.update(title=t))
        out.append((f"long-{index}", build_tree(load_spec(spec))))
    for extra in (0, 3, 6, 9, 12, 15):

        def lengthen(data, extra=extra):
            data["other"]["text"] = ["无其他需要报告的情况。" * 2] * (6 + extra)
            data["imprint"] = IMPRINT

        out.append((f"edge-{extra}", build_tree(load_spec(_spec(STARTER, folder, f"edge-{extra}", lengthen)))))

    for count in (18, 19):  # the 署名 would stand alone: the blank line above it goes, or the paragraph keeps with it

        def tail(data, count=count):
            data["other"]["text"] = ["无其他需要报告的情况。" * 2] * count + ["最后一段文字较长，" * 14 + "特此报告。"]

        out.append((f"tail-{count}", build_tree(load_spec(_spec(STARTER, folder, f"tail-{count}", tail)))))

    def header(data):
        data["notice"]["header"] = {"file": True}
        data["imprint"] = {"cc": ["区委办公室"], "printer": "茅箭区人民政府办公室", "print_date": "2024-04-24"}

    out.append(("header", build_tree(load_spec(_spec(MAOJIAN, folder, "header", header)))))

    def joint(data):
        data["notice"]["header"] = {"file": True, "issuers": ["中共十堰市茅箭区委办公室", "十堰市茅箭区人民政府办公室"]}

    out.append(("joint", build_tree(load_spec(_spec(MAOJIAN, folder, "joint", joint)))))
    three = ["中共十堰市茅箭区委办公室", "十堰市茅箭区人民政府办公室", "十堰市茅箭区司法局"]
    for name, signature in (("joint-3", None), ("joint-3-signed", three)):

        def joint3(data, signature=signature):
            data["notice"]["header"] = {"file": True, "issuers": three}
            if signature:
                data["notice"]["signature"] = signature

        out.append((name, build_tree(load_spec(_spec(MAOJIAN, folder, name, joint3)))))

    def long_name(data):
        data["notice"]["header"] = {
            "file": True,
            "issuers": ["示例省示例市示例县人民政府法治政府建设工作领导小组办公室"],
        }

    out.append(("long-issuer", build_tree(load_spec(_spec(MAOJIAN, folder, "long-issuer", long_name)))))
    for name, source in (
        ("kaifu-imprint", EXAMPLES / "kaifu-2022.yaml"),
        ("mudanjiang-imprint", EXAMPLES / "mudanjiang-2022.yaml"),
    ):
        out.append((name, build_tree(load_spec(_spec(source, folder, name, lambda d: d.update(imprint=IMPRINT))))))
    return out


# Pieces of generated text: ordinary clauses, numbers, Latin, quotes, book titles, parentheses.
_CLAUSES = [
    "深入推进依法行政",
    "全面落实行政执法责任制",
    "加强行政复议和行政应诉工作",
    "健全重大行政决策程序",
    "推进严格规范公正文明执法",
    "持续优化法治化营商环境",
    "强化对行政权力的制约和监督",
    "完善矛盾纠纷多元化解机制",
    "深化政务公开",
    "提升基层治理法治化水平",
    "开展法治宣传教育",
    "落实党政主要负责人履行推进法治建设第一责任人职责",
]
_EXTRAS = [
    "{n}件",
    "{n}项",
    "{y}年",
    "{y}年度",
    "{p}%",
    "{d}万元",
    "“{c}”",
    "《{c}条例》",
    "（{c}）",
    "第{n}条",
    "{n}个工作日",
    "12345热线",
    "APP",
    "PDF",
    "“互联网+监管”",
    "{n}.{n}亿元",
    "“放管服”改革",
]
_ENDS = ["，", "；", "。", "、", "：", "！", "？"]


def _clause(rng: random.Random) -> str:
    text = rng.choice(_CLAUSES)
    if rng.random() < 0.6:
        extra = rng.choice(_EXTRAS).format(
            n=rng.randint(1, 9999),
            y=rng.randint(2019, 2026),
            p=round(rng.uniform(1, 100), rng.choice([0, 1])),
            d=rng.randint(1, 500),
            c=rng.choice(_CLAUSES)[: rng.randint(2, 8)],
        )
        pos = rng.randint(0, len(text))
        text = text[:pos] + extra + text[pos:]
    return text


def generated_paragraph(rng: random.Random) -> str:
    """A paragraph of 1–9 sentences of clauses."""
    parts = []
    for _ in range(rng.randint(1, 9)):
        for _ in range(rng.randint(1, 4)):
            parts.append(_clause(rng) + rng.choice(_ENDS[:2] if rng.random() < 0.8 else _ENDS))
        parts[-1] = parts[-1][:-1] + "。"
    return "".join(parts)


def generated_trees(count: int = 600, per_doc: int = 60, seed: int = 20) -> list[tuple[str, Document]]:
    """Documents of generated paragraphs and headings, at least `count` blocks in all."""
    rng = random.Random(seed)
    out = []
    for number in range(-(-count // per_doc)):
        blocks = []
        for index in range(per_doc):
            if index % 9 == 0:
                level = rng.choice([1, 2, 3])
                blocks.append(Heading(level, _clause(rng)[: rng.randint(6, 30)]))
            elif index % 13 == 5:
                blocks.append(Heading(3, _clause(rng)[:12], runin=True, body=generated_paragraph(rng)))
            else:
                blocks.append(Paragraph(generated_paragraph(rng)))
        doc = Document(
            title=f"关于{rng.choice(_CLAUSES)}工作情况的报告",
            recipients="市人民政府",
            blocks=blocks,
            signatures=["示例县人民政府"],
            date=dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
        )
        if number % 2:
            doc.imprint = Imprint(
                cc="区委办公室，区人大常委会办公室", printer="示例县人民政府办公室", print_date=dt.date(2025, 1, 20)
            )
        if number % 3 == 2:
            doc.header = Header(issuers=["示例县人民政府办公室"], file=True)
            doc.doc_number = f"示政办发〔2025〕{number}号"
        out.append((f"generated-{number}", doc))
    return out
