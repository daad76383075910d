"""`fazhi serve` end to end in Debian's Chromium (selenium + chromedriver; never a downloaded browser):
each room driven as a clerk would, the downloads read back, every request kept on 127.0.0.1, no
Content-Security-Policy violation, and the no-JavaScript forms. FAZHI_SCREENSHOTS=DIR keeps screenshots."""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from conftest import KAIFU
from serving import TOKEN, running

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--window-size=1400,1000",
)

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    missing = [p for p in (CHROMIUM, DRIVER) if not Path(p).exists()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {', '.join(missing)} (apt-get install chromium chromium-driver)")
        pytest.skip(f"not installed: {', '.join(missing)}")


def _driver(profile: Path, downloads: Path, javascript: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


@pytest.fixture(scope="module")
def site():
    _require_browser()
    with running() as (base, _):
        yield base


@pytest.fixture
def browser(tmp_path, site):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _driver(tmp_path / "profile", downloads)
    driver.get(f"{site}/?token={TOKEN}")
    driver.downloads = downloads
    yield driver
    requests = _requests(driver)
    problems = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
    driver.quit()
    assert any(url.startswith(site) for url in requests)
    assert _leaving(requests, site) == []
    assert not problems, problems


def _requests(driver) -> list[str]:
    """Every URL the page asked for (the DevTools network log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _leaving(urls: list[str], site: str) -> list[str]:
    """The requests that went to the network anywhere but this server (chrome://, blob: stay inside)."""
    return [
        u for u in urls if u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp") and not u.startswith(site + "/")
    ]


def _wait(condition, seconds: float = 30, what: str = ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _downloaded(folder: Path, suffix: str) -> Path:
    return _wait(lambda: next((p for p in folder.iterdir() if p.suffix == suffix), None), what=f"a {suffix} download")


def _shot(driver, tmp_path: Path, name: str) -> None:
    target = tmp_path / f"{name}.png"
    driver.save_screenshot(str(target))
    keep = os.environ.get("FAZHI_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(target, Path(keep) / target.name)


def _text(driver, element_id: str) -> str:
    return driver.find_element("id", element_id).text


def _flat(driver, element_id: str) -> str:
    """An element's text without line breaks (a title is broken into lines as in the .docx)."""
    return _text(driver, element_id).replace("\n", "")


def test_write_room_typing_updates_the_preview_and_downloads_a_docx(browser, tmp_path):
    from generator.read import read_draft

    assert "示例市示例县关于2025年度法治政府建设情况的报告" in _flat(browser, "preview")  # rendered by the server
    area = browser.find_element("id", "yaml")
    offset = area.get_attribute("value").index("full_name: 示例市示例县") + len("full_name: ")
    browser.execute_script(
        "arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[1]);", area, offset
    )
    browser.execute_script("window.kept = document.querySelector('#preview p.gw-h1');")
    area.send_keys("新")
    _wait(lambda: "新示例市示例县关于2025年度" in _flat(browser, "preview"), what="the preview to follow the typing")
    # only the changed blocks were replaced: an unchanged heading is still the same element
    assert browser.execute_script("return document.querySelector('#preview p.gw-h1') === window.kept")
    _wait(lambda: "检查" in _text(browser, "findings"), what="the findings beside the text")
    _shot(browser, tmp_path, "write-room")
    browser.find_element("css selector", 'button[value="docx"]').click()
    docx = _downloaded(browser.downloads, ".docx")
    assert zipfile.ZipFile(docx).testzip() is None
    assert read_draft(docx).title.replace("\n", "").startswith("新示例市示例县关于2025年度")


def test_write_room_shows_a_yaml_error_at_its_line_and_keeps_the_last_preview(browser, tmp_path):
    area = browser.find_element("id", "yaml")
    browser.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(0, 0);", area)
    area.send_keys("year: [\n")
    problems = _wait(lambda: _text(browser, "problems"), what="the error message")
    assert "报告.yaml:" in problems
    assert "示例市示例县关于2025年度" in _flat(browser, "preview")
    link = browser.find_element("css selector", "#problems a")
    line = int(link.text.split(":")[1])
    link.click()  # selects that line in the editor
    lines = area.get_attribute("value").split("\n")
    start = sum(len(text) + 1 for text in lines[: line - 1])
    assert browser.execute_script("return [arguments[0].selectionStart, arguments[0].selectionEnd]", area) == [
        start,
        start + len(lines[line - 1]),
    ]
    _shot(browser, tmp_path, "write-error")


def test_write_room_exact_preview_shows_the_pages_libreoffice_lays_out(browser, tmp_path):
    from conftest import need_tool

    need_tool("soffice")
    browser.find_element("id", "exact").click()
    pages = _wait(
        lambda: browser.find_elements("css selector", "#preview img.gw-page"), seconds=120, what="the page images"
    )
    assert len(pages) >= 2 and all(page.get_attribute("naturalWidth") != "0" for page in pages)
    _shot(browser, tmp_path, "write-exact")


def test_write_room_starts_from_an_uploaded_draft(browser, tmp_path):
    from generator.api import render_file

    draft = render_file(KAIFU, tmp_path / "开福区.docx")
    browser.find_element("css selector", 'form[action="/api/import"] input[type="file"]').send_keys(str(draft))
    browser.find_element("css selector", 'form[action="/api/import"] button').click()
    _wait(lambda: "开福区" in browser.find_element("id", "yaml").get_attribute("value"), what="the imported spec")
    _wait(lambda: "关于2022年度法治政府建设工作情况的报告" in _flat(browser, "preview"), what="its preview")


def test_review_room_checks_a_draft_and_downloads_the_review_copy(browser, site, tmp_path):
    from generator.api import render_file

    draft = render_file(KAIFU, tmp_path / "开福区.docx")
    browser.get(f"{site}/review")
    browser.find_element("css selector", 'input[type="file"]').send_keys(str(draft))
    browser.find_element("id", "check").click()
    report = _wait(lambda: _text(browser, "report"), what="the findings")
    assert "开福区.docx" in report and "问题（" in report and "依据" in report
    _shot(browser, tmp_path, "review-room")
    browser.find_element("css selector", 'button[formaction="/api/review"]').click()
    reviewed = _downloaded(browser.downloads, ".docx")
    assert "审阅稿" in reviewed.name
    assert "word/comments.xml" in zipfile.ZipFile(reviewed).namelist()


def test_summary_room_tables_many_drafts_sortable(browser, site, tmp_path):
    from generator.api import render_file

    drafts = [render_file(KAIFU, tmp_path / f"{name}.docx") for name in ("甲区", "乙区")]
    browser.get(f"{site}/summary")
    browser.find_element("css selector", '#batch input[type="file"]').send_keys("\n".join(map(str, drafts)))
    browser.find_element("css selector", '#batch button[value="html"]').click()
    browser.switch_to.frame(browser.find_element("css selector", "iframe.table"))
    rows = _wait(lambda: browser.find_elements("css selector", "table.matrix tbody tr"), what="the summary table")
    assert [r.find_element("tag name", "a").text for r in rows] == ["甲区.docx", "乙区.docx"]
    browser.find_element("css selector", "table.matrix th").click()  # its own script sorts (allowed by hash)
    _wait(
        lambda: "asc" in browser.find_element("css selector", "table.matrix th").get_attribute("class"), what="the sort"
    )
    browser.switch_to.default_content()
    _shot(browser, tmp_path, "summary-room")
    browser.find_element("css selector", '#batch button[value="xlsx"]').click()
    assert zipfile.ZipFile(_downloaded(browser.downloads, ".xlsx")).testzip() is None
    from conftest import MUDANJIANG

    browser.find_element("css selector", '#figures input[type="file"]').send_keys(f"{KAIFU}\n{MUDANJIANG}")
    browser.find_element("id", "compare").click()
    table = _wait(lambda: _text(browser, "figure-table"), what="the figures table")
    assert "名称" in table and "合计" in table
    browser.execute_script("document.getElementById('figures').scrollIntoView()")
    _shot(browser, tmp_path, "summary-figures")


def test_forms_work_without_javascript(site, tmp_path):
    from generator.read import read_draft

    _require_browser()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _driver(tmp_path / "profile", downloads, javascript=False)
    try:
        driver.get(f"{site}/?token={TOKEN}")
        driver.find_element("css selector", 'button[value="docx"]').click()
        assert (
            read_draft(_downloaded(downloads, ".docx")).title.replace("\n", "")
            == "示例市示例县关于2025年度法治政府建设情况的报告"
        )
        draft = next(downloads.iterdir())
        driver.find_element("css selector", 'form[action="/api/import"] input[type="file"]').send_keys(str(draft))
        driver.find_element("css selector", 'form[action="/api/import"] button').click()
        assert "kind: annual-report" in _downloaded(downloads, ".yaml").read_text(encoding="utf-8")
        driver.get(f"{site}/review")
        driver.find_element("css selector", 'input[type="file"]').send_keys(str(draft))
        driver.find_element("id", "check").click()
        _wait(lambda: driver.find_elements("css selector", "table.findings, p.meta"), what="the findings page")
        _shot(driver, tmp_path, "review-nojs")
        assert _leaving(_requests(driver), site) == []
    finally:
        driver.quit()
