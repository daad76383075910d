"""The POST endpoints: each parses its request, calls generator.api and answers; `endpoint` is the
one place where a FazhiError becomes an HTTP status, uploads are cleaned up and forms are authorised."""

from __future__ import annotations

import functools
import threading
import traceback
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response

from generator.errors import DraftError, FazhiError, Problem, SpecError, TemplateError
from generator.serve import pages
from generator.serve.guard import same_token
from generator.serve.uploads import TooLarge, Uploads

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "ofd": "application/ofd",
    "txt": "text/plain; charset=utf-8",
    "yaml": "text/yaml; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
OFFICE = threading.BoundedSemaphore(2)  # LibreOffice runs at once: each takes a core and ~200 MB
FIELD_LIMIT = 6 * 1024 * 1024  # a spec typed into the no-JavaScript form (specs are at most 5 MB)


def work(fn, *args, office: bool = False):
    """fn(*args) in the thread pool; at most two at a time when it runs LibreOffice (20 clients
    asking for PDFs must not start 20 LibreOffice processes)."""
    if not office:
        return run_in_threadpool(fn, *args)

    def limited():
        with OFFICE:
            return fn(*args)

    return run_in_threadpool(limited)


def legacy(paths: list[Path]) -> bool:
    """.doc and .wps are read through LibreOffice."""
    return any(p.suffix.lower() in (".doc", ".wps") for p in paths)


def status_of(exc: FazhiError) -> int:
    """413 too large; 422 a spec or draft fazhi read but cannot accept; 400 a request it cannot use."""
    if isinstance(exc, TooLarge):
        return 413
    if isinstance(exc, (SpecError, DraftError, TemplateError)):
        return 422
    return 400


def error_response(exc: FazhiError, uploads: Uploads | None, page: bool) -> Response:
    """The CLI's Chinese messages with their locations, as JSON (or a page for a form without JavaScript)."""
    problems = [p._replace(file=uploads.shown(p.file)) if uploads and p.file else p for p in exc.problems]
    status = status_of(exc)
    if page:
        return HTMLResponse(pages.error_page(status, [str(p) for p in problems]), status)
    body = {
        "error": {
            "status": status,
            "message": "\n".join(str(p) for p in problems),
            "problems": [{**p._asdict(), "text": str(p)} for p in problems],
        }
    }
    return JSONResponse(body, status)


def endpoint(handler):
    """Authorise, parse the form, run the handler with a private upload folder, map errors."""

    @functools.wraps(handler)
    async def run(request):
        settings = request.app.state.settings
        uploads, form, page = Uploads(settings.limit), None, False
        try:
            if request.headers.get("content-type", "").lower().startswith(("multipart/", "application/x-www")):
                form = await request.form(max_files=500, max_fields=50, max_part_size=FIELD_LIMIT)
                page = form.get("view") == "page"
            if not same_token(request.headers.get("x-fazhi-token") or (form or {}).get("token"), settings.token):
                return _forbidden(page)
            return await handler(request, form, uploads)
        except FazhiError as exc:
            return error_response(exc, uploads, page)
        except HTTPException as exc:  # Starlette's form parser: a malformed or over-large form
            return error_response(FazhiError(Problem(f"无法读取提交的表单：{exc.detail}")), None, page)
        except Exception:  # a bug: the clerk gets a message in Chinese, the terminal the traceback
            traceback.print_exc()
            message = "fazhi 内部错误：请把启动 fazhi serve 的终端中显示的错误信息报告给维护者"
            return JSONResponse({"error": {"status": 500, "message": message, "problems": [{"message": message}]}}, 500)
        finally:
            if form is not None:
                await form.close()
            await run_in_threadpool(uploads.close)

    return run


def _forbidden(page: bool) -> Response:
    message = "拒绝访问：缺少令牌或令牌不正确（请用启动 fazhi serve 时显示的地址打开）"
    if page:
        return HTMLResponse(pages.error_page(403, [message]), 403)
    return JSONResponse({"error": {"status": 403, "message": message, "problems": [{"message": message}]}}, 403)


def attachment(data: bytes, name: str, fmt: str) -> Response:
    """A file to download, its name in UTF-8 (RFC 6266) with an ASCII fallback."""
    disposition = f"attachment; filename=\"fazhi.{fmt}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=MEDIA[fmt], headers={"content-disposition": disposition})


async def spec_text(request, form) -> str:
    """The spec's YAML: the request body, or the form's `yaml` field."""
    if form is not None:
        value = form.get("yaml")
        if not isinstance(value, str):
            raise FazhiError(Problem("表单缺少 yaml 字段（数据文件的内容）"))
        return value.replace("\r\n", "\n")
    raw = await request.body()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpecError(Problem("提交的数据文件不是 UTF-8 编码：请另存为 UTF-8")) from None


def option(request, form, name: str, default: str) -> str:
    """A choice from the query string, else from the form."""
    value = request.query_params.get(name) or (form.get(name) if form is not None else None)
    return value if isinstance(value, str) and value else default


def stem(form, default: str = "报告") -> str:
    name = form.get("name") if form is not None else None
    return Path(name).stem[:60] if isinstance(name, str) and name.strip() else default


async def saved(form, uploads: Uploads, field: str = "file") -> list[Path]:
    """The uploaded files of a field, copied into the private folder (a .zip unpacked)."""
    if form is None:
        raise FazhiError(Problem(f"请以 multipart/form-data 上传文件（字段 {field}）"))
    files = [f for f in form.getlist(field) if hasattr(f, "filename") and f.filename]
    if not files:
        raise FazhiError(Problem(f"没有收到文件：请选择要上传的文件（字段 {field}）"))
    paths: list[Path] = []
    for upload in files:
        if upload.filename.lower().endswith(".zip"):
            paths.extend(await run_in_threadpool(uploads.add_zip, upload.filename, upload.file))
        else:
            paths.append(await run_in_threadpool(uploads.add, upload.filename, upload.file))
    return paths


@endpoint
async def render(request, form, uploads):
    """POST /api/render?format=docx|pdf|ofd|txt: the spec's YAML → the file."""
    from generator.api.texts import render_text

    fmt = option(request, form, "format", "docx")
    data = await work(render_text, await spec_text(request, form), fmt, office=fmt == "pdf")
    return attachment(data, f"{stem(form)}.{fmt}", fmt)


@endpoint
async def preview(request, form, uploads):
    """POST /api/preview: the spec's YAML → the HTML preview fragment."""
    from generator.api.texts import preview_html

    fragment = await work(preview_html, await spec_text(request, form))
    if form is not None and form.get("view") == "page":
        return HTMLResponse(pages.preview_page(fragment))
    return HTMLResponse(fragment)


@endpoint
async def pages_(request, form, uploads):
    """POST /api/pages: the spec's YAML → the exact preview, its pages as images (LibreOffice)."""
    import base64

    from generator.api.texts import page_images

    images = await work(page_images, await spec_text(request, form), office=True)
    tags = "".join(
        f'<img class="gw-page" alt="第{n}页" src="data:image/jpeg;base64,{base64.b64encode(jpeg).decode()}">'
        for n, jpeg in enumerate(images, 1)
    )
    return HTMLResponse(f'<div class="gw-pages" data-pages="{len(images)}">{tags}</div>')


@endpoint
async def check(request, form, uploads):
    """POST /api/check (multipart `file`): the JSON of `check --format json` (a page with view=page)."""
    paths = await saved(form, uploads)
    if form.get("view") == "page":
        return await _summary_page(paths, uploads)
    return Response(await work(_check_json, paths, uploads, office=legacy(paths)), media_type="application/json")


def _check_json(paths: list[Path], uploads: Uploads) -> str:
    from generator.api import check_files
    from generator.checks import report

    results, unreadable = check_files(paths)
    shown = [(uploads.shown(path), result) for path, result in results]
    return report.to_json(shown, [p._replace(file=uploads.shown(str(p.file))) for p in unreadable])


@endpoint
async def import_(request, form, uploads):
    """POST /api/import (multipart `file`): the draft → the YAML text of its spec."""
    from generator.api import import_draft

    (path,) = (await saved(form, uploads))[:1]
    shown = uploads.shown(path)
    imported = await work(import_draft, path, None, False, f"{Path(shown).stem}.yaml", shown, office=legacy([path]))
    return attachment(imported.yaml().encode("utf-8"), f"{Path(shown).stem}.yaml", "yaml")


@endpoint
async def summary(request, form, uploads):
    """POST /api/summary (multipart `files`): rows as JSON, or ?format=xlsx|csv|html the table."""
    from generator.api import check_summary
    from generator.api.texts import summary_data

    fmt = option(request, form, "format", "json")
    if fmt not in ("json", "xlsx", "csv", "html"):
        raise FazhiError(Problem(f"不支持的汇总格式「{fmt}」：应为 json、xlsx、csv、html 之一"))
    paths = await saved(form, uploads, "files")
    if fmt == "html":
        return await _summary_page(paths, uploads)
    rows = _shown_rows(await work(check_summary, paths, None, None, 1, office=legacy(paths)), uploads)
    if fmt == "json":
        return JSONResponse({"rows": summary_data(rows)})
    from generator.batch.csv import to_csv
    from generator.batch.xlsx import to_xlsx

    return attachment((to_xlsx if fmt == "xlsx" else to_csv)(rows), f"汇总.{fmt}", fmt)


def _shown_rows(rows: list, uploads: Uploads) -> list:
    import dataclasses

    return [
        dataclasses.replace(
            row,
            path=uploads.shown(row.path),
            findings=[dataclasses.replace(f, file=uploads.shown(f.file)) for f in row.findings],
        )
        for row in rows
    ]


async def _summary_page(paths: list[Path], uploads: Uploads) -> Response:
    """The summary page of batch/html.py, served with a policy that admits its own inline script."""
    from generator.api import check_summary
    from generator.batch.html import to_html

    rows = _shown_rows(await work(check_summary, paths, None, None, 1, office=legacy(paths)), uploads)
    page = to_html(rows)
    return Response(page, media_type=MEDIA["html"], headers={"content-security-policy": pages.inline_policy(page)})


@endpoint
async def figures(request, form, uploads):
    """POST /api/figures (multipart `files`: specs): the named figures side by side as JSON
    ({"header", "rows", "problems"}), or ?format=xlsx|csv the table (`fazhi figures`)."""
    from generator.api import figures_table
    from generator.batch.figures import to_csv, to_xlsx

    fmt = option(request, form, "format", "json")
    if fmt not in ("json", "xlsx", "csv"):
        raise FazhiError(Problem(f"不支持的格式「{fmt}」：应为 json、xlsx、csv 之一"))
    paths = [p for p in await saved(form, uploads, "files") if p.suffix.lower() in (".yaml", ".yml")]
    if not paths:
        raise FazhiError(Problem("请上传各单位的数据文件（.yaml）：数字对比读的是数据文件中的 figures"))
    table, problems = await work(figures_table, paths)
    problems = [p._replace(file=uploads.shown(p.file)) if p.file else p for p in problems]
    if fmt != "json":
        return attachment((to_xlsx if fmt == "xlsx" else to_csv)(table), f"数字对比.{fmt}", fmt)
    return JSONResponse(
        {
            "header": table.header(),
            "rows": [table.cells(row) for row in table.rows],
            "problems": [str(p) for p in problems],
        }
    )


@endpoint
async def edited(request, form, uploads):
    """POST /api/fix and /api/review (multipart `file`): the fixed copy or the review copy."""
    from generator.api import fix_file, review_file

    (path,) = (await saved(form, uploads))[:1]
    tag = "review" if request.url.path.endswith("review") else "fix"
    target = path.with_name(f"{path.stem}.{tag}{path.suffix}")
    edit = review_file if tag == "review" else fix_file
    written = (await work(edit, path, target, office=legacy([path])))[0]
    label = "审阅稿" if tag == "review" else "修正稿"
    fmt = path.suffix.lower().lstrip(".")
    return attachment(
        Path(written).read_bytes(),
        f"{Path(uploads.shown(path)).stem}-{label}{path.suffix}",
        fmt if fmt in MEDIA else "txt",
    )


@endpoint
async def relayout(request, form, uploads):
    """POST /api/relayout (multipart `file`): any draft re-laid out in GB/T 9704 → .docx."""
    from generator.api import render_draft

    (path,) = (await saved(form, uploads))[:1]
    written, _ = await work(render_draft, path, path.with_name("排版.docx"), office=True)
    return attachment(Path(written).read_bytes(), f"{Path(uploads.shown(path)).stem}-排版.docx", "docx")


@endpoint
async def next_year(request, form, uploads):
    """POST /api/next-year (multipart `file`): last year's spec → this year's YAML text."""
    from generator.importer.next_year import next_year_text

    (path,) = (await saved(form, uploads))[:1]
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise FazhiError(Problem("请上传去年的 YAML 数据文件（.yaml）", uploads.shown(path)))
    text, _ = await work(next_year_text, path)
    return attachment(text.encode("utf-8"), f"{Path(uploads.shown(path)).stem}-下一年.yaml", "yaml")
