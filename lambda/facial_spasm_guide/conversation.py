"""What to say next, given the request, its slots and the session: plain Python, no SDK.

The Alexa glue turns a request into a Turn and the session attributes into a State; this
module answers with a Reply that names an answer (a set of templates) and its context.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from .guide import GUIDE, Guide, Topic
from .plain_text import tidy

# Custom intent -> (the topic it asks about, the slot that can narrow it to one named thing).
TOPIC_INTENTS: Mapping[str, tuple[str, str | None]] = {
    "AboutSpasmsIntent": ("about", None),
    "SpasmTypesIntent": ("types", "spasmType"),
    "CausesIntent": ("causes", "cause"),
    "TriggersIntent": ("triggers", None),
    "DiagnosisIntent": ("diagnosis", None),
    "TreatmentsIntent": ("treatments", "treatment"),
    "HomeRemediesIntent": ("home_care", None),
    "SeeDoctorIntent": ("doctor", None),
}

# Slot name -> the slot type whose values are topics of the guide.
SLOT_TYPES: Mapping[str, str] = {
    "spasmType": "SPASM_TYPE",
    "cause": "CAUSE",
    "treatment": "TREATMENT",
}

# A heard slot value is echoed back at most this long: enough to recognise, never a monologue.
MAX_ECHO_CHARS = 60


@dataclass(frozen=True)
class Slot:
    value: str | None = None
    # The canonical id when Alexa's entity resolution matched (ER_SUCCESS_MATCH).
    resolved_id: str | None = None


@dataclass(frozen=True)
class Turn:
    request_type: str
    intent: str | None = None
    slots: Mapping[str, Slot] = field(default_factory=dict)


@dataclass(frozen=True)
class Offer:
    """The next step a question offered: which topic, and which part of it."""

    topic: str
    part: int = 0


@dataclass(frozen=True)
class State:
    """What the session remembers between turns; always plain JSON in session attributes."""

    topic: str | None = None
    part: int = 0
    offer: Offer | None = None
    misses: int = 0
    last_speech: str | None = None
    last_reprompt: str | None = None

    @classmethod
    def from_attributes(cls, attributes: Any, guide: Guide = GUIDE) -> "State":
        """Read session attributes defensively: anything odd is forgotten, never fatal."""
        if not isinstance(attributes, Mapping):
            return cls()
        topic = attributes.get("topic")
        topic = topic if isinstance(topic, str) and topic in guide.topics else None
        part = _small_int(attributes.get("part"))
        if topic is None or part >= len(guide.topic(topic).say):
            part = 0
        offer = None
        raw_offer = attributes.get("offer")
        if isinstance(raw_offer, Mapping):
            offer_topic = raw_offer.get("topic")
            offer_part = _small_int(raw_offer.get("part"))
            if (isinstance(offer_topic, str) and offer_topic in guide.topics
                    and offer_part < len(guide.topic(offer_topic).say)):
                offer = Offer(offer_topic, offer_part)
        last = attributes.get("last")
        last = last if isinstance(last, Mapping) else {}
        return cls(
            topic=topic,
            part=part,
            offer=offer,
            misses=_small_int(attributes.get("misses")),
            last_speech=_plain_text_or_none(last.get("speech")),
            last_reprompt=_plain_text_or_none(last.get("reprompt")),
        )

    def to_attributes(self) -> dict[str, Any]:
        attributes: dict[str, Any] = {"misses": self.misses}
        if self.topic:
            attributes["topic"] = self.topic
            attributes["part"] = self.part
        if self.offer:
            attributes["offer"] = {"topic": self.offer.topic, "part": self.offer.part}
        if self.last_speech:
            attributes["last"] = {"speech": self.last_speech, "reprompt": self.last_reprompt or ""}
        return attributes

    def remembering(self, speech: str | None, reprompt: str | None) -> "State":
        return replace(self, last_speech=speech, last_reprompt=reprompt)


@dataclass(frozen=True)
class Reply:
    """An answer to render (a template set) with its context, and the state to keep."""

    answer: str | None
    context: Mapping[str, Any]
    state: State
    end_session: bool = False


def respond(turn: Turn, state: State, guide: Guide = GUIDE) -> Reply:
    if turn.request_type == "LaunchRequest":
        return _launch(state, guide)
    if turn.request_type in ("SessionEndedRequest", "System.ExceptionEncountered"):
        # Alexa accepts no speech for these.
        return Reply(answer=None, context={}, state=state, end_session=True)
    if turn.request_type != "IntentRequest":
        return error(state, guide)
    intent = turn.intent or ""
    if intent in TOPIC_INTENTS:
        return _topic_intent(intent, turn.slots, state, guide)
    handler = _BUILT_IN_HANDLERS.get(intent)
    if handler is None:
        return _fallback(state, guide)
    return handler(state, guide)


def error(state: State, guide: Guide = GUIDE) -> Reply:
    """The apology for anything that went wrong: the session stays open and usable."""
    return Reply("error", {"examples": _examples(guide, 1)}, state)


def _launch(state: State, guide: Guide) -> Reply:
    return _menu(state, guide, answer="launch")


def _topic_intent(intent: str, slots: Mapping[str, Slot], state: State, guide: Guide) -> Reply:
    topic_id, slot_name = TOPIC_INTENTS[intent]
    topic = guide.topic(topic_id)
    if slot_name:
        slot = slots.get(slot_name) or Slot()
        named = _resolve_slot(slot, SLOT_TYPES[slot_name], guide)
        heard = clean_heard(slot.value) if slot.value else ""
        if named is not None:
            topic = named
        elif heard:
            return _not_found(heard, topic, state)
    return _topic_answer(topic, 0, state, guide)


def _not_found(heard: str, overview: Topic, state: State) -> Reply:
    """Something the guide does not cover: say so briefly and offer what it does cover."""
    context = {"heard": heard, "offer": overview}
    return Reply("not_found", context, replace(state, offer=Offer(overview.id)))


def _resolve_slot(slot: Slot, slot_type: str, guide: Guide) -> Topic | None:
    if slot.resolved_id:
        topic = guide.topics.get(slot.resolved_id)
        if topic is not None and topic.slot_type is not None:
            return topic
    if slot.value:
        # Entity resolution may be absent (a test, a simulator): the same words still count.
        return guide.find_by_word(slot_type, slot.value)
    return None


def _topic_answer(topic: Topic, part: int, state: State, guide: Guide) -> Reply:
    offer = _next_step(topic, part, guide)
    context = {
        "topic": topic,
        "part": part,
        "point": topic.say[part],
        "points": topic.say,
        "offer": guide.topic(offer.topic),
        "offer_is_more": offer.topic == topic.id,
        "example": _examples(guide, 1)[0],
    }
    answer = "doctor" if topic.id == "doctor" else "topic"
    new_state = replace(state, topic=topic.id, part=part, offer=offer, misses=0)
    return Reply(answer, context, new_state)


def _next_step(topic: Topic, part: int, guide: Guide) -> Offer:
    if part + 1 < len(topic.say):
        return Offer(topic.id, part + 1)
    return Offer(topic.related[0]) if topic.related else Offer(guide.start)


def _take_offer(state: State, guide: Guide) -> Reply:
    if state.offer is None:
        return _menu(state, guide)
    return _topic_answer(guide.topic(state.offer.topic), state.offer.part, state, guide)


def _menu(state: State, guide: Guide, answer: str = "menu") -> Reply:
    context = {"offer": guide.topic(guide.start), "examples": _examples(guide, 1)}
    return Reply(answer, context, replace(state, offer=Offer(guide.start), misses=0))


def _help(state: State, guide: Guide) -> Reply:
    return Reply("help", {"examples": _examples(guide, 3)}, replace(state, misses=0))


def _goodbye(state: State, guide: Guide) -> Reply:
    return Reply("goodbye", {}, state, end_session=True)


def _fallback(state: State, guide: Guide) -> Reply:
    misses = state.misses + 1
    answer = "fallback" if misses == 1 else "fallback_again"
    context = {"examples": _examples(guide, 2)}
    return Reply(answer, context, replace(state, misses=misses))


def _repeat(state: State, guide: Guide) -> Reply:
    if not state.last_speech:
        return _menu(state, guide)
    context = {"speech": state.last_speech, "reprompt": state.last_reprompt or ""}
    return Reply("repeat", context, state)


_BUILT_IN_HANDLERS = {
    "AMAZON.HelpIntent": _help,
    "AMAZON.StopIntent": _goodbye,
    "AMAZON.CancelIntent": _goodbye,
    "AMAZON.NoIntent": _goodbye,
    "AMAZON.FallbackIntent": _fallback,
    "AMAZON.NavigateHomeIntent": _menu,
    "AMAZON.StartOverIntent": _menu,
    "AMAZON.RepeatIntent": _repeat,
    "AMAZON.YesIntent": _take_offer,
    "AMAZON.MoreIntent": _take_offer,
    "AMAZON.NextIntent": _take_offer,
}

BUILT_IN_INTENTS = tuple(_BUILT_IN_HANDLERS)
HANDLED_INTENTS = (*TOPIC_INTENTS, *BUILT_IN_INTENTS)


def clean_heard(value: str) -> str:
    """A heard value made safe to say back: no control characters, short, single-spaced."""
    text = tidy(value)
    if len(text) > MAX_ECHO_CHARS:
        text = text[:MAX_ECHO_CHARS].rsplit(" ", 1)[0]
    return text


def _examples(guide: Guide, count: int) -> list[str]:
    return [guide.topic(t).example for t in guide.help_topics][:count]


def _small_int(value: Any) -> int:
    # bool is an int in Python; a session attribute of True is still nonsense here.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1000:
        return value
    return 0


def _plain_text_or_none(value: Any) -> str | None:
    return tidy(value) if isinstance(value, str) and value.strip() else None
