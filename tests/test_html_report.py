"""The HTML report: self-contained, counts right, and in-page decisions round-trip into apply."""
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.review import html_report, read_review

FIXTURES = Path(__file__).parent / "fixtures" / "review"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium") or "/usr/bin/chromium", "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1200,1600"]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["review", "transcripts/meeting.txt", "transcripts/notes.txt", "--lexicon",
                                       "lexicon.txt", "--no-default-lexicons", "--passes", "known-variants",
                                       "--export", "review.csv", "--html", "report.html"])
    assert result.exit_code == 0, result.output
    return tmp_path


def test_report_is_self_contained(workdir):
    page = (workdir / "report.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for link in re.findall(r'(?:src|href)="([^"]*)"', page):
        assert link.startswith(("data:", "#")), link
    assert "<link rel=\"stylesheet\"" not in page and "@import" not in page


def test_report_escapes_text_and_embedded_data():
    from cleanup.review import ReviewSet
    from cleanup.review.model import Proposal
    proposal = Proposal("abc", "x.txt", 1, 1, "<b>", "</script><i>", "p", "t&", 0.5, "r", "pending",
                        "</script><i>", "", "", 0, 3, "", "text", "utf-8")
    page = html_report(ReviewSet([proposal]))
    assert page.count("</script>") == 2 and "<i>" not in page and "&lt;b&gt;" in page


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium and chromedriver are not installed")
    from selenium.webdriver.chrome.service import Service
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_report(browser, workdir):
    browser.get((workdir / "report.html").as_uri())
    return browser


def errors(browser):
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def counts(browser, selector):
    from selenium.webdriver.common.by import By
    row = browser.find_element(By.CSS_SELECTOR, selector)
    return {cell.get_attribute("data-count"): int(cell.text) for cell in row.find_elements(By.CSS_SELECTOR, "td")}


def test_page_loads_without_errors_and_shows_the_review_set_counts(browser, workdir):
    from selenium.webdriver.common.by import By
    open_report(browser, workdir)
    review_set = read_review("review.csv")
    assert errors(browser) == []
    assert counts(browser, "#by-decision tr:last-child") == {"total": len(review_set), **review_set.counts()}
    for term in {p.term for p in review_set}:
        shown = counts(browser, f'#by-term tr[data-key="{term}"]')
        assert shown["total"] == sum(p.term == term for p in review_set)
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.proposal")) == len(review_set)


def test_filters_hide_fixes(browser, workdir):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    open_report(browser, workdir)

    def visible():
        return [a for a in browser.find_elements(By.CSS_SELECTOR, "article.proposal") if a.is_displayed()]

    Select(browser.find_element(By.ID, "filter-term")).select_by_value("OpenAI")
    assert {a.get_attribute("data-term") for a in visible()} == {"OpenAI"} and len(visible()) == 2
    Select(browser.find_element(By.ID, "filter-term")).select_by_value("")
    minimum = browser.find_element(By.ID, "filter-min-score")
    minimum.clear()
    minimum.send_keys("1")
    assert visible() == [] and browser.find_element(By.ID, "shown").text == "0 of 10 shown"
    assert errors(browser) == []


def test_decisions_made_in_the_page_round_trip_through_the_export_into_apply(browser, workdir):
    from selenium.webdriver.common.by import By
    open_report(browser, workdir)
    cards = browser.find_elements(By.CSS_SELECTOR, "article.proposal")
    meeting = [c for c in cards if read_review("review.csv")[c.get_attribute("data-id")].file.endswith("meeting.txt")]
    meeting[0].find_element(By.CSS_SELECTOR, "button[data-action=accepted]").click()
    meeting[1].find_element(By.CSS_SELECTOR, "button[data-action=rejected]").click()
    meeting[2].find_element(By.CSS_SELECTOR, "button[data-action=edited]").click()
    box = meeting[2].find_element(By.CSS_SELECTOR, "input.edit-text")
    box.clear()
    box.send_keys("大模形\n")
    browser.find_element(By.ID, "export-csv").click()
    assert counts(browser, "#by-decision tr:last-child") == {"total": 10, "pending": 7, "accepted": 1,
                                                             "rejected": 1, "edited": 1}
    exported = wait_for_download(browser.downloads / "review-decisions.csv")
    assert errors(browser) == []
    decided = read_review(exported)
    assert [p.decision for p in decided][:4] == ["accepted", "rejected", "edited", "pending"]
    assert [vars(p) for p in decided][3:] == [vars(p) for p in read_review("review.csv")][3:]
    result = CliRunner().invoke(main, ["apply", str(exported), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert (workdir / "out/meeting.txt").read_text(encoding="utf-8") == (
        "今天商汤发布了日日心大模形。\n商康的合作方包括open ai。\n这一行没有需要改的地方。\n上汤的日日心很强。\n")
    assert (workdir / "out/notes.txt").read_bytes() == (workdir / "transcripts/notes.txt").read_bytes()


def wait_for_download(path: Path, attempts: int = 100) -> Path:
    """The downloaded file once the browser has finished writing it."""
    for _ in range(attempts):
        if path.exists() and path.stat().st_size:
            return path
        time.sleep(0.1)
    raise AssertionError(f"{path.name} was not downloaded")
