"""The browser console in a real browser: Playwright drives Debian's Chromium against the real
local server, types a conversation, checks the answers, the card, the screen preview and the
JSON panel, taps the screen preview as a user taps an Echo Show, and saves screenshots under
build/screenshots/."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from helpers import OPEN, REPO_ROOT, needs_choices
from skill_console.web.app import create_app

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run"]
SCREENSHOTS = REPO_ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def server():
    server = make_server("127.0.0.1", 0, create_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS)
        yield browser
        browser.close()


def say(page, text: str, answers_before: int) -> str:
    """Type as a user would, press Enter, and return the text of Alexa's new bubble."""
    page.get_by_label("What the user says").fill(text)
    page.keyboard.press("Enter")
    bubbles = page.locator("#log .bubble.alexa .select")
    bubbles.nth(answers_before).wait_for(timeout=10_000)
    return bubbles.nth(answers_before).inner_text()


def test_a_typed_conversation_in_the_browser(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(server) else None)
    page.goto(server + "/")
    page.locator("#locale option[value='en-US']").wait_for(state="attached")
    page.get_by_text("New session: en-US").wait_for()

    assert "Welcome to Facial Spasm Guide" in say(page, OPEN, 0)
    assert "three main kinds of cause" in say(page, "what causes facial twitching", 1)
    assert page.locator("#card h4").inner_text() == "Causes of facial spasms"
    assert "CausesIntent" in page.locator("#intent").inner_text()

    page.get_by_text("JSON input (request envelope)").click()
    assert '"name": "CausesIntent"' in page.locator("#request-json").inner_text()
    page.get_by_text("JSON output (response envelope)").click()
    assert '"type": "Standard"' in page.locator("#response-json").inner_text()
    assert '"topic": "causes"' in page.locator("#attributes").inner_text()

    # Selecting an earlier answer shows that turn's details again.
    page.locator("#log .bubble.alexa .select").first.click()
    assert page.locator("#card h4").inner_text() == "Facial Spasm Guide"

    # A screen device, in en-GB: the red-flag answer as a list, with the UK numbers.
    page.get_by_label("Device").select_option("screen")
    page.get_by_label("Locale").select_option("en-GB")
    page.get_by_text("New session: en-GB, Echo Show (screen)").wait_for()
    assert page.locator("#log .bubble").count() == 0
    answer = say(page, "i have a terrible headache", 0)
    assert "call 999" in answer and "call 111" in answer
    assert page.locator("#screen .screen-title").inner_text() == "Get medical help fast"
    points = page.locator("#screen .screen-points li").all_inner_texts()
    assert any("severe headache" in point for point in points)
    assert page.locator("#screen .screen-hint").inner_text().startswith("Say yes")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "web-console.png"), full_page=True)
    assert (SCREENSHOTS / "web-console.png").stat().st_size > 10_000
    assert outside == [], f"the page fetched from elsewhere: {outside}"
    page.close()


def test_the_page_is_usable_by_keyboard_and_labelled(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.get_by_text("New session: en-US").wait_for()
    # After start-up the text box has focus: typing and Enter is all it takes.
    page.keyboard.type("help")
    page.keyboard.press("Enter")
    page.locator("#log .bubble.alexa .select").first.wait_for()
    assert "What would you like to know?" in page.locator("#log .bubble.alexa .select").first.inner_text()
    for control in ["#utterance", "#locale", "#device"]:
        label = page.locator(f"label[for='{control[1:]}']")
        assert label.count() == 1 and label.inner_text().strip(), control
    page.close()


@needs_choices
def test_tapping_the_screen_preview_sends_a_user_event_through_the_skill(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.get_by_text("New session: en-US").wait_for()
    page.get_by_label("Device").select_option("screen")
    page.get_by_text("New session: en-US, Echo Show (screen)").wait_for()

    assert "three main kinds of cause" in say(page, "what causes facial twitching", 0)
    screen = page.locator("#screen")
    items = screen.locator(".screen-points .screen-tap")
    assert items.all_inner_texts() == ["Neurological causes", "Physical triggers",
                                       "Medical conditions linked to facial spasms"]
    assert screen.locator(".screen-offer").inner_text() == "Yes: Neurological causes"
    assert screen.locator(".screen-footer").inner_text() == "General information only, not medical advice."
    assert "not medical advice" not in " ".join(screen.locator(".screen-points li").all_inner_texts())

    # A tap, by mouse: the skill gets an APL UserEvent and answers the topic tapped.
    screen.get_by_role("button", name='Tap "Physical triggers" on the screen').click()
    bubbles = page.locator("#log .bubble.alexa .select")
    bubbles.nth(1).wait_for(timeout=10_000)
    assert page.locator("#log .bubble.user").nth(1).inner_text() == '(taps "Physical triggers")'
    assert bubbles.nth(1).inner_text().startswith("Physical triggers can set off facial spasms")
    assert page.locator("#card h4").inner_text() == "Physical triggers"
    page.get_by_text("JSON input (request envelope)").click()
    request = page.locator("#request-json").inner_text()
    assert '"type": "Alexa.Presentation.APL.UserEvent"' in request and '"triggers"' in request
    assert '"topic": "triggers"' in page.locator("#attributes").inner_text()

    # The "yes" button, by keyboard: it takes the offer, as saying yes would.
    offer = screen.locator(".screen-offer")
    offer_label = offer.inner_text()
    assert offer_label.startswith("Yes: ")
    offer.focus()
    page.keyboard.press("Enter")
    bubbles.nth(2).wait_for(timeout=10_000)
    assert page.locator("#card h4").inner_text() == offer_label.removeprefix("Yes: ")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "web-console-tap.png"), full_page=True)

    # An earlier answer's screen is shown again, but only the screen on the device is live.
    bubbles.first.click()
    assert screen.locator(".screen-tap").first.is_disabled()
    page.close()
