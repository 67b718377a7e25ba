"""`skill-console serve` (`make run`): the local web server, on 127.0.0.1:3000 by default."""

from __future__ import annotations

import os
import sys

from werkzeug.serving import run_simple

from .app import ALEXA_ROUTE, create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000

VERIFICATION_OFF_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  REQUEST VERIFICATION IS OFF (--no-verify).                              !!
!!  Anyone who can reach this port can drive the skill as if they were     !!
!!  Alexa. Use this only for local experiments; never behind a tunnel.      !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"""


def banner(host: str, port: int, verify: bool, skill_id: str | None) -> str:
    base = f"http://{host}:{port}"
    checks = ("ON: signature, certificate chain, timestamp"
              + (", applicationId = SKILL_ID" if skill_id else " (set SKILL_ID to check the skill id too)")
              if verify else "OFF")
    return (f"Facial Spasm Guide, local server\n"
            f"  browser console:  {base}/\n"
            f"  Alexa endpoint:   POST {base}{ALEXA_ROUTE}   request verification {checks}\n"
            f"  stop with Ctrl-C")


def serve(host: str, port: int, verify: bool) -> int:
    skill_id = os.environ.get("SKILL_ID") or None
    app = create_app(verify=verify, skill_id=skill_id)
    if not verify:
        print(VERIFICATION_OFF_WARNING, file=sys.stderr, flush=True)
    print(banner(host, port, verify, skill_id), flush=True)
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
    return 0
