"""The form and the fix buttons: POST /api/form, /api/fixes and /api/fix (JSON bodies for the
spec's text; a multipart `file` for a draft). Errors go through endpoints.endpoint like the rest."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.responses import JSONResponse

from generator.errors import FazhiError, Problem, SpecError
from generator.serve.endpoints import MEDIA, attachment, endpoint, legacy, saved, work

JSON_TYPE = "application/json"
MAX_LISTED = 100


async def json_body(request) -> dict:
    """The request's JSON object (its `yaml` member the spec's text)."""
    try:
        body = json.loads(await request.body())
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nested beyond Python's limit
        raise FazhiError(Problem("请求的内容不是 JSON")) from None
    if not isinstance(body, dict) or not isinstance(body.get("yaml"), str):
        raise FazhiError(Problem("请求缺少 yaml 字段（数据文件的内容）"))
    body["yaml"] = body["yaml"].replace("\r\n", "\n")
    return body


def is_json(request) -> bool:
    return request.headers.get("content-type", "").lower().startswith(JSON_TYPE)


@endpoint
async def form(request, form_, uploads):
    """POST /api/form {"yaml", "edits": [...], "form": true?} → {"yaml", "kind", "data"} (and the
    kind's form description when asked): the form's edits written into the YAML, comments kept."""
    from generator.api.spec_edit import form_state

    body = await json_body(request)
    edits = body.get("edits") or []
    if not isinstance(edits, list) or not all(isinstance(e, dict) for e in edits):
        raise FazhiError(Problem("edits 应为修改的列表"))
    state = await work(form_state, body["yaml"], edits)
    if body.get("form"):
        state["form"] = await work(_form_of, state["kind"])
    return JSONResponse(state)


def _form_of(kind) -> dict | None:
    from generator.api.spec_form import form_of, option_labels
    from generator.kinds import KINDS

    return option_labels(form_of(kind)) if isinstance(kind, str) and kind in KINDS else None


@endpoint
async def fixes(request, form_, uploads):
    """POST /api/fixes: the fixes `check --fix` would make — in the spec (JSON {"yaml"}) or in a
    draft (multipart `file`, .docx or .txt) — as {"fixes": [{line, rule, before, after, context}]}."""
    if is_json(request):
        from generator.api.spec_edit import spec_fixes

        found = await work(spec_fixes, (await json_body(request))["yaml"])
        return JSONResponse({"fixes": [{k: v for k, v in f.items() if k != "edit"} for f in found]})
    from generator.api import fix_file

    (path,) = (await saved(form_, uploads))[:1]
    _, made, _, _ = await work(fix_file, path, path.with_name(f"{path.stem}.fixed{path.suffix}"))
    return JSONResponse({"fixes": [f.as_dict() for f in made]})


@endpoint
async def fix(request, form_, uploads):
    """POST /api/fix: JSON {"yaml", "picks": [[line, rule], …]?} → {"yaml", "fixes"} (the spec with
    those fixes made, all when picks is absent); multipart `file` (and `rule`, one rule's fixes
    only) → the draft's fixed copy, its fixes in the X-Fazhi-Fixes header (JSON, URL-encoded)."""
    if is_json(request):
        from generator.api.spec_edit import fix_spec

        body = await json_body(request)
        picks = body.get("picks")
        if picks is not None and not (
            isinstance(picks, list) and all(isinstance(p, list) and len(p) == 2 for p in picks)
        ):
            raise SpecError(Problem("picks 应为 [行号, 规则] 的列表"))
        return JSONResponse(await work(fix_spec, body["yaml"], picks))
    return await _fixed_draft(form_, uploads)


async def _fixed_draft(form_, uploads):
    from urllib.parse import quote

    from generator.api import fix_file

    (path,) = (await saved(form_, uploads))[:1]
    rule = form_.get("rule")
    rules = {rule} if isinstance(rule, str) and rule else None
    target = path.with_name(f"{path.stem}.fix{path.suffix}")
    written, made, _, _ = await work(
        fix_file, path, target, None, None, frozenset({"error"}), rules, office=legacy([path])
    )
    fmt = path.suffix.lower().lstrip(".")
    response = attachment(
        Path(written).read_bytes(),
        f"{Path(uploads.shown(path)).stem}-修正稿{path.suffix}",
        fmt if fmt in MEDIA else "txt",
    )
    shown = [f.as_dict() for f in made[:MAX_LISTED]]  # a header, not the body: kept short
    response.headers["x-fazhi-fixes"] = quote(json.dumps(shown, ensure_ascii=False))
    return response
