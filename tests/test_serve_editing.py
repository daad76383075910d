"""`fazhi serve`'s form and fix endpoints over HTTP: /api/form, /api/fixes, /api/fix (JSON for the
spec, multipart for a draft); the token and the CLI's error messages apply as everywhere else."""

from __future__ import annotations

import json
from urllib.parse import unquote

import httpx
import pytest
from serving import TOKEN, running, starter_text

AUTH = {"X-Fazhi-Token": TOKEN}


@pytest.fixture(scope="module")
def client():
    with running() as (base, _), httpx.Client(base_url=base, timeout=120) as http:
        yield http


def test_form_gives_the_kinds_form_and_writes_edits_with_comments_kept(client):
    text = starter_text()
    first = client.post("/api/form", json={"yaml": text, "form": True}, headers=AUTH).json()
    assert first["yaml"] == text and first["kind"] == "annual-report"
    assert first["data"]["measures"]["sections"][0]["title"] == "依法全面履行政府职能"
    assert first["form"]["label"] == "年度报告" and "Section" in first["form"]["defs"]
    edit = {"path": ["measures", "sections", 0, "title"], "value": "依法全面履行政府职能和改革"}
    second = client.post("/api/form", json={"yaml": text, "edits": [edit]}, headers=AUTH).json()
    assert "form" not in second
    assert "measures:                                # 第一部分：主要举措和成效" in second["yaml"]
    assert "    - title: 依法全面履行政府职能和改革\n" in second["yaml"]


def test_form_errors_are_the_clis_and_need_the_token(client):
    assert client.post("/api/form", json={"yaml": "kind: x\n"}).status_code == 403
    bad = client.post("/api/form", json={"yaml": "year: [\n"}, headers=AUTH)
    assert bad.status_code == 422 and bad.json()["error"]["problems"][0]["line"]
    assert client.post("/api/form", content=b"not json", headers=AUTH).status_code == 400
    deep = b"[" * 100_000 + b"]" * 100_000
    assert client.post("/api/form", content=deep, headers=AUTH).status_code == 400
    wrong = client.post("/api/form", json={"yaml": "a: 1\n", "edits": [{"path": "a"}]}, headers=AUTH)
    assert wrong.status_code == 422 and "path" in wrong.json()["error"]["message"]


def test_spec_fixes_and_fix_as_json(client):
    text = starter_text().replace("企业开办时间压缩至1个工作日。", "企业开办时间压缩至1个工作日(全市第一)。")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "全市第一" in s)
    fixes = client.post("/api/fixes", json={"yaml": text}, headers=AUTH).json()["fixes"]
    assert [(f["line"], f["rule"], f["before"], f["after"]) for f in fixes] == [
        (line, "punct.half-width", "(", "（"),
        (line, "punct.half-width", ")", "）"),
    ]
    fixed = client.post("/api/fix", json={"yaml": text, "picks": [[line, "punct.half-width"]]}, headers=AUTH).json()
    assert "工作日（全市第一）。" in fixed["yaml"] and len(fixed["fixes"]) == 2
    assert fixed["yaml"].splitlines()[:2] == text.splitlines()[:2]  # the comment lines


def test_a_drafts_fixes_one_rule_at_a_time(client):
    from generator.api.texts import render_text

    draft = render_text(starter_text(), "txt").decode("utf-8")
    draft = draft.replace("全年办理行政复议案件126件，", "全年办理行政复议案件(126件),")
    draft = draft.replace("2026年2月10日", "2026年2月10号")
    files = {"file": ("示例县.txt", draft.encode("utf-8"), "text/plain")}
    fixes = client.post("/api/fixes", files=files, headers=AUTH).json()["fixes"]
    assert {f["rule"] for f in fixes} >= {"punct.half-width"}
    one = client.post("/api/fix", files=files, data={"rule": "punct.half-width"}, headers=AUTH)
    assert one.status_code == 200
    made = json.loads(unquote(one.headers["x-fazhi-fixes"]))
    assert made and {f["rule"] for f in made} == {"punct.half-width"}
    assert "行政复议案件（126件），" in one.content.decode("utf-8")
    every = client.post("/api/fix", files=files, headers=AUTH)
    assert len(json.loads(unquote(every.headers["x-fazhi-fixes"]))) == len(fixes)
