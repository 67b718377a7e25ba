"""Conversation tests: YAML files under tests/conversations/, collected by pytest.

One conversation per YAML document; each step says what the user types or taps and what must
hold for the reply, and a failure names the file and the line of the step. The keys a
conversation and a step may have are described once, in docs/testing.md ("Writing a
conversation test"); STEP_KEYS and CONVERSATION_KEYS below are the ones this runner accepts.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from skill_console.device.console import Console

STEP_KEYS = {"say", "touch", "request_type", "intent", "match", "slots", "speech_contains",
             "speech_not_contains", "speech_matches", "reprompt_contains", "card_title",
             "session_ends", "no_speech", "card_contains", "screen_title", "screen_contains",
             "screen_not_contains", "screen_taps", "screen_footer", "no_screen"}
CONVERSATION_KEYS = {"name", "locale", "screen", "steps"}


class _LineLoader(yaml.SafeLoader):
    """Remembers the line each mapping starts on, so a failure can point at its step."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


class ConversationFailure(Exception):
    pass


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "conversations":
        return ConversationFile.from_parent(parent, path=file_path)
    return None


class ConversationFile(pytest.File):
    def collect(self):
        documents = list(yaml.load_all(self.path.read_text(encoding="utf-8"), Loader=_LineLoader))
        for number, document in enumerate(d for d in documents if d):
            name = document.get("name") or f"conversation {number + 1}"
            yield ConversationItem.from_parent(self, name=name, document=document)


class ConversationItem(pytest.Item):
    def __init__(self, *, document: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.document = document

    def runtest(self) -> None:
        where = f"{self.path.name}:{self.document['__line__']}"
        unknown = set(self.document) - CONVERSATION_KEYS - {"__line__"}
        if unknown or not self.document.get("steps"):
            raise ConversationFailure(f"{where}: unknown keys {sorted(unknown)} or no steps")
        console = Console(locale=self.document.get("locale", "en-US"),
                          screen=bool(self.document.get("screen")))
        for step in self.document["steps"]:
            where = f"{self.path.name}:{step['__line__']}"
            unknown = set(step) - STEP_KEYS - {"__line__"}
            if unknown or ("say" in step) == ("touch" in step):
                raise ConversationFailure(
                    f"{where}: unknown keys {sorted(unknown)}, or not one of 'say' and 'touch'")
            if "touch" in step:
                touched = step["touch"]
                arguments = touched if isinstance(touched, list) else [str(touched)]
                turn = console.touch(arguments).to_json()
                done = f"touching {touched!r}"
            else:
                turn = console.turn(str(step["say"])).to_json()
                done = f"saying {step['say']!r}"
            problems = check_step(step, turn)
            if problems:
                raise ConversationFailure(
                    f"{where}: after {done}\n  " + "\n  ".join(problems) +
                    f"\n  Alexa said: {turn['text']!r}\n  intent: {turn['intent']} ({turn['match']})")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ConversationFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.document["__line__"] - 1, f"conversation: {self.name}"


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def check_step(step: dict, turn: dict) -> list[str]:
    """Everything the step expects that the turn did not do."""
    return [*_request_problems(step, turn), *_speech_problems(step, turn), *_card_problems(step, turn),
            *_screen_problems(step, turn.get("screen")), *_ending_problems(step, turn)]


def _phrase_problems(step: dict, key: str, text: str, what: str) -> list[str]:
    """`<key>` phrases missing from the text, and `<key without _contains>_not_contains` ones in it."""
    problems = [f"{what} should contain {phrase!r}" for phrase in _as_list(step.get(key, []))
                if phrase.lower() not in text.lower()]
    negative = key.replace("_contains", "_not_contains")
    problems += [f"{what} should not contain {phrase!r}" for phrase in _as_list(step.get(negative, []))
                 if phrase.lower() in text.lower()]
    return problems


def _request_problems(step: dict, turn: dict) -> list[str]:
    problems = [f"{key}: expected {step[key]!r}, got {turn[key]!r}"
                for key in ("request_type", "intent", "match") if key in step and turn[key] != step[key]]
    for name, expected in (step.get("slots") or {}).items():
        slot = turn["slots"].get(name) or {}
        if name != "__line__" and expected not in (slot.get("id"), slot.get("value")):
            problems.append(f"slot {name}: expected {expected!r}, got {slot or 'nothing'}")
    return problems


def _speech_problems(step: dict, turn: dict) -> list[str]:
    speech = turn["text"] or ""
    problems = _phrase_problems(step, "speech_contains", speech, "speech")
    if "speech_matches" in step and not re.search(step["speech_matches"], speech):
        problems.append(f"speech should match /{step['speech_matches']}/")
    problems += _phrase_problems(step, "reprompt_contains", turn["reprompt"] or "", "reprompt")
    return problems


def _card_problems(step: dict, turn: dict) -> list[str]:
    card = turn["card"] or {}
    problems = _phrase_problems(step, "card_contains", card.get("text") or "", "card")
    if "card_title" in step and card.get("title") != step["card_title"]:
        problems.append(f"card title: expected {step['card_title']!r}, got {card.get('title')!r}")
    return problems


def _screen_problems(step: dict, screen: dict | None) -> list[str]:
    if screen is None:
        wanted = "screen_title" in step or "screen_contains" in step
        return ["expected a screen (APL) directive, got none"] if wanted else []
    if step.get("no_screen"):
        return ["expected no screen (APL) directive"]
    problems = []
    if "screen_title" in step and screen["title"] != step["screen_title"]:
        problems.append(f"screen title: expected {step['screen_title']!r}, got {screen['title']!r}")
    points = " ".join(point["text"] for point in screen["points"])
    problems += _phrase_problems(step, "screen_contains", points, "screen points")
    if "screen_taps" in step:
        taps = [point["topic"] for point in screen["points"] if point["topic"]]
        taps += ["offer"] if screen["offer"] else []
        if taps != _as_list(step["screen_taps"]):
            problems.append(f"screen taps: expected {_as_list(step['screen_taps'])}, got {taps}")
    problems += [f"screen footer should contain {phrase!r}" for phrase in _as_list(step.get("screen_footer", []))
                 if phrase.lower() not in screen["footer"].lower()]
    return problems


def _ending_problems(step: dict, turn: dict) -> list[str]:
    problems = []
    if "session_ends" in step and turn["end_session"] is not step["session_ends"]:
        problems.append(f"session_ends: expected {step['session_ends']}, got {turn['end_session']}")
    if step.get("no_speech") and turn["ssml"]:
        problems.append("expected no speech")
    return problems
