"""The server's gate, an ASGI middleware in front of every route: DNS rebinding (Host), foreign
writes (Origin), the token, the request size, and the security headers of every response."""

from __future__ import annotations

import hmac
import json

from generator.serve.uploads import TooLarge

# No inline script or style, no other origin, no plugins; forms post only back here. Images may be
# data: URLs (the exact preview's pages arrive inside its answer, so nothing is kept on the server).
CSP = (
    "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'; "
    "object-src 'none'"
)
# same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` with a form's POST,
# which the Origin check must refuse.
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"cache-control", b"no-store"),
]
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


class Guard:
    """Refuses what the security rules refuse (403/413, a Chinese message as JSON) and adds the headers."""

    def __init__(self, app, *, token: str, hosts: set[str], limit: int):
        self.app = app
        self.token = token
        self.hosts = {h.lower() for h in hosts}  # "127.0.0.1:8765", "localhost:8765", …
        self.origins = {f"http://{h}" for h in self.hosts}
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self.refusal(scope["method"], headers)
        if refusal:
            return await _json(send, *refusal)
        started = False

        async def guarded_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        received = 0

        async def counted_receive():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise TooLarge(f"请求过大：超过 {self.limit // (1024 * 1024)} MB")
            return message

        try:
            await self.app(scope, counted_receive, guarded_send)
        except TooLarge as exc:
            if started:
                raise
            await _json(send, 413, str(exc))

    def refusal(self, method: str, headers: dict) -> tuple[int, str] | None:
        """(status, message) when the request must not reach the application."""
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            return 403, f"拒绝访问：请求的主机名「{host}」不是本服务的地址（请用启动时显示的地址打开）"
        if method in ("GET", "HEAD"):
            return None
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in self.origins:
            return 403, f"拒绝访问：来自其他网站（{origin}）的提交"
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            return 413, f"请求过大：超过 {self.limit // (1024 * 1024)} MB"
        token = headers.get("x-fazhi-token")
        if token is not None and not self.token_ok(token):
            return 403, "拒绝访问：令牌（X-Fazhi-Token）不正确"
        if token is None and not headers.get("content-type", "").lower().startswith(FORMS):
            return 403, "拒绝访问：缺少令牌（请在 X-Fazhi-Token 请求头中给出启动时显示的令牌）"
        return None  # a form's token is a field: the endpoint checks it after parsing the form

    def token_ok(self, token: str | None) -> bool:
        return same_token(token, self.token)


def same_token(given, token: str) -> bool:
    """The launch token, compared in constant time; anything else (None, a file field) is not."""
    return isinstance(given, str) and bool(given) and hmac.compare_digest(given.encode(), token.encode())


async def _json(send, status: int, message: str) -> None:
    body = json.dumps(
        {"error": {"status": status, "message": message, "problems": [{"message": message}]}}, ensure_ascii=False
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", CSP.encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
