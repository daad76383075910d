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
from serving import CHROMIUM_FLAGS, TOKEN, running

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"

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
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
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
    browser.find_element("id", "tab-yaml").click()
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
    browser.find_element("id", "tab-yaml").click()
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


def _yaml(driver) -> str:
    return driver.find_element("id", "yaml").get_attribute("value")


def _unfold(driver, path: str):
    """Open a group of the form (by its data path) and return it."""
    fold = _wait(lambda: driver.find_elements("css selector", f'#form details[data-path="{path}"]'), what=path)[0]
    if not fold.get_attribute("open"):
        fold.find_element("tag name", "summary").click()
    _wait(lambda: fold.find_elements("css selector", ":scope > :not(summary)"), what=f"{path} built")  # on toggle
    return fold


def test_write_room_form_edits_the_yaml_keeping_its_comments_and_the_preview_follows(browser, tmp_path):
    # the form is what a clerk sees first; the YAML pane is one click away and kept in step
    assert browser.find_element("id", "form").is_displayed()
    assert not browser.find_element("id", "yaml").is_displayed()
    _unfold(browser, "measures")
    section = _unfold(browser, "measures.sections.0")
    title = section.find_element("css selector", ".field.f-text input")
    assert title.get_attribute("value") == "依法全面履行政府职能"
    title.send_keys("改革")
    _wait(lambda: "- title: 依法全面履行政府职能改革" in _yaml(browser), what="the YAML to follow the form")
    text = _yaml(browser)
    assert "measures:                                # 第一部分：主要举措和成效" in text  # comments kept, in place
    assert "year: 2025                               # 报告的年度；成文日期在次年，4月1日前公开" in text
    assert text.startswith("# 法治政府建设年度报告 —— 起步模板")
    _wait(lambda: "（一）依法全面履行政府职能改革" in _flat(browser, "preview"), what="the preview to follow the form")
    assert "第1项：依法全面履行政府职能改革" in section.find_element("tag name", "summary").text
    # a list: add a row to 存在的不足 and type into it
    _unfold(browser, "shortcomings")
    rows = '#form .rows[data-path="shortcomings.points"] > .row input'
    assert len(browser.find_elements("css selector", rows)) == 2
    browser.find_element("xpath", "//div[@data-path='shortcomings.points']/button[contains(., '添加一项')]").click()
    rows = _wait(lambda: [r for r in browser.find_elements("css selector", rows)][2:], what="the new row")
    rows[-1].send_keys("基层执法力量不足")
    _wait(lambda: "基层执法力量不足" in _yaml(browser), what="the new point in the YAML")
    _wait(lambda: "基层执法力量不足" in _flat(browser, "preview"), what="the new point in the preview")
    _shot(browser, tmp_path, "write-form")
    # the other way: the YAML edited by hand, the form shows it
    browser.find_element("id", "tab-yaml").click()
    area = browser.find_element("id", "yaml")
    offset = _yaml(browser).index("year: 2025") + len("year: 202")
    browser.execute_script(
        "arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[1] + 1);", area, offset
    )
    area.send_keys("4")
    browser.find_element("id", "tab-form").click()
    year = "#form fieldset.basic .field.f-int input"  # the form is built again from the new text
    _wait(lambda: browser.execute_script(f"return document.querySelector('{year}').value") == "2024", what="the form")
    _wait(lambda: "关于2024年度" in _flat(browser, "preview"), what="the preview")


def test_write_room_fix_button_applies_the_fixer_to_the_spec(browser, tmp_path):
    browser.find_element("id", "tab-yaml").click()
    area = browser.find_element("id", "yaml")
    start = _yaml(browser).index("全年办理行政复议案件{{ figures.review_cases }}件，")
    clause = "全年办理行政复议案件{{ figures.review_cases }}件，"
    browser.execute_script(
        "arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[2]);",
        area,
        start,
        start + len(clause),
    )
    area.send_keys("全年办理行政复议案件({{ figures.review_cases }}件),")
    button = _wait(
        lambda: browser.find_elements("xpath", "//div[@id='findings']//li[contains(., '半角标点')]/button"),
        what="a fix button beside the finding",
    )[0]
    assert "「(」→「（」" in button.get_attribute("title")
    _shot(browser, tmp_path, "write-fix")
    button.click()
    _wait(lambda: "案件（{{ figures.review_cases }}件），" in _yaml(browser), what="the fixed YAML")
    assert "# 第一部分：主要举措和成效" in _yaml(browser)
    assert "已修正 3 处" in _text(browser, "status")
    _wait(lambda: "半角标点" not in _text(browser, "findings") or None, what="the finding to go")
    _wait(lambda: "行政复议案件（126件），" in _flat(browser, "preview"), what="the preview")


def test_review_room_fix_button_fixes_the_draft_and_checks_it_again(browser, site, tmp_path):
    from generator.api.texts import render_text
    from serving import starter_text

    text = render_text(starter_text(), "txt").decode("utf-8")
    text = text.replace("全年办理行政复议案件126件，", "全年办理行政复议案件(126件),")
    draft = tmp_path / "示例县.txt"
    draft.write_text(text, encoding="utf-8")
    browser.get(f"{site}/review")
    browser.find_element("css selector", 'input[type="file"]').send_keys(str(draft))
    browser.find_element("id", "check").click()
    button = _wait(
        lambda: browser.find_elements(
            "xpath", "//table[contains(@class,'findings-table')]//tr[contains(., 'punct.half-width')]//button"
        ),
        what="the fix button",
    )[0]
    _shot(browser, tmp_path, "review-fix")
    button.click()
    _wait(lambda: "已修正 3 处" in _text(browser, "status"), what="the fixes made")
    assert "punct.half-width" not in _text(browser, "report")
    browser.find_element("css selector", 'button[formaction="/api/fix"]').click()
    fixed = _downloaded(browser.downloads, ".txt")
    assert "全年办理行政复议案件（126件），" in fixed.read_text(encoding="utf-8")


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
