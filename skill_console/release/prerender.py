"""`make package` renders at build time every reply that carries none of the user's words.

The replies are the ones the conversation search finds (conversation_search.py). Run by
python3.13 with only the built package ahead of this repository on sys.path, so the shipped
code and its precompiled templates render them; speech.py finds them by the same key at run
time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from facial_spasm_guide import speech, templating
from facial_spasm_guide.guide import GUIDE, Guide
from facial_spasm_guide.locales import LOCALES
from skill_console.conversation_search import distinct


def tables(guide: Guide = GUIDE) -> dict[tuple[str, str], dict[str, list]]:
    """(locale, template set) -> {rendering key: the rendered Speech as a list of its fields}."""
    found: dict[tuple[str, str], dict[str, list]] = {}
    replies = [each.reply for each in distinct(guide).values()]
    for locale, settings in LOCALES.items():
        for reply in replies:
            with_reprompt = not reply.end_session
            said = templating.render(reply.template, reply.context, settings, with_reprompt)
            key = speech.build_key(reply.template, reply.context, locale, with_reprompt)
            found.setdefault((locale, reply.template), {})[key] = list(said)
    return found


def write(folder: Path) -> int:
    """Writes <folder>/<locale>/<template>.json for every template set; returns how many
    renderings there are."""
    found = tables()
    for (locale, template), table in found.items():
        path = speech.prerendered_file(locale, template, folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                        encoding="utf-8")
    return sum(len(table) for table in found.values())


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
