"""`fazhi serve`: the local web application (Starlette on uvicorn). Loaded only by that command."""

from __future__ import annotations

import secrets
import socket
import threading

DEFAULT_PORT = 8765
LOOPBACK = "127.0.0.1"


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket: the port asked for, else 8765, else any free port (two servers can run)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in [port] if port is not None else [DEFAULT_PORT, 0]:
        # proto named: asyncio sets TCP_NODELAY only on IPPROTO_TCP sockets, and without it a response
        # written as head + body waits 40 ms for the client's delayed ACK (measured).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.bind((host, candidate))
        except OSError:
            sock.close()
            if port is not None:
                raise
            continue
        sock.listen(128)
        return sock
    raise OSError("no port")  # unreachable: port 0 always binds


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers this server answers to: its address and localhost (DNS rebinding defence);
    bound to every interface, the machine's own names and addresses too."""
    names = {host, "localhost", LOOPBACK}
    if host in ("0.0.0.0", "::"):
        name = socket.gethostname()
        names |= {name, socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(name)[2])
        except OSError:
            pass
    return {f"[{n}]:{port}" if ":" in n else f"{n}:{port}" for n in names}


def url_of(host: str, port: int, token: str) -> str:
    shown = LOOPBACK if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/?token={token}"


def serve(host: str = LOOPBACK, port: int | None = None, open_browser: bool = True, echo=print) -> None:
    """Bind, print the URL with this launch's token (the first line on stdout), open it, serve until Ctrl-C."""
    import uvicorn

    from generator.serve.app import create_app

    sock = bind(host, port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    url = url_of(host, port, token)
    echo(url)
    app = create_app(token, allowed_hosts(host, port))
    # A browser keeps its connections open: Ctrl-C waits at most 2 s for them, not for ever.
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, server_header=False, timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (url,)).start()
    server.run(sockets=[sock])
