"""`make package` renders at build time every answer that carries none of the user's words.

The conversation is plain Python over a small state, so every such answer can be found by
walking it: from a new session, every kind of turn (each request type, each intent, each slot
value the guide has) in every state those turns reach. Run by python3.13 with only the built
package ahead of this repository on sys.path, so the shipped code and its precompiled
templates render the answers; speech.py finds them by the same key at run time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

from facial_spasm_guide import conversation, doctor_check, speech, templating, walking
from facial_spasm_guide.conversation_state import Reply, Slot, State, Turn
from facial_spasm_guide.guide import GUIDE, UNSURE, Guide
from facial_spasm_guide.locales import LOCALES

# Misses beyond this many lead to no answer that fewer do (the fourth miss ends the session).
MAX_MISSES = len(conversation.FALLBACKS)
# The walk explores the states nearest a new session first, and this many at most: the few
# answers met only further away are rendered when first said (a build stays in seconds).
MAX_STATES = 250


def turns(guide: Guide = GUIDE) -> list[Turn]:
    """One of every kind of turn: each request type, each intent bare and with each slot value."""
    found = [Turn("LaunchRequest"), Turn("SessionEndedRequest"), Turn("Unknown"),
             Turn("IntentRequest", "AnIntentThisSkillDoesNotHave")]
    found += [Turn("IntentRequest", intent) for intent in conversation.HANDLED_INTENTS]
    named = [topic for topic in guide.topics.values() if topic.slot_type]
    for intent, slot in conversation.TOPIC_SLOTS.items():
        found += [Turn("IntentRequest", intent, {slot: Slot(t.name, t.id)}) for t in named]
    found += [Turn("IntentRequest", doctor_check.CHECK_INTENT,
                   {doctor_check.CHECK_SLOT: Slot(answer.words[0], answer.id)})
              for answer in guide.check.answers.values()]
    return found


def replies(guide: Guide = GUIDE) -> Iterator[Reply]:
    """Every reply to every turn in the states nearest a new session; every reply along each
    walk that says "yes" from the launch and from each first question; every reply of the
    doctor check, however it is answered; and each miss in a row.

    What has been heard changes only which step is offered next: walking every set of heard
    parts would never end, so each state is explored as if only its own answer had been
    heard. An answer met only deeper in a conversation is rendered when first said.
    """
    every_turn = turns(guide)
    yield from _yes_walks(every_turn, guide)
    check = conversation.respond(Turn("IntentRequest", "SeeDoctorIntent"), State(), guide).state
    yield from _moves_walk(_check_moves(guide), [check], guide)
    launch = conversation.respond(Turn("LaunchRequest"), State(), guide).state
    yield from _moves_walk([Turn("IntentRequest", "AMAZON.FallbackIntent")], [launch, State()],
                           guide)
    seen: set[State] = set()
    waiting = [State()]
    explored = 0
    while waiting and explored < MAX_STATES:
        state = waiting.pop(0)
        explored += 1
        for turn in every_turn:
            reply = conversation.respond(turn, state, guide)
            yield reply
            following = _explored(reply.state, guide)
            if following not in seen:
                seen.add(following)
                waiting.append(following)


def _explored(state: State, guide: Guide) -> State:
    """What of a state the walk explores: what was last said only matters to "repeat", which
    says the user's answer back; misses past the last that changes the answer, the heard parts
    past the current one, and "go back" past one step change no answer's kind."""
    here = walking.position(guide, state.topic, state.part)
    return state._replace(last_speech=None, last_reprompt=None,
                          misses=min(state.misses, MAX_MISSES),
                          heard=0 if here is None else 1 << here, back=state.back[-1:])


def _yes_walks(every_turn: list[Turn], guide: Guide) -> Iterator[Reply]:
    """The replies met saying only "yes" from each first turn, until the guide is all heard."""
    yes = Turn("IntentRequest", "AMAZON.YesIntent")
    for first in every_turn:
        if first.request_type not in ("LaunchRequest", "IntentRequest") or first.slots:
            continue
        reply = conversation.respond(first, State(), guide)
        for _ in range(len(guide.walk) + 2):
            yield reply
            if reply.end_session:
                break
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
    return [*plain, *said, unsure]


def _moves_walk(moves: list[Turn], starts: list[State], guide: Guide) -> Iterator[Reply]:
    """Every reply to these turns, said one after another in any order from these states, as
    long as the check is still asking or misses are adding up: a small part of the
    conversation walked to its end."""
    seen = {_explored(state, guide) for state in starts}
    waiting = list(seen)
    while waiting:
        state = waiting.pop(0)
        for turn in moves:
            reply = conversation.respond(turn, state, guide)
            yield reply
            following = _explored(reply.state, guide)
            if not reply.end_session and (following.asking or following.misses) \
                    and following not in seen:
                seen.add(following)
                waiting.append(following)


def tables(guide: Guide = GUIDE) -> dict[tuple[str, str], dict[str, list]]:
    """(locale, answer) -> {answer key: the rendered Speech as a list of its fields}."""
    distinct: dict[str | None, Reply] = {}
    for reply in replies(guide):
        if reply.answer is not None:
            key = speech.build_key(reply.answer, reply.context, "", not reply.end_session)
            distinct.setdefault(key, reply)
    distinct.pop(None, None)  # answers with the user's words in them
    found: dict[tuple[str, str], dict[str, list]] = {}
    for locale, settings in LOCALES.items():
        for reply in distinct.values():
            with_reprompt = not reply.end_session
            said = templating.render(reply.answer, reply.context, settings, with_reprompt)
            key = speech.build_key(reply.answer, reply.context, locale, with_reprompt)
            found.setdefault((locale, reply.answer), {})[key] = list(said)
    return found


def write(folder: Path) -> int:
    """Writes <folder>/<locale>/<answer>.json for every answer; returns how many there are."""
    found = tables()
    for (locale, answer), table in found.items():
        path = speech.prerendered_file(locale, answer, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                        encoding="utf-8")
    return sum(len(table) for table in found.values())


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
