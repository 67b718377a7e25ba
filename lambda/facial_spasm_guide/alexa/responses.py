"""Turning the conversation's Reply into an Alexa Response, speech rendered from templates."""

from __future__ import annotations

from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_model import Response
from ask_sdk_model.ui import StandardCard

from .. import speech
from ..conversation_state import Reply, State
from ..locales import settings_for
from . import screen


def build_response(reply: Reply, locale: object, has_screen: bool = False) -> tuple[Response, State]:
    """The response to send and the state to keep (which remembers what was said, for repeat).

    Every answer carries a Standard card; a device with an APL screen also gets the answer
    screen, filled from the same rendering, and a device without one gets no APL at all.
    """
    factory = ResponseFactory()
    if reply.answer is None:
        return factory.response, reply.state
    said = speech.render(reply.answer, reply.context, settings_for(locale),
                         with_reprompt=not reply.end_session)
    factory.speak(said.ssml)
    if said.reprompt_ssml:
        factory.ask(said.reprompt_ssml)
    if said.card_title:
        factory.set_card(StandardCard(title=said.card_title, text=said.card_text))
    if has_screen:
        factory.add_directive(screen.render_directive(said))
    factory.set_should_end_session(reply.end_session)
    return factory.response, reply.state.remembering(said.text, said.reprompt_text)
