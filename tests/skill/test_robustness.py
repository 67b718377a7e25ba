"""Bad input never produces a traceback or invalid SSML, and the session stays usable."""

from __future__ import annotations

import copy
import json

import pytest

import lambda_function
from facial_spasm_guide import conversation
from facial_spasm_guide.alexa.entry import SKILL
from facial_spasm_guide.alexa.responses import build_response
from facial_spasm_guide.guide import GUIDE
from helpers import assert_answer_style, assert_valid_response, say, spoken
from skill_console.device import envelopes
from skill_console.device.envelopes import Device
from skill_console.nlu.resolver import SlotFill

HOSTILE = [
    "salt & pepper",
    "a < b > c",
    "]]> cdata end",
    "<speak>injected</speak>",
    '<audio src="https://example.invalid/x.mp3"/>',
    "quote \" and ' apostrophe",
    "bell\x07 nul\x00 escape\x1b tab\t newline\n",
    "emoji 😀 and right-to-left \u202e text",
    "\ud800 lone surrogate",
    "x" * 10_000,
    "word " * 2_000,
    "&" * 10_000,
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("intent, slot, slot_type", [
    ("SpasmTypesIntent", "spasmType", "SPASM_TYPE"),
    ("CausesIntent", "cause", "CAUSE"),
    ("TreatmentsIntent", "treatment", "TREATMENT"),
])
def test_hostile_slot_values_still_give_valid_ssml(sim, intent, slot, slot_type, value):
    sim.launch()
    result = sim.intent(intent, {slot: SlotFill(value, slot_type, "ER_SUCCESS_NO_MATCH")})
    assert_answer_style(result)
    assert "<speak>injected" not in result.ssml
    assert "<audio" not in result.ssml
    # The session is still usable afterwards.
    assert "Botulinum toxin" in spoken(say(sim, "how are facial spasms treated"))


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_content_still_gives_valid_ssml(value):
    """If the guide content itself held markup or control characters, speech stays valid."""
    topic = copy.copy(GUIDE.topic("caffeine"))
    topic.title, topic.say = f"T {value}", (f"Caffeine {value} here.",)
    guide = copy.copy(GUIDE)
    guide.topics = {**GUIDE.topics, "caffeine": topic}
    reply = conversation.respond(
        conversation.Turn("IntentRequest", "CausesIntent",
                          {"cause": conversation.Slot("caffeine", "caffeine")}),
        conversation.State(), guide)
    response, _ = build_response(reply, "en-US")
    envelope = {"version": "1.0", "response": SKILL.serializer.serialize(response)}
    assert_valid_response(envelope)


def event_with(**changes):
    event = envelopes.envelope(envelopes.intent_request("en-US", "CausesIntent", {}),
                               Device(), envelopes.new_session_id(), False, {})
    for path, value in changes.items():
        target = event
        *parents, last = path.split("__")
        for key in parents:
            target = target[key]
        target[last] = value
    return event


MALFORMED = {
    "none": None,
    "a string": "LaunchRequest",
    "a number": 42,
    "a list": [{"request": {"type": "LaunchRequest"}}],
    "an empty dict": {},
    "no request": {"version": "1.0", "session": {"attributes": {"topic": "causes"}}},
    "request is a string": event_with(request="IntentRequest"),
    "unknown request type": event_with(request__type="Alexa.Made.Up.Request"),
    "bad enum": event_with(request__dialogState="SOMEWHERE"),
    "intent missing": event_with(request__intent=None),
    "intent is a list": event_with(request__intent=["CausesIntent"]),
    "unknown intent": event_with(request__intent__name="OrderPizzaIntent"),
    "intent name is a number": event_with(request__intent__name=7),
    "slots are a list": event_with(request__intent__slots=["cause"]),
    "slot is a string": event_with(request__intent__slots={"cause": "caffeine"}),
    "slot value is a number": event_with(request__intent__slots={"cause": {"name": "cause", "value": 12}}),
    "slot resolutions garbage": event_with(request__intent__slots={
        "cause": {"name": "cause", "value": "caffeine", "resolutions": {"resolutionsPerAuthority": "x"}}}),
    "resolved id not in the guide": event_with(request__intent__slots={"cause": {
        "name": "cause", "value": "x", "resolutions": {"resolutionsPerAuthority": [{
            "authority": "a", "status": {"code": "ER_SUCCESS_MATCH"},
            "values": [{"value": {"name": "x", "id": "../../etc/passwd"}}]}]}}}),
    "attributes are a string": event_with(session__attributes="topic=causes"),
    "attributes are a list": event_with(session__attributes=["causes"]),
    "attributes have odd types": event_with(session__attributes={
        "topic": 5, "part": "two", "offer": "yes", "misses": -3, "last": ["x"],
        "subject": {"id": "x"}, "asking": ["sudden"]}),
    "attributes point nowhere": event_with(session__attributes={
        "topic": "nope", "part": 99, "offer": {"topic": "causes", "part": 50}, "misses": True,
        "subject": "nope", "asking": "nope"}),
    "session new is a string": event_with(session__new="yes"),
    "locale is a path": event_with(request__locale="../../templates"),
    "locale is a number": event_with(request__locale=3),
    "control characters everywhere": event_with(request__intent__slots={
        "cause": {"name": "cause\x00", "value": "\x01\x02\x03"}}),
    "no context": {k: v for k, v in event_with().items() if k != "context"},
    "system exception report": event_with(request={
        "type": "System.ExceptionEncountered", "requestId": "r", "timestamp": "2026-01-01T00:00:00Z",
        "locale": "en-US", "error": {"type": "INVALID_RESPONSE", "message": "bad"},
        "cause": {"requestId": "r0"}}),
}


@pytest.mark.parametrize("event", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_events_get_a_valid_response_and_never_raise(event):
    response = lambda_function.lambda_handler(event, None)
    assert_valid_response(response)
    json.dumps(response)


@pytest.mark.parametrize("name", ["unknown request type", "slots are a list",
                                  "attributes have odd types", "unknown intent"])
def test_bad_input_with_a_session_keeps_it_open(name):
    response = lambda_function.lambda_handler(MALFORMED[name], None)
    assert response["response"]["shouldEndSession"] is False
    assert response["response"]["reprompt"]["outputSpeech"]["ssml"]


def test_unknown_request_type_is_answered_with_the_spoken_apology():
    response = lambda_function.lambda_handler(MALFORMED["unknown request type"], None)
    assert "Sorry, something went wrong" in response["response"]["outputSpeech"]["ssml"]


def test_attributes_from_an_unreadable_event_are_cleaned_not_echoed():
    event = event_with(request__type="Alexa.Made.Up.Request",
                       session__attributes={"topic": "causes", "secret": "x" * 50})
    response = lambda_function.lambda_handler(event, None)
    assert "secret" not in response["sessionAttributes"]
    assert response["sessionAttributes"]["topic"] == "causes"


def test_skill_id_is_checked_when_set(monkeypatch, sim):
    monkeypatch.setenv("SKILL_ID", "amzn1.ask.skill.expected")
    stranger = lambda_function.lambda_handler(
        envelopes.envelope(envelopes.launch_request("en-US"), Device(skill_id="amzn1.ask.skill.other"),
                           envelopes.new_session_id(), True, {}), None)
    assert_valid_response(stranger)
    assert "outputSpeech" not in stranger["response"]
    assert stranger["response"]["shouldEndSession"] is True
    ours = lambda_function.lambda_handler(
        envelopes.envelope(envelopes.launch_request("en-US"), Device(skill_id="amzn1.ask.skill.expected"),
                           envelopes.new_session_id(), True, {}), None)
    assert "Welcome" in ours["response"]["outputSpeech"]["ssml"]


def test_skill_id_is_not_checked_when_unset(monkeypatch):
    monkeypatch.delenv("SKILL_ID", raising=False)
    response = lambda_function.lambda_handler(
        envelopes.envelope(envelopes.launch_request("en-US"), Device(skill_id="amzn1.ask.skill.any"),
                           envelopes.new_session_id(), True, {}), None)
    assert "Welcome" in response["response"]["outputSpeech"]["ssml"]


def test_a_failing_template_gets_the_apology_and_keeps_the_session(monkeypatch, sim):
    from facial_spasm_guide import speech

    real_render = speech.render

    def broken(answer, *args, **kwargs):
        if answer == "topic":
            raise RuntimeError("template exploded")
        return real_render(answer, *args, **kwargs)

    monkeypatch.setattr(speech, "render", broken)
    sim.launch()
    result = sim.say("what causes facial spasms")
    assert "Sorry, something went wrong" in spoken(result)
    assert result.end_session is False
    monkeypatch.setattr(speech, "render", real_render)
    assert "three main kinds of cause" in spoken(say(sim, "what causes facial spasms"))
