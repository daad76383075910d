"""Cases fazhi gets wrong today: (document, form, metric) → what it does instead.

tests/test_corpus.py marks each case xfail(strict=True): a fix makes it pass (XPASS), which fails
the run until its entry is removed here. Regenerate with `python -m tests.corpus.report --known`.
"""

KNOWN = {
    (
        "bda-2021-report",
        "runon",
        "outline",
    ): "labels [(1, '2021年度推进法治政府建设主要举措与成效'), (2, '深入推进政府职能转变'), (2, '不断推进科学民主依法决策')]…, read [(1, '2021年度推进法治政府建设主要举措与成效'), (2, '深入推进政府职能转变深化行政审批体制改革'), (2, '不断推进科学民主依法",
    (
        "fuzhou-2022-plan",
        "web",
        "headings40",
    ): "spec titles > 40 chars: 中共抚州市委抚州市人民政府关于印发《抚州市法治政府建设实施方案（2022-2025年）》的通知…",
    (
        "fuzhou-2022-plan",
        "runon",
        "headings40",
    ): "spec titles > 40 chars: 中共抚州市委抚州市人民政府关于印发《抚州市法治政府建设实施方案（2022-2025年）》的通知…",
    (
        "fuzhou-2022-plan",
        "autonum",
        "headings40",
    ): "spec titles > 40 chars: 中共抚州市委抚州市人民政府关于印发《抚州市法治政府建设实施方案(2022-2025年)》的通知…",
    (
        "fuzhou-2022-plan",
        "runfonts",
        "headings40",
    ): "spec titles > 40 chars: 中共抚州市委抚州市人民政府关于印发《抚州市法治政府建设实施方案(2022-2025年)》的通知…",
    (
        "fuzhou-2022-plan",
        "tracked",
        "headings40",
    ): "spec titles > 40 chars: 中共抚州市委抚州市人民政府关于印发《抚州市法治政府建设实施方案(2022-2025年)》的通知…",
    (
        "fuzhou-2022-plan",
        "boxed",
        "headings40",
    ): "spec titles > 40 chars: 中共抚州市委抚州市人民政府关于印发《抚州市法治政府建设实施方案(2022-2025年)》的通知…",
    ("huangpi-2020-report", "runon", "parts"): "labels ['1', '3'], check ['1']",
    (
        "huangpi-2020-report",
        "runon",
        "outline",
    ): "labels [(1, '基本情况'), (2, '党政主要负责人履行推进法治建设第一责任人职责')]…, read [(1, '基本情况')]…",
    ("huangpi-2020-report", "runon", "expected"): "missing ['parts.nested']",
    (
        "huangpi-2020-report",
        "runon",
        "false",
    ): "parts.missing: 缺少第三部分「上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况」",
    (
        "liuxia-2022-report",
        "runon",
        "outline",
    ): "labels [(1, '2022年法治政府建设主要措施'), (1, '强化领导责任，夯实法治政府建设基础')]…, read [(1, '2022年法治政府建设主要措施一、强化领导责任')]…",
    ("liuxia-2022-report", "runon", "expected"): "missing ['numbering.gap']",
    ("liuxia-2022-report", "runon", "paragraphs"): "1/5 lost: '强化领导责任,夯实法治政府建设基础'",
    (
        "ordos-jtj-2021-dept",
        "runon",
        "outline",
    ): "labels [(1, '全面加强党对法治建设的领导'), (1, '全面落实普法责任制，推动法律进机关进校园'), (2, '全面落实普法责任制，围绕“关键少数”推动法律进机关'), (2, '全面落实普法责任制，围绕“重点群体”推动法律进校园')]…, read [(1, '全面加强党对法治建设的领导建立健全法治建",
    ("xiping-2020-plan", "web", "owners"): "(一)为推动经济高质量发: '县政府办公室、县司法局、各有关部门、乡镇人民政府'",
    (
        "xiping-2020-plan",
        "runon",
        "owners",
    ): "(一)为推动经济高质量发: '县政府办公室、县司法局、各有关部门、乡镇人民政府'",
    (
        "xiping-2020-plan",
        "autonum",
        "owners",
    ): "(一)为推动经济高质量发: '县政府办公室、县司法局、各有关部门、乡镇人民政府'",
    (
        "xiping-2020-plan",
        "runfonts",
        "owners",
    ): "(一)为推动经济高质量发: '县政府办公室、县司法局、各有关部门、乡镇人民政府'",
    (
        "xiping-2020-plan",
        "tracked",
        "owners",
    ): "(一)为推动经济高质量发: '县政府办公室、县司法局、各有关部门、乡镇人民政府'",
    (
        "xiping-2020-plan",
        "boxed",
        "owners",
    ): "(一)为推动经济高质量发: '县政府办公室、县司法局、各有关部门、乡镇人民政府'",
}
