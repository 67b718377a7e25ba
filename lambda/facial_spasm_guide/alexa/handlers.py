"""The ASK SDK glue: one request handler (read the request, ask the conversation, send its
reply), the exception handler and the request log interceptor."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import (
    AbstractExceptionHandler,
    AbstractRequestHandler,
    AbstractRequestInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from .. import conversation
from ..conversation_state import Reply
from .logs import log_failure, log_request
from .responses import build_response
from .turns import read_has_screen, read_kind, read_locale, read_state, read_turn


def respond(handler_input: HandlerInput) -> Response:
    envelope = handler_input.request_envelope
    return send(handler_input, conversation.respond(read_turn(envelope), read_state(envelope)))


def send(handler_input: HandlerInput, reply: Reply) -> Response:
    envelope = handler_input.request_envelope
    response, state = build_response(reply, read_locale(envelope), read_has_screen(envelope))
    if envelope.session is not None:
        handler_input.attributes_manager.session_attributes = state.to_attributes()
    return response


class RequestHandler(AbstractRequestHandler):
    """Every request, whatever its type or intent: the conversation knows what each one means,
    including the request types this skill does not use (a screen touch, a system error)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Any failure in a handler: log where, apologise, keep the session open and usable."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log_failure("handler failed", exception)
        return send(handler_input, conversation.error(read_state(handler_input.request_envelope)))


class RequestLogInterceptor(AbstractRequestInterceptor):
    def process(self, handler_input: HandlerInput) -> None:
        envelope = handler_input.request_envelope
        log_request(*read_kind(envelope), read_locale(envelope))
