"""skill-console as a maintainer uses it: ask, chat (interactive and --json), voice output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from helpers import OPEN, REPO_ROOT

pytestmark = pytest.mark.slow

CONSOLE = Path(sys.executable).parent / "skill-console"
CONTRACT = {"screen", "utterance", "request_type", "intent", "slots", "match", "considered", "ssml", "text",
            "reprompt", "card", "end_session", "session_attributes"}


def run(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CONSOLE), *args], input=stdin, capture_output=True, text=True,
                          timeout=60, cwd=REPO_ROOT, env=env)


def test_ask_prints_what_alexa_says_with_intent_and_card():
    done = run("ask", "what causes facial twitching")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("alexa> Facial spasms have three main kinds of cause")
    assert "[CausesIntent · exact]" in done.stdout
    assert "card: Causes of facial spasms" in done.stdout


def test_ask_json_follows_the_contract():
    done = run("ask", "--json", "can caffeine cause eye twitching")
    turn = json.loads(done.stdout)
    assert set(turn) == CONTRACT
    assert turn["request_type"] == "IntentRequest"
    assert turn["intent"] == "CausesIntent"
    assert turn["slots"] == {"cause": {"value": "caffeine", "id": "caffeine"}}
    assert turn["match"] == "exact"
    assert all(set(c) == {"intent", "sample", "score"} for c in turn["considered"])
    assert turn["ssml"].startswith("<speak>") and "caffeine" in turn["text"]
    assert turn["reprompt"] and turn["card"]["title"] == "Caffeine" and turn["card"]["text"]
    assert turn["screen"] is None  # a speaker, unless --screen says otherwise
    assert turn["end_session"] is False
    assert turn["session_attributes"]["topic"] == "caffeine"


def test_chat_json_keeps_the_session_between_lines():
    lines = [OPEN, "what is hemifacial spasm", "yes", "repeat", "stop"]
    done = run("chat", "--json", stdin="\n".join(lines) + "\n")
    turns = [json.loads(line) for line in done.stdout.splitlines()]
    assert [t["utterance"] for t in turns] == lines
    assert [t["match"] for t in turns] == ["launch", "exact", "builtin", "builtin", "builtin"]
    assert "Tourette" in turns[2]["text"]
    assert turns[3]["text"] == turns[2]["text"]
    assert turns[-1]["end_session"] is True


def test_chat_json_turns_junk_into_fallbacks_never_a_traceback():
    junk = ["", "x" * 10_000, "😀 🙃", "<speak><audio src='x'/></speak>", "\x00\x1b[31m"]
    done = run("chat", "--json", stdin="\n".join(junk) + "\n")
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    turns = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(turns) == len(junk)
    assert {t["intent"] for t in turns} == {"AMAZON.FallbackIntent"}
    assert {t["match"] for t in turns} == {"fallback"}
    # Each miss asks again; the fourth in a row ends, still with the emergency number.
    assert all(t["end_session"] is False and t["text"].endswith("?") for t in turns[:3])
    assert turns[3]["end_session"] is True and "call 911" in turns[3]["text"]


def test_verbose_prints_request_and_response_json():
    done = run("ask", "--verbose", "help")
    request = done.stdout.split("--- request\n", 1)[1].split("--- response\n", 1)[0]
    assert json.loads(request)["request"]["intent"]["name"] == "AMAZON.HelpIntent"
    assert json.loads(done.stdout.split("--- response\n", 1)[1])["response"]["shouldEndSession"] is False


def test_unknown_locale_is_a_clear_error():
    done = run("ask", "--locale", "xx-XX", "help")
    assert done.returncode == 2
    assert "no interaction model for locale 'xx-XX'" in done.stderr
    assert "Traceback" not in done.stderr


def test_wav_writes_the_spoken_answer_and_its_length(tmp_path):
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is missing: run `make test`, which installs it")
    wav = tmp_path / "answer.wav"
    done = run("ask", "--wav", str(wav), "does botox help")
    assert wav.stat().st_size > 10_000
    seconds = float(done.stderr.split("(")[1].split(" s)")[0])
    assert 3 < seconds < 30


def test_without_espeak_voice_output_says_how_to_install_it(tmp_path):
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    done = run("ask", "--wav", str(tmp_path / "a.wav"), "help", env=env)
    assert done.returncode == 0
    assert "espeak-ng is not installed" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("alexa> If this is an emergency, call 911. Facial Spasm Guide")


def test_interactive_chat_as_a_new_user_would(tmp_path):
    """`make chat` in a real terminal: the conversation from the issue's "done when"."""
    child = pexpect.spawn(str(CONSOLE), ["chat"], cwd=str(REPO_ROOT), encoding="utf-8", timeout=20,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path), "TERM": "dumb"})
    child.expect("you> ")
    expected = {
        OPEN: "Welcome to Facial Spasm Guide",
        "what causes facial twitching": "three main kinds of cause",
        "tell me more": "Neurological problems often cause facial spasms",
        "yes": "Dystonia can lead to abnormal muscle movements",
        "repeat": "Dystonia can lead to abnormal muscle movements",
        "help": "You can ask things like",
        "stop": "Goodbye",
    }
    for utterance, answer in expected.items():
        child.sendline(utterance)
        child.expect_exact(answer)
        child.expect("you> ")
    assert "(session ended)" in child.before
    child.sendeof()
    child.expect(pexpect.EOF)
    # History is kept for line editing next time.
    assert "what causes facial twitching" in (tmp_path / "facial-spasm-guide" / "console_history").read_text()


def test_screen_shows_what_an_echo_show_would_and_locale_changes_the_words():
    done = run("ask", "--screen", "--locale", "en-AU", "i have a terrible headache")
    assert done.returncode == 0, done.stderr
    assert "call 000" in done.stdout
    assert "screen: Get medical help fast" in done.stdout
    turn = json.loads(run("ask", "--json", "--screen", "what is hemifacial spasm").stdout)
    assert turn["screen"]["title"] == "Hemifacial spasm"
    assert turn["screen"]["points"][0]["text"].startswith("Hemifacial spasm is when")
    assert turn["screen"]["hint"].startswith("Say yes")
