"""What a typed line means to Alexa before the model sees it: opening the skill, a one-shot
question ("ask facial spasm guide ..."), leaving it ("exit"), or speech inside a session."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skill_console.nlu.normalise import MARKUP, normalise
from skill_console.nlu.resolver import Resolution, Resolver

LAUNCH_VERBS = ("open", "launch", "start", "begin", "load", "talk to", "play", "run")
ONE_SHOT_VERBS = ("ask", "tell")
CONNECTING_WORDS = ("to", "about", "if", "whether", "for", "that")
EXIT_PHRASES = {"exit", "quit", "exit skill", "quit skill", "exit the skill", "quit the skill"}


def opening(resolver: Resolver) -> str:
    """What a user says to open the skill, with the invocation name the model has."""
    return f"{LAUNCH_VERBS[0]} {resolver.invocation_name}"


@dataclass(frozen=True)
class Interpretation:
    # "launch", "intent" or "end" (a SessionEndedRequest, as Alexa sends for "exit").
    kind: str
    # True when Alexa would start a new session for it (a launch or a one-shot question).
    new_session: bool
    resolution: Resolution | None = None


def interpret(text: str, resolver: Resolver, in_session: bool) -> Interpretation:
    words = _without_wake_word(normalise(text))
    if words in EXIT_PHRASES:
        return Interpretation("end", new_session=False)
    invocation = re.escape(normalise(resolver.invocation_name))
    launch = rf"(?:{'|'.join(LAUNCH_VERBS)}) (?:the )?{invocation}(?: skill)?"
    if re.fullmatch(launch, words):
        return Interpretation("launch", new_session=True)
    one_shot = re.fullmatch(rf"(?:{'|'.join(ONE_SHOT_VERBS)}) {invocation}(?: (?P<rest>.+))?", words)
    if one_shot:
        rest = one_shot.group("rest")
        if not rest:
            return Interpretation("launch", new_session=True)
        return Interpretation("intent", new_session=True, resolution=_one_shot(rest, resolver))
    # Outside a session the console takes plain speech as a question to this skill. Typed
    # markup goes to the resolver as typed, which takes it for what no one can say.
    heard = text if MARKUP.search(text) else words
    return Interpretation("intent", new_session=not in_session, resolution=resolver.resolve(heard))


def _one_shot(rest: str, resolver: Resolver) -> Resolution:
    """The question after the invocation name; a connecting word may or may not belong to it."""
    options = [resolver.resolve(rest)]
    connector, _, question = rest.partition(" ")
    if connector in CONNECTING_WORDS and question:
        options.insert(0, resolver.resolve(question))
    rank = {"exact": 3, "builtin": 2, "classifier": 1, "fallback": 0}
    return max(options, key=lambda r: (rank[r.match], r.score))


def _without_wake_word(words: str) -> str:
    return words[len("alexa "):] if words.startswith("alexa ") else words
