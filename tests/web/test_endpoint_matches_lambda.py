"""POST /alexa answers exactly as lambda_handler does, for every kind of envelope: the same
entry point behind flask-ask-sdk, readable requests and unreadable ones alike."""

from __future__ import annotations

import json

import pytest

import lambda_function
from alexa_signing import CERT_URL, body_of, chain_pem, make_authority, make_leaf, sign
from facial_spasm_guide.alexa.entry import build_skill
from skill_console.device import envelopes
from skill_console.device.console import load_resolver
from skill_console.web.app import create_app


def _envelope(request: dict, device: envelopes.Device | None = None, attributes: dict | None = None) -> dict:
    return envelopes.envelope(request, device or envelopes.Device(), envelopes.new_session_id(),
                              attributes is None, attributes or {})


def _asked(utterance: str, locale: str = "en-US") -> dict:
    return envelopes.spoken_request(load_resolver(locale), utterance, locale)


def _every_kind() -> dict[str, dict]:
    screen = envelopes.screen_device()
    kinds = {
        "launch": _envelope(envelopes.launch_request("en-US")),
        "a question": _envelope(_asked("what causes facial twitching")),
        "a question in en-GB": _envelope(_asked("should i see a doctor", "en-GB"), attributes={"misses": 1}),
        "a red flag": _envelope(_asked("my face is drooping on one side")),
        "words said back": _envelope(_asked("does pizza cause facial spasms")),
        "a screen device": _envelope(_asked("what is hemifacial spasm"), screen),
        "a tap": _envelope(envelopes.user_event_request("en-US", ["causes"]), screen, {"topic": "about"}),
        "a tap it cannot read": _envelope(envelopes.user_event_request("en-US", [{"x": 1}]), screen, {}),
        "session ended": _envelope(envelopes.session_ended_request("en-US")),
        "odd session attributes": _envelope(_asked("yes"), attributes={"offer": 7, "heard": "zz"}),
    }
    unknown_type = _envelope(envelopes.launch_request("en-US"))
    unknown_type["request"]["type"] = "Alexa.NoSuchRequest"
    kinds["a request type the SDK cannot read"] = unknown_type
    wrong_field = _envelope(envelopes.launch_request("en-US"))
    wrong_field["request"]["locale"] = ["en-US"]
    kinds["a field of the wrong type"] = wrong_field
    return kinds


KINDS = _every_kind()


@pytest.fixture(scope="module")
def unverified():
    return create_app(verify=False).test_client()


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_endpoint_answers_as_lambda_does(unverified, kind):
    event = KINDS[kind]
    from_lambda = lambda_function.lambda_handler(json.loads(json.dumps(event)), None)
    from_endpoint = unverified.post("/alexa", data=json.dumps(event), headers={"Content-Type": "application/json"})
    assert from_endpoint.status_code == 200, from_endpoint.get_data(as_text=True)
    assert from_endpoint.json == json.loads(json.dumps(from_lambda))


def test_a_verified_request_the_sdk_cannot_read_gets_lambdas_apology():
    authority = make_authority()
    key, cert = make_leaf(authority)
    app = create_app(skill=build_skill(), verify=True, skill_id=envelopes.LOCAL_SKILL_ID,
                     fetch=lambda url: chain_pem(cert, authority.cert), roots=lambda: [authority.cert])
    # Made now: the envelopes above were made at collection, maybe minutes ago, past the
    # 150 seconds a timestamp may be off by.
    event = _envelope(envelopes.launch_request("en-US"))
    event["request"]["type"] = "Alexa.NoSuchRequest"
    body = body_of(event)
    answered = app.test_client().post("/alexa", data=body, headers={
        "Content-Type": "application/json", "SignatureCertChainUrl": CERT_URL, "Signature-256": sign(body, key)})
    assert answered.status_code == 200
    assert answered.json == json.loads(json.dumps(lambda_function.lambda_handler(json.loads(body), None)))
    assert "Sorry" in answered.json["response"]["outputSpeech"]["ssml"]
