"""Makes flask-ask-sdk importable where oscrypto cannot load: explicit, small, tested.

flask-ask-sdk imports ask-sdk-webservice-support's verifier module, which imports certvalidator
at its top, which imports oscrypto 1.3.0, whose libcrypto version check cannot parse OpenSSL
3.0.10 or later ("3.0.19" here; wbond/oscrypto issue 78, fixed only in unreleased code). This app
never uses that module's certvalidator-based RequestVerifier: it registers its own, built on
cryptography's X.509 path validation (verification.py). So when certvalidator cannot be
imported, and only then, a stand-in module takes its name; its validator refuses to run, so
nothing can silently rely on it.
"""

from __future__ import annotations

import sys
import types

STAND_IN_NOTE = ("certvalidator could not be imported here (oscrypto cannot read this OpenSSL "
                 "version); this app verifies requests with skill_console.web.verification")


class _UnusableCertificateValidator:
    def __init__(self, *args, **kwargs) -> None:
        raise RuntimeError(STAND_IN_NOTE)


def _stand_in(reason: BaseException) -> tuple[types.ModuleType, types.ModuleType]:
    errors = types.ModuleType("certvalidator.errors")
    errors.ValidationError = type("ValidationError", (Exception,), {})
    errors.PathError = type("PathError", (Exception,), {})
    package = types.ModuleType("certvalidator")
    package.CertificateValidator = _UnusableCertificateValidator
    package.errors = errors
    package.__doc__ = f"Stand-in: {STAND_IN_NOTE}. Import failed with {type(reason).__name__}."
    package.STAND_IN = True
    return package, errors


def ensure_importable() -> bool:
    """Import certvalidator, or register the stand-in; True when the stand-in is in use."""
    if getattr(sys.modules.get("certvalidator"), "STAND_IN", False):
        return True
    try:
        import certvalidator  # noqa: F401 - importing it is the test
        return False
    except Exception as error:  # noqa: BLE001 - oscrypto raises its own LibraryNotFoundError
        package, errors = _stand_in(error)
        sys.modules["certvalidator"] = package
        sys.modules["certvalidator.errors"] = errors
        return True
