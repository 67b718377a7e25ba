"""Reading an ASK SDK request envelope into the conversation's Turn and State."""

from __future__ import annotations

from typing import Any

from ask_sdk_model import IntentRequest, RequestEnvelope

from ..conversation import TOUCH_REQUEST, TOUCH_SLOT
from ..conversation_state import Slot, State, Turn

# Entity resolution's status when a heard value matched one of the slot type's values. The
# SDK reads it into an enum; comparing the enum's value means a request without slots (a
# launch) never loads the SDK's entity resolution models.
MATCHED = "ER_SUCCESS_MATCH"
# A tap's argument is a topic id or "offer" (alexa/apl/answer.json); anything longer is not one.
MAX_TOUCH_ARGUMENT_CHARS = 64


def read_kind(envelope: RequestEnvelope) -> tuple[str, str | None]:
    """The request type and, for an IntentRequest, the intent name: all a log line may hold."""
    request = envelope.request
    request_type = getattr(request, "object_type", None) or "Unknown"
    name = getattr(getattr(request, "intent", None), "name", None)
    return request_type, name if isinstance(name, str) else None


def read_turn(envelope: RequestEnvelope) -> Turn:
    request = envelope.request
    request_type, name = read_kind(envelope)
    if request_type == TOUCH_REQUEST:
        return Turn(request_type=request_type, slots={TOUCH_SLOT: Slot(resolved_id=touched(request))})
    if not isinstance(request, IntentRequest) or request.intent is None:
        return Turn(request_type=request_type)
    raw_slots = request.intent.slots if isinstance(request.intent.slots, dict) else {}
    slots = {name: read_slot(slot) for name, slot in raw_slots.items() if isinstance(name, str)}
    return Turn(request_type=request_type, intent=name, slots=slots)


def touched(request: Any) -> str | None:
    """What a tap on the screen asks for: the first argument of the document's SendEvent (a
    topic id, or "offer"), or None for anything else, which the conversation answers as a
    miss. Read by attribute, so the SDK's APL models load only for a request that has them."""
    arguments = getattr(request, "arguments", None)
    if not isinstance(arguments, list) or not arguments:
        return None
    first = arguments[0]
    if isinstance(first, str) and 0 < len(first) <= MAX_TOUCH_ARGUMENT_CHARS:
        return first
    return None


def read_slot(slot: Any) -> Slot:
    value = getattr(slot, "value", None)
    value = value if isinstance(value, str) else None
    return Slot(value=value, resolved_id=_matched_id(slot))


def _matched_id(slot: Any) -> str | None:
    resolutions = getattr(slot, "resolutions", None)
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        values = getattr(authority, "values", None) or []
        if getattr(status, "value", status) == MATCHED and values:
            resolved_id = getattr(getattr(values[0], "value", None), "id", None)
            if isinstance(resolved_id, str):
                return resolved_id
    return None


def read_state(envelope: RequestEnvelope) -> State:
    session = envelope.session
    return State.from_attributes(session.attributes if session is not None else None)


def read_locale(envelope: RequestEnvelope) -> str | None:
    return getattr(envelope.request, "locale", None)


def read_has_screen(envelope: RequestEnvelope) -> bool:
    """Whether the device shows APL: Alexa lists Alexa.Presentation.APL among its interfaces."""
    device = getattr(getattr(envelope.context, "system", None), "device", None)
    interfaces = getattr(device, "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None
