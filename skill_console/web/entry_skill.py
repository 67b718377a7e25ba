"""What flask-ask-sdk runs for POST /alexa: the skill's own entry point, as lambda_handler runs it.

flask-ask-sdk's SkillAdapter reads the body with the skill's serializer, runs the verifiers,
then invokes the skill and serializes what it returns. It takes only a CustomSkill, so
EntrySkill is one: its serializer reads each request once (ReadRequest: the raw event and the
SDK's reading of it, or None where the SDK cannot read it), and its invoke answers through
facial_spasm_guide.alexa.entry, the same code as lambda_handler, including the spoken apology
for a request the SDK cannot read and the kept responses. What it returns is already the JSON
Lambda would return.
"""

from __future__ import annotations

import json
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import Serializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope

from facial_spasm_guide.alexa import entry


class ReadRequest:
    """A request as read once: the raw event, and the SDK's envelope (None if unreadable).

    The verifiers read `request.timestamp` and `request.object_type` (the SDK's
    TimestampVerifier) from it; for a request the SDK cannot read, they come from the raw event,
    so an unreadable request is still verified before it gets the apology.
    """

    def __init__(self, event: dict, envelope: RequestEnvelope | None) -> None:
        self.event = event
        self.envelope = envelope

    @property
    def request(self) -> Any:
        if self.envelope is not None:
            return self.envelope.request
        raw = self.event.get("request")
        raw = raw if isinstance(raw, dict) else {}
        return SimpleNamespace(timestamp=_timestamp(raw.get("timestamp")), object_type=raw.get("type"))


def _timestamp(value: Any) -> datetime | None:
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return when if when is not None and when.tzinfo is not None else None


class ReadOnce(Serializer):
    def __init__(self, skill: CustomSkill) -> None:
        self._skill = skill

    def deserialize(self, payload: str, obj_type: Any) -> ReadRequest:
        try:
            event = json.loads(payload)
        except ValueError as error:
            raise SerializationException("request body is not JSON") from error
        if not isinstance(event, dict):
            raise SerializationException("request body is not a JSON object")
        return ReadRequest(event, entry.read_event(event, payload, self._skill))

    def serialize(self, obj: Any) -> Any:
        return obj  # entry.answer's JSON already


class EntrySkill(CustomSkill):
    """The CustomSkill flask-ask-sdk is given. It keeps none of CustomSkill's machinery (so
    CustomSkill.__init__ is not called): the wrapped skill does the work, through the entry."""

    def __init__(self, skill: CustomSkill) -> None:
        self.skill = skill
        self.serializer = ReadOnce(skill)
        self.custom_user_agent = None  # flask-ask-sdk adds its name here; the answer is Lambda's

    def invoke(self, request_envelope: ReadRequest, context: Any = None) -> dict:
        if request_envelope.envelope is None:
            return entry.apology(request_envelope.event)
        return entry.answer(request_envelope.envelope, request_envelope.event, context, self.skill)
