"""Every reply the conversation can give, found by walking it from a new session.

The conversation is plain Python over a small state, so its replies can be found by walking
it: every kind of turn (each request type, each intent, each slot value the guide has) in the
states nearest a new session; every reply along each walk that says "yes" from the launch and
from each first question; every reply of the doctor check, however it is answered; and each
miss in a row. `make package` renders the replies it finds (release/prerender.py); the
certification check replays the turns that lead to each through the real skill
(certification/reachable.py). Imports only the skill: prerendering runs it under python3.13
from a bare build.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import NamedTuple

from facial_spasm_guide import conversation, doctor_check, speech, walking
from facial_spasm_guide.conversation_state import Reply, Slot, State, Turn
from facial_spasm_guide.guide import GUIDE, UNSURE, Guide

# Misses beyond this many lead to no reply that fewer do (the fourth miss ends the session).
MAX_MISSES = len(conversation.FALLBACKS)
# The walk explores the states nearest a new session first, and this many at most: the few
# replies met only further away are rendered when first said (a build stays in seconds).
MAX_STATES = 250


class Found(NamedTuple):
    """A reply and the turns that lead to it from a new session (the last one got it)."""

    path: tuple[Turn, ...]
    reply: Reply


def turns(guide: Guide = GUIDE) -> list[Turn]:
    """One of every kind of turn: each request type, each intent bare and with each slot value,
    and each tap a screen can send."""
    found = [Turn("LaunchRequest"), Turn("SessionEndedRequest"), Turn("Unknown"),
             Turn("IntentRequest", "AnIntentThisSkillDoesNotHave")]
    found += [Turn("IntentRequest", intent) for intent in conversation.HANDLED_INTENTS]
    named = [topic for topic in guide.topics.values() if topic.slot_type]
    for intent, slot in conversation.TOPIC_SLOTS.items():
        found += [Turn("IntentRequest", intent, {slot: Slot(t.name, t.id)}) for t in named]
    found += [Turn("IntentRequest", doctor_check.CHECK_INTENT,
                   {doctor_check.CHECK_SLOT: Slot(answer.words[0], answer.id)})
              for answer in guide.check.answers.values()]
    found += [_tap(topic_id) for topic_id in guide.topics]
    return [*found, *_taps_anywhere()]


def _tap(touched: str | None) -> Turn:
    """A tap on a screen (an APL UserEvent) as the glue reads it: a topic's id, "offer" for the
    yes button, or None for arguments it cannot read."""
    return Turn(conversation.TOUCH_REQUEST, slots={conversation.TOUCH_SLOT: Slot(resolved_id=touched)})


def _taps_anywhere() -> list[Turn]:
    return [_tap(conversation.TOUCH_OFFER), _tap(None)]


def search(guide: Guide = GUIDE) -> Iterator[Found]:
    """Every reply to every turn in the states nearest a new session, then the walks.

    What has been heard changes only which step is offered next: walking every set of heard
    parts would never end, so each state is explored as if only its own reply had been
    heard. A reply met only deeper in a conversation is rendered when first said. The
    nearest states come first, so the first path found to a reply is a short one.
    """
    every_turn = turns(guide)
    yield from _nearest(every_turn, guide)
    yield from _yes_walks(every_turn, guide)
    yield from _moves_walk(_check_moves(guide), [(Turn("IntentRequest", "SeeDoctorIntent"),)], guide)
    yield from _moves_walk([Turn("IntentRequest", "AMAZON.FallbackIntent"), *_taps_anywhere()],
                           [(Turn("LaunchRequest"),), ()], guide)


@functools.cache
def distinct(guide: Guide = GUIDE) -> dict[str, Found]:
    """The first path found to each reply that carries none of the user's words, by the key
    speech.py keeps its rendering under. Kept: the search takes seconds, and the certification
    check and the tests ask for it once per locale."""
    found: dict[str, Found] = {}
    for each in search(guide):
        reply = each.reply
        if reply.template is not None:
            key = speech.build_key(reply.template, reply.context, "", not reply.end_session)
            if key is not None:
                found.setdefault(key, each)
    return found


def _state_after(path: tuple[Turn, ...], guide: Guide) -> State:
    state = State()
    for turn in path:
        state = conversation.respond(turn, state, guide).state
    return state


def _nearest(every_turn: list[Turn], guide: Guide) -> Iterator[Found]:
    """Breadth first from a new session. Each state is reached by a real path and answered
    as it stands, so replaying the path gives the same reply; a state is explored only once
    per kind (_explored)."""
    seen: set[State] = set()
    waiting: list[tuple[State, tuple[Turn, ...]]] = [(State(), ())]
    explored = 0
    while waiting and explored < MAX_STATES:
        state, path = waiting.pop(0)
        explored += 1
        for turn in every_turn:
            reply = conversation.respond(turn, state, guide)
            yield Found((*path, turn), reply)
            kind = _explored(reply.state, guide)
            if kind not in seen:
                seen.add(kind)
                waiting.append((reply.state, (*path, turn)))


def _explored(state: State, guide: Guide) -> State:
    """The kind of a state, which the walk explores once: what was last said only matters to
    "repeat", which says the user's words back; misses past the last that changes the reply,
    the heard parts past the current one, and "go back" past one step change no reply's kind."""
    here = walking.position(guide, state.topic, state.part)
    return state._replace(last_speech=None, last_reprompt=None,
                          misses=min(state.misses, MAX_MISSES),
                          heard=0 if here is None else 1 << here, back=state.back[-1:])


def _yes_walks(every_turn: list[Turn], guide: Guide) -> Iterator[Found]:
    """The replies met saying only "yes" from each first turn, until the guide is all heard."""
    yes = Turn("IntentRequest", "AMAZON.YesIntent")
    for first in every_turn:
        if first.request_type not in ("LaunchRequest", "IntentRequest") or first.slots:
            continue
        path: tuple[Turn, ...] = (first,)
        reply = conversation.respond(first, State(), guide)
        for _ in range(len(guide.walk) + 2):
            yield Found(path, reply)
            if reply.end_session:
                break
            path = (*path, yes)
            reply = conversation.respond(yes, reply.state, guide)


def _check_moves(guide: Guide) -> list[Turn]:
    """Every kind of answer the doctor check takes: each intent without words, "not sure",
    and each of its answers in words."""
    plain = [Turn("IntentRequest", intent) for intent in conversation.BUILT_IN_INTENTS]
    said = [Turn("IntentRequest", doctor_check.CHECK_INTENT,
                 {doctor_check.CHECK_SLOT: Slot(answer.words[0], answer.id)})
            for answer in guide.check.answers.values()]
    unsure = Turn("IntentRequest", doctor_check.CHECK_INTENT,
                  {doctor_check.CHECK_SLOT: Slot(guide.check.unsure_said[0], UNSURE)})
    return [*plain, *said, unsure, *_taps_anywhere()]


def _moves_walk(moves: list[Turn], starts: list[tuple[Turn, ...]], guide: Guide) -> Iterator[Found]:
    """Every reply to these turns, said one after another in any order from where these paths
    lead, as long as the check is still asking or misses are adding up: a small part of the
    conversation walked to its end."""
    waiting = [(_state_after(path, guide), path) for path in starts]
    seen = {_explored(state, guide) for state, _ in waiting}
    while waiting:
        state, path = waiting.pop(0)
        for turn in moves:
            reply = conversation.respond(turn, state, guide)
            yield Found((*path, turn), reply)
            kind = _explored(reply.state, guide)
            if not reply.end_session and (kind.asking or kind.misses) and kind not in seen:
                seen.add(kind)
                waiting.append((reply.state, (*path, turn)))
