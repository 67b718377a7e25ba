"""Assertions about responses that a user (or Alexa itself) would notice."""

from __future__ import annotations

import json
from typing import Any

import pytest

from facial_spasm_guide import conversation
from facial_spasm_guide.conversation_state import State, Turn
from facial_spasm_guide.ssml import to_text
from skill_console import paths
from skill_console.certification.ssml_rules import MAX_ANSWER_WORDS, problems, word_count
from skill_console.device.console import load_resolver
from skill_console.device.simulator import Simulator, TurnResult
from skill_console.nlu.interpret import opening

REPO_ROOT = paths.REPO_ROOT
LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"]
# Written out here rather than read from the skill, so a wrong number in the skill fails.
EMERGENCY = {"en-US": "call 911", "en-CA": "call 911", "en-GB": "call 999", "en-AU": "call 000",
             "en-IN": "call 112"}
MAX_CARD_CHARS = 8000
# What a user says to open the skill, with the invocation name the model has.
OPEN = opening(load_resolver("en-US"))

# Whether the conversation names the topics an answer lists (context["choices"], with the
# guide's list items): until it does, a screen shows no items and only "yes" can be tapped.
needs_choices = pytest.mark.skipif(
    "choices" not in conversation.respond(Turn("IntentRequest", "CausesIntent"), State()).context,
    reason="the conversation lists no choices yet")


def say(sim: Simulator, utterance: str) -> TurnResult:
    """Say something the model must understand: a miss here is a model bug, not a fallback."""
    match = sim.resolver.resolve(utterance).match
    assert match in ("exact", "builtin"), f"the model does not understand {utterance!r} ({match})"
    return sim.say(utterance)


def spoken(result: TurnResult) -> str:
    return to_text(result.ssml) if result.ssml else ""


def assert_valid_response(response: Any) -> None:
    """A response Alexa accepts: right shape, valid SSML under the limits, never half-open."""
    assert isinstance(response, dict), response
    assert response.get("version") == "1.0"
    body = response.get("response")
    assert isinstance(body, dict)
    json.dumps(response)  # Lambda must be able to send it
    speech = body.get("outputSpeech")
    if speech is not None:
        assert speech["type"] == "SSML"
        assert problems(speech["ssml"]) == [], (speech["ssml"][:300], problems(speech["ssml"]))
    reprompt = (body.get("reprompt") or {}).get("outputSpeech")
    if reprompt is not None:
        assert problems(reprompt["ssml"]) == [], problems(reprompt["ssml"])
    card = body.get("card")
    if card is not None:
        assert card["type"] == "Standard"
        assert card.get("title") and card.get("text")
        assert len(card["title"]) + len(card["text"]) <= MAX_CARD_CHARS
    if body.get("shouldEndSession") is False:
        assert speech is not None, "the session stays open with nothing said"
        assert reprompt is not None, "the session stays open without a reprompt"
        assert to_text(speech["ssml"]).endswith("?"), \
            f"the session stays open but nothing is asked: {to_text(speech['ssml'])!r}"


def assert_answer_style(result: TurnResult) -> None:
    """The voice style every answer keeps: brief, and a question whenever the mic stays open."""
    assert_valid_response(result.response)
    if result.ssml:
        assert word_count(result.ssml) <= MAX_ANSWER_WORDS, spoken(result)
    if spoken(result).endswith("?"):
        assert result.end_session is False, "a question was asked but the session ended"


def contains_all(text: str, phrases: list[str]) -> list[str]:
    lower = text.lower()
    return [p for p in phrases if p.lower() not in lower]

