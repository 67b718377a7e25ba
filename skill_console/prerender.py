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
from facial_spasm_guide.guide import GUIDE, Guide
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
    """Every reply to every turn in every state the conversation reaches with little heard,
    and along each walk that says "yes" from the launch and from each topic.

    What has been heard changes only which step is offered next: walking every set of heard
    parts would never end, so each state is explored as if only its own answer had been
    heard. An answer met only deeper in a walk is rendered when first said.
    """
    every_turn = turns(guide)
    seen: set[State] = set()
    waiting = [State(), *_yes_walks(every_turn, guide)]
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


def _yes_walks(every_turn: list[Turn], guide: Guide) -> list[State]:
    """The states met saying only "yes" from each first turn, until the guide is all heard."""
    found = []
    yes = Turn("IntentRequest", "AMAZON.YesIntent")
    for first in every_turn:
        if first.request_type not in ("LaunchRequest", "IntentRequest") or first.slots:
            continue
        reply = conversation.respond(first, State(), guide)
        for _ in range(len(guide.walk) + 2):
            if reply.end_session:
                break
            found.append(reply.state._replace(last_speech=None, last_reprompt=None))
            reply = conversation.respond(yes, reply.state, guide)
    return found


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
