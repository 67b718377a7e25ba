"""Logging that never carries user ids, device ids, session ids or what the user said.

Only the shape of a request is logged: its type, the intent name and the locale. A failure is
logged as its exception type and the code locations it passed through, never its message,
because a message can quote a slot value.
"""

from __future__ import annotations

import logging

LOG = logging.getLogger("facial_spasm_guide")
LOG.setLevel(logging.INFO)


# With the function's LogFormat JSON (template.yaml), Lambda writes each record's `extra` fields
# as JSON keys beside the message, for CloudWatch Logs Insights to query.
def log_request(request_type: str, intent: str | None, locale: object) -> None:
    fields = {"requestType": request_type, "intent": intent or "-",
              "locale": locale if isinstance(locale, str) and len(locale) <= 10 else "-"}
    LOG.info("request type=%s intent=%s locale=%s", *fields.values(), extra=fields)


def log_failure(what: str, error: BaseException) -> None:
    import traceback  # only a failure needs it; a cold start need not load it

    frames = traceback.extract_tb(error.__traceback__)
    where = " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}" for f in reversed(frames))
    fields = {"failure": what, "errorType": type(error).__name__, "where": where or "-"}
    LOG.error("%s: %s at %s", *fields.values(), extra=fields)
