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
    return {cell.get_attribute("data-count"): int(cell.get_attribute("textContent"))
            for cell in row.find_elements(By.CSS_SELECTOR, "[data-count]")}


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
    assert visible() == [] and browser.find_element(By.ID, "shown").text == "0/10 shown"
    assert errors(browser) == []


def card(browser, fix_id):
    from selenium.webdriver.common.by import By
    return browser.find_element(By.CSS_SELECTOR, f'[data-fix-id="{fix_id}"]')


def click(browser, fix_id, action):
    from selenium.webdriver.common.by import By
    card(browser, fix_id).find_element(By.CSS_SELECTOR, f'button[data-action="{action}"]').click()


def decision_of(browser, fix_id):
    return card(browser, fix_id).get_attribute("data-decision")


def ids_where(**fields):
    return [p.id for p in read_review("review.csv") if all(getattr(p, k) == v for k, v in fields.items())]


def test_decisions_made_in_the_page_round_trip_through_the_export_into_apply(browser, workdir):
    from selenium.webdriver.common.by import By
    open_report(browser, workdir)
    meeting = ids_where(file="transcripts/meeting.txt")
    click(browser, meeting[0], "accept")
    click(browser, meeting[1], "reject")           # 日日心: line 4's 日日心 is rejected with it
    click(browser, meeting[2], "edit")
    box = card(browser, meeting[2]).find_element(By.CSS_SELECTOR, "input.edit-text")
    box.clear()
    box.send_keys("大模形\n")
    browser.find_element(By.ID, "export-csv").click()
    assert counts(browser, "#by-decision tr:last-child") == {"total": 10, "pending": 6, "accepted": 1,
                                                             "rejected": 2, "edited": 1}
    assert counts(browser, "#tally") == {"pending": 6, "accepted": 1, "rejected": 2, "edited": 1}
    exported = wait_for_download(browser.downloads / "review-decisions.csv")
    assert errors(browser) == []
    decided = read_review(exported)
    assert [p.decision for p in decided][:7] == ["accepted", "rejected", "edited", "pending", "pending", "pending",
                                                 "rejected"]
    assert [vars(p) for p in decided][7:] == [vars(p) for p in read_review("review.csv")][7:]
    result = CliRunner().invoke(main, ["apply", str(exported), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert (workdir / "out/meeting.txt").read_text(encoding="utf-8") == (
        "今天商汤发布了日日心大模形。\n商康的合作方包括open ai。\n这一行没有需要改的地方。\n上汤的日日心很强。\n")
    assert (workdir / "out/notes.txt").read_bytes() == (workdir / "transcripts/notes.txt").read_bytes()


def reload(browser):
    """Reload the page, leaving it even if it asks whether to, and wait for the new page to be ready (the old
    one, still ready, is marked so that it is not taken for the new)."""
    from selenium.common.exceptions import NoAlertPresentException
    browser.execute_script("window.oldPage = true; location.reload()")
    try:
        browser.switch_to.alert.accept()
    except NoAlertPresentException:
        pass
    from selenium.webdriver.support.ui import WebDriverWait
    from selenium.common.exceptions import WebDriverException
    WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(lambda b: b.execute_script(
        "return !window.oldPage && document.readyState === 'complete' && Boolean(window.reviewReport)"))


def leaving_is_questioned(browser):
    """Whether the page's beforeunload handler asks the browser to warn before leaving."""
    return browser.execute_script(
        "const event = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(event); return event.defaultPrevented;")


def test_decisions_survive_a_reload_and_leaving_warns_until_exported(browser, workdir):
    open_report(browser, workdir)
    assert not leaving_is_questioned(browser)
    accepted, rejected = ids_where(original="大魔型")[0], ids_where(original="open ai")[0]
    click(browser, accepted, "accept")
    click(browser, rejected, "reject")
    assert leaving_is_questioned(browser)
    reload(browser)
    assert decision_of(browser, accepted) == "accepted" and decision_of(browser, rejected) == "rejected"
    assert {decision_of(browser, i) for i in ids_where(original="open ai")} == {"rejected"}  # the set-wide rejection
    assert counts(browser, "#tally") == {"pending": 7, "accepted": 1, "rejected": 2, "edited": 0}
    assert leaving_is_questioned(browser)             # reloaded, still not exported
    from selenium.webdriver.common.by import By
    browser.find_element(By.ID, "export-csv").click()
    wait_for_download(browser.downloads / "review-decisions.csv")
    assert not leaving_is_questioned(browser)
    reload(browser)
    assert not leaving_is_questioned(browser) and decision_of(browser, accepted) == "accepted"
    assert errors(browser) == []


def test_saved_decisions_belong_to_their_review_set(browser, workdir):
    open_report(browser, workdir)
    first = ids_where(original="大魔型")[0]
    click(browser, first, "accept")
    result = CliRunner().invoke(main, ["review", "transcripts/meeting.txt", "--lexicon", "lexicon.txt",
                                       "--no-default-lexicons", "--passes", "known-variants", "--html", "other.html"])
    assert result.exit_code == 0, result.output
    browser.get((workdir / "other.html").as_uri())
    assert decision_of(browser, first) == "pending"   # another set of fixes: its own saved state


def test_keyboard_keys_move_decide_edit_and_undo(browser, workdir):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    open_report(browser, workdir)
    ids = [p.id for p in read_review("review.csv")]

    def keys(text):
        ActionChains(browser).send_keys(text).perform()

    keys("jy")                                         # first card, accepted; the cursor moves to the second
    assert decision_of(browser, ids[0]) == "accepted"
    keys("jn")                                         # third card rejected
    assert [decision_of(browser, i) for i in ids[:3]] == ["accepted", "pending", "rejected"]
    keys("u")
    assert decision_of(browser, ids[2]) == "pending"
    keys("ke")                                         # back to the second card, edit it
    box = card(browser, ids[1]).find_element(By.CSS_SELECTOR, "input.edit-text")
    assert box.is_displayed()
    box.send_keys(Keys.CONTROL, "a", Keys.NULL, "日日昕\n")     # the edit box holds the proposal, selected
    assert decision_of(browser, ids[1]) == "edited"
    assert "current" in card(browser, ids[1]).get_attribute("class")
    assert errors(browser) == []


def test_bulk_decisions_by_term_by_filter_and_everywhere_then_apply_gives_exactly_those(browser, workdir):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    open_report(browser, workdir)
    browser.find_element(By.CSS_SELECTOR, '#by-term tr[data-key="商汤"] button[data-bulk="accept"]').click()
    assert {decision_of(browser, i) for i in ids_where(term="商汤")} == {"accepted"}
    assert {decision_of(browser, i) for i in ids_where(term="日日新")} == {"pending"}
    Select(browser.find_element(By.ID, "filter-term")).select_by_value("OpenAI")
    browser.find_element(By.ID, "reject-shown").click()
    assert {decision_of(browser, i) for i in ids_where(term="OpenAI")} == {"rejected"}
    Select(browser.find_element(By.ID, "filter-term")).select_by_value("")
    first_model = ids_where(original="大魔型")[0]
    click(browser, first_model, "accept-identical")
    assert {decision_of(browser, i) for i in ids_where(original="大魔型")} == {"accepted"}
    browser.find_element(By.ID, "undo").click()
    assert {decision_of(browser, i) for i in ids_where(original="大魔型")} == {"pending"}
    click(browser, first_model, "accept-identical")
    assert {decision_of(browser, i) for i in ids_where(term="日日新")} == {"pending"}
    browser.find_element(By.ID, "export-csv").click()
    exported = wait_for_download(browser.downloads / "review-decisions.csv")
    assert {p.id for p in read_review(exported) if p.decision == "accepted"} == set(
        ids_where(term="商汤") + ids_where(term="大模型"))
    result = CliRunner().invoke(main, ["apply", str(exported), "-o", "out"])
    assert result.exit_code == 0, result.output
    assert (workdir / "out/meeting.txt").read_text(encoding="utf-8") == (
        "今天商汤发布了日日心大模型。\n商汤的合作方包括open ai。\n这一行没有需要改的地方。\n商汤的日日心很强。\n")
    assert (workdir / "out/notes.txt").read_bytes() == "会上提到了商汤和open ai的大模型。\r\n最后一行没有换行".encode()
    assert errors(browser) == []


def test_cards_name_their_file_and_the_header_is_one_short_row(browser, workdir):
    from selenium.webdriver.common.by import By
    browser.set_window_size(1200, 1000)
    open_report(browser, workdir)
    for proposal in read_review("review.csv"):
        assert card(browser, proposal.id).find_element(By.CSS_SELECTOR, ".file").text == proposal.file
    viewport = browser.execute_script("return window.innerHeight")
    assert browser.find_element(By.TAG_NAME, "header").rect["height"] <= 0.08 * viewport


def test_thousands_of_fixes_take_bulk_accept_and_undo(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from cleanup.review import ReviewSet
    from cleanup.review.model import Proposal
    proposals = [Proposal(f"{n:012x}", f"talk{n % 40}.txt", n, 3, "上汤", "商汤", "known-variants", f"term{n % 300}",
                          0.99, "listed", "pending", "商汤", "今天", "发布", 0, 2, "", "text", "utf-8")
                 for n in range(3000)]
    (tmp_path / "big.html").write_text(html_report(ReviewSet(proposals)), encoding="utf-8")
    browser.set_window_size(1200, 1000)
    browser.get((tmp_path / "big.html").as_uri())
    browser.find_element(By.ID, "accept-shown").click()
    assert counts(browser, "#tally")["accepted"] == 3000
    browser.find_element(By.ID, "undo").click()
    assert counts(browser, "#tally")["pending"] == 3000
    assert browser.find_element(By.TAG_NAME, "header").rect["height"] <= 80
    assert errors(browser) == []


def wait_for_download(path: Path, attempts: int = 100) -> Path:
    """The downloaded file once the browser has finished writing it."""
    for _ in range(attempts):
        if path.exists() and path.stat().st_size:
            return path
        time.sleep(0.1)
    raise AssertionError(f"{path.name} was not downloaded")
