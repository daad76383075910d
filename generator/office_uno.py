"""The helper of generator/office_warm.py, run by the Python that has LibreOffice's bridge
(Debian's python3-uno), never imported by fazhi itself: it starts one headless LibreOffice,
connects over a private pipe and converts documents on request until its input closes.

    python3 office_uno.py SOFFICE PROFILE_URL PIPE_NAME
    stdin:  {"in": path, "out": path, "filter": "writer_pdf_Export", "data": {"IsSkipEmptyPages": false}}
    stdout: {"ok": true} or {"error": "…"}, one line per request; {"ready": true} first.

Standard library and uno only (it runs outside fazhi's environment).
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CONNECT_SECONDS = 60


def prop(name, value):
    """A UNO PropertyValue."""
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(pipe):
    """The running LibreOffice's desktop, waiting while it starts."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:  # NoConnectException until LibreOffice listens
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def convert(desktop, request):
    """One document loaded hidden, stored through the filter, closed."""
    source = uno.systemPathToFileUrl(str(Path(request["in"]).resolve()))
    target = uno.systemPathToFileUrl(str(Path(request["out"]).resolve()))
    document = desktop.loadComponentFromURL(source, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True)))
    if document is None:
        raise RuntimeError("LibreOffice 无法打开该文件")
    try:
        data = tuple(prop(k, v) for k, v in request.get("data", {}).items())
        options = [prop("FilterName", request["filter"])]
        if data:
            options.append(prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data)))
        document.storeToURL(target, tuple(options))
    finally:
        document.close(True)


def main():
    soffice, profile, pipe = sys.argv[1:4]
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        desktop = connect(pipe)
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            try:
                convert(desktop, json.loads(line))
                answer = {"ok": True}
            except Exception as exc:  # reported to fazhi, which falls back or says so
                answer = {"error": f"{type(exc).__name__}: {exc}"[:500]}
            print(json.dumps(answer), flush=True)
        try:
            desktop.terminate()
        except Exception:  # already gone: the process is ended below anyway
            pass
    finally:
        try:
            office.wait(timeout=5)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
