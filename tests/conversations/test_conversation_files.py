"""The YAML conversation tests cover the whole skill, and fail where a maintainer can see why."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conversations.conversation_files import _LineLoader
from helpers import REPO_ROOT

CONVERSATIONS = REPO_ROOT / "tests" / "conversations"


def all_steps():
    for path in sorted(CONVERSATIONS.glob("*.yaml")):
        for document in yaml.load_all(path.read_text(), Loader=_LineLoader):
            if document:
                yield from document["steps"]


def test_conversations_cover_every_intent_of_the_model(model):
    covered = {step["intent"] for step in all_steps() if "intent" in step}
    every = {intent["name"] for intent in model["interactionModel"]["languageModel"]["intents"]}
    assert every - covered == set()


def test_conversations_cover_every_slot_value(model):
    covered = {value for step in all_steps() for name, value in (step.get("slots") or {}).items()
               if name != "__line__"}
    every = {value["id"] for slot_type in model["interactionModel"]["languageModel"]["types"]
             for value in slot_type["values"]}
    assert every - covered == set()


def run_conversation_file(tmp_path, name: str, text: str) -> subprocess.CompletedProcess:
    """pytest run on one conversation file, as `make test` collects it."""
    folder = tmp_path / "conversations"
    folder.mkdir()
    (folder / name).write_text(text)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conversations.conversation_files",
         "-c", str(REPO_ROOT / "pyproject.toml"), "--rootdir", str(REPO_ROOT), str(folder / name)],
        capture_output=True, text=True, cwd=REPO_ROOT / "tests", timeout=120)


@pytest.mark.slow
def test_a_failing_step_names_its_file_and_line(tmp_path):
    done = run_conversation_file(tmp_path, "broken.yaml", (
        "name: wrong expectation\n"
        "steps:\n"
        "  - say: open facial spasm guide\n"
        "  - say: does botox help\n"
        "    speech_contains: cures everything\n"))
    assert done.returncode == 1, done.stdout
    assert "broken.yaml:4: after saying 'does botox help'" in done.stdout
    assert "speech should contain 'cures everything'" in done.stdout
    assert "Alexa said: \"Botulinum toxin injections, often called Botox, can help a lot." \
        in done.stdout


@pytest.mark.slow
def test_a_failing_touch_step_names_its_file_and_line(tmp_path):
    done = run_conversation_file(tmp_path, "tap.yaml", (
        "name: wrong tap\n"
        "screen: true\n"
        "steps:\n"
        "  - say: what causes facial twitching\n"
        "  - touch: caffeine\n"
        "    screen_title: Stress\n"))
    assert done.returncode == 1, done.stdout
    assert "tap.yaml:5: after touching 'caffeine'" in done.stdout
    assert "screen title: expected 'Stress', got 'Caffeine'" in done.stdout
    assert "intent: None (touch)" in done.stdout


@pytest.mark.slow
def test_a_misspelt_step_key_fails_instead_of_passing(tmp_path):
    done = run_conversation_file(tmp_path, "typo.yaml",
                                 "steps:\n  - say: help\n    speech_contians: anything\n")
    assert done.returncode == 1
    assert "typo.yaml:2: unknown keys ['speech_contians']" in done.stdout
