"""Walking the guide: what has been heard, and the natural next step to offer.

Saying "yes" again and again goes through guide.walk from where the person is: the rest of
this topic, the topics it lists, its unheard siblings, then on to the next area, skipping
anything already heard, until the whole guide has been said once.
"""

from __future__ import annotations

from functools import cache

from .conversation_state import Offer, State
from .guide import Guide

# How an offer relates to what was just said: the template words it to fit.
MORE, ITEM, SIBLING, CHECK, NEXT = "more", "item", "sibling", "check", "next"


def position(guide: Guide, topic_id: str | None, part: int = 0) -> int | None:
    return guide.walk_index.get((topic_id or "", part))


def hearing(state: State, guide: Guide, topic_id: str, part: int = 0) -> State:
    """The state with this part heard, and the answer before it kept for "go back"."""
    heard = position(guide, topic_id, part)
    if heard is None:
        return state
    before = position(guide, state.topic, state.part)
    back = state.back
    if before is not None and before != heard and not state.asking:
        back = (*back, before)[-4:]
    return state._replace(heard=state.heard | 1 << heard, back=back)


def is_heard(state: State, guide: Guide, topic_id: str, part: int = 0) -> bool:
    heard = position(guide, topic_id, part)
    return heard is not None and bool(state.heard >> heard & 1)


def next_step(state: State, guide: Guide, topic_id: str | None, part: int = 0) -> Offer | None:
    """The first entry after this one that has not been heard, going round; None when the
    whole guide has been heard."""
    start = position(guide, topic_id, part)
    size = len(guide.walk)
    start = -1 if start is None else start
    for step in range(1, size + 1):
        at = (start + step) % size
        if not state.heard >> at & 1:
            return Offer(*guide.walk[at])
    return None


def offer_kind(guide: Guide, topic_id: str | None, offer: Offer) -> str:
    if offer.topic == guide.check.topic:
        return CHECK
    if offer.topic == topic_id:
        return MORE
    parent = guide.parents.get(offer.topic)
    if parent is not None and parent == topic_id:
        return ITEM
    if parent is not None and parent == guide.parents.get(topic_id or ""):
        return SIBLING
    return NEXT


@cache
def outcome_parts(guide: Guide) -> dict[str, tuple[str, int]]:
    """Check outcome id -> the (topic, part) that says the same advice."""
    found = {}
    for outcome in guide.check.outcomes.values():
        for topic_id, part in guide.walk:
            said = guide.topic(topic_id).say
            if part < len(said) and said[part] == outcome.say:
                found[outcome.id] = (topic_id, part)
    return found


def named_in(guide: Guide, topic_id: str, part: int) -> tuple[str, ...]:
    """The named things an answer's words mention, in the order it says them ("dystonia" in
    the neurological causes): what "what's that?" asks about."""
    topic = guide.topic(topic_id)
    if part >= len(topic.say):
        return ()
    found = sorted((match.start, match.name) for match in guide.mention_words.matches(topic.say[part])
                   if match.name != topic_id and guide.topic(match.name).slot_type is not None)
    return tuple(dict.fromkeys(name for _, name in found))


def listed_in(guide: Guide, topic_id: str, part: int) -> tuple[str, ...]:
    """The topics an answer lists, for "the second one" and a tap: its items, else what it names."""
    return guide.topic(topic_id).items or named_in(guide, topic_id, part)
