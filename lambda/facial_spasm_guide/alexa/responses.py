"""Turning the conversation's Reply into an Alexa Response, speech rendered from templates."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Response
from ask_sdk_model.ui import StandardCard

from .. import speech
from ..conversation_state import Reply, State
from ..locales import settings_for
from ..speech import Speech
from . import screen


def build_response(reply: Reply, locale: object, has_screen: bool = False) -> tuple[Response, State]:
    """The response to send and the state to keep (which remembers what was said, for repeat).

    Every answer carries a Standard card; a device with an APL screen also gets the answer
    screen, filled from the same rendering, and a device without one gets no APL at all.
    """
    if reply.template is None:
        return ResponseFactory().response, reply.state
    said = speech.render(reply.template, reply.context, settings_for(locale),
                         with_reprompt=not reply.end_session)
    if speech.says_user_words(reply.context):
        response = _build(said, reply.end_session, has_screen)
    else:
        response = _kept(said, reply.end_session, has_screen)
    return response, reply.state.remembering(said.text, said.reprompt_text)


def as_json(response: Response) -> dict[str, Any]:
    """The response as JSON-ready data, in new dicts each call, so no caller can change what is
    kept. A kept response was serialized once, when it was built."""
    kept = _KEPT_JSON.get(id(response))
    data = kept[1] if kept is not None and kept[0] is response else SERIALIZER.serialize(response)
    return _copied(data)


def _build(said: Speech, end_session: bool, has_screen: bool) -> Response:
    factory = ResponseFactory()
    factory.speak(said.ssml)
    if said.reprompt_ssml:
        factory.ask(said.reprompt_ssml)
    if said.card_title:
        factory.set_card(StandardCard(title=said.card_title, text=said.card_text))
    if has_screen:
        factory.add_directive(screen.render_directive(said))
    factory.set_should_end_session(end_session)
    return factory.response


# The same few answers are said again and again: a warm container builds and serializes each
# response once (never one with the user's words in it). Nothing changes a Response once it
# is built: the skill has no response interceptors. The key holds everything a response is
# built from: the Speech carries the screen too (Speech.screen_text: its points, what a tap
# asks for, the "yes" button), rendered from the same context as the speech, so two replies
# that differ only in what can be tapped never share a kept response.
SERIALIZER = DefaultSerializer()
MAX_KEPT = 1024
_KEPT: dict[tuple[Speech, bool, bool], Response] = {}
# id(response) -> (response, its JSON data): the SDK hands the kept Response back inside its
# envelope, and this finds the JSON it was serialized to when it was built (serializing it
# again costs about a twentieth of a warm request: bench/answer_caches.py). Holding the
# response here keeps its id from being reused.
_KEPT_JSON: dict[int, tuple[Response, dict[str, Any]]] = {}


def _kept(said: Speech, end_session: bool, has_screen: bool) -> Response:
    key = (said, end_session, has_screen)
    response = _KEPT.get(key)
    if response is None:
        response = _build(said, end_session, has_screen)
        if len(_KEPT) < MAX_KEPT:
            _KEPT[key] = response
            _KEPT_JSON[id(response)] = (response, SERIALIZER.serialize(response))
    return response


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value
