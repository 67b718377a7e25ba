"""One conversation with the skill by text: what the CLI, the conversation tests and the web
page all use, so they always agree. Each turn comes back in the console's JSON contract."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facial_spasm_guide.ssml import to_text
from skill_console.device import envelopes
from skill_console.device.simulator import Simulator, TurnResult
from skill_console.nlu.interpret import interpret
from skill_console.nlu.resolver import Resolver
from skill_console.paths import LAMBDA_ENTRY, MODEL_OUTPUT_DIR

Handler = Callable[[dict, Any], dict]


class UnknownLocale(ValueError):
    pass


def available_locales() -> list[str]:
    return sorted(p.stem for p in MODEL_OUTPUT_DIR.glob("*.json"))


@functools.cache
def load_resolver(locale: str, model_dir: Path = MODEL_OUTPUT_DIR) -> Resolver:
    """The resolver for a locale's generated model, built once: it is read-only after that."""
    path = model_dir / f"{locale}.json"
    if not path.is_file():
        raise UnknownLocale(f"no interaction model for locale {locale!r}; "
                            f"available: {', '.join(available_locales()) or 'none'}")
    return Resolver.from_file(path)




def default_handler() -> Handler:
    """The deployed entry point itself: lambda/lambda_function.py's lambda_handler."""
    module = sys.modules.get("lambda_function")
    if module is None:
        spec = importlib.util.spec_from_file_location("lambda_function", LAMBDA_ENTRY)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["lambda_function"] = module
    return module.lambda_handler


@dataclass(frozen=True)
class Turn:
    utterance: str
    result: TurnResult
    intent: str | None
    slots: Mapping[str, Any]
    match: str
    considered: list[dict]

    def to_json(self) -> dict[str, Any]:
        """The console's JSON contract for one turn."""
        result = self.result
        card = result.card
        return {
            "utterance": self.utterance,
            "request_type": result.request["request"]["type"],
            "intent": self.intent,
            "slots": dict(self.slots),
            "match": self.match,
            "considered": self.considered,
            "ssml": result.ssml,
            "text": to_text(result.ssml) if result.ssml else None,
            "reprompt": to_text(result.reprompt_ssml) if result.reprompt_ssml else None,
            "card": {"title": card.get("title"), "text": card.get("content", card.get("text"))}
            if card else None,
            "screen": dict(result.screen) if result.screen is not None else None,
            "end_session": result.end_session,
            "session_attributes": dict(result.session_attributes),
        }


class Console:
    def __init__(self, locale: str = "en-US", handler: Handler | None = None,
                 resolver: Resolver | None = None, screen: bool = False) -> None:
        """screen: talk as a device with an APL screen (an Echo Show) instead of a speaker."""
        self.locale = locale
        self.resolver = resolver or load_resolver(locale)
        device = envelopes.screen_device() if screen else envelopes.Device()
        self.simulator = Simulator(handler or default_handler(), self.resolver, locale, device)

    @property
    def in_session(self) -> bool:
        return self.simulator.in_session

    def new_session(self) -> None:
        self.simulator.reset()

    def touch(self, arguments: Any, label: str | None = None) -> Turn:
        """A tap on the screen: the APL UserEvent a device sends, through the real
        lambda_handler. The turn's utterance says what was tapped, as a transcript would."""
        shown = label if label is not None else " ".join(str(a) for a in arguments) \
            if isinstance(arguments, list) else str(arguments)
        return Turn(f"(taps {shown})", self.simulator.touch(arguments), None, {}, "touch", [])

    def turn(self, utterance: str) -> Turn:
        meaning = interpret(utterance, self.resolver, self.in_session)
        if meaning.new_session:
            self.simulator.reset()
        if meaning.kind == "launch":
            return Turn(utterance, self.simulator.launch(), None, {}, "launch", [])
        if meaning.kind == "end":
            return Turn(utterance, self.simulator.end("USER_INITIATED"), None, {}, "builtin", [])
        resolution = meaning.resolution
        result = self.simulator.intent(resolution.intent, resolution.slots)
        slots = {name: {"value": fill.value if fill else None,
                        "id": fill.resolved_id if fill else None}
                 for name, fill in resolution.slots.items()}
        considered = [{"intent": c.intent, "sample": c.sample, "score": c.score}
                      for c in resolution.considered]
        return Turn(utterance, result, resolution.intent, slots, resolution.match, considered)
