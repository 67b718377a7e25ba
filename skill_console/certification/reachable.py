"""Every response a user can reach, through the real skill: each sample utterance and each
slot word as the model resolves them, and each reply the conversation search finds (taps on a
screen among them), replayed from a new session by the turns that lead to it. Used to check
them all at once."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from facial_spasm_guide.conversation import SLOT_TYPES, TOPIC_INTENTS, TOUCH_REQUEST, TOUCH_SLOT
from facial_spasm_guide.conversation_state import Turn
from facial_spasm_guide.doctor_check import CHECK_INTENT, CHECK_SLOT
from facial_spasm_guide.guide import GUIDE, SYMPTOM_SLOT_TYPE
from skill_console.conversation_search import distinct
from skill_console.device.console import Console
from skill_console.device.simulator import TurnResult
from skill_console.nlu.interpret import Interpretation, interpret, opening
from skill_console.nlu.resolver import SlotFill

# Slot type -> (the intent whose slot takes it, that slot's name).
DOCTOR_INTENT = next(intent for intent, (topic, _) in TOPIC_INTENTS.items() if topic == GUIDE.check.topic)
SLOT_HOMES = {SLOT_TYPES[slot]: (intent, slot) for intent, (_, slot) in TOPIC_INTENTS.items() if slot}


def reachable(new_console: Callable[[], Console]) -> Iterator[tuple[str, TurnResult]]:
    """(what led there, the turn) for every distinct way into the skill."""
    console = new_console()
    yield from _samples(console)
    yield from _slot_words(console)
    for found in distinct().values():
        yield _label(found.path), _replay(console, found.path)


def _samples(console: Console) -> Iterator[tuple[str, TurnResult]]:
    """The launch, and each sample utterance with its slots filled, as a one-shot."""
    yield "launch", console.turn(opening(console.resolver)).result
    # Tens of thousands of samples come down to a few hundred requests: each is sent once.
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


def _slot_words(console: Console) -> Iterator[tuple[str, TurnResult]]:
    """Each word the guide has for a topic or a doctor-check answer, as entity resolution
    fills its slot."""
    for topic in GUIDE.topics.values():
        if not topic.slot_type:
            continue
        intent, slot = SLOT_HOMES[topic.slot_type]
        for word in topic.words:
            console.new_session()
            fill = console.resolver.fill(topic.slot_type, word)
            yield f"{topic.id}: {word}", console.simulator.intent(intent, {slot: fill})
    for answer in GUIDE.check.answers.values():
        for word in answer.words:
            console.new_session()
            console.simulator.intent(DOCTOR_INTENT)
            fill = console.resolver.fill(SYMPTOM_SLOT_TYPE, word)
            yield (f"check answer {word!r}", console.simulator.intent(CHECK_INTENT, {CHECK_SLOT: fill}))


def _replay(console: Console, path: tuple[Turn, ...]) -> TurnResult:
    """The turns said in a new session, as envelopes through the skill; the last one's result."""
    console.new_session()
    result = None
    for turn in path:
        result = _send(console, turn)
    assert result is not None, "a path has at least one turn"
    return result


def _send(console: Console, turn: Turn) -> TurnResult:
    simulator = console.simulator
    if turn.request_type == "LaunchRequest":
        return simulator.launch()
    if turn.request_type == "SessionEndedRequest":
        return simulator.end()
    if turn.request_type == TOUCH_REQUEST:
        touched = turn.slots[TOUCH_SLOT].resolved_id
        # What a device sends for a tap, or arguments the skill cannot read.
        return simulator.touch([touched] if touched else [{"not": "an id"}])
    if turn.request_type != "IntentRequest" or turn.intent not in console.resolver.intents:
        # Requests no model sends (an unknown type or intent): the robustness tests send them.
        return simulator.intent("AMAZON.FallbackIntent")
    # A value the search names by its id is one entity resolution matched.
    slots = {name: SlotFill(slot.value or "", SLOT_TYPES[name], "ER_SUCCESS_MATCH", slot.resolved_id,
                            slot.value) if slot.resolved_id
             else console.resolver.fill(SLOT_TYPES[name], slot.value or "")
             for name, slot in turn.slots.items()}
    return simulator.intent(turn.intent, slots)


def _label(path: tuple[Turn, ...]) -> str:
    return " > ".join(_named(turn) for turn in path)


def _named(turn: Turn) -> str:
    name = turn.intent or turn.request_type
    if not turn.slots:
        return name
    return f"{name}({', '.join(f'{k}={v.value or v.resolved_id}' for k, v in turn.slots.items())})"


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
