"""`fazhi serve`'s HTTP contract and security rules against a real server on 127.0.0.1 (httpx as
the client): the token, Host and Origin checks, CSP, size limits, the private upload folder, the
five endpoints with the CLI's messages and JSON, and the serve command's own start."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import httpx
import pytest
from conftest import KAIFU, MAOJIAN, ROOT, need_tool
from serving import TOKEN, running

AUTH = {"X-Fazhi-Token": TOKEN}
slow = httpx.Client(timeout=120)  # the machine may be busy: a slow answer is not a wrong one


@pytest.fixture(scope="module")
def site():
    with running() as (base, _):
        yield base


@pytest.fixture
def client(site):
    with httpx.Client(base_url=site, timeout=120, follow_redirects=True) as http:
        yield http


@pytest.fixture(scope="module")
def kaifu_docx(tmp_path_factory):
    from generator.api import render_file

    return render_file(KAIFU, tmp_path_factory.mktemp("serve") / "开福区.docx")


def cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


# --- security ---------------------------------------------------------------------------------------


def test_pages_need_the_launch_token_which_becomes_a_cookie(client):
    assert client.get("/").status_code == 403
    assert "启动时显示的地址" in client.get("/").text
    assert client.get("/?token=wrong").status_code == 403
    response = client.get(f"/?token={TOKEN}")  # followed: the address loses the token
    assert response.status_code == 200 and str(response.url).endswith("/")
    assert response.history[0].status_code == 303
    cookie = response.history[0].headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    for room in ("/review", "/summary"):
        assert client.get(room).status_code == 200


def test_every_response_carries_the_policy_and_pages_no_inline_code_or_foreign_url(client):
    page = client.get(f"/?token={TOKEN}")
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert page.headers["x-content-type-options"] == "nosniff"
    scripts = re.findall(r"<script[^>]*>", page.text)
    assert scripts == [f'<script src="/assets/{name}">' for name in ("form.js", "rooms.js", "app.js")]
    assert "<style" not in page.text and " style=" not in page.text
    assert not re.findall(r"""(?:src|href|action)=["']?(?:https?:)?//""", page.text)
    for asset in ("app.css", "app.js", "form.js", "rooms.js"):
        text = client.get(f"/assets/{asset}").text
        assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text
        assert "@import" not in text and "url(" not in text


def test_a_foreign_host_is_refused(site):
    for host in ("evil.example", "127.0.0.1", f"127.0.0.2:{site.rsplit(':', 1)[1]}"):
        response = slow.get(f"{site}/?token={TOKEN}", headers={"Host": host})
        assert response.status_code == 403 and "主机名" in response.json()["error"]["message"]
    assert slow.post(f"{site}/api/preview", headers={**AUTH, "Host": "evil.example"}, content=b"").status_code == 403
    assert slow.get(f"http://localhost:{site.rsplit(':', 1)[1]}/assets/app.css").status_code == 200


def test_a_write_from_a_foreign_origin_is_refused(client, site):
    spec = KAIFU.read_bytes()
    foreign = client.post("/api/preview", content=spec, headers={**AUTH, "Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "其他网站" in foreign.json()["error"]["message"]
    assert client.post("/api/preview", content=spec, headers={**AUTH, "Origin": "null"}).status_code == 403
    assert client.post("/api/preview", content=spec, headers={**AUTH, "Origin": site}).status_code == 200


def test_posts_need_the_token_in_the_header_or_the_form(client):
    spec = KAIFU.read_text(encoding="utf-8")
    assert client.post("/api/preview", content=spec.encode()).status_code == 403
    assert client.post("/api/preview", content=spec.encode(), headers={"X-Fazhi-Token": "x" + TOKEN}).status_code == 403
    assert client.post("/api/render", data={"yaml": spec, "format": "txt"}).status_code == 403
    assert client.post("/api/render", data={"yaml": spec, "format": "txt", "token": "no"}).status_code == 403
    form = client.post("/api/render", data={"yaml": spec, "format": "txt", "token": TOKEN})
    assert form.status_code == 200 and form.text.startswith("关于2022年度法治政府建设工作情况的报告")


def test_uploads_over_the_limit_are_refused_with_413(tmp_path):
    with running(limit=1024 * 1024) as (base, _):
        big = b"x" * (2 * 1024 * 1024)
        declared = slow.post(f"{base}/api/preview", content=big, headers=AUTH)
        assert declared.status_code == 413 and "请求过大" in declared.json()["error"]["message"]
        streamed = slow.post(
            f"{base}/api/check",
            headers={**AUTH, "Content-Type": "multipart/form-data; boundary=b"},
            content=iter(
                [b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\n'] + [b"y" * 65536] * 40
            ),
        )  # chunked: no length declared
        assert streamed.status_code == 413
        upload = slow.post(f"{base}/api/check", files={"file": ("大.txt", big)}, headers=AUTH)
        assert upload.status_code == 413


def test_uploads_live_in_a_private_folder_removed_after_the_response(client, kaifu_docx, tmp_path, monkeypatch):
    from generator.serve.uploads import Uploads

    uploads = Uploads(1024)
    assert oct(uploads.folder.stat().st_mode & 0o777) == "0o700"
    uploads.close()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the server runs in this process
    for endpoint in ("check", "import", "review", "fix"):
        with open(kaifu_docx, "rb") as draft:
            assert (
                client.post(f"/api/{endpoint}", files={"file": ("开福区.docx", draft)}, headers=AUTH).status_code == 200
            )
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith("fazhi-serve-")] == []


def test_at_most_two_libreoffice_runs_at_once():
    import threading
    import time

    import anyio

    from generator.serve.endpoints import work

    lock, running, peak = threading.Lock(), [], []

    def job():
        with lock:
            running.append(1)
            peak.append(len(running))
        time.sleep(0.1)
        with lock:
            running.pop()

    async def six(office: bool):
        async with anyio.create_task_group() as group:
            for _ in range(6):
                group.start_soon(lambda: work(job, office=office))

    anyio.run(six, True)
    assert max(peak) == 2
    peak.clear()
    anyio.run(six, False)
    assert max(peak) > 2  # the limit is LibreOffice's only


# --- the contract ----------------------------------------------------------------------------------


def test_render_returns_each_format(client, tmp_path):
    from generator.read import read_docx_bytes, read_draft_bytes

    spec = KAIFU.read_bytes()
    docx = client.post("/api/render?format=docx", content=spec, headers=AUTH)
    assert docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in docx.headers["content-disposition"]
    assert read_docx_bytes(docx.content).title == "关于2022年度法治政府建设工作情况的报告"
    text = client.post("/api/render?format=txt", content=spec, headers=AUTH).text
    assert cli("render", KAIFU, "--format", "txt", "-o", tmp_path / "k.txt").returncode == 0
    assert text == (tmp_path / "k.txt").read_text(encoding="utf-8")
    ofd = client.post("/api/render?format=ofd", content=spec, headers=AUTH)
    assert ofd.headers["content-type"] == "application/ofd"
    assert read_draft_bytes(ofd.content, "k.ofd").title == "关于2022年度法治政府建设工作情况的报告"
    wrong = client.post("/api/render?format=odt", content=spec, headers=AUTH)
    assert wrong.status_code == 400 and "不支持的输出格式「odt」" in wrong.json()["error"]["message"]


def test_errors_are_the_cli_messages_with_their_location(client, tmp_path):
    broken = KAIFU.read_text(encoding="utf-8").replace("year: 2022", "year: 二〇二二")
    (tmp_path / "报告.yaml").write_text(broken, encoding="utf-8")
    run = cli("render", "报告.yaml", cwd=tmp_path)
    response = client.post("/api/render", content=broken.encode(), headers=AUTH)
    assert response.status_code == 422
    error = response.json()["error"]
    assert run.returncode == 2 and run.stderr.strip() == "\n".join(f"错误：{p['text']}" for p in error["problems"])
    assert error["problems"][0]["line"] and error["problems"][0]["field"] == "year"
    assert client.post("/api/preview", content=broken.encode(), headers=AUTH).json() == response.json()


def test_refusals_of_the_cli_apply_the_same_way(client, tmp_path):
    lines = ["kind: annual-report", 'a0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    bomb = "\n".join(lines) + "\n"
    response = client.post("/api/preview", content=bomb.encode(), headers=AUTH)
    assert response.status_code == 422 and "层层展开后内容过多" in response.json()["error"]["message"]
    assert client.post("/api/preview", content="标题：\x00".encode(), headers=AUTH).status_code == 422
    gbk = client.post("/api/preview", content="kind: 年度报告".encode("gbk"), headers=AUTH)
    assert gbk.status_code == 422 and "UTF-8" in gbk.json()["error"]["message"]


def test_preview_is_the_html_fragment_with_generated_numbering(client):
    response = client.post("/api/preview", content=MAOJIAN.read_bytes(), headers=AUTH)
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert html.startswith('<div class="gw-doc">') and "<script" not in html and "style=" not in html
    assert "2024年度茅箭区法治政府建设工作要点" in html and "（一）持续完善政府职能。" in html


def test_pages_is_the_exact_preview_as_page_images(client):
    import base64

    need_tool("soffice")
    need_tool("pdftoppm")
    response = client.post("/api/pages", content=KAIFU.read_bytes(), headers=AUTH)
    images = re.findall(r'src="data:image/jpeg;base64,([^"]+)"', response.text)
    assert len(images) == int(re.search(r'data-pages="(\d+)"', response.text).group(1)) >= 5
    assert all(base64.b64decode(image).startswith(b"\xff\xd8\xff") for image in images)
    alts = re.findall(r'alt="第(\d+)页"', response.text)
    assert alts == [str(n) for n in range(1, len(images) + 1)]


def test_check_returns_the_json_of_check_format_json(client, kaifu_docx):
    with open(kaifu_docx, "rb") as draft:
        response = client.post("/api/check", files={"file": ("开福区.docx", draft)}, headers=AUTH)
    run = cli("check", kaifu_docx.name, "--format", "json", cwd=kaifu_docx.parent)
    assert response.json() == json.loads(run.stdout)


def test_import_returns_the_yaml_of_the_draft(client, kaifu_docx):
    from generator.api.texts import load_spec_text

    with open(kaifu_docx, "rb") as draft:
        response = client.post("/api/import", files={"file": ("开福区.docx", draft)}, headers=AUTH)
    assert response.headers["content-type"].startswith("text/yaml")
    assert "「开福区.docx」" in response.text and "/tmp" not in response.text
    assert load_spec_text(response.text).jurisdiction.name == "开福区"
    spec = client.post("/api/import", files={"file": ("去年.yaml", KAIFU.read_bytes())}, headers=AUTH)
    assert spec.status_code == 400 and "--next-year" in spec.json()["error"]["message"]


def test_a_bug_is_a_chinese_500_not_a_traceback(client, monkeypatch, capsys):
    import generator.api.texts

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.api.texts, "preview_html", broken)
    response = client.post("/api/preview", content=b"kind: annual-report", headers=AUTH)
    assert response.status_code == 500 and "内部错误" in response.json()["error"]["message"]
    assert "boom" not in response.text and "RuntimeError: boom" in capsys.readouterr().err


def test_an_unreadable_upload_is_named_as_the_clerk_named_it(client):
    response = client.post("/api/relayout", files={"file": ("坏的.docx", b"PK not a zip")}, headers=AUTH)
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert message.startswith("坏的.docx") and "fazhi-serve" not in message


def test_summary_rows_as_json_and_files(client, kaifu_docx):
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(kaifu_docx, "县/甲区.docx")
        archive.write(kaifu_docx, "../../乙区.docx")  # a hostile path stays a name inside the folder
    files = [
        ("files", ("丙区.docx", kaifu_docx.read_bytes())),
        ("files", ("报送.zip", package.getvalue())),
        ("files", ("坏的.docx", b"no")),
    ]
    rows = client.post("/api/summary", files=files, headers=AUTH).json()["rows"]
    assert [r["path"] for r in rows] == ["丙区.docx", "甲区.docx", "乙区.docx", "坏的.docx"]
    assert rows[0]["year"] == 2022 and rows[0]["date"] == "2023-01-04" and rows[0]["parts"]["3"]["status"] == "missing"
    assert rows[3]["unreadable"]
    xlsx = client.post("/api/summary?format=xlsx", files=files, headers=AUTH)
    assert zipfile.ZipFile(io.BytesIO(xlsx.content)).testzip() is None
    csv = client.post("/api/summary?format=csv", files=files, headers=AUTH).content.decode("utf-8-sig")
    assert "甲区.docx" in csv
    page = client.post("/api/summary?format=html", files=files, headers=AUTH)
    assert "script-src 'sha256-" in page.headers["content-security-policy"]


def test_figures_side_by_side(client):
    from conftest import MUDANJIANG

    files = [("files", ("开福区.yaml", KAIFU.read_bytes())), ("files", ("牡丹江市.yaml", MUDANJIANG.read_bytes()))]
    table = client.post("/api/figures", files=files, headers=AUTH).json()
    assert table["header"][:3] == ["名称", "说明", "单位"] and len(table["header"]) >= 5
    assert table["rows"] and all(len(row) == len(table["header"]) for row in table["rows"])
    xlsx = client.post("/api/figures?format=xlsx", files=files, headers=AUTH)
    assert zipfile.ZipFile(io.BytesIO(xlsx.content)).testzip() is None
    drafts = client.post("/api/figures", files={"files": ("草稿.docx", b"x")}, headers=AUTH)
    assert drafts.status_code == 400 and ".yaml" in drafts.json()["error"]["message"]


def test_a_zip_from_windows_keeps_its_gbk_file_names(client, kaifu_docx):
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(kaifu_docx, "AAAA.docx")  # renamed below, bytes for bytes, without the UTF-8 flag
    data = package.getvalue().replace(b"AAAA.docx", "丁区.docx".encode("gbk"))
    rows = client.post("/api/summary", files={"files": ("报送.zip", data)}, headers=AUTH).json()["rows"]
    assert [r["path"] for r in rows] == ["丁区.docx"]


# --- the command -----------------------------------------------------------------------------------


def _serve(*args):
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--no-browser", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_the_first_line_on_stdout_is_the_address_with_the_token():
    process = _serve()
    try:
        line = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", line), line
        assert slow.get(line, follow_redirects=True).status_code == 200
    finally:
        process.terminate()
        process.wait(10)


def test_another_address_needs_allow_lan_which_warns():
    refused = cli("serve", "--host", "0.0.0.0", "--no-browser")
    assert refused.returncode == 2 and "--allow-lan" in refused.stderr
    process = _serve("--allow-lan")
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:")
    finally:
        process.terminate()
        process.wait(10)
    assert "警告" in process.stderr.read()


def test_a_busy_port_is_said_in_chinese():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        run = cli("serve", "--no-browser", "--port", busy.getsockname()[1])
    assert run.returncode == 2 and "端口已被占用" in run.stderr and "Traceback" not in run.stderr


def test_check_and_render_do_not_load_the_web_stack(kaifu_docx, tmp_path):
    probe = (
        "import sys\nfrom generator.cli import main\ntry: main(sys.argv[1:])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'multipart', 'python_multipart', 'anyio', 'generator.serve')"
        " if m in sys.modules))"
    )
    for args in (["check", kaifu_docx], ["render", KAIFU, "-o", tmp_path / "k.docx"], ["--help"]):
        run = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
        assert run.stdout.strip().splitlines()[-1] == "[]", (args, run.stdout, run.stderr)
