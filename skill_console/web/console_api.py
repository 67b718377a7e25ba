"""The browser console's JSON API: the same Console the CLI uses, so page and CLI always agree.

POST /api/sessions {"locale": "en-GB", "screen": true}  -> {"id": ..., "locale": ..., "screen": ...}
POST /api/sessions/<id>/turns {"utterance": "..."}      -> the CLI's turn JSON, plus the request
                                                           and response envelopes
POST /api/sessions/<id>/touches {"arguments": [...], "label": "..."}
                                                        -> the same for a tap on the screen: an
                                                           Alexa.Presentation.APL.UserEvent with
                                                           the SendEvent arguments of the item
GET  /api/locales                                       -> {"locales": [...], "default": "en-US"}
"""

from __future__ import annotations

import json
import threading
import uuid
from collections import OrderedDict

from flask import Flask, abort, jsonify, make_response, request, send_from_directory

from skill_console.device.console import Console, UnknownLocale, available_locales

# Consoles kept in memory for open browser tabs; the oldest is forgotten past this many.
MAX_SESSIONS = 200
MAX_UTTERANCE_CHARS = 2000
# A tap sends what the screen's SendEvent would: a few short arguments.
MAX_TOUCH_JSON_CHARS = 2000


class ConsoleSessions:
    def __init__(self) -> None:
        self._consoles: OrderedDict[str, Console] = OrderedDict()
        self._lock = threading.Lock()

    def open(self, locale: str, screen: bool) -> tuple[str, Console]:
        console = Console(locale=locale, screen=screen)
        session_id = uuid.uuid4().hex
        with self._lock:
            self._consoles[session_id] = console
            while len(self._consoles) > MAX_SESSIONS:
                self._consoles.popitem(last=False)
        return session_id, console

    def get(self, session_id: str) -> Console | None:
        with self._lock:
            return self._consoles.get(session_id)


def register_console(app: Flask) -> None:  # noqa: C901 - its routes are nested functions
    sessions = ConsoleSessions()

    @app.get("/")
    def page():
        return send_from_directory(app.static_folder, "index.html")

    @app.get("/api/locales")
    def locales():
        return jsonify(locales=available_locales(), default="en-US")

    @app.post("/api/sessions")
    def open_session():
        body = request.get_json(silent=True) or {}
        locale = body.get("locale", "en-US")
        if not isinstance(locale, str):
            return jsonify(error="locale must be a string"), 400
        try:
            session_id, console = sessions.open(locale, bool(body.get("screen")))
        except UnknownLocale as error:
            return jsonify(error=str(error)), 400
        return jsonify(id=session_id, locale=console.locale, screen=bool(body.get("screen")))

    def opened(session_id: str) -> Console:
        console = sessions.get(session_id)
        if console is None:
            abort(make_response(jsonify(error="no such session: open a new one"), 404))
        return console

    @app.post("/api/sessions/<session_id>/turns")
    def turn(session_id: str):
        console = opened(session_id)
        body = request.get_json(silent=True) or {}
        utterance = body.get("utterance")
        if not isinstance(utterance, str) or len(utterance) > MAX_UTTERANCE_CHARS:
            return jsonify(error=f"utterance must be text of {MAX_UTTERANCE_CHARS} characters "
                                 f"or fewer"), 400
        return jsonify(_record(console.turn(utterance)))

    @app.post("/api/sessions/<session_id>/touches")
    def touch(session_id: str):
        console = opened(session_id)
        body = request.get_json(silent=True) or {}
        arguments, label = body.get("arguments"), body.get("label")
        if not isinstance(arguments, list) or len(json.dumps(arguments)) > MAX_TOUCH_JSON_CHARS:
            return jsonify(error="arguments must be a short JSON list"), 400
        if label is not None and (not isinstance(label, str) or len(label) > MAX_UTTERANCE_CHARS):
            return jsonify(error="label must be short text"), 400
        # Whatever the page sends goes to the skill as it is, as a device's tap would: the
        # skill, not this API, decides what a malformed one gets.
        return jsonify(_record(console.touch(arguments, label)))


def _record(said) -> dict:
    record = said.to_json()
    record["request_envelope"] = said.result.request
    record["response_envelope"] = said.result.response
    return record
