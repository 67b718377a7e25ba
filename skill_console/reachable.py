"""Every response a user can reach: each sample utterance, each slot word, each follow-up,
and each intent in each state. Used to check them all at once."""

from __future__ import annotations

from typing import Callable, Iterator

from facial_spasm_guide.conversation import SLOT_TYPES, TOPIC_INTENTS
from facial_spasm_guide.guide import GUIDE

from .console import Console
from .simulator import TurnResult

# Slot type -> (the intent whose slot takes it, that slot's name).
SLOT_HOMES = {SLOT_TYPES[slot]: (intent, slot) for intent, (_, slot) in TOPIC_INTENTS.items() if slot}
STATES = ("one-shot", "after launch", "after an answer", "after a miss")


def reachable(new_console: Callable[[], Console]) -> Iterator[tuple[str, TurnResult]]:
    """(what led there, the turn) for every distinct way into the skill."""
    console = new_console()
    yield "launch", console.turn("open facial spasm guide").result
    for intent in console.resolver.intents:
        for sample in console.resolver.samples(intent):
            console.new_session()
            yield sample, console.turn(_filled(console, intent, sample)).result
    for topic in GUIDE.topics.values():
        if not topic.slot_type:
            continue
        intent, slot = SLOT_HOMES[topic.slot_type]
        for word in topic.words:
            console.new_session()
            fill = console.resolver.fill(topic.slot_type, word)
            yield f"{topic.id}: {word}", console.simulator.intent(intent, {slot: fill})
        for part in range(1, len(topic.say)):
            yield f"{topic.id}: more ({part})", console.turn("tell me more").result
    for state in STATES:
        for intent in console.resolver.intents:
            console.new_session()
            if state != "one-shot":
                console.turn("open facial spasm guide")
            if state == "after an answer":
                console.turn("what causes facial spasms")
            if state == "after a miss":
                console.turn("order me a pizza")
            yield f"{intent} {state}", console.simulator.intent(intent)


def _filled(console: Console, intent: str, sample: str) -> str:
    """The sample with each slot filled by the first word the guide has for its type."""
    for name, slot_type in console.resolver.slot_types(intent).items():
        word = next(t.words[0] for t in GUIDE.topics.values() if t.slot_type == slot_type)
        sample = sample.replace("{" + name + "}", word)
    return sample
