"""The local web app: POST /alexa, the skill endpoint for Amazon's developer console (through a
tunnel), verified by default; and GET /, a browser console like the console's Test tab.

The endpoint is flask-ask-sdk's SkillAdapter, with this app's verifiers registered on it, around
the skill's own entry point (entry_skill.py): a verified request gets exactly what
lambda_handler would answer, the spoken apology for a request the SDK cannot read included.
Anything that is not JSON, too large, or not verified gets HTTP 400 with a short JSON error,
and the skill does not run.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from ask_sdk_core.skill import CustomSkill
from cryptography import x509
from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from .entry_skill import EntrySkill
from .sdk_import import ensure_importable
from .verification import (
    ApplicationIdVerifier,
    Fetch,
    VerificationException,
    alexa_verifiers,
    fetch_over_https,
    system_roots,
)

ensure_importable()
from flask_ask_sdk.skill_adapter import (  # noqa: E402 - needs the line above first
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)

LOG = logging.getLogger("facial_spasm_guide.web")
# Alexa's requests are a few kilobytes; anything far larger is not one.
MAX_BODY_BYTES = 128 * 1024
ALEXA_ROUTE = "/alexa"


def _default_skill() -> CustomSkill:
    from facial_spasm_guide.alexa.entry import SKILL

    return SKILL


def create_app(skill: CustomSkill | None = None, verify: bool = True,
               skill_id: str | None = None, fetch: Fetch = fetch_over_https,
               roots: Callable[[], Sequence[x509.Certificate]] = system_roots) -> Flask:
    skill = skill or _default_skill()
    skill_id = skill_id if skill_id is not None else os.environ.get("SKILL_ID") or None
    app = Flask(__name__)
    # The SDK's own signature verifier needs certvalidator (see sdk_import.py); ours replaces
    # it, and the SDK's TimestampVerifier is registered explicitly in alexa_verifiers.
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    app.config["ALEXA_VERIFICATION"] = verify
    verifiers = (alexa_verifiers(skill_id, fetch, roots) if verify
                 else [ApplicationIdVerifier(skill_id)])
    app.extensions["alexa_verifiers"] = verifiers  # what a test of a flood looks into
    app.logger.addFilter(_one_line_per_rejection)
    adapter = SkillAdapter(skill=EntrySkill(skill), skill_id=skill_id or "local", verifiers=verifiers,
                           app=app)

    @app.post(ALEXA_ROUTE)
    def alexa():
        problem = _unreadable()
        if problem:
            return _error(problem)
        return adapter.dispatch_request()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # flask-ask-sdk raises BadRequest for a failed verification; answer in JSON, briefly.
        return jsonify(error=error.description or error.name), error.code

    from .console_api import register_console

    register_console(app)
    return app


def _unreadable() -> str | None:
    """Why the body cannot be an Alexa request at all, checked before anything else reads it;
    what the SDK makes of it is the entry's to say, as on Lambda."""
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        return f"request body over {MAX_BODY_BYTES} bytes"
    body = request.get_data(cache=True)
    if len(body) > MAX_BODY_BYTES:
        return f"request body over {MAX_BODY_BYTES} bytes"
    try:
        parsed: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return "request body is not JSON"
    if not isinstance(parsed, dict):
        return "request body is not a JSON object"
    return None


def _one_line_per_rejection(record: logging.LogRecord) -> bool:
    """flask-ask-sdk logs each failed verification with its traceback; a flood of forged
    requests would fill the log with them. The rule that failed is all there is to say (its
    message never quotes the request)."""
    if record.exc_info and isinstance(record.exc_info[1], VerificationException):
        record.msg, record.args = "rejected a request: %s", (record.exc_info[1],)
        record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
    return True


def _error(message: str, status: int = 400):
    LOG.warning("rejected a request: %s", message)
    return jsonify(error=message), status
