"""The application: routes, the guard in front, the pages behind the launch token."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from generator.serve import editing, endpoints, pages
from generator.serve.guard import Guard, same_token

MB = 1024 * 1024
LIMIT = 50 * MB  # a request's body: the reader's own limit for one draft (read.MAX_FILE_BYTES)
WORKERS = 6  # threads doing the work (two may wait on LibreOffice): see _warm_office


@dataclass
class Settings:
    token: str
    hosts: set[str]
    limit: int = LIMIT

    @property
    def cookie(self) -> str:
        """Cookies ignore ports: each server's cookie is named after its own."""
        return "fazhi_token_" + next(iter(sorted(self.hosts))).rsplit(":", 1)[-1]


def create_app(token: str, hosts: set[str], limit: int = LIMIT) -> Starlette:
    """The ASGI application for one launch: `hosts` are the Host values it answers to (with port)."""
    settings = Settings(token, hosts, limit)
    routes = [Route(path, room, methods=["GET"]) for path in pages.ROOMS]
    routes.append(Route("/assets/{name}", asset, methods=["GET"]))
    routes.append(Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]))
    for path, handler in (
        ("render", endpoints.render),
        ("preview", endpoints.preview),
        ("pages", endpoints.pages_),
        ("check", endpoints.check),
        ("import", endpoints.import_),
        ("summary", endpoints.summary),
        ("figures", endpoints.figures),
        ("fix", editing.fix),
        ("fixes", editing.fixes),
        ("form", editing.form),
        ("review", endpoints.edited),
        ("relayout", endpoints.relayout),
        ("next-year", endpoints.next_year),
    ):
        routes.append(Route(f"/api/{path}", handler, methods=["POST"]))
    app = Starlette(
        routes=routes, middleware=[Middleware(Guard, token=token, hosts=hosts, limit=limit)], lifespan=_warm_office
    )
    app.state.settings = settings
    return app


@contextlib.asynccontextmanager
async def _warm_office(app):
    """One LibreOffice for the server's lifetime, started on the first PDF or exact preview, stopped
    at exit (generator/office_warm.py)."""
    from starlette.concurrency import run_in_threadpool

    from anyio import to_thread

    from generator.office_warm import WarmOffice, install

    # Few worker threads: the work is CPU-bound on a 2-core machine, and each thread that ever runs
    # takes a malloc arena of its own (with anyio's 40, memory crept up for minutes under load).
    to_thread.current_default_thread_limiter().total_tokens = WORKERS
    office = WarmOffice()
    install(office)
    try:
        yield
    finally:
        install(None)
        await run_in_threadpool(office.close)


async def room(request) -> Response:
    """A room's page: with ?token= the token becomes a cookie and the address loses it; without either, 403."""
    settings = request.app.state.settings
    given = request.query_params.get("token")
    if given is not None:
        if not same_token(given, settings.token):
            return HTMLResponse(pages.locked_page(), 403)
        rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        response = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), 303)
        response.set_cookie(settings.cookie, settings.token, httponly=True, samesite="strict")
        return response
    if not same_token(request.cookies.get(settings.cookie), settings.token):
        return HTMLResponse(pages.locked_page(), 403)
    if request.url.path == "/":  # 写报告 offers the exact preview: have LibreOffice ready by then
        from generator.office_warm import installed

        office = installed()
        if office is not None:
            office.warm_up()
    return HTMLResponse(pages.room(request.url.path, settings.token))


async def asset(request) -> Response:
    """The stylesheet and the script (public: nothing secret in them)."""
    name = request.path_params["name"]
    data = pages.static(name)
    if data is None:
        return Response("没有这个文件", 404, media_type="text/plain; charset=utf-8")
    return Response(data, media_type=pages.STATIC[name])
