"""Every response a user can reach is valid for Alexa and keeps the voice style."""

from __future__ import annotations

import pytest

from facial_spasm_guide.conversation import HANDLED_INTENTS
from facial_spasm_guide.guide import GUIDE
from helpers import assert_answer_style, say, spoken
from skill_console.certification.reachable import example_value


def every_sample(model):
    for intent in model["interactionModel"]["languageModel"]["intents"]:
        for sample in intent["samples"]:
            yield intent["name"], sample


@pytest.mark.slow
def test_every_sample_utterance_gets_a_valid_brief_answer(sim, model, resolver):
    checked = 0
    for intent, sample in every_sample(model):
        # Fill each slot with the first word the guide has for that slot type.
        utterance = sample
        for slot in intent_slots(model, intent):
            utterance = utterance.replace("{" + slot["name"] + "}", example_value(slot["type"]))
        resolution = resolver.resolve(utterance)
        assert (resolution.intent, resolution.match) == (intent, "builtin" if intent.startswith(
            "AMAZON.") else "exact"), utterance
        assert_answer_style(sim.intent(resolution.intent, resolution.slots))
        checked += 1
    assert checked > 1000


def intent_slots(model, name):
    intent = next(i for i in model["interactionModel"]["languageModel"]["intents"] if i["name"] == name)
    return intent.get("slots", [])


@pytest.mark.parametrize("intent", HANDLED_INTENTS)
@pytest.mark.parametrize("opening", ["one-shot", "after launch", "after an answer"])
def test_every_intent_in_every_state_is_valid(sim, intent, opening):
    if opening != "one-shot":
        sim.launch()
    if opening == "after an answer":
        say(sim, "what causes facial spasms")
    result = sim.intent(intent)
    assert_answer_style(result)
    assert result.ssml, f"{intent} said nothing"
    assert result.card and result.card["title"] and result.card["text"], f"{intent} sent no card"


def test_launch_welcomes_disclaims_and_asks(sim):
    result = sim.launch()
    text = spoken(result)
    assert text.startswith("Welcome to Facial Spasm Guide")
    assert "not medical advice" in text
    assert text.endswith("?")
    assert result.end_session is False
    assert result.reprompt_ssml and result.reprompt_ssml != result.ssml


@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent"])
def test_stop_and_cancel_end_the_session(sim, intent):
    sim.launch()
    result = sim.intent(intent)
    assert result.end_session is True
    assert "Goodbye" in spoken(result)
    assert result.reprompt_ssml is None
    assert not sim.in_session


def test_session_ended_request_gets_no_speech(sim):
    sim.launch()
    result = sim.end("USER_INITIATED")
    assert result.ssml is None
    assert result.reprompt_ssml is None
    assert_answer_style(result)


def test_help_gives_phrases_that_really_work_and_asks(sim, resolver):
    sim.launch()
    result = sim.intent("AMAZON.HelpIntent")
    text = spoken(result)
    assert text.endswith("?")
    examples = list(GUIDE.help_examples)
    for example in examples:
        assert example in text
        resolution = resolver.resolve(example)
        assert resolution.match == "exact", example


def test_every_answer_has_a_card_with_a_title(sim):
    for utterance in ["what are facial spasms", "does botox help", "should i see a doctor", "help"]:
        result = sim.say(utterance)
        assert result.card["type"] == "Standard", utterance
        assert result.card["title"] and result.card["text"], utterance


def test_the_card_carries_the_fuller_text(sim):
    result = say(sim, "how are facial spasms diagnosed")
    card = result.card["text"]
    for part in GUIDE.topic("diagnosis").say:
        assert part in card
    assert len(card) > len(spoken(result))
