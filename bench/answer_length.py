"""Answer length: words in every distinct reachable answer, per locale, from a screen device
(the same answers a speaker hears). Prints figures; asserts nothing (aim 35 to 50 words, limit 90;
the tests enforce the limit)."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "lambda")]

from facial_spasm_guide.locales import LOCALES
from facial_spasm_guide.ssml import to_text
from skill_console.certification.reachable import reachable
from skill_console.certification.ssml_rules import word_count
from skill_console.device.console import Console


def main() -> None:
    for locale in LOCALES:
        answers: dict[str, str] = {}
        turns = 0
        for how, turn in reachable(lambda locale=locale: Console(locale=locale, screen=True)):
            turns += 1
            if turn.ssml:
                answers.setdefault(turn.ssml, how)
        counts = {ssml: word_count(ssml) for ssml in answers}
        longest = max(counts, key=counts.get)
        print(f"{locale}: {turns} reachable turns, {len(answers)} distinct answers; words median "
              f"{statistics.median(counts.values()):.0f}, max {counts[longest]} "
              f"({answers[longest]}: {to_text(longest)[:60]}...)")


if __name__ == "__main__":
    main()
