"""The pattern grammar of interaction_model/model.yaml's samples: one pattern, many samples.

  (a|b|)     one of the alternatives; an empty one makes the group optional
  <words>    one of the phrases listed under words: (a phrase may itself hold groups)
  {slot}     a slot of the intent, kept as it is
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping

from .rules import ModelError


def expand(pattern: str, words: Mapping[str, list[str]]) -> list[str]:
    """Every sample a pattern stands for, spaces tidied, in a stable order."""
    text = _substitute_words(pattern, words, seen=())
    results = []
    for option in _expand_groups(text, pattern):
        sample = " ".join(option.split())
        if sample and sample not in results:
            results.append(sample)
    return results


def _substitute_words(text: str, words: Mapping[str, list[str]], seen: tuple[str, ...]) -> str:
    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key in seen:
            raise ModelError(f"word list <{key}> refers to itself")
        if key not in words:
            raise ModelError(f"unknown word list <{key}> in {text!r}")
        phrases = [_substitute_words(p, words, (*seen, key)) for p in words[key]]
        return "(" + "|".join(phrases) + ")"

    return re.sub(r"<(\w+)>", replace, text)


def _expand_groups(text: str, pattern: str) -> Iterable[str]:
    parts, position = _parse_sequence(text, 0, pattern)
    if position != len(text):
        raise ModelError(f"unbalanced ')' in pattern {pattern!r}")
    return ("".join(choice) for choice in itertools.product(*parts))


def _parse_sequence(text: str, position: int, pattern: str) -> tuple[list[list[str]], int]:
    """Parse until ')' or '|' at this level: a list of choices, one list per piece."""
    parts: list[list[str]] = []
    literal = ""
    while position < len(text):
        char = text[position]
        if char == "(":
            if literal:
                parts.append([literal])
                literal = ""
            options, position = _parse_group(text, position + 1, pattern)
            parts.append(options)
        elif char in ")|":
            break
        else:
            literal += char
            position += 1
    if literal:
        parts.append([literal])
    return parts, position


def _parse_group(text: str, position: int, pattern: str) -> tuple[list[str], int]:
    options: list[str] = []
    while True:
        parts, position = _parse_sequence(text, position, pattern)
        options.extend("".join(choice) for choice in itertools.product(*parts))
        if position >= len(text):
            raise ModelError(f"unclosed '(' in pattern {pattern!r}")
        if text[position] == ")":
            return options, position + 1
        position += 1  # past '|'


