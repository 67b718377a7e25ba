"""Complete, realistic Alexa request envelopes, as the Alexa service sends them.

Ids are made up but shaped like Amazon's, so the real SDK deserialises every envelope exactly
as it would one from Alexa.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from skill_console.nlu.resolver import Resolver, SlotFill

LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
API_ENDPOINT = "https://api.amazonalexa.com"


@dataclass
class Device:
    """Who is asking from what: one made-up user and device for a whole simulated session."""

    skill_id: str = LOCAL_SKILL_ID
    user_id: str = field(default_factory=lambda: "amzn1.ask.account." + uuid.uuid4().hex.upper())
    device_id: str = field(default_factory=lambda: "amzn1.ask.device." + uuid.uuid4().hex.upper())
    interfaces: Mapping[str, Any] = field(default_factory=dict)


# What an Echo Show-like device reports: the APL interface and its screen (a viewport).
APL_INTERFACE = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}
HUB_VIEWPORT = {
    "experiences": [{"canRotate": False, "canResize": False}],
    "mode": "HUB",
    "shape": "RECTANGLE",
    "pixelWidth": 1280,
    "pixelHeight": 800,
    "dpi": 160,
    "currentPixelWidth": 1280,
    "currentPixelHeight": 800,
    "touch": ["SINGLE"],
}


def screen_device() -> Device:
    return Device(interfaces=dict(APL_INTERFACE))


def new_session_id() -> str:
    return f"amzn1.echo-api.session.{uuid.uuid4()}"


def envelope(request: Mapping[str, Any], device: Device, session_id: str | None,
             new: bool, attributes: Mapping[str, Any] | None) -> dict[str, Any]:
    system: dict[str, Any] = {
        "application": {"applicationId": device.skill_id},
        "user": {"userId": device.user_id},
        "device": {"deviceId": device.device_id,
                   "supportedInterfaces": dict(device.interfaces)},
        "apiEndpoint": API_ENDPOINT,
        "apiAccessToken": "local." + uuid.uuid4().hex,
    }
    context: dict[str, Any] = {"System": system}
    if "Alexa.Presentation.APL" in device.interfaces:
        context["Viewport"] = dict(HUB_VIEWPORT)
    event: dict[str, Any] = {"version": "1.0", "context": context, "request": dict(request)}
    if session_id is not None:
        event["session"] = {
            "new": new,
            "sessionId": session_id,
            "application": {"applicationId": device.skill_id},
            "attributes": dict(attributes or {}),
            "user": {"userId": device.user_id},
        }
    return event


def launch_request(locale: str) -> dict[str, Any]:
    return _request("LaunchRequest", locale)


def intent_request(locale: str, intent: str, slots: Mapping[str, SlotFill | None],
                   skill_id: str = LOCAL_SKILL_ID) -> dict[str, Any]:
    request = _request("IntentRequest", locale)
    request["dialogState"] = "COMPLETED"
    request["intent"] = {
        "name": intent,
        "confirmationStatus": "NONE",
        "slots": {name: _slot(name, fill, skill_id) for name, fill in slots.items()},
    }
    return request


# The token the skill gives its answer screen (alexa/screen.py): a tap on it names the document.
SCREEN_TOKEN = "facialSpasmGuideAnswer"
USER_EVENT = "Alexa.Presentation.APL.UserEvent"


def spoken_request(resolver: Resolver, text: str, locale: str) -> dict[str, Any]:
    """The IntentRequest Alexa sends for these words, as the locale's model resolves them."""
    resolution = resolver.resolve(text)
    return intent_request(locale, resolution.intent, resolution.slots)


def user_event_request(locale: str, arguments: Any, token: str = SCREEN_TOKEN) -> dict[str, Any]:
    """A tap on the screen, as Alexa sends it when a TouchWrapper's SendEvent command runs:
    the command's arguments, and the TouchWrapper's Press as its source."""
    request = _request(USER_EVENT, locale)
    request["token"] = token
    request["arguments"] = arguments
    request["source"] = {"type": "TouchWrapper", "handler": "Press", "id": "", "value": False}
    request["components"] = {}
    return request


def session_ended_request(locale: str, reason: str = "USER_INITIATED") -> dict[str, Any]:
    request = _request("SessionEndedRequest", locale)
    request["reason"] = reason
    return request


def _request(request_type: str, locale: str) -> dict[str, Any]:
    return {
        "type": request_type,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "locale": locale,
    }


def _slot(name: str, fill: SlotFill | None, skill_id: str) -> dict[str, Any]:
    slot: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if fill is None:
        return slot  # Alexa sends declared slots that were not spoken with no value
    slot["value"] = fill.value
    slot["source"] = "USER"
    if fill.status:
        authority: dict[str, Any] = {
            "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{fill.slot_type}",
            "status": {"code": fill.status},
        }
        if fill.status == "ER_SUCCESS_MATCH":
            authority["values"] = [{"value": {"name": fill.resolved_name, "id": fill.resolved_id}}]
        slot["resolutions"] = {"resolutionsPerAuthority": [authority]}
    return slot
