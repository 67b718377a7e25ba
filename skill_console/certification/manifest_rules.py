"""Amazon's rules for invocation names and example phrases, checked offline.

Wrong example phrases are the most common reason skills fail certification.
"""

from __future__ import annotations

import re

from skill_console.nlu.interpret import CONNECTING_WORDS
from skill_console.nlu.resolver import Resolver

LAUNCH_WORDS = {"ask", "tell", "open", "launch", "load", "begin", "enable", "start", "play", "run"}
WAKE_WORDS = {"alexa", "amazon", "echo", "computer", "ziggy"}
MAX_EXAMPLE_PHRASES = 3


def invocation_name_problems(name: str) -> list[str]:
    problems = []
    words = name.split()
    if len(words) < 2:
        problems.append("an invocation name needs two or more words")
    if re.search(r"\d", name):
        problems.append("numbers must be spelled out, not digits")
    if not re.fullmatch(r"[a-z' .]+", name):
        problems.append("only lower-case letters, spaces, apostrophes and periods are allowed")
    for word in words:
        if "." in word and not re.fullmatch(r"(?:[a-z]\.)+", word):
            problems.append(f"{word!r}: periods only in spelled abbreviations such as 'a.b.c.'")
        if "'" in word and not word.endswith("'s"):
            problems.append(f"{word!r}: apostrophes only for possessives")
    banned = [w for w in words if w in LAUNCH_WORDS | WAKE_WORDS]
    if banned:
        problems.append(f"launch or wake words are not allowed: {banned}")
    return problems


def example_phrase_problems(phrases: list[str], resolver: Resolver) -> list[str]:
    """Each phrase must be spoken as written and its utterance part must be a sample."""
    invocation = resolver.invocation_name
    problems = []
    if not phrases:
        problems.append("at least one example phrase is needed")
    if len(phrases) > MAX_EXAMPLE_PHRASES:
        problems.append(f"{len(phrases)} example phrases; at most {MAX_EXAMPLE_PHRASES}")
    if phrases and phrases[0] != f"Alexa, open {invocation}":
        problems.append(f"the first example phrase must be 'Alexa, open {invocation}'")
    for phrase in phrases[1:]:
        problems += _one_shot_problems(phrase, invocation, resolver)
    return problems


def _one_shot_problems(phrase: str, invocation: str, resolver: Resolver) -> list[str]:
    prefix = f"Alexa, ask {invocation} "
    if not phrase.startswith(prefix):
        return [f"{phrase!r} must start with {prefix!r}"]
    rest = phrase[len(prefix):]
    connector, _, utterance = rest.partition(" ")
    if connector not in CONNECTING_WORDS:
        return [f"{phrase!r}: after the invocation name comes one of {CONNECTING_WORDS}"]
    if re.search(r"[^a-z' ]", utterance.lower()):
        return [f"{phrase!r}: no punctuation or digits in the utterance part"]
    resolution = resolver.resolve(utterance)
    if resolution.match != "exact":
        return [f"{phrase!r}: {utterance!r} is not a sample utterance of a custom intent"]
    return []
