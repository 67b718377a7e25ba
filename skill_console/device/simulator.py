"""A simulated Alexa session: carries session attributes from turn to turn and calls the
real lambda_handler in-process, the way the Alexa service calls the deployed function."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from skill_console.device import envelopes
from skill_console.device.envelopes import Device
from skill_console.nlu.resolver import Resolver, SlotFill

Handler = Callable[[dict, Any], dict]


@dataclass(frozen=True)
class TurnResult:
    request: dict
    response: dict

    @property
    def body(self) -> Mapping[str, Any]:
        return self.response.get("response") or {}

    @property
    def ssml(self) -> str | None:
        return (self.body.get("outputSpeech") or {}).get("ssml")

    @property
    def reprompt_ssml(self) -> str | None:
        return ((self.body.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml")

    @property
    def card(self) -> Mapping[str, Any] | None:
        return self.body.get("card")

    @property
    def screen(self) -> Mapping[str, Any] | None:
        """The APL datasource of the answer screen, when the response sends one."""
        for directive in self.body.get("directives") or []:
            if directive.get("type") == "Alexa.Presentation.APL.RenderDocument":
                return (directive.get("datasources") or {}).get("answer")
        return None

    @property
    def end_session(self) -> bool:
        # Alexa keeps listening only when the skill says False; absent means the session ends.
        return self.body.get("shouldEndSession") is not False

    @property
    def session_attributes(self) -> Mapping[str, Any]:
        return self.response.get("sessionAttributes") or {}


class Simulator:
    def __init__(self, handler: Handler, resolver: Resolver, locale: str = "en-US",
                 device: Device | None = None) -> None:
        self.handler = handler
        self.resolver = resolver
        self.locale = locale
        self.device = device or Device()
        self.session_id: str | None = None
        self.attributes: Mapping[str, Any] = {}

    @property
    def in_session(self) -> bool:
        return self.session_id is not None

    def reset(self) -> None:
        """Forget the open session, as when the user opens the skill afresh."""
        self._close()

    def launch(self) -> TurnResult:
        self._close()
        return self._send(envelopes.launch_request(self.locale))

    def intent(self, name: str, slots: Mapping[str, SlotFill | None] | None = None) -> TurnResult:
        request = envelopes.intent_request(self.locale, name, slots or {}, self.device.skill_id)
        return self._send(request)

    def say(self, text: str) -> TurnResult:
        """What the user says inside a session; no match goes to AMAZON.FallbackIntent."""
        resolution = self.resolver.resolve(text)
        return self.intent(resolution.intent, resolution.slots)

    def touch(self, arguments: Any) -> TurnResult:
        """A tap on the screen: the UserEvent its SendEvent command sends, with these arguments."""
        return self._send(envelopes.user_event_request(self.locale, arguments))

    def end(self, reason: str = "USER_INITIATED") -> TurnResult:
        return self._send(envelopes.session_ended_request(self.locale, reason))

    def _send(self, request: Mapping[str, Any]) -> TurnResult:
        new = self.session_id is None
        if new:
            self.session_id = envelopes.new_session_id()
            self.attributes = {}
        event = envelopes.envelope(request, self.device, self.session_id, new, self.attributes)
        response = self.handler(event, None)
        result = TurnResult(request=event, response=response)
        if result.end_session or request.get("type") == "SessionEndedRequest":
            self._close()
        else:
            self.attributes = dict(result.session_attributes)
        return result

    def _close(self) -> None:
        self.session_id = None
        self.attributes = {}
