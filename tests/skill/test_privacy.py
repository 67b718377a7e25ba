"""Logs carry no user id, device id, session id or what the user said; nothing is stored."""

from __future__ import annotations

import logging

import lambda_function
from helpers import say
from skill_console.device import envelopes
from skill_console.device.envelopes import Device
from skill_console.nlu.resolver import SlotFill


def test_a_whole_conversation_logs_nothing_that_identifies_or_quotes_the_user(sim, caplog):
    sim.device = Device(user_id="amzn1.ask.account.USERSECRET", device_id="amzn1.ask.device.DEVICESECRET")
    caplog.set_level(logging.DEBUG)
    sim.launch()
    session_id = sim.session_id
    say(sim, "can caffeine cause eye twitching")
    sim.intent("CausesIntent", {"cause": SlotFill("my private worry", "CAUSE", "ER_SUCCESS_NO_MATCH")})
    # The SDK's error for a bad enum quotes the value it could not read.
    event = envelopes.envelope(
        envelopes.intent_request("en-US", "CausesIntent", {"cause": SlotFill("private worry")}),
        sim.device, sim.session_id, False, sim.attributes)
    event["request"]["intent"]["slots"]["cause"]["confirmationStatus"] = "private worry"
    lambda_function.lambda_handler(event, None)
    say(sim, "is it linked to multiple sclerosis")
    sim.end()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "request type=IntentRequest intent=CausesIntent" in logged  # logging is on
    assert "unreadable request: SerializationException" in logged  # and failures are logged
    # The same fields as JSON keys (Lambda's LogFormat JSON writes a record's extra fields).
    requests = [r for r in caplog.records if getattr(r, "requestType", None) == "IntentRequest"]
    assert requests and requests[0].intent == "CausesIntent" and requests[0].locale == "en-US"
    assert any(getattr(r, "errorType", None) == "SerializationException" for r in caplog.records)
    logged += "\n".join(str(vars(record)) for record in caplog.records)
    for secret in ["USERSECRET", "DEVICESECRET", session_id, "caffeine", "private worry",
                   "multiple sclerosis", "eye twitching"]:
        assert secret not in logged, secret


def test_session_attributes_hold_no_user_words(sim):
    sim.launch()
    result = sim.intent("CausesIntent", {"cause": SlotFill("my private worry", "CAUSE", "ER_SUCCESS_NO_MATCH")})
    attributes = str(result.session_attributes)
    assert "private worry" not in attributes.replace(result.session_attributes["last"]["speech"], "")
