"""Every response a user can reach: each sample utterance, each slot word, each follow-up,
each path and answer of the doctor check, each intent in each state, and taps on a screen.
Used to check them all at once."""

from __future__ import annotations

from typing import Callable, Iterator

from facial_spasm_guide.conversation import SLOT_TYPES, TOPIC_INTENTS
from facial_spasm_guide.doctor_check import CHECK_INTENT, CHECK_SLOT
from facial_spasm_guide.guide import GUIDE, SYMPTOM_SLOT_TYPE

from .console import Console
from .interpret import Interpretation, interpret
from .simulator import TurnResult

# Slot type -> (the intent whose slot takes it, that slot's name).
SLOT_HOMES = {SLOT_TYPES[slot]: (intent, slot) for intent, (_, slot) in TOPIC_INTENTS.items() if slot}
STATES = ("one-shot", "after launch", "after an answer", "after a miss", "in the doctor check")
DOCTOR_QUESTION = "should i see a doctor"


def reachable(new_console: Callable[[], Console]) -> Iterator[tuple[str, TurnResult]]:
    """(what led there, the turn) for every distinct way into the skill."""
    console = new_console()
    yield "launch", console.turn("open facial spasm guide").result
    # Tens of thousands of samples come down to a few dozen requests: each is sent once.
    sent: set[str] = set()
    for intent in console.resolver.intents:
        for sample in console.resolver.samples(intent):
            text = _filled(console, intent, sample)
            request = _request_key(interpret(text, console.resolver, in_session=False))
            if request in sent:
                continue
            sent.add(request)
            console.new_session()
            yield sample, console.turn(text).result
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
    for answer in GUIDE.check.answers.values():
        for word in answer.words:
            for asked in range(len(GUIDE.check.steps) + 1):
                console.new_session()
                for number in range(asked):
                    console.turn(DOCTOR_QUESTION if number == 0 else "no")
                fill = console.resolver.fill(SYMPTOM_SLOT_TYPE, word)
                yield (f"check answer {word!r} after {asked} questions",
                       console.simulator.intent(CHECK_INTENT, {CHECK_SLOT: fill}))
    for noes in range(len(GUIDE.check.steps) + 1):
        console.new_session()
        console.turn(DOCTOR_QUESTION)
        for _ in range(noes):
            yield f"check: no after {noes}", console.turn("no").result
        if noes < len(GUIDE.check.steps):
            yield f"check: yes after {noes} noes", console.turn("yes").result
    for state in STATES:
        for intent in console.resolver.intents:
            _into(console, state)
            yield f"{intent} {state}", console.simulator.intent(intent)
    # Taps on a screen (APL UserEvents): each topic, the "yes" button, and one the skill cannot
    # read, as a device sends them.
    for topic in GUIDE.topics.values():
        console.new_session()
        console.turn("open facial spasm guide")
        yield f"tap {topic.id}", console.touch([topic.id]).result
    for state in STATES:
        for arguments in (["offer"], [{"not": "an id"}]):
            _into(console, state)
            yield f"tap {arguments} {state}", console.touch(arguments).result


def _into(console: Console, state: str) -> None:
    """A new session brought to one of STATES."""
    console.new_session()
    if state != "one-shot":
        console.turn("open facial spasm guide")
    if state == "after an answer":
        console.turn("what causes facial spasms")
    if state == "after a miss":
        console.turn("order me a pizza")
    if state == "in the doctor check":
        console.turn(DOCTOR_QUESTION)


def _request_key(meaning: Interpretation) -> str:
    """What the skill is sent for an utterance in a new session: its kind, intent and slots."""
    resolution = meaning.resolution
    if resolution is None:
        return meaning.kind
    return repr((meaning.kind, resolution.intent, sorted(resolution.slots.items())))


def _filled(console: Console, intent: str, sample: str) -> str:
    """The sample with each slot filled by the first word the guide has for its type."""
    for name, slot_type in console.resolver.slot_types(intent).items():
        sample = sample.replace("{" + name + "}", example_value(slot_type))
    return sample


def example_value(slot_type: str) -> str:
    """The first word the guide has for a slot type; for a description (a built-in search
    query), a calm answer to the doctor check, with nothing alarming in it."""
    if slot_type.startswith("AMAZON."):
        return next(a.words[0] for a in GUIDE.check.answers.values()
                    if not GUIDE.check.is_red_flag(a))
    _, words = GUIDE.slot_values(slot_type)[0]
    return words[0]
