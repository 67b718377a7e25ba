"""Answer length: words in every distinct reachable answer, per locale, from a screen device
(the same answers a speaker hears). Prints figures; asserts nothing (aim 35 to 50 words, limit 90;
the tests enforce the limit)."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "lambda")]

from facial_spasm_guide.locales import LOCALES  # noqa: E402
from skill_console.console import Console  # noqa: E402
from skill_console.reachable import reachable  # noqa: E402
from skill_console.ssml_rules import text_of, word_count  # noqa: E402


def main() -> None:
    for locale in LOCALES:
        answers: dict[str, str] = {}
        turns = 0
        for how, turn in reachable(lambda: Console(locale=locale, screen=True)):
            turns += 1
            if turn.ssml:
                answers.setdefault(turn.ssml, how)
        counts = {ssml: word_count(ssml) for ssml in answers}
        longest = max(counts, key=counts.get)
        print(f"{locale}: {turns} reachable turns, {len(answers)} distinct answers; words median "
              f"{statistics.median(counts.values()):.0f}, max {counts[longest]} "
              f"({answers[longest]}: {text_of(longest)[:60]}...)")


if __name__ == "__main__":
    main()
