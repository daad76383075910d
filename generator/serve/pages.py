"""The rooms' pages: HTML files under assets/ with the token, the starting spec and its preview
filled in (escaped). Every script and style is a file of the package: no inline code, no CDN."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from html import escape
from pathlib import Path
from string import Template

ASSETS = Path(__file__).resolve().parent / "assets"
STATIC = {
    "app.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "form.js": "text/javascript; charset=utf-8",
    "rooms.js": "text/javascript; charset=utf-8",
}
ROOMS = {"/": ("write", "写报告"), "/review": ("review", "审稿"), "/summary": ("summary", "汇总")}
SCRIPTS = "".join(f'<script src="/assets/{name}"></script>' for name in ("form.js", "rooms.js", "app.js"))
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)


def starter_path() -> Path:
    """The starting spec: inside the wheel, else the checkout's examples/ (as templates_dir does)."""
    inside = ASSETS / "template.yaml"
    return (
        inside if inside.is_file() else Path(__file__).resolve().parents[2] / "examples" / "template-county-2025.yaml"
    )


@functools.cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def static(name: str) -> bytes | None:
    """A public asset's bytes (app.css, app.js); None for any other name."""
    return _asset(name).encode("utf-8") if name in STATIC else None


def room(path: str, token: str) -> str:
    """A room's whole page."""
    key, title = ROOMS[path]
    fields = {"token": escape(token), "yaml": "", "preview": ""}
    if key == "write":
        from generator.api.texts import preview_html
        from generator.errors import FazhiError

        text = starter_path().read_text(encoding="utf-8")
        fields["yaml"] = escape(text)
        try:
            fields["preview"] = preview_html(text)
        except FazhiError as exc:  # only if the packaged starter were broken: say so in the pane
            fields["preview"] = "<pre>" + escape(str(exc)) + "</pre>"
    body = Template(_asset(f"{key}.html")).substitute(fields)
    return _page(title, body, token, path)


def _page(title: str, body: str, token: str = "", here: str = "") -> str:
    nav = "".join(
        f'<a href="{href}"{" class=here" if href == here else ""}>{name}</a>' for href, (_, name) in ROOMS.items()
    )
    meta = f'<meta name="fazhi-token" content="{escape(token)}">' if token else ""
    meta += f'<meta name="fazhi-kinds" content="{escape(_kind_labels())}">'
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">{meta}'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)} · fazhi</title><link rel="stylesheet" href="/assets/app.css"></head>'
        f'<body><header class="bar"><span class="brand">fazhi 法治政府建设报告</span><nav>{nav}</nav></header>'
        f"<main>{body}</main>{SCRIPTS}</body></html>"
    )


@functools.cache
def _kind_labels() -> str:
    import json

    from generator.kinds import KINDS

    return json.dumps({kind.name: kind.label for kind in KINDS.values()}, ensure_ascii=False)


def error_page(status: int, messages: list[str]) -> str:
    """A refusal or an input error, for a form sent without JavaScript."""
    items = "".join(f"<li>{escape(m)}</li>" for m in messages)
    return _page(
        f"错误 {status}",
        f'<h1>无法完成（{status}）</h1><ul class="problems">{items}</ul><p>请返回上一页修改后重试。</p>',
    )


def preview_page(fragment: str) -> str:
    """The preview fragment as a page of its own (the no-JavaScript 预览 button)."""
    return _page("预览", f'<div class="preview alone">{fragment}</div>')


def locked_page() -> str:
    """What a browser sees without the launch token."""
    return _page(
        "需要令牌",
        "<h1>请用启动时显示的地址打开</h1><p>fazhi serve 启动时在终端第一行显示了一个带令牌的地址"
        "（http://127.0.0.1:端口/?token=…）。为了安全，只有用这个地址打开的浏览器才能使用本页面。</p>",
    )


def inline_policy(page: bytes) -> str:
    """The policy for a page that carries its own inline script (batch/html.py's summary): that
    script by hash, nothing else; inline style allowed (its column widths are style attributes)."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
        for m in _INLINE.findall(page.decode("utf-8"))
    )
    scripts = hashes or "'none'"
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'self'; object-src 'none'"
    )
