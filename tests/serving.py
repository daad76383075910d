"""A real `fazhi serve` application on 127.0.0.1 in a thread, for the HTTP and browser tests."""

from __future__ import annotations

import contextlib
import threading
import time

TOKEN = "test-token-0123456789abcdefghijkl"
# Debian's chromium, headless, no network of its own: for the browser tests and bench/serve.py
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--window-size=1400,1000",
)


@contextlib.contextmanager
def running(token: str = TOKEN, limit: int | None = None):
    """(base URL, server) of an application serving until the block ends."""
    import uvicorn

    from generator.serve import allowed_hosts, bind
    from generator.serve.app import LIMIT, create_app

    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    app = create_app(token, allowed_hosts("127.0.0.1", port), limit or LIMIT)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.should_exit = True
        thread.join(10)


def starter_text() -> str:
    """The spec 写报告 starts from."""
    from generator.serve.pages import starter_path

    return starter_path().read_text(encoding="utf-8")
