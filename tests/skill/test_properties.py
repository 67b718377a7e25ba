"""Property-based hardening: random envelopes, random slot values and random turn sequences,
at lambda_handler and at POST /alexa. Always a valid response (or, at /alexa, a 400), never an
exception, never invalid SSML."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lambda_function
from facial_spasm_guide.conversation import HANDLED_INTENTS, SLOT_TYPES
from helpers import assert_answer_style
from skill_console.certification.ssml_rules import problems
from skill_console.device import envelopes
from skill_console.device.console import load_resolver
from skill_console.device.simulator import Simulator
from skill_console.nlu.resolver import SlotFill
from skill_console.web.app import create_app

FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)

# Words a user might say into a slot: any unicode, SSML and XML fragments, very long text.
hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("<>&'\"/]!{}$ ")) | st.characters(), max_size=60),
    st.sampled_from(["<speak>x</speak>", "]]>", "&amp;", "<break time='9s'/>", "\x00\x07",
                     "my speech is slurred", "i have a terrible headache", "botox", "stress"]),
    st.text(min_size=1000, max_size=12000),
)


def base_event(intent: str = "CausesIntent") -> dict:
    request = envelopes.intent_request("en-US", intent, {})
    return envelopes.envelope(request, envelopes.Device(), envelopes.new_session_id(), False, {})


def assert_safe(response) -> None:
    assert isinstance(response, dict) and response.get("version") == "1.0"
    body = response.get("response")
    assert isinstance(body, dict)
    json.dumps(response)
    for speech in (body.get("outputSpeech"), (body.get("reprompt") or {}).get("outputSpeech")):
        if speech is not None:
            assert problems(speech["ssml"]) == [], speech["ssml"][:200]


def paths(event: dict, prefix=()):
    for key, value in event.items():
        yield (*prefix, key)
        if isinstance(value, dict):
            yield from paths(value, (*prefix, key))


EVENT_PATHS = list(paths(base_event()))


@FAST
@given(st.data())
def test_a_real_envelope_with_any_field_replaced_gets_a_valid_response(data):
    event = base_event(data.draw(st.sampled_from(HANDLED_INTENTS)))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(EVENT_PATHS))
        target = event
        for key in path[:-1]:
            target = target.get(key) if isinstance(target, dict) else None
        if isinstance(target, dict):
            target[path[-1]] = data.draw(json_values)
    assert_safe(lambda_function.lambda_handler(event, None))


@FAST
@given(json_values)
def test_any_json_value_as_the_event_gets_a_valid_response(event):
    assert_safe(lambda_function.lambda_handler(event, None))


SLOTTED = [(intent, slot, slot_type) for intent, slot, slot_type in [
    ("SpasmTypesIntent", "spasmType", "SPASM_TYPE"), ("CausesIntent", "cause", "CAUSE"),
    ("TreatmentsIntent", "treatment", "TREATMENT"), ("SymptomIntent", "symptom", "SYMPTOM"),
    ("DiagnosisIntent", "test", "TEST"), ("ChooseItemIntent", "position", "POSITION"),
    ("HomeRemediesIntent", "description", "AMAZON.SearchQuery"),
    ("SeeDoctorIntent", "description", "AMAZON.SearchQuery")]]
assert {slot for _, slot, _ in SLOTTED} == set(SLOT_TYPES)


@FAST
@given(st.sampled_from(SLOTTED), hostile_text,
       st.sampled_from(["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH", None]), st.text(max_size=40))
def test_any_slot_value_gives_valid_brief_speech(slotted, value, status, resolved_id):
    intent, slot, slot_type = slotted
    sim = Simulator(lambda_function.lambda_handler, load_resolver("en-US"))
    fill = SlotFill(value, slot_type, status, resolved_id if status == "ER_SUCCESS_MATCH" else None,
                    value[:20] if status == "ER_SUCCESS_MATCH" else None)
    assert_answer_style(sim.intent(intent, {slot: fill}))


turns = st.one_of(
    st.tuples(st.just("launch"), st.none()),
    st.tuples(st.sampled_from(HANDLED_INTENTS), st.none()),
    st.tuples(st.sampled_from([i for i, _, _ in SLOTTED]), hostile_text),
    st.tuples(st.just("say"), st.sampled_from(
        ["should i see a doctor", "no", "yes", "it came on gradually", "no headache", "more",
         "what about treatment", "what is hemifacial spasm", "repeat", "start over", "help",
         "order me a pizza", "my speech is slurred"])),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(turns, min_size=1, max_size=12), st.booleans())
def test_any_sequence_of_turns_keeps_every_answer_valid(sequence, screen):
    device = envelopes.screen_device() if screen else envelopes.Device()
    sim = Simulator(lambda_function.lambda_handler, load_resolver("en-US"), device=device)
    slot_of = {intent: (slot, slot_type) for intent, slot, slot_type in SLOTTED}
    for kind, value in sequence:
        if kind == "launch":
            result = sim.launch()
        elif kind == "say":
            result = sim.say(value)
        elif value is not None:
            slot, slot_type = slot_of[kind]
            result = sim.intent(kind, {slot: SlotFill(value, slot_type, "ER_SUCCESS_NO_MATCH")})
        else:
            result = sim.intent(kind)
        assert_answer_style(result)
        # Session attributes survive the next turn as plain JSON.
        json.loads(json.dumps(result.session_attributes))


_UNVERIFIED = create_app(verify=False).test_client()
_VERIFIED = create_app(verify=True).test_client()


@FAST
@given(st.one_of(st.binary(max_size=2000), json_values.map(lambda v: json.dumps(v).encode())))
def test_any_body_at_the_endpoint_is_a_valid_answer_or_a_400(body):
    answer = _UNVERIFIED.post("/alexa", data=body, headers={"Content-Type": "application/json"})
    assert answer.status_code in (200, 400), answer.status_code
    if answer.status_code == 200:
        assert_safe(answer.json)
    else:
        assert isinstance(answer.json["error"], str)
    # With verification on, nothing unsigned ever reaches the skill.
    assert _VERIFIED.post("/alexa", data=body).status_code == 400


@FAST
@given(st.data())
def test_a_real_envelope_with_fields_replaced_at_the_endpoint_is_a_valid_answer_or_a_400(data):
    event = base_event(data.draw(st.sampled_from(HANDLED_INTENTS)))
    path = data.draw(st.sampled_from(EVENT_PATHS))
    target = event
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(json_values)
    answer = _UNVERIFIED.post("/alexa", data=json.dumps(event),
                              headers={"Content-Type": "application/json"})
    assert answer.status_code in (200, 400)
    if answer.status_code == 200:
        assert_safe(answer.json)
