"""How well the skill follows conversation moves: "yep", "the second one", "what's that?",
"go back", "no, it came on slowly" ... said after an offer, a list, a term or a doctor-check
question (tests/phrasings/moves/*.yaml).

Each phrasing is said through the console, after the lines that set up its context, with the
real lambda_handler answering, and is judged on what the user would notice: the answer that
came next (read from the session the skill handed back), not on the intent's name. A doctor
check answer is judged against the plain "yes" or "no" it stands for, sent as Alexa would
send AMAZON.YesIntent or AMAZON.NoIntent in the same place.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facial_spasm_guide import walking
from facial_spasm_guide.conversation import POSITIONS
from facial_spasm_guide.conversation_state import State
from facial_spasm_guide.guide import GUIDE, Guide
from skill_console.device.console import Console, Turn, load_resolver
from skill_console.nlu.interpret import opening
from skill_console.phrasings.questions import PhrasingError, _table, read_items

OPEN = opening(load_resolver("en-US"))
# What is said before a move, by its `after` label. Two answers deep, so that "go back" has
# somewhere to go; the list and the term are answers that list topics and name terms.
CONTEXTS: Mapping[str, tuple[str, ...]] = {
    "an offer": (OPEN, "what are facial spasms", "what causes facial spasms"),
    "a list": (OPEN, "what are facial spasms", "what types of facial spasms are there"),
    "a term": (OPEN, "what are facial spasms", "how are facial spasms treated"),
    "a check question": (OPEN, "should i see a doctor"),
}
# The plain answers that bring the doctor check to each of its questions.
CHECK_PATHS: Mapping[str, tuple[str, ...]] = {
    "sudden": (), "red_flags": ("no",), "persistent": ("no", "no"),
}
CHECK_MOVES = {"check_no": "AMAZON.NoIntent", "check_yes_calm": "AMAZON.YesIntent"}


@dataclass(frozen=True)
class Move:
    say: str
    locale: str
    move: str
    after: str
    position: str | None = None
    question: str | None = None


def is_moves_file(path: Path) -> bool:
    try:
        items = read_items(path)
    except PhrasingError:
        return False
    return bool(items) and isinstance(items[0], dict) and "move" in items[0]


def load(path: Path) -> list[Move]:
    items = read_items(path, "moves")
    found = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str)
                                                 for key in ("say", "locale", "move", "after")) \
                or item["after"] not in CONTEXTS or item["move"] not in JUDGES:
            raise PhrasingError(f"{path}: item {number} needs say, locale, a known move and "
                                f"a known after ({', '.join(CONTEXTS)})")
        if item["move"] == "choose_item" and item.get("position") not in POSITIONS:
            raise PhrasingError(f"{path}: item {number} needs a position ({', '.join(POSITIONS)})")
        if item["move"] in CHECK_MOVES and item.get("question", "sudden") not in CHECK_PATHS:
            raise PhrasingError(f"{path}: item {number} names an unknown question")
        found.append(Move(item["say"], item["locale"], item["move"], item["after"],
                          item.get("position"), item.get("question")))
    return found


@dataclass(frozen=True)
class Seen:
    """One answer as the user met it: what was said and the session it left."""
    state: State
    text: str
    title: str | None
    ended: bool

    @classmethod
    def of(cls, turn: Turn, guide: Guide) -> Seen:
        result = turn.result
        return cls(State.from_attributes(result.session_attributes, guide),
                   turn.to_json()["text"] or "", (result.card or {}).get("title"),
                   result.end_session)


@dataclass(frozen=True)
class Situation:
    """What the user heard before the move (`earlier` is the answer before that)."""
    before: Seen
    earlier: Seen
    move: Move
    guide: Guide
    plain: Seen | None = None  # a doctor check: the plain yes or no in the same place


def _at(state: State) -> tuple[str | None, int]:
    return state.topic, state.part


def _not_missed(after: Seen) -> bool:
    # Every miss counts in the session, the one that ends it too.
    return after.state.misses == 0


def _takes_offer(s: Situation, after: Seen) -> bool:
    offer = s.before.state.offer
    return offer is not None and _at(after.state) == (offer.topic, offer.part)


def _declines(s: Situation, after: Seen) -> bool:
    return after.state.declined and not after.ended


def _ends(s: Situation, after: Seen) -> bool:
    return after.ended and _not_missed(after)


def _thanks(s: Situation, after: Seen) -> bool:
    return _not_missed(after) and not _takes_offer(s, after)


def _explains(s: Situation, after: Seen) -> bool:
    named = walking.named_in(s.guide, *_at(s.before.state)) if s.before.state.topic else ()
    return after.state.topic in named and _not_missed(after)


def _chooses(s: Situation, after: Seen) -> bool:
    listed = s.before.state.listed
    index = POSITIONS[s.move.position or ""]
    return bool(listed) and index < len(listed) and after.state.topic == listed[index]


def _lists_others(s: Situation, after: Seen) -> bool:
    return bool(after.state.listed) and _not_missed(after) and after.text != s.before.text \
        and after.state.topic == s.before.state.topic


def _goes_back(s: Situation, after: Seen) -> bool:
    return _at(after.state) == _at(s.earlier.state) and after.state.topic is not None


def _repeats(s: Situation, after: Seen) -> bool:
    first = s.before.text.split(". ")[0]
    return first in after.text and _not_missed(after) \
        and _at(after.state) == _at(s.before.state)


def _simplifies(s: Situation, after: Seen) -> bool:
    return _not_missed(after) and after.text != s.before.text \
        and _at(after.state) == _at(s.before.state) and after.state.asking is None \
        and (after.title or "").startswith(s.before.title or "\0")


def _check_answer(s: Situation, after: Seen) -> bool:
    plain = s.plain
    return plain is not None and (after.title, after.state.asking, after.ended) \
        == (plain.title, plain.state.asking, plain.ended)


def _unsure(s: Situation, after: Seen) -> bool:
    # Taken as an answer: the check goes on (the next question or its advice), not asked again.
    asked = s.before.state.asking
    return _not_missed(after) and after.state.asking != asked and not after.ended \
        and s.before.title is not None


JUDGES: Mapping[str, Callable[[Situation, Seen], bool]] = {
    "yes": _takes_offer,
    "no": _declines,
    "done": _ends,
    "thanks": _thanks,
    "what_is_that": _explains,
    "choose_item": _chooses,
    "what_else": _lists_others,
    "go_back": _goes_back,
    "repeat": _repeats,
    "simpler": _simplifies,
    "unsure": _unsure,
    "check_no": _check_answer,
    "check_yes_calm": _check_answer,
}


@dataclass
class MoveReport:
    moves: Counter = field(default_factory=Counter)  # (move, after, right?) counts
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        total = sum(self.moves.values())
        return {"moves": sum(n for key, n in self.moves.items() if key[-1]) / total} \
            if total else {}

    def to_json(self) -> dict[str, Any]:
        return {"rates": self.rates(), "moves": _table(self.moves, depth=2),
                "misses": self.misses}

    def to_text(self) -> str:
        lines = [f"{name:>13}: {rate:6.1%}" for name, rate in self.rates().items()]
        if self.moves:
            lines.append("\nmoves followed, per move and what came before:")
            for label, (right, total) in sorted(_table(self.moves, depth=2).items()):
                lines.append(f"  {label:<34} {right:>4}/{total:<4} {right / total:6.1%}")
        if self.misses:
            lines.append(f"\nmisses ({len(self.misses)}):")
            lines += ["  " + json.dumps(miss, ensure_ascii=False) for miss in self.misses]
        return "\n".join(lines)


class MoveEvaluator:
    def __init__(self, guide: Guide = GUIDE) -> None:
        self.guide = guide
        self._consoles: dict[str, Console] = {}

    def _set_up(self, move: Move) -> tuple[Console, Seen, Seen]:
        console = self._consoles.setdefault(move.locale, Console(locale=move.locale))
        console.new_session()
        lines = CONTEXTS[move.after]
        if move.after == "a check question":
            lines = (*lines, *CHECK_PATHS[move.question or "sudden"])
        seen = [Seen.of(console.turn(line), self.guide) for line in lines]
        return console, seen[-1], seen[-2]

    def judge(self, move: Move) -> tuple[bool, Seen, Turn]:
        plain = None
        if move.move in CHECK_MOVES:
            console, _, _ = self._set_up(move)
            plain = Seen.of(_intent_turn(console, CHECK_MOVES[move.move]), self.guide)
        console, before, earlier = self._set_up(move)
        turn = console.turn(move.say)
        after = Seen.of(turn, self.guide)
        situation = Situation(before, earlier, move, self.guide, plain)
        return JUDGES[move.move](situation, after), after, turn

    def run(self, moves: Iterable[Move]) -> MoveReport:
        report = MoveReport()
        for move in moves:
            right, after, turn = self.judge(move)
            report.moves[(move.move, move.after, right)] += 1
            if not right:
                report.misses.append({"say": move.say, "locale": move.locale,
                                      "move": move.move, "after": move.after,
                                      "intent": turn.intent, "slots": turn.slots,
                                      "heard": after.text[:100]})
        return report


def _intent_turn(console: Console, intent: str) -> Turn:
    return Turn(intent, console.simulator.intent(intent, {}), intent, {}, "plain", [])


def evaluate(paths: Iterable[Path], guide: Guide = GUIDE) -> MoveReport:
    moves = [m for path in paths for m in load(path)]
    return MoveEvaluator(guide).run(moves)
