"""The APL answer screen for devices that have one: one document, filled per answer."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ..speech import Speech

DOCUMENT_FILE = Path(__file__).parent / "apl" / "answer.json"
# Names this skill's document on the device, for any later APL commands.
TOKEN = "facialSpasmGuideAnswer"


def render_directive(said: Speech):
    # Importing the SDK's APL models takes about 27 ms (every APL command is a module): only a
    # screen device pays it, on its first answer, not every cold start on a speaker.
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    return RenderDocumentDirective(token=TOKEN, document=document(),
                                   datasources={"answer": _as_apl_text(said.screen())})


@cache
def document() -> dict:
    """The APL document, read when a screen first needs it."""
    return json.loads(DOCUMENT_FILE.read_text(encoding="utf-8"))


def _as_apl_text(value: Any) -> Any:
    """APL Text reads a little markup (<b>, <br>, entities): a heard word is shown, never obeyed."""
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(value, list):
        return [_as_apl_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_apl_text(v) for k, v in value.items()}
    return value
