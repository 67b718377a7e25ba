"""Turning the conversation's Reply into an Alexa Response, speech rendered from templates."""

from __future__ import annotations

from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from .. import speech
from ..conversation import Reply, State
from ..locales import settings_for


def build_response(reply: Reply, locale: object) -> tuple[Response, State]:
    """The response to send and the state to keep (which remembers what was said, for repeat)."""
    factory = ResponseFactory()
    if reply.answer is None:
        return factory.response, reply.state
    said = speech.render(reply.answer, reply.context, settings_for(locale),
                         with_reprompt=not reply.end_session)
    factory.speak(said.ssml)
    if said.reprompt_ssml:
        factory.ask(said.reprompt_ssml)
    if said.card_title:
        factory.set_card(SimpleCard(title=said.card_title, content=said.card_text))
    factory.set_should_end_session(reply.end_session)
    return factory.response, reply.state.remembering(said.text, said.reprompt_text)
