"""What the conversation reads and returns: a Turn in, the session's State, a Reply out.

State lives in Alexa's session attributes between turns, so it is always small, plain JSON,
and read back defensively: anything odd in it is forgotten, never fatal. The State and its
Offer are compared by value, so they are NamedTuples; a request's Turn and Slots and the Reply
are plain classes, cheaper to create at a cold start (see guide.py).
"""

# Annotations are evaluated, not postponed: NamedTuple compiles each postponed (string)
# annotation when its class is made, at every cold start.

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from .guide import GUIDE, Guide
from .plain_text import tidy


class Slot:
    __slots__ = ("value", "resolved_id")

    def __init__(self, value: str | None = None, resolved_id: str | None = None) -> None:
        self.value = value
        # The canonical id when Alexa's entity resolution matched (ER_SUCCESS_MATCH).
        self.resolved_id = resolved_id


class Turn:
    __slots__ = ("request_type", "intent", "slots")

    def __init__(self, request_type: str, intent: str | None = None,
                 slots: Mapping[str, Slot] = MappingProxyType({})) -> None:
        self.request_type = request_type
        self.intent = intent
        self.slots = slots


class Offer(NamedTuple):
    """The next step a question offered: which topic, and which part of it."""

    topic: str
    part: int = 0


class State(NamedTuple):
    topic: str | None = None
    part: int = 0
    offer: Offer | None = None
    misses: int = 0
    # The named thing being talked about ("hemifacial_spasm"), for "what about treatment?".
    subject: str | None = None
    # The doctor check's step whose question is waiting for an answer.
    asking: str | None = None
    last_speech: str | None = None
    last_reprompt: str | None = None
    # What walking the guide has covered: a bit per entry of guide.walk.
    heard: int = 0
    # The answers before this one, as guide.walk positions, latest last: for "go back".
    back: tuple[int, ...] = ()
    # The topics the last answer listed, in order: for "the second one" and screen taps.
    listed: tuple[str, ...] = ()
    # An offer was turned down: a second "no" ends the session.
    declined: bool = False
    # Doctor check answers given before their question was asked: (step id, "yes" or "no").
    known: tuple[tuple[str, str], ...] = ()
    # The subject whose general-answer caveat was said ("... in general, not for stress
    # alone"), said once per subject.
    caveat: str | None = None

    @classmethod
    def from_attributes(cls, attributes: Any, guide: Guide = GUIDE) -> "State":
        if not isinstance(attributes, Mapping) or not attributes:
            return cls()  # a new session
        topic = _known_topic(attributes.get("topic"), guide)
        part = _small_int(attributes.get("part"))
        if topic is None or part >= max(len(guide.topic(topic).say), 1):
            part = 0
        offer = None
        raw_offer = attributes.get("offer")
        if isinstance(raw_offer, Mapping):
            offer_topic = _known_topic(raw_offer.get("topic"), guide)
            offer_part = _small_int(raw_offer.get("part"))
            if offer_topic is not None and offer_part < max(len(guide.topic(offer_topic).say), 1):
                offer = Offer(offer_topic, offer_part)
        asking = attributes.get("asking")
        asking = asking if guide.check.has_step(asking) else None
        last = attributes.get("last")
        last = last if isinstance(last, Mapping) else {}
        walk_size = len(guide.walk)
        back = attributes.get("back")
        back = tuple(_small_int(i) for i in back if _small_int(i) < walk_size
                     )[-MAX_BACK:] if isinstance(back, list) else ()
        listed = attributes.get("listed")
        listed = tuple(t for t in listed if _known_topic(t, guide))[:MAX_LISTED] \
            if isinstance(listed, list) else ()
        known = attributes.get("known")
        known = tuple((step, means) for step, means in known.items()
                      if guide.check.has_step(step) and means in ("yes", "no")) \
            if isinstance(known, Mapping) else ()
        return cls(
            topic=topic,
            part=part,
            offer=offer,
            misses=_small_int(attributes.get("misses")),
            subject=_known_topic(attributes.get("subject"), guide),
            asking=asking,
            last_speech=_plain_text_or_none(last.get("speech")),
            last_reprompt=_plain_text_or_none(last.get("reprompt")),
            heard=_bits(attributes.get("heard"), walk_size),
            back=back,
            listed=listed,
            declined=attributes.get("declined") is True,
            known=known,
            caveat=_known_topic(attributes.get("caveat"), guide),
        )

    def to_attributes(self) -> dict[str, Any]:
        attributes: dict[str, Any] = {"misses": self.misses}
        if self.topic:
            attributes["topic"] = self.topic
            attributes["part"] = self.part
        if self.offer:
            attributes["offer"] = {"topic": self.offer.topic, "part": self.offer.part}
        if self.subject:
            attributes["subject"] = self.subject
        if self.asking:
            attributes["asking"] = self.asking
        if self.last_speech:
            attributes["last"] = {"speech": self.last_speech, "reprompt": self.last_reprompt or ""}
        if self.heard:
            attributes["heard"] = format(self.heard, "x")
        if self.back:
            attributes["back"] = list(self.back)
        if self.listed:
            attributes["listed"] = list(self.listed)
        if self.declined:
            attributes["declined"] = True
        if self.known:
            attributes["known"] = dict(self.known)
        if self.caveat:
            attributes["caveat"] = self.caveat
        return attributes

    def remembering(self, speech: str | None, reprompt: str | None) -> "State":
        return self._replace(last_speech=speech, last_reprompt=reprompt)


class Reply:
    """A template set to render, with its context, and the state to keep."""

    __slots__ = ("template", "context", "state", "end_session")

    def __init__(self, template: str | None, context: Mapping[str, Any], state: State,
                 end_session: bool = False) -> None:
        self.template = template
        self.context = context
        self.state = state
        self.end_session = end_session


# How far "go back" reaches, and how long a list "the second one" picks from: the session
# attributes stay small.
MAX_BACK = 4
MAX_LISTED = 6


def _bits(value: Any, size: int) -> int:
    """The heard bits, kept as hex text: a few characters for the whole guide."""
    if not isinstance(value, str) or not 0 < len(value) <= (size + 3) // 4:
        return 0
    try:
        return int(value, 16) & ((1 << size) - 1)
    except ValueError:
        return 0


def _known_topic(value: Any, guide: Guide) -> str | None:
    return value if isinstance(value, str) and value in guide.topics else None


def _small_int(value: Any) -> int:
    # bool is an int in Python; a session attribute of True is still nonsense here.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1000:
        return value
    return 0


def _plain_text_or_none(value: Any) -> str | None:
    return tidy(value) if isinstance(value, str) and value.strip() else None
