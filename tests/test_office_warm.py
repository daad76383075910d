"""The web server's LibreOffice kept running (generator/office_warm.py): one start for many
conversions, the same PDF as a LibreOffice per conversion, a timeout that ends it and a clean stop."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import KAIFU, need_tool

from generator.errors import FazhiError
from generator.office_warm import WarmOffice, bridge_python, install
from generator.write.pdf import WARM_FILTER, docx_to_pdf

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    from generator.api import render_file

    need_tool("soffice")
    if bridge_python() is None:
        message = "no Python with LibreOffice's uno bridge (python3-uno)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required on CI)")
        pytest.skip(message)
    return render_file(KAIFU, tmp_path_factory.mktemp("warm") / "开福区.docx")


def _text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_one_libreoffice_for_many_conversions_with_the_usual_pdf(docx, tmp_path):
    (usual,) = docx_to_pdf([docx], tmp_path / "usual")
    office = WarmOffice()
    try:
        first = office.convert(docx, tmp_path / "1.pdf", *WARM_FILTER)
        second = office.convert(docx, tmp_path / "2.pdf", *WARM_FILTER)
        assert office.starts == 1
        assert _text(first) == _text(second) == _text(usual)
        folder = office.folder
        assert office.running and folder is not None and folder.exists()
    finally:
        office.close()
    assert not office.running and not folder.exists()


def test_docx_to_pdf_uses_the_installed_one_and_a_timeout_restarts_it(docx, tmp_path):
    office = WarmOffice()
    install(office)
    try:
        (pdf,) = docx_to_pdf([docx], tmp_path / "a")
        assert office.starts == 1 and pdf.read_bytes().startswith(b"%PDF")
        office.timeout = 0.001
        with pytest.raises(FazhiError, match="超时"):
            office.convert(docx, tmp_path / "b.pdf", *WARM_FILTER)
        office.timeout = 120
        (again,) = docx_to_pdf([docx], tmp_path / "c")
        assert office.starts == 2 and _text(again) == _text(pdf)
    finally:
        install(None)
        office.close()


def test_without_the_bridge_pdfs_go_the_usual_way(docx, tmp_path, monkeypatch):
    import generator.office_warm as warm

    office = WarmOffice()
    install(office)
    monkeypatch.setattr(warm, "bridge_python", lambda: None)
    try:
        (pdf,) = docx_to_pdf([docx], tmp_path)
        assert pdf.read_bytes().startswith(b"%PDF") and office.starts == 0
    finally:
        install(None)
        office.close()


def test_an_idle_libreoffice_is_stopped(docx, tmp_path):
    import time

    office = WarmOffice(idle=0.5)
    try:
        office.convert(docx, tmp_path / "a.pdf", *WARM_FILTER)
        deadline = time.monotonic() + 30
        while (office.running or office.folder is not None) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not office.running and office.folder is None
    finally:
        office.close()


def test_the_server_starts_it_for_the_write_room_and_stops_it_at_exit(docx):
    import time

    import httpx
    from serving import TOKEN, running

    from generator.office_warm import installed

    with running() as (base, _):
        office = installed()
        assert office is not None and not office.running
        with httpx.Client(base_url=base, timeout=60, follow_redirects=True) as client:
            assert client.get(f"/?token={TOKEN}").status_code == 200  # 写报告: LibreOffice starts now
        deadline = time.monotonic() + 60
        while not office.running and time.monotonic() < deadline:
            time.sleep(0.1)
        assert office.running
        folder = office.folder
    assert installed() is None and not office.running
    assert folder is not None and not folder.exists()
