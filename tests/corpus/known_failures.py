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
        "ordos-jtj-2021-dept",
        "runon",
        "outline",
    ): "labels [(1, '全面加强党对法治建设的领导'), (1, '全面落实普法责任制，推动法律进机关进校园'), (2, '全面落实普法责任制，围绕“关键少数”推动法律进机关'), (2, '全面落实普法责任制，围绕“重点群体”推动法律进校园')]…, read [(1, '全面加强党对法治建设的领导建立健全法治建",
    (
        "sichuan-2025-plan",
        "runon",
        "outline",
    ): "labels [(1, '强化法治政府建设统筹'), (2, '贯彻落实四川省领导干部应知应会党内法规和法律法规清单制度，常态化开展会前学法、重大决策前专题学法'), (2, '开展四川省法治政府建设实施方案（2021—2025年）实施情况终期评估，调研谋划下一阶段法治政府建设重点工作规划'), (2, '抓好全国第三",
    (
        "sichuan-2025-plan",
        "runon",
        "paragraphs",
    ): "3/16 lost: '贯彻落实四川省领导干部应知应会党内法规和法律法规清单制度,常态化开展会前学法、重'",
    ("sichuan-2025-plan", "runon", "owners"): "(三)抓好全国第三批法治: None",
    ("xinmi-2023-plan", "runon", "paragraphs"): "1/9 lost: '各乡镇人民政府,街道办事处,市人民政府各部门,各有关单位:'",
    (
        "xxcounty-2022-plan",
        "web",
        "outline",
    ): "labels [(1, '持续推进学习宣传贯彻习近平法治思想'), (3, '推动学习宣传贯彻习近平法治思想走深走实'), (1, '压实法治政府建设第一责任人职责'), (3, '将法治政府建设与经济社会发展同部署、同推进、同考核、同奖惩')]…, read [(1, '持续推进学习宣传贯彻习近平法治思想1.推动学习",
    ("xxcounty-2022-plan", "web", "owners"): "1.推动学习宣传贯彻习近: None",
    (
        "xxcounty-2022-plan",
        "runon",
        "outline",
    ): "labels [(1, '持续推进学习宣传贯彻习近平法治思想'), (3, '推动学习宣传贯彻习近平法治思想走深走实'), (1, '压实法治政府建设第一责任人职责'), (3, '将法治政府建设与经济社会发展同部署、同推进、同考核、同奖惩')]…, read [(1, '持续推进学习宣传贯彻习近平法治思想'), (3",
    (
        "xxcounty-2022-plan",
        "runon",
        "paragraphs",
    ): "1/10 lost: '工作汇报,及时研究解决有关重大问题。严格落实政府常务会议及各镇(街道)、各部门党'",
}
