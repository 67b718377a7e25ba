"""The "should I see a doctor?" check: the guide's own advice, asked one question at a time,
red flags first. Plain Python, no SDK.

A red flag ("my speech is slurred", "it came on suddenly") gets the urgent advice at once,
wherever it is said: as an answer, in the middle of another topic, or inside another
question's slot. The check never diagnoses; it says which of the guide's rules applies.
"""

from __future__ import annotations

from typing import Mapping

from .conversation_state import Offer, Reply, Slot, State
from .guide import CheckAnswer, CheckOutcome, CheckStep, Guide, RedFlag
from .lexicon import is_description
from .red_flag_reader import reader

# The custom intent that carries an answer in the user's own words, and its slot.
CHECK_INTENT = "SymptomIntent"
CHECK_SLOT = "symptom"
# The emergency a request for help now is, and what the second net's finds get: the local
# number at once, naming nothing.
EMERGENCY_FLAG = "call_for_help"


def start(state: State, guide: Guide) -> Reply:
    return _ask(guide.check.steps[0], state, guide, reason="first")


def answer_in(slot: Slot, guide: Guide) -> CheckAnswer | None:
    """The check answer a slot holds: by entity resolution's id, or by the words heard."""
    answer = guide.check.answers.get(slot.resolved_id or "")
    if answer is None and slot.value:
        answer = guide.find_answer(slot.value)
    return answer


def red_flag_in(slots: Mapping[str, Slot], guide: Guide) -> RedFlag | None:
    """A red flag said anywhere in the request, in any slot of any intent, in any words:
    the id entity resolution gave, or the heard words read one by one. Words entity
    resolution matched are one of the guide's own listed values, whose red flag (or none)
    is their id (tests/test_lexicon.py checks every listed value)."""
    for slot in slots.values():
        if slot.resolved_id:
            flag = guide.red_flags.get(slot.resolved_id)
        else:
            flag = guide.red_flag_in(slot.value)
        if flag is not None:
            return flag
    for slot in slots.values():
        if not slot.resolved_id and _reads_as_an_emergency(slot.value, guide):
            return guide.red_flags[EMERGENCY_FLAG]
    return None


def _reads_as_an_emergency(heard: str | None, guide: Guide) -> bool:
    """The second net (red_flag_reader.py), for a long description the word lists found
    nothing in: not for words that deny red flags or say the spasms are calm ("no, it came
    on over weeks and it's easing"), nor for a complaint about somewhere else."""
    if not is_description(heard):
        return False
    answer = guide.find_answer(heard)
    if answer is not None and answer.means == "no":
        return False
    return reader().says_emergency(heard) and not guide.about_elsewhere(heard)


def urgent_advice(flag: RedFlag, state: State, guide: Guide) -> Reply:
    """What a red flag gets before anything else: the guide's urgent advice for the signs it
    names, and for any other emergency, the local emergency number and nothing more."""
    if flag.is_emergency:
        return Reply("emergency", {}, state._replace(offer=None, asking=None, misses=0),
                     end_session=True)
    return advise(guide.check.outcome_of(flag.answer), state, guide)


def answer_yes(state: State, guide: Guide) -> Reply:
    step = guide.check.step(state.asking)
    return advise(guide.check.outcomes[step.if_yes], state, guide)


def answer_no(state: State, guide: Guide) -> Reply:
    following = guide.check.next_step(state.asking)
    if following is None:
        return advise(guide.check.outcomes[guide.check.otherwise], state, guide)
    return _ask(following, state, guide, reason="next")


def answer_in_words(answer: CheckAnswer | None, state: State, guide: Guide) -> Reply:
    """What the user said about their symptoms, in their own words, during the check or,
    when the words are among the check's answers, at any other point."""
    check = guide.check
    if answer is not None and check.is_red_flag(answer):
        return advise(check.outcome_of(answer), state, guide)
    if state.asking is None:
        first, *rest = check.steps
        if answer is not None and answer.means == "no" and answer.step == first.id and rest:
            # "It came on gradually" already answers the first question.
            return _ask(rest[0], state, guide, reason="next")
        # Anything else said about symptoms starts the check: red flags must come first.
        return start(state, guide)
    if answer is None:
        return reask(state, guide, reason="unclear")
    if answer.step == state.asking:
        return answer_yes(state, guide) if answer.means == "yes" else answer_no(state, guide)
    return reask(state, guide, reason="noted")


def reask(state: State, guide: Guide, reason: str) -> Reply:
    """The waiting question again, with a word on why: not caught, help, or another answer."""
    return _ask(guide.check.step(state.asking), state, guide, reason=reason)


def advise(outcome: CheckOutcome, state: State, guide: Guide) -> Reply:
    offer = guide.topic(outcome.offer)
    context = {"outcome": outcome, "offer": offer, "offer_is_more": False,
               "topic": guide.topic(guide.check.topic)}
    new_state = state._replace(topic=guide.check.topic, part=0, offer=Offer(offer.id),
                        asking=None, misses=0)
    return Reply("check_outcome", context, new_state)


def _ask(step: CheckStep, state: State, guide: Guide, reason: str) -> Reply:
    steps = guide.check.steps
    context = {"step": step, "number": steps.index(step) + 1, "count": len(steps),
               "reason": reason, "topic": guide.topic(guide.check.topic)}
    new_state = state._replace(topic=guide.check.topic, part=0, offer=None, asking=step.id,
                        misses=state.misses + 1 if reason == "unclear" else 0)
    return Reply("check_question", context, new_state)
