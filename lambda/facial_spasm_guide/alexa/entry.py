"""The Lambda entry point: any event in, a valid Alexa response out, never an exception.

The SDK raises before any handler runs for some bad input (an unknown request type or enum,
fields of the wrong type), and raises again on a wrong skill id; those are answered here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import RequestEnvelope, Response, ResponseEnvelope

from .. import conversation
from ..conversation_state import State
from .handlers import CatchAllExceptionHandler, RequestHandler, RequestLogInterceptor
from .logs import LOG, log_failure
from .responses import as_json, build_response

RESPONSE_VERSION = "1.0"


def build_skill() -> CustomSkill:
    builder = SkillBuilder()
    builder.add_global_request_interceptor(RequestLogInterceptor())
    builder.add_request_handler(RequestHandler())
    builder.add_exception_handler(CatchAllExceptionHandler())
    return builder.create()


SKILL = build_skill()


def handle_event(event: Any, context: Any = None) -> dict:
    """lambda_handler's answer to any event; the local endpoint answers through read_event and
    answer too (skill_console/web/entry_skill.py), so both say the same."""
    envelope = read_event(event)
    if envelope is None:
        return apology(event)
    return answer(envelope, event, context)


def read_event(event: Any, payload: str | None = None, skill: CustomSkill = SKILL) -> RequestEnvelope | None:
    """The event as the SDK reads it (from its JSON text, when the caller has it), or None
    when the SDK cannot read it."""
    try:
        text = payload if payload is not None else json.dumps(event)
        return skill.serializer.deserialize(payload=text, obj_type=RequestEnvelope)
    except Exception as error:  # noqa: BLE001 - any unreadable event gets the spoken apology
        log_failure("unreadable request", error)
        return None


def answer(envelope: RequestEnvelope, event: Any, context: Any = None, skill: CustomSkill = SKILL) -> dict:
    """The response to a request the SDK has read: the skill's, or the spoken apology."""
    if not _is_for_this_skill(envelope):
        LOG.warning("rejected a request addressed to another skill id")
        return _serialize(ResponseEnvelope(version=RESPONSE_VERSION,
                                           response=Response(should_end_session=True)))
    try:
        return _serialize(skill.invoke(request_envelope=envelope, context=context))
    except Exception as error:  # noqa: BLE001 - the SDK raised outside its exception handlers
        log_failure("skill failed", error)
        return apology(event)


def _is_for_this_skill(envelope: RequestEnvelope) -> bool:
    expected = os.environ.get("SKILL_ID")
    if not expected:
        return True
    application = getattr(getattr(envelope.context, "system", None), "application", None)
    return getattr(application, "application_id", None) == expected


def apology(event: Any) -> dict:
    """The error answer built straight from the raw event, when the SDK could not read it."""
    session = _mapping(_mapping(event).get("session"))
    request = _mapping(_mapping(event).get("request"))
    try:
        state = State.from_attributes(session.get("attributes"))
        response, state = build_response(conversation.error(state), request.get("locale"))
        envelope = ResponseEnvelope(version=RESPONSE_VERSION, response=response,
                                    session_attributes=state.to_attributes())
        return _serialize(envelope)
    except Exception as error:  # noqa: BLE001 - last resort: end quietly rather than raise
        log_failure("apology failed", error)
        return {"version": RESPONSE_VERSION, "response": {"shouldEndSession": True}}


def _serialize(envelope: ResponseEnvelope) -> dict:
    """The envelope as the SDK's serializer would give it, without walking what is already
    JSON: the session attributes are plain data (State.to_attributes, new each request), and
    the response's JSON comes from responses.as_json (made once for a kept response)."""
    body: dict[str, Any] = {"version": envelope.version}
    if envelope.session_attributes is not None:
        body["sessionAttributes"] = envelope.session_attributes
    if envelope.user_agent is not None:
        body["userAgent"] = envelope.user_agent
    if envelope.response is not None:
        body["response"] = as_json(envelope.response)
    return body


def _mapping(value: Any) -> Mapping:
    return value if isinstance(value, Mapping) else {}
