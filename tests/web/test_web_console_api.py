"""The browser console's JSON API: the same turns as the CLI, and clear errors for bad input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from helpers import REPO_ROOT
from skill_console.device.console import Console
from skill_console.web.app import create_app

CONVERSATION = ["open facial spasm guide", "what is hemifacial spasm", "what about treatment",
                "should i see a doctor", "no", "my speech is slurred", "stop"]
SAME = ["request_type", "intent", "slots", "match", "text", "reprompt", "card", "screen",
        "end_session", "session_attributes"]


@pytest.fixture
def client():
    return create_app().test_client()


@pytest.mark.parametrize("locale, screen", [("en-US", False), ("en-GB", True)])
def test_the_page_and_the_cli_give_the_same_turns(client, locale, screen):
    session = client.post("/api/sessions", json={"locale": locale, "screen": screen}).json
    assert session["locale"] == locale and session["screen"] is screen
    console = Console(locale=locale, screen=screen)
    for utterance in CONVERSATION:
        from_page = client.post(f"/api/sessions/{session['id']}/turns",
                                json={"utterance": utterance}).json
        from_cli = console.turn(utterance).to_json()
        assert {k: from_page[k] for k in SAME} == {k: from_cli[k] for k in SAME}, utterance
        assert from_page["request_envelope"]["request"]["locale"] == locale
        assert from_page["response_envelope"]["version"] == "1.0"


def test_a_tap_on_the_page_is_the_clis_tap(client):
    """A tap goes through the skill as the APL UserEvent a device sends, as the CLI sends it."""
    session = client.post("/api/sessions", json={"screen": True}).json["id"]
    console = Console(screen=True)
    steps = [("turns", {"utterance": "what causes facial twitching"}),
             ("touches", {"arguments": ["triggers"], "label": "Physical triggers"}),
             ("touches", {"arguments": ["offer"]}),
             ("touches", {"arguments": [{"not": "an id"}]})]
    for route, body in steps:
        from_page = client.post(f"/api/sessions/{session}/{route}", json=body).json
        from_cli = (console.turn(body["utterance"]) if route == "turns"
                    else console.touch(body["arguments"], body.get("label"))).to_json()
        assert {k: from_page[k] for k in SAME} == {k: from_cli[k] for k in SAME}, body
        assert from_page["utterance"] == from_cli["utterance"]
        if route == "touches":
            request = from_page["request_envelope"]["request"]
            assert request["type"] == "Alexa.Presentation.APL.UserEvent"
            assert request["arguments"] == body["arguments"]
            assert from_page["text"] and from_page["end_session"] is False


def test_bad_taps_are_clear_errors(client):
    assert client.post("/api/sessions/nope/touches", json={"arguments": []}).status_code == 404
    session = client.post("/api/sessions", json={"screen": True}).json["id"]
    for body in [{}, {"arguments": "triggers"}, {"arguments": ["x" * 5000]},
                 {"arguments": ["triggers"], "label": 5}]:
        answer = client.post(f"/api/sessions/{session}/touches", json=body)
        assert answer.status_code == 400 and "error" in answer.json


def test_the_page_is_served_with_its_own_script_and_style(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<script src="/static/console.js"' in html and "/static/console.css" in html
    assert "://" not in html  # nothing from a CDN or anywhere else: works offline
    for asset in ["/static/console.js", "/static/console.css"]:
        assert client.get(asset).status_code == 200


@pytest.mark.parametrize("body, status", [({"locale": "fr-FR"}, 400), ({"locale": 5}, 400)])
def test_a_bad_locale_is_a_clear_error(client, body, status):
    answer = client.post("/api/sessions", json=body)
    assert answer.status_code == status and "error" in answer.json


def test_bad_turns_are_clear_errors(client):
    assert client.post("/api/sessions/nope/turns", json={"utterance": "hi"}).status_code == 404
    session = client.post("/api/sessions", json={}).json["id"]
    for body in [{}, {"utterance": 5}, {"utterance": "x" * 5000}]:
        answer = client.post(f"/api/sessions/{session}/turns", json=body)
        assert answer.status_code == 400 and "error" in answer.json


def _serve(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "skill_console.cli", "serve", *args],
                            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": f"{REPO_ROOT / 'lambda'}:{REPO_ROOT}"})


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).read()  # noqa: S310 - the loopback URL built above
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


def _stop(process: subprocess.Popen) -> tuple[str, str]:
    process.send_signal(signal.SIGINT)
    try:
        return process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


def test_serve_listens_where_asked_with_verification_on_and_says_so(unused_port):
    process = _serve("--port", str(unused_port))
    _wait_for(f"http://127.0.0.1:{unused_port}/api/locales")
    out, err = _stop(process)
    assert f"http://127.0.0.1:{unused_port}/" in out
    assert "request verification ON" in out
    assert "VERIFICATION IS OFF" not in err


def test_serve_without_verification_says_so_loudly(unused_port):
    process = _serve("--port", str(unused_port), "--no-verify")
    _wait_for(f"http://127.0.0.1:{unused_port}/api/locales")
    out, err = _stop(process)
    assert "REQUEST VERIFICATION IS OFF" in err
    assert "request verification OFF" in out


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
