"""End to end in a real browser: `docgen serve` in a subprocess, driven by Chromium.

Skipped where /usr/bin/chromium or the playwright package is missing (playwright's own browser
download is not used).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.support.web import LIVE_MAX_UPLOAD_MB, ROOT, TITLE_TEXT, docx_text, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.usefixtures("real_api")]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
FOCUS_YELLOW = "rgb(255, 221, 0)"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab that accepts downloads."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(120_000)
    yield tab
    context.close()


def record_submit_state(page) -> None:
    """Remember the button and status as they are just after submitting, across navigation."""
    page.evaluate(
        """() => document.querySelector("[data-generate-form]").addEventListener("submit", () => {
            const button = document.querySelector("[data-generate-button]");
            sessionStorage.setItem("button", button.textContent + "|" + button.disabled);
            sessionStorage.setItem("status",
                document.querySelector("[data-generate-status]").textContent);
        })"""
    )


def download(page, link_name: str, folder: Path) -> Path:
    """Click the link named `link_name` and save what it downloads into `folder`."""
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(link_name)).click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_generate_the_example_see_the_preview_and_download_both_files(
    page, live_server, example_workbook, tmp_path
):
    page.goto(live_server)
    page.get_by_label("Workbook").set_input_files(example_workbook)
    record_submit_state(page)
    page.get_by_role("button", name="Generate").click()
    page.wait_for_url(re.compile(r"/results/[A-Za-z0-9_-]{22}$"))

    assert page.evaluate("sessionStorage.getItem('button')") == "Generating…|true"
    assert page.evaluate("sessionStorage.getItem('status')").startswith("Generating your report")
    assert page.get_by_text("Your report is ready").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Quarterly Report"
    assert page.title() == "Quarterly Report: ready to download – docgen"
    previews = page.locator("[data-preview] img")
    assert previews.count() >= 1
    page.wait_for_function(
        "Array.from(document.querySelectorAll('[data-preview] img'))"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    assert previews.first.get_attribute("alt").startswith("Page 1 of")
    full_size = page.locator("[data-preview] a").first
    assert full_size.get_attribute("href") == previews.first.get_attribute("src")
    assert previews.first.evaluate("img => img.naturalWidth") == 1200  # readable when opened

    report = download(page, "Download the Word document", tmp_path)
    assert report.name == "quarterly-report-2019-11.docx"
    assert TITLE_TEXT in docx_text(report.read_bytes())
    pdf = download(page, "Download the PDF", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert TITLE_TEXT in pdf_text(pdf.read_bytes())

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "generate-result.png", full_page=True)


def test_a_broken_workbook_shows_its_errors_by_sheet_and_cell(page, live_server, broken_workbook):
    workbook, location = broken_workbook
    page.goto(live_server)
    page.get_by_label("Workbook").set_input_files(workbook)
    page.get_by_role("button", name="Generate").click()
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    sheet, cell = location.split("!")
    link = summary.get_by_role("link", name=re.compile(rf"^{sheet}, cell {cell}:"))
    link.click()
    target = page.locator(":target")
    assert location in target.inner_text()
    assert page.locator("code", has_text=location).is_visible()
    assert "/results/" not in page.url

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "generate-errors.png", full_page=True)


def test_keyboard_reaches_the_file_input_and_the_button_with_visible_focus(page, live_server):
    page.goto(live_server)
    reached = {}
    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {id: el.id, tag: el.tagName, text: el.textContent.trim(),
                        outline: style.outlineStyle + " " + style.outlineColor,
                        background: style.backgroundColor};
            }"""
        )
        key = focused["id"] or focused["text"]
        reached.setdefault(key, focused)
        if focused["tag"] == "BUTTON":
            break
    assert "workbook" in reached, reached
    assert "Generate" in reached, reached
    assert list(reached).index("workbook") < list(reached).index("Generate")
    assert reached["workbook"]["outline"].startswith("solid")
    assert reached["Generate"]["background"] == FOCUS_YELLOW


def test_the_page_fits_at_200_percent_zoom(browser, live_server):
    """At 200% zoom a 1280-pixel window is 640 CSS pixels wide: nothing may scroll sideways."""
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(live_server)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert page.get_by_role("button", name="Generate").is_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "generate-zoom-200.png", full_page=True)
    finally:
        context.close()


def test_an_oversized_workbook_is_refused_with_a_message(page, live_server):
    page.goto(live_server)
    data = b"PK\x03\x04" + b"\0" * int((LIVE_MAX_UPLOAD_MB + 1) * 1024 * 1024)
    big = {"name": "big.xlsx", "mimeType": "application/octet-stream", "buffer": data}
    page.get_by_label("Workbook").set_input_files(big)
    page.get_by_role("button", name="Generate").click()
    page.locator("[data-error-summary]").wait_for()
    message = f"The selected files must be smaller than {LIVE_MAX_UPLOAD_MB:g} MB in total"
    assert message in page.locator("[data-error-summary]").inner_text()
    assert message in page.locator("#workbook-error").inner_text()


def test_the_page_works_without_javascript(browser, live_server, example_workbook):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        page.goto(live_server)
        page.get_by_label("Workbook").set_input_files(example_workbook)
        page.get_by_role("button", name="Generate").click()
        page.wait_for_url(re.compile(r"/results/[A-Za-z0-9_-]{22}$"))
        assert page.get_by_text("Your report is ready").is_visible()
        assert page.locator("[data-preview] img").count() >= 1
    finally:
        context.close()


def test_a_file_dropped_on_the_workbook_box_is_chosen(page, live_server):
    page.goto(live_server)
    chosen = page.evaluate(
        """() => {
            const files = new DataTransfer();
            files.items.add(new File(["PK"], "dropped.xlsx"));
            const drop = new DragEvent("drop", {dataTransfer: files, bubbles: true,
                                                cancelable: true});
            document.querySelector("[data-dropzone] .hint").dispatchEvent(drop);
            return document.getElementById("workbook").files[0].name;
        }"""
    )
    assert chosen == "dropped.xlsx"
    assert "Chosen: dropped.xlsx" in page.locator("[data-generate-status]").inner_text()


def test_after_an_error_only_the_fixed_workbook_is_chosen_again(
    page, live_server, broken_workbook, example_workbook
):
    template = ROOT / "examples" / "restyled" / "template.docx"
    if not template.is_file():
        pytest.skip("examples/restyled/template.docx is not there")
    workbook, _ = broken_workbook
    page.goto(live_server)
    page.get_by_label("Workbook").set_input_files(workbook)
    page.get_by_text("Use a different Word template").click()
    page.get_by_label("Word template").set_input_files(template)
    page.get_by_role("button", name="Generate").click()
    page.locator("[data-error-summary]").wait_for()
    assert f"You uploaded ‘{workbook.name}’" in page.locator("#workbook-kept").inner_text()
    assert "You uploaded ‘template.docx’" in page.locator("#template-kept").inner_text()

    page.locator("#workbook").set_input_files(example_workbook)  # the template is kept
    page.get_by_role("button", name="Generate").click()
    page.wait_for_url(re.compile(r"/results/[A-Za-z0-9_-]{22}$"))
    assert page.get_by_text("Your report is ready").is_visible()
